// The rules that mirror BuildKit's `docker build --check` checks, and the
// warnings BuildKit's parser raises for them.

package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// BuildKitRules are the 22 checks of `docker build --check` (BuildKit
// v0.34.2, frontend/dockerfile/linter/ruleset.go). A rule whose BuildKit
// field is one of them mirrors that check: BuildKit's `# check=skip=all`
// silences it, and its findings match BuildKit's lines and messages.
// InvalidBaseImagePlatform compares the pulled base image's platform with
// the target's: its twin runs only with --resolve-base.
var BuildKitRules = []linter.LinterRuleI{
	&linter.RuleStageNameCasing, &linter.RuleFromAsCasing, &linter.RuleNoEmptyContinuation,
	&linter.RuleConsistentInstructionCasing, &linter.RuleDuplicateStageName, &linter.RuleReservedStageName,
	&linter.RuleJSONArgsRecommended, &linter.RuleMaintainerDeprecated, &linter.RuleUndefinedArgInFrom,
	&linter.RuleWorkdirRelativePath, &linter.RuleUndefinedVar, &linter.RuleMultipleInstructionsDisallowed,
	&linter.RuleLegacyKeyValueFormat, &linter.RuleInvalidBaseImagePlatform, &linter.RuleRedundantTargetPlatform,
	&linter.RuleSecretsUsedInArgOrEnv, &linter.RuleInvalidDefaultArgInFrom,
	&linter.RuleFromPlatformFlagConstDisallowed, &linter.RuleCopyIgnoredFile,
	&linter.RuleInvalidDefinitionDescription, &linter.RuleExposeProtoCasing, &linter.RuleExposeInvalidFormat,
}

// BuildKitName returns the name of the BuildKit check r mirrors, or "".
func BuildKitName(r *Rule) string {
	if r.BuildKit == nil {
		return ""
	}
	return r.BuildKit.RuleName()
}

// reportBuildKitWarnings surfaces the warnings BuildKit's own parser raised
// for one of its checks (the model collects them while parsing), so those
// checks keep BuildKit's exact semantics and messages.
func reportBuildKitWarnings(check linter.LinterRuleI) func(p *Pass, f *dockerfile.File) {
	name := check.RuleName()
	return func(p *Pass, f *dockerfile.File) {
		for _, w := range f.BuildKitWarnings {
			if w.Rule == name {
				p.Reportf(w.Range, "%s", w.Message)
			}
		}
	}
}

// reportBuildKitWarningsFixed is reportBuildKitWarnings for a check whose
// findings carry a fix, made by fixer from the warning.
func reportBuildKitWarningsFixed(check linter.LinterRuleI, fixer func(f *dockerfile.File, w dockerfile.BuildKitWarning) *Fix) func(p *Pass, f *dockerfile.File) {
	name := check.RuleName()
	return func(p *Pass, f *dockerfile.File) {
		for _, w := range f.BuildKitWarnings {
			if w.Rule == name {
				p.WithFix(func() *Fix { return fixer(f, w) }).Reportf(w.Range, "%s", w.Message)
			}
		}
	}
}
