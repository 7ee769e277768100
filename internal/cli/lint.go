package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/config"
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
	only          []string
	enable        []string
	explain       bool
	// showSuppressed lists the findings pragmas silenced, with the reason.
	showSuppressed bool
	baseline       string
	writeBaseline  string
	contextDir     string
	buildArgs      []string
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
  dockstride lint --format text --format sarif=dockstride.sarif --format threat-model=THREATS.md`,
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
	f.StringSliceVar(&fl.only, "only", nil, "run only these rules (IDs, names or peer aliases)")
	f.StringSliceVar(&fl.enable, "enable", nil, "turn on optional rules")
	f.BoolVar(&fl.explain, "explain", false, "print each rule's rationale and fix under its findings (text format)")
	f.BoolVar(&fl.showSuppressed, "show-suppressed", false, "also list the findings that pragmas suppressed, and why")
	f.StringVar(&fl.baseline, "baseline", "", "report only findings that are not in this baseline file")
	f.StringVar(&fl.writeBaseline, "write-baseline", "", "record today's findings in this baseline file (exit 0 unless an input failed)")
	f.StringVar(&fl.contextDir, "context", "", "build context directory whose .dockerignore applies (default: each Dockerfile's directory)")
	f.StringArrayVar(&fl.buildArgs, "build-arg", nil, "NAME=VALUE as given to docker build (repeatable); BUILDKIT_DOCKERFILE_CHECK overrides the # check= directive")
	return cmd
}

// configFlags passes on the flags the user gave; the others leave the
// configuration's values alone.
func configFlags(cmd *cobra.Command, fl lintFlags) config.Flags {
	var f config.Flags
	changed := cmd.Flags().Changed
	if changed("fail-level") {
		f.FailLevel = &fl.failLevel
	}
	if changed("target") {
		f.Target = &fl.target
	}
	if changed("ignore") {
		f.Ignore = fl.ignore
	}
	if changed("only") {
		f.Only = fl.only
	}
	if changed("enable") {
		f.Enable = fl.enable
	}
	f.Context = fl.contextDir
	return f
}

func runLint(cmd *cobra.Command, g *globals, fl lintFlags, args []string) error {
	flags := configFlags(cmd, fl)
	for _, kv := range fl.buildArgs {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return usageErrorf("--build-arg %q: want NAME=VALUE", kv)
		}
		if flags.BuildArgs == nil {
			flags.BuildArgs = map[string]string{}
		}
		flags.BuildArgs[k] = v
	}
	resolver, err := g.resolver(flags)
	if err != nil {
		return err
	}
	resolver.SetShellCheck(g.shellCheck())
	run, err := resolver.Run()
	if err != nil {
		return usageErrorf("%v", err)
	}
	formats := fl.formats
	if !cmd.Flags().Changed("format") {
		formats = []string{run.Format}
	}
	outputs, err := parseOutputs(formats)
	if err != nil {
		return usageErrorf("--format: %v", err)
	}
	threshold, failOn := run.FailThreshold()

	inputs, problems, err := collectInputs(cmd.InOrStdin(), args, fl.stdinFilename)
	if err != nil {
		return usageErrorf("%v", err)
	}
	if g.io.SizeHeap != nil {
		sizeHeapAsRead(inputs, g.io.SizeHeap)
	}
	results, ran, err := lintUnlessInterrupted(cmd.Context(), resolver, inputs, g.now)
	if err == errInterrupted {
		return &exitError{code: ExitError, err: err}
	}
	if err != nil {
		return usageErrorf("%v", err)
	}
	g.sayConfig(resolver)
	rep := &report.Report{Problems: problems, Files: len(inputs), Rules: ran}
	for _, in := range inputs {
		rep.Inputs = append(rep.Inputs, in.Path)
	}
	for _, res := range results {
		rep.Findings = append(rep.Findings, res.Findings...)
		rep.Suppressed = append(rep.Suppressed, res.Suppressed...)
		rep.Problems = append(rep.Problems, res.Problems...)
	}
	lint.SortProblems(rep.Problems)
	if err := applyBaseline(g, fl, rep); err != nil {
		return err
	}
	meta := report.Meta{ToolName: "dockstride", ToolVersion: Version(), Now: time.Now, Explain: fl.explain, ShowSuppressed: fl.showSuppressed}
	stdoutText, err := writeOutputs(cmd.OutOrStdout(), g, outputs, rep, meta)
	if err != nil {
		return err
	}
	if fl.writeBaseline != "" {
		// Everything found is now accepted: only broken inputs fail.
		failOn = false
	}
	return exitFor(rep, threshold, failOn, g.io.Err, !stdoutText)
}

// applyBaseline records the report with --write-baseline (every finding
// of today, including those an older --baseline accepts, so rewriting a
// baseline never drops entries still needed), then filters it through
// --baseline.
func applyBaseline(g *globals, fl lintFlags, rep *report.Report) error {
	if fl.writeBaseline != "" {
		var buf bytes.Buffer
		if err := lint.NewBaseline(rep.Findings, filepath.Dir(fl.writeBaseline)).Write(&buf); err != nil {
			return &exitError{code: ExitError, err: err}
		}
		if err := os.WriteFile(fl.writeBaseline, buf.Bytes(), 0o644); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("--write-baseline: %v", err)}
		}
		fmt.Fprintf(g.io.Err, "dockstride: recorded %d findings in %s\n", len(rep.Findings), fl.writeBaseline)
	}
	if fl.baseline != "" {
		f, err := os.Open(fl.baseline)
		if err != nil {
			return usageErrorf("--baseline: %v", err)
		}
		b, err := lint.ReadBaseline(f)
		f.Close()
		if err != nil {
			return usageErrorf("--baseline %s: %v", fl.baseline, err)
		}
		rep.Findings, rep.Baselined = b.Filter(rep.Findings, filepath.Dir(fl.baseline))
	}
	return nil
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
	inputs = append(inputs, lint.OpenFiles(files)...)
	return inputs, problems, nil
}

// errInterrupted ends a lint cut short by SIGINT or SIGTERM.
var errInterrupted = errors.New("interrupted; no report written")

// lintUnlessInterrupted runs the lint, returning errInterrupted as soon as
// ctx is cancelled (Ctrl-C): the rules do not watch ctx, and a large run,
// or one waiting on ShellCheck, must still stop when asked. The abandoned
// workers end with the process.
func lintUnlessInterrupted(ctx context.Context, resolver *config.Resolver, inputs []lint.Input, now func() time.Time) ([]lint.Result, []*rules.Rule, error) {
	type outcome struct {
		results []lint.Result
		ran     []*rules.Rule
		err     error
	}
	done := make(chan outcome, 1)
	go func() {
		results, ran, err := resolver.LintAll(inputs, now)
		done <- outcome{results, ran, err}
	}()
	select {
	case o := <-done:
		return o.results, o.ran, o.err
	case <-ctx.Done():
		return nil, nil, errInterrupted
	}
}

// sizeHeapAsRead tells sizeHeap the largest input now, and again each
// time a file read while linting is larger than any before it.
func sizeHeapAsRead(inputs []lint.Input, sizeHeap func(int64)) {
	var mu sync.Mutex
	var largest int64
	grow := func(n int64) {
		mu.Lock()
		defer mu.Unlock()
		if n > largest {
			largest = n
			sizeHeap(n)
		}
	}
	for _, in := range inputs {
		largest = max(largest, int64(len(in.Src)))
	}
	sizeHeap(largest)
	for i := range inputs {
		if load := inputs[i].Load; load != nil {
			inputs[i].Load = func() ([]byte, error) {
				src, err := load()
				grow(int64(len(src)))
				return src, err
			}
		}
	}
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
