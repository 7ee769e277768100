package cli

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Peer tools' flags, under the names hadolint and trivy give them, so a
// team's existing invocations keep working. Each maps onto a dockstride
// setting; README "Coming from hadolint / trivy" lists them.

// flagAliases are peers' names for dockstride flags that mean the same.
var flagAliases = map[string]string{"failure-threshold": "fail-level"}

// normalizeFlag resolves a peer's flag name to dockstride's.
func normalizeFlag(_ *pflag.FlagSet, name string) pflag.NormalizedName {
	if to, ok := flagAliases[name]; ok {
		name = to
	}
	return pflag.NormalizedName(name)
}

// hadolintFlags are hadolint's rule-policy flags.
type hadolintFlags struct {
	// levels are --error, --warning, --info and --style RULE.
	levels            [4][]string
	trustedRegistries []string
	requireLabels     []string
	strictLabels      bool
}

// levelFlags name the severity flags in rules.Severity order.
var levelFlags = [4]rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style}

func (h *hadolintFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	for i, sev := range levelFlags {
		f.StringSliceVar(&h.levels[i], sev.String(), nil, fmt.Sprintf("give RULE the severity %s (hadolint; repeatable)", sev))
	}
	f.StringSliceVar(&h.trustedRegistries, "trusted-registry", nil, "a registry base images may come from (hadolint; repeatable; wildcards such as *.example.com)")
	f.StringSliceVar(&h.requireLabels, "require-label", nil, "NAME:TYPE, a label every image must carry (hadolint; TYPE: text url spdx hash rfc3339 semver email)")
	f.BoolVar(&h.strictLabels, "strict-labels", false, "reject labels not named by --require-label or label-schema (hadolint)")
	for _, sev := range levelFlags {
		cmd.RegisterFlagCompletionFunc(sev.String(), ruleKeyCompletion)
	}
}

// configFlags passes on the hadolint flags that were given.
func (h *hadolintFlags) configFlags(cmd *cobra.Command, f *config.Flags) {
	changed := cmd.Flags().Changed
	for i, sev := range levelFlags {
		for _, k := range h.levels[i] {
			f.Severity = append(f.Severity, config.SeverityOverride{Key: strings.TrimSpace(k), Severity: sev})
		}
	}
	if changed("trusted-registry") {
		f.TrustedRegistries = h.trustedRegistries
	}
	if changed("require-label") {
		f.LabelSchema = h.requireLabels
	}
	if changed("strict-labels") {
		f.StrictLabels = &h.strictLabels
	}
}

// ruleKeyCompletion completes rule IDs and names.
func ruleKeyCompletion(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	var out []string
	for _, r := range rules.All() {
		out = append(out, r.ID+"\t"+r.Name, r.Name+"\t"+r.Title)
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// lintPeerFlags are peers' flags that only Dockerfiles have a use for.
type lintPeerFlags struct {
	disableIgnorePragma bool
	skipDirs, skipFiles []string
}

func (l *lintPeerFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&l.disableIgnorePragma, "disable-ignore-pragma", false, "ignore every suppression pragma in the files, for audits (hadolint)")
	f.StringSliceVar(&l.skipDirs, "skip-dirs", nil, "folders to leave out of directory walks, as globs (trivy; repeatable)")
	f.StringSliceVar(&l.skipFiles, "skip-files", nil, "files to leave out of directory walks, as globs (trivy; repeatable)")
}

// apply passes --disable-ignore-pragma to the configuration and returns
// what the walks skip.
func (l *lintPeerFlags) apply(cmd *cobra.Command, f *config.Flags) lint.Skip {
	if cmd.Flags().Changed("disable-ignore-pragma") {
		f.DisableInlineIgnores = &l.disableIgnorePragma
	}
	return lint.Skip{Dirs: l.skipDirs, Files: l.skipFiles}
}
