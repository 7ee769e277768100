package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/spf13/cobra"
)

// policyFlags are the flags lint and image share: which rules run, how
// findings are reported and what fails the run.
type policyFlags struct {
	outputFlags
	hadolintFlags
	ignore     []string
	only       []string
	enable     []string
	explain    bool
	ignoreFile string
	eolDate    string
}

func (pf *policyFlags) register(cmd *cobra.Command) {
	pf.outputFlags.register(cmd)
	pf.hadolintFlags.register(cmd)
	f := cmd.Flags()
	f.StringSliceVar(&pf.ignore, "ignore", nil, "rule IDs, names or peer aliases to skip (repeatable, comma-separated)")
	f.StringSliceVar(&pf.only, "only", nil, "run only these rules (IDs, names or peer aliases)")
	f.StringSliceVar(&pf.enable, "enable", nil, "turn on optional rules")
	f.BoolVar(&pf.explain, "explain", false, "print each rule's rationale and fix under its findings (text format)")
	f.StringVar(&pf.eolDate, "eol-date", "", "judge base images' end of support as of this day, YYYY-MM-DD or today (default: the date of the end-of-support table)")
	f.StringVar(&pf.ignoreFile, "ignorefile", "", "trivy's ignore file: rule IDs to skip, one a line, with exp:YYYY-MM-DD (default: ./.trivyignore when it exists)")
	for _, name := range []string{"ignore", "only", "enable"} {
		cmd.RegisterFlagCompletionFunc(name, ruleKeyCompletion)
	}
}

// configFlags passes on the policy flags the user gave; the others leave
// the configuration's values alone.
func (pf *policyFlags) configFlags(cmd *cobra.Command) config.Flags {
	f := pf.outputFlags.configFlags(cmd)
	pf.hadolintFlags.configFlags(cmd, &f)
	changed := cmd.Flags().Changed
	if changed("ignore") {
		f.Ignore = pf.ignore
	}
	if changed("only") {
		f.Only = pf.only
	}
	if changed("enable") {
		f.Enable = pf.enable
	}
	if changed("eol-date") {
		f.EOLDate = &pf.eolDate
	}
	return f
}

// runConfig is one command's configured run: the resolver, the run-wide
// configuration and the outputs asked for.
type runConfig struct {
	resolver *config.Resolver
	cfg      *config.Config
	outcome
}

// startRun resolves the configuration and the outputs of a command.
func (g *globals) startRun(cmd *cobra.Command, pf *policyFlags, flags config.Flags) (*runConfig, error) {
	resolver, err := g.resolver(flags, pf.ignoreFile)
	if err != nil {
		return nil, err
	}
	cfg, err := resolver.Run()
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	oc, err := pf.outputFlags.outcome(cmd, cfg)
	if err != nil {
		return nil, err
	}
	g.noColor = g.noColor || cfg.NoColor
	return &runConfig{resolver: resolver, cfg: cfg, outcome: oc}, nil
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
		Files: res.Files, Images: res.Images, Inputs: res.Inputs, Rules: res.Rules, Shard: res.Shard,
	}
}

// finish writes the report in every format asked for and returns the
// exit status; failOn false (after --write-baseline) fails only on broken
// inputs.
func (g *globals) finish(cmd *cobra.Command, r *runConfig, rep *report.Report, meta report.Meta, failOn bool) error {
	if !failOn {
		r.failOn = false
	}
	return g.write(cmd, r.outcome, rep, meta)
}

// write filters the report, writes it in every format asked for and
// returns the exit status.
func (g *globals) write(cmd *cobra.Command, oc outcome, rep *report.Report, meta report.Meta) error {
	if meta.ToolName == "" {
		meta.ToolName, meta.ToolVersion = "dockstride", Version()
	}
	meta.Now = time.Now
	if err := g.sourceRoot(oc.sarifRoot, rep, &meta); err != nil {
		return err
	}
	if oc.keep != nil {
		rep.KeepSeverities(oc.keep)
	}
	stdoutText, err := writeOutputs(cmd.OutOrStdout(), g, oc.outputs, rep, meta)
	if err != nil {
		return err
	}
	return exitFor(rep, oc, g.io.Err, !stdoutText)
}

// exitFor maps a report to the exit code: input problems win (2), then
// findings at or above the threshold (--exit-code, 1 by default). When the
// report went to stdout in a machine format, problems are repeated on
// stderr for people.
func exitFor(rep *report.Report, oc outcome, stderr io.Writer, machine bool) error {
	if len(rep.Problems) > 0 {
		if machine {
			for _, p := range rep.Problems {
				fmt.Fprintf(stderr, "dockstride: %s\n", p)
			}
		}
		return &exitError{code: ExitError}
	}
	if oc.failOn && oc.exitCode != 0 {
		findings := rep.Findings
		if rep.Compare != nil {
			// Comparing, only what the change added fails the run.
			findings = rep.Compare.New
		}
		for _, f := range findings {
			if f.Severity.AtLeast(oc.threshold) {
				return &exitError{code: oc.exitCode}
			}
		}
	}
	return nil
}
