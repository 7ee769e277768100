package rules

// All returns every rule, sorted by ID. The list is explicit, with no init()
// registration: a test checks that every *Rule declared in this package is
// listed here.
func All() []*Rule {
	return []*Rule{
		StageNameCasing,
		FromAsCasing,
		InstructionCasing,
		EmptyContinuation,
		MaintainerDeprecated,
		LegacyKeyValue,
		DefinitionDescription,
		InstructionBeforeFrom,
		OnbuildTriggerInvalid,
		InlineIgnorePragma,
		DuplicateStageName,
		ReservedStageName,
		CopyFromUnknownStage,
		CopyFromOwnStage,
		InstructionOverridden,
		CopyStageRoot,
		UndefinedArgInFrom,
		InvalidDefaultArgInFrom,
		RedundantTargetPlatform,
		FromPlatformConstant,
		UndefinedVar,
		EnvSelfReference,
		WorkdirRelative,
		CopyIgnoredFile,
		CopyMultiSourceDest,
		CopyRelativeDest,
		ExposeProtoCasing,
		ExposeHostMapping,
		LabelKeyInvalid,
		LabelMissing,
		LabelNotInSchema,
		LabelValueInvalid,
		CopiedArchiveExtracted,
		UnusedSuppression,
		BaseImageUnpinned,
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
		RunPointlessCommand,
		UseraddLargeUID,
		WgetProgress,
		RunConsecutive,
		BinShRelinked,
		PipeWithoutPipefail,
		ShellCheck,
		RunsAsRoot,
		SudoInRun,
		WorldWritable,
		SetuidBit,
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
		RemoteAdminPort,
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
