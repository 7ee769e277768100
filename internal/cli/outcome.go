package cli

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
	"github.com/spf13/cobra"
)

// outputFlags say what a run writes and what fails it; lint, image and
// report merge share them. Some carry a peer's name: -t (hadolint's
// --failure-threshold), --no-fail (hadolint), --exit-code, --severity and
// -o (trivy).
type outputFlags struct {
	formats   []string
	output    string
	failLevel string
	noFail    bool
	exitCode  int
	severity  []string
	sarifRoot string
}

// outcome is what the output flags and the configuration decided: where
// each format goes, which findings are shown and which fail the run.
type outcome struct {
	outputs   []output
	threshold rules.Severity
	failOn    bool
	// exitCode is the status for findings at or above threshold.
	exitCode int
	// keep, when not nil, are the severities shown (--severity).
	keep      []rules.Severity
	sarifRoot string
}

func (of *outputFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVarP(&of.formats, "format", "f", []string{"text"}, "output format F or F=FILE to write it to FILE (repeatable; at most one to stdout): "+strings.Join(report.Names(), ", "))
	f.StringVarP(&of.output, "output", "o", "", "write the report that would go to stdout to this file instead (trivy)")
	f.StringVarP(&of.failLevel, "fail-level", "t", "warning", "lowest severity that fails the run: error, warning, info, style or none (hadolint: --failure-threshold)")
	f.BoolVar(&of.noFail, "no-fail", false, "never fail because of findings, as --fail-level none (hadolint)")
	f.IntVar(&of.exitCode, "exit-code", ExitFindings, "exit status when findings at or above --fail-level remain; 0 never fails on findings (trivy)")
	f.StringSliceVar(&of.severity, "severity", nil, "show only findings of these trivy severities: CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN (trivy)")
	f.StringVar(&of.sarifRoot, "sarif-root", "", "directory SARIF paths are relative to (default: the git repository root of the inputs)")
	cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, n := range report.Names() {
			out = append(out, n+"\t"+report.Help(n))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	levels := cobra.FixedCompletions([]string{"error", "warning", "info", "style", "none"}, cobra.ShellCompDirectiveNoFileComp)
	cmd.RegisterFlagCompletionFunc("fail-level", levels)
	cmd.RegisterFlagCompletionFunc("severity", cobra.FixedCompletions(config.TrivySeverities, cobra.ShellCompDirectiveNoFileComp))
	cmd.RegisterFlagCompletionFunc("sarif-root", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		return nil, cobra.ShellCompDirectiveFilterDirs
	})
}

// configFlags passes on the fail level the user gave; --no-fail wins, as
// in hadolint.
func (of *outputFlags) configFlags(cmd *cobra.Command) config.Flags {
	var f config.Flags
	switch {
	case of.noFail:
		none := "none"
		f.FailLevel = &none
	case cmd.Flags().Changed("fail-level"):
		f.FailLevel = &of.failLevel
	}
	return f
}

// outcome reads the flags against the run's configuration (its format
// and fail level).
func (of *outputFlags) outcome(cmd *cobra.Command, cfg *config.Config) (outcome, error) {
	formats := of.formats
	if !cmd.Flags().Changed("format") {
		formats = []string{cfg.Format}
	}
	outputs, err := parseOutputs(formats, of.output)
	if err != nil {
		return outcome{}, usageErrorf("--format: %v", err)
	}
	if of.exitCode < 0 || of.exitCode > 125 {
		return outcome{}, usageErrorf("--exit-code %d: want 0 to 125", of.exitCode)
	}
	oc := outcome{outputs: outputs, exitCode: of.exitCode, sarifRoot: of.sarifRoot}
	oc.threshold, oc.failOn = cfg.FailThreshold()
	if len(of.severity) > 0 {
		if oc.keep, err = config.ParseTrivySeverities(of.severity); err != nil {
			return outcome{}, usageErrorf("--severity: %v", err)
		}
	}
	return oc, nil
}

// sourceRoot tells the formats the directory SARIF paths are relative to:
// --sarif-root, else the git repository holding the inputs.
func (g *globals) sourceRoot(flag string, rep *report.Report, meta *report.Meta) error {
	wd, err := os.Getwd()
	if err != nil {
		return usageErrorf("%v", err)
	}
	meta.WorkDir = wd
	if flag == "" {
		meta.SourceRoot = report.FindSourceRoot(rep.Inputs, wd)
		return nil
	}
	root, err := filepath.Abs(flag)
	if err == nil {
		var info os.FileInfo
		if info, err = os.Stat(root); err == nil && !info.IsDir() {
			return usageErrorf("--sarif-root %s: not a directory", flag)
		}
	}
	if err != nil {
		return usageErrorf("--sarif-root: %v", err)
	}
	meta.SourceRoot = root
	return nil
}
