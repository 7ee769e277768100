package rules

// All returns every rule, sorted by ID. The list is explicit, with no init()
// registration: a test checks that every *Rule declared in this package is
// listed here.
func All() []*Rule {
	return []*Rule{
		StageNameNotLowercase,
		FromAsCasingMismatch,
		InstructionCasingInconsistent,
		EmptyContinuationLine,
		MaintainerDeprecated,
		LegacyKeyValueFormat,
		DefinitionDescriptionInvalid,
		InstructionBeforeFrom,
		OnbuildTriggerInvalid,
		InlineIgnorePragma,
		StageNameDuplicate,
		StageNameReserved,
		CopyFromUnknownStage,
		CopyFromOwnStage,
		InstructionOverridden,
		CopyStageRoot,
		FromArgUndefined,
		FromArgDefaultInvalid,
		FromPlatformRedundant,
		FromPlatformConstant,
		VariableUndefined,
		EnvSameInstructionReference,
		WorkdirRelative,
		CopyIgnoredFile,
		CopyMultiSourceDestNotDir,
		CopyRelativeDestWithoutWorkdir,
		ExposeProtocolCasing,
		ExposeHostMapping,
		LabelKeyInvalid,
		LabelMissing,
		LabelNotInSchema,
		LabelValueInvalid,
		CopiedArchiveExtracted,
		UnusedSuppression,
		BaseImageLatest,
		AddInsteadOfCopy,
		RemoteDownloadUnverified,
		RemoteScriptPipedToShell,
		UntrustedRegistry,
		BaseImageDigestMissing,
		PackageUpdateAlone,
		PackageUpgrade,
		PackageVersionUnpinned,
		PackageCacheLeft,
		PackageInstallInteractive,
		AptInstallRecommends,
		AptCLIInScript,
		CurlAndWget,
		TLSVerificationDisabled,
		PackageSignatureDisabled,
		AccountPasswordSet,
		RunCd,
		RunVMCommand,
		UseraddLargeUIDLastlog,
		WgetProgressBar,
		RunConsecutive,
		BinShRelinked,
		PipeWithoutPipefail,
		ShellCheck,
		RunsAsRoot,
		SudoInRun,
		WorldWritablePermissions,
		SetuidSetgidFile,
		DockerSocketVolume,
		SystemDirectoryMount,
		DuplicateAccountID,
		UserNotNumeric,
		SecretInArgEnv,
		SecretInRun,
		CredentialFileInImage,
		BuildContextUnfiltered,
		ShellFormCommand,
		BindsAllInterfaces,
		HealthcheckMissing,
		RemoteAdminPortExposed,
		ExposePortOutOfRange,
	}
}

// Lookup returns the rules a key names: an ID, a name or a peer alias
// (several rules may share an alias when a peer's rule spans concepts).
func Lookup(key string) []*Rule {
	var out []*Rule
	for _, r := range All() {
		if r.Matches(key) {
			out = append(out, r)
		}
	}
	return out
}
