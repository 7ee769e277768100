package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
	"github.com/spf13/cobra"
)

// policyFlags are the flags lint and image share: which rules run, how
// findings are reported and what fails the run.
type policyFlags struct {
	formats   []string
	failLevel string
	ignore    []string
	only      []string
	enable    []string
	explain   bool
}

func (pf *policyFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVarP(&pf.formats, "format", "f", []string{"text"}, "output format F or F=FILE to write it to FILE (repeatable; at most one to stdout): "+strings.Join(report.Names(), ", "))
	f.StringVar(&pf.failLevel, "fail-level", "warning", "lowest severity that makes the exit code 1: error, warning, info, style or none")
	f.StringSliceVar(&pf.ignore, "ignore", nil, "rule IDs, names or peer aliases to skip (repeatable, comma-separated)")
	f.StringSliceVar(&pf.only, "only", nil, "run only these rules (IDs, names or peer aliases)")
	f.StringSliceVar(&pf.enable, "enable", nil, "turn on optional rules")
	f.BoolVar(&pf.explain, "explain", false, "print each rule's rationale and fix under its findings (text format)")
	cmd.RegisterFlagCompletionFunc("format", func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, n := range report.Names() {
			out = append(out, n+"\t"+report.Help(n))
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	})
	cmd.RegisterFlagCompletionFunc("fail-level", cobra.FixedCompletions([]string{"error", "warning", "info", "style", "none"}, cobra.ShellCompDirectiveNoFileComp))
	ruleKeys := func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		var out []string
		for _, r := range rules.All() {
			out = append(out, r.ID+"\t"+r.Name, r.Name+"\t"+r.Title)
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
	for _, name := range []string{"ignore", "only", "enable"} {
		cmd.RegisterFlagCompletionFunc(name, ruleKeys)
	}
}

// configFlags passes on the policy flags the user gave; the others leave
// the configuration's values alone.
func (pf *policyFlags) configFlags(cmd *cobra.Command) config.Flags {
	var f config.Flags
	changed := cmd.Flags().Changed
	if changed("fail-level") {
		f.FailLevel = &pf.failLevel
	}
	if changed("ignore") {
		f.Ignore = pf.ignore
	}
	if changed("only") {
		f.Only = pf.only
	}
	if changed("enable") {
		f.Enable = pf.enable
	}
	return f
}

// runConfig is one command's configured run: the resolver, the run-wide
// configuration and the outputs asked for.
type runConfig struct {
	resolver *config.Resolver
	cfg      *config.Config
	outputs  []output
}

// startRun resolves the configuration and the outputs of a command.
func (g *globals) startRun(cmd *cobra.Command, pf *policyFlags, flags config.Flags) (*runConfig, error) {
	resolver, err := g.resolver(flags)
	if err != nil {
		return nil, err
	}
	cfg, err := resolver.Run()
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	formats := pf.formats
	if !cmd.Flags().Changed("format") {
		formats = []string{cfg.Format}
	}
	outputs, err := parseOutputs(formats)
	if err != nil {
		return nil, usageErrorf("--format: %v", err)
	}
	return &runConfig{resolver: resolver, cfg: cfg, outputs: outputs}, nil
}

// errInterrupted ends a run cut short by SIGINT or SIGTERM.
var errInterrupted = errors.New("interrupted; no report written")

// execute runs the request, mapping its failures to exit codes.
func (g *globals) execute(ctx context.Context, req lint.Request) (*lint.Results, error) {
	res, err := lint.Run(ctx, req)
	switch {
	case err != nil && ctx.Err() != nil:
		return nil, &exitError{code: ExitError, err: errInterrupted}
	case err != nil:
		return nil, usageErrorf("%v", err)
	}
	return res, nil
}

// toReport turns a run's results into what the formatters print.
func toReport(res *lint.Results) *report.Report {
	return &report.Report{
		Findings: res.Findings, Suppressed: res.Suppressed, Problems: res.Problems,
		Files: res.Files, Images: res.Images, Inputs: res.Inputs, Rules: res.Rules,
	}
}

// finish writes the report in every format asked for and returns the
// exit status; failOn false (after --write-baseline) fails only on broken
// inputs.
func (g *globals) finish(cmd *cobra.Command, r *runConfig, rep *report.Report, meta report.Meta, failOn bool) error {
	meta.ToolName, meta.ToolVersion, meta.Now = "dockstride", Version(), time.Now
	stdoutText, err := writeOutputs(cmd.OutOrStdout(), g, r.outputs, rep, meta)
	if err != nil {
		return err
	}
	threshold, fail := r.cfg.FailThreshold()
	return exitFor(rep, threshold, fail && failOn, g.io.Err, !stdoutText)
}

// exitFor maps a report to the exit code: input problems win (2), then
// findings at or above the threshold (1). When the report went to stdout
// in a machine format, problems are repeated on stderr for people.
func exitFor(rep *report.Report, threshold rules.Severity, failOn bool, stderr io.Writer, machine bool) error {
	if len(rep.Problems) > 0 {
		if machine {
			for _, p := range rep.Problems {
				fmt.Fprintf(stderr, "dockstride: %s\n", p)
			}
		}
		return &exitError{code: ExitError}
	}
	if failOn {
		findings := rep.Findings
		if rep.Compare != nil {
			// Comparing, only what the change added fails the run.
			findings = rep.Compare.New
		}
		for _, f := range findings {
			if f.Severity.AtLeast(threshold) {
				return &exitError{code: ExitFindings}
			}
		}
	}
	return nil
}
