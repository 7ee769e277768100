// The rules that mirror BuildKit's `docker build --check` checks, and the
// warnings BuildKit's parser raises for them.

package rules

import (
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// BuildKitRules are the names of the 22 checks of `docker build --check`
// (BuildKit v0.34.2, frontend/dockerfile/linter/ruleset.go). A rule whose
// aliases include one of them mirrors that check: BuildKit's `# check=skip=all`
// silences it, and its findings match BuildKit's lines and messages.
var BuildKitRules = []string{
	"StageNameCasing", "FromAsCasing", "NoEmptyContinuation",
	"ConsistentInstructionCasing", "DuplicateStageName", "ReservedStageName",
	"JSONArgsRecommended", "MaintainerDeprecated", "UndefinedArgInFrom",
	"WorkdirRelativePath", "UndefinedVar", "MultipleInstructionsDisallowed",
	"LegacyKeyValueFormat", "InvalidBaseImagePlatform", "RedundantTargetPlatform",
	"SecretsUsedInArgOrEnv", "InvalidDefaultArgInFrom",
	"FromPlatformFlagConstDisallowed", "CopyIgnoredFile",
	"InvalidDefinitionDescription", "ExposeProtoCasing", "ExposeInvalidFormat",
}

// BuildKitName returns the BuildKit check r mirrors, or "".
func BuildKitName(r *Rule) string {
	for _, a := range r.Aliases {
		if slices.Contains(BuildKitRules, a) {
			return a
		}
	}
	return ""
}

// reportBuildKitWarnings surfaces the warnings BuildKit's own parser raised
// for one of its checks (the model collects them while parsing), so those
// checks keep BuildKit's exact semantics and messages.
func reportBuildKitWarnings(name string) func(p *Pass, f *dockerfile.File) {
	return func(p *Pass, f *dockerfile.File) {
		for _, w := range f.BuildKitWarnings {
			if w.Rule == name {
				p.Reportf(w.Range, "%s", w.Message)
			}
		}
	}
}
