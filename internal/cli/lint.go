package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
	"github.com/spf13/cobra"
)

type lintFlags struct {
	formats       []string
	failLevel     string
	stdinFilename string
	target        string
	ignore        []string
	explain       bool
}

func newLintCmd(g *globals) *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...|-]",
		Short: "Lint Dockerfiles and Containerfiles",
		Long: `Lint Dockerfiles and Containerfiles.

PATH may be a file (linted whatever its name), a directory (searched
recursively for Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
Containerfile and Containerfile.*, skipping .git, vendor and node_modules),
or - to read standard input. With no PATH, ./Dockerfile is linted.

A file that cannot be read or parsed is reported with its line, the other
files are still linted, and the exit code is 2.`,
		Example: `  dockstride lint
  dockstride lint services/ --format json
  cat Dockerfile | dockstride lint - --stdin-filename api/Dockerfile
  dockstride lint --fail-level error --ignore DL3008 Dockerfile
  dockstride lint --format text --format sarif=dockstride.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLint(cmd, g, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&fl.formats, "format", "f", []string{"text"}, "output format F or F=FILE to write it to FILE (repeatable; at most one to stdout): "+strings.Join(report.Names(), ", "))
	f.StringVar(&fl.failLevel, "fail-level", "warning", "lowest severity that makes the exit code 1: error, warning, info, style or none")
	f.StringVar(&fl.stdinFilename, "stdin-filename", "-", "name to report for a Dockerfile read from standard input")
	f.StringVar(&fl.target, "target", "", "stage that ships (as docker build --target); default: the last stage")
	f.StringSliceVar(&fl.ignore, "ignore", nil, "rule IDs, names or peer aliases to skip (repeatable, comma-separated)")
	f.BoolVar(&fl.explain, "explain", false, "print each rule's rationale and fix under its findings (text format)")
	return cmd
}

// parseFailLevel returns the threshold; ok=false means "none".
func parseFailLevel(s string) (rules.Severity, bool, error) {
	if strings.EqualFold(s, "none") {
		return 0, false, nil
	}
	sev, err := rules.ParseSeverity(s)
	if err != nil {
		return 0, false, fmt.Errorf("--fail-level: %w (or none)", err)
	}
	return sev, true, nil
}

func runLint(cmd *cobra.Command, g *globals, fl lintFlags, args []string) error {
	outputs, err := parseOutputs(fl.formats)
	if err != nil {
		return usageErrorf("--format: %v", err)
	}
	threshold, failOn, err := parseFailLevel(fl.failLevel)
	if err != nil {
		return usageErrorf("%v", err)
	}
	for _, key := range fl.ignore {
		if len(rules.Lookup(key)) == 0 {
			return usageErrorf("--ignore: no rule has the ID, name or alias %q", key)
		}
	}

	inputs, problems, err := collectInputs(cmd.InOrStdin(), args, fl.stdinFilename)
	if err != nil {
		return usageErrorf("%v", err)
	}
	engine := lint.New(lint.Options{Ignore: fl.ignore, Settings: rules.Settings{Target: fl.target}})
	rep := &report.Report{Problems: problems, Files: len(inputs), Rules: engine.Rules()}
	for _, in := range inputs {
		rep.Inputs = append(rep.Inputs, in.Path)
	}
	for _, res := range engine.LintAll(inputs) {
		rep.Findings = append(rep.Findings, res.Findings...)
		rep.Suppressed = append(rep.Suppressed, res.Suppressed...)
		rep.Problems = append(rep.Problems, res.Problems...)
	}
	lint.SortProblems(rep.Problems)
	meta := report.Meta{ToolName: "dockstride", ToolVersion: Version(), Now: time.Now, Explain: fl.explain}
	stdoutText := false
	for _, o := range outputs {
		if o.file == "" {
			stdoutText = o.name == "text"
		}
		if err := o.write(cmd.OutOrStdout(), g, rep, meta); err != nil {
			return &exitError{code: ExitError, err: err}
		}
	}
	return exitFor(rep, threshold, failOn, g.io.Err, !stdoutText)
}

// collectInputs turns the arguments into inputs: stdin, files, or the
// Dockerfiles found under directories.
func collectInputs(stdin io.Reader, args []string, stdinName string) ([]lint.Input, []lint.Problem, error) {
	if len(args) == 0 {
		args = []string{"Dockerfile"}
	}
	var inputs []lint.Input
	var paths []string
	stdinUsed := false
	for _, a := range args {
		if a != "-" {
			paths = append(paths, a)
			continue
		}
		if stdinUsed {
			return nil, nil, fmt.Errorf("standard input (-) given twice")
		}
		stdinUsed = true
		src, err := io.ReadAll(io.LimitReader(stdin, lint.MaxFileBytes+1))
		in := lint.Input{Path: stdinName, Src: src, Err: err}
		if err == nil && len(src) > lint.MaxFileBytes {
			in.Src, in.Err = nil, fmt.Errorf("standard input is larger than 32 MiB")
		}
		inputs = append(inputs, in)
	}
	files, problems := lint.Discover(paths)
	inputs = append(inputs, lint.ReadFiles(files)...)
	return inputs, problems, nil
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
		for _, f := range rep.Findings {
			if f.Severity.AtLeast(threshold) {
				return &exitError{code: ExitFindings}
			}
		}
	}
	return nil
}
