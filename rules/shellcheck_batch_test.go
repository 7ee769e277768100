package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// batchDockerfile has RUNs of every kind ShellCheck reads: dialects from
// SHELL and from a shebang, heredocs, continuation lines, an ONBUILD
// trigger, a repeated script, a syntax error, and RUNs it must skip.
const batchDockerfile = `# syntax=docker/dockerfile:1
FROM debian:12 AS base
ARG lower_arg=1
ENV lower_env=2
RUN echo $HOME && cd /tmp
RUN apt-get update \
 && echo $lower_arg $undeclared \
 && ls /tmp/*.txt | wc -l
RUN echo $HOME && cd /tmp
RUN <<EOF
set -e
echo $another_undeclared
EOF
RUN <<EOF
#!/bin/bash
echo ${arr[0]} $x
EOF
RUN <<EOF
#!/usr/bin/env python3
print($x)
EOF
ONBUILD RUN echo "$lower_arg" $HOME
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN source /etc/os-release && echo $RANDOM $undeclared_b
RUN echo $(
SHELL ["/bin/dash", "-c"]
RUN source ./x; echo $HOME
SHELL ["/bin/ksh", "-c"]
RUN print -r -- $HOME
FROM base
RUN [[ -n $x ]] && echo ok
FROM alpine:3.20
RUN [[ -n $x ]] && echo ok
RUN echo "$RTTP_PROXY" "$lower_arg"
RUN ["foo", "$x"]
FROM mcr.microsoft.com/windows/servercore:ltsc2022
SHELL ["powershell", "-Command"]
RUN Get-Variable PSVersionTable
`

// perRunFindings is how DKS3900 checked RUNs before it batched them: one
// ShellCheck process per RUN, reading the script on stdin with --shell,
// after one export line per variable in scope.
// The batched check must report exactly what this reports.
func perRunFindings(t *testing.T, bin string, f *dockerfile.File) []string {
	t.Helper()
	var out []string
	check := func(in dockerfile.Instruction) {
		sc, ok := shellCheckScript(f, in)
		if !ok {
			return
		}
		// One statement per variable, as the per-RUN path wrote them.
		_, src, _ := strings.Cut(strings.TrimPrefix(sc.text, "# shellcheck shell="+sc.dialect+"\n"), "\n")
		header := perRunHeader(in)
		cmd := exec.CommandContext(context.Background(), bin, "--norc", "--shell="+sc.dialect, "--format=json1", "--exclude="+shellCheckExcluded, "-")
		cmd.Stdin = strings.NewReader(header + src)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Run(); err != nil {
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("shellcheck on line %d: %v", in.Range().StartLine, err)
			}
		}
		var res struct{ Comments []scComment }
		if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
			t.Fatal(err)
		}
		rng, line := in.Range(), sc.line
		for _, c := range res.Comments {
			sev, ok := sc.applies(c)
			if !ok {
				continue
			}
			at := rng.StartLine
			if line > 0 {
				at = line + c.Line - strings.Count(header, "\n") - 1
			}
			if at < rng.StartLine || at > rng.EndLine {
				at = rng.StartLine
			}
			out = append(out, fmt.Sprintf("%d %s SC%04d (%s): %s", at, sev, c.Code, c.Level, c.Message))
		}
	}
	for _, in := range f.Instructions {
		check(in)
		if ob, ok := in.(*dockerfile.Onbuild); ok && ob.Inner != nil {
			check(ob.Inner)
		}
	}
	return out
}

// perRunHeader is the variable header as the per-RUN path wrote it, one
// export statement per variable.
func perRunHeader(in dockerfile.Instruction) string {
	var b strings.Builder
	for _, name := range dockerfile.ProxyArgs {
		b.WriteString("export " + name + "=1\n")
	}
	if sc := in.Scope(); sc != nil {
		for _, v := range sc.Vars() {
			if shellIdent().MatchString(v.Name) && (v.Env || in.Parent() == nil) {
				b.WriteString("export " + v.Name + "=" + strconv.Quote("1") + "\n")
			}
		}
	}
	return b.String()
}

// batchedFindings runs the rule's file check as the engine does.
func batchedFindings(t *testing.T, bin string, f *dockerfile.File) []string {
	t.Helper()
	var out []string
	p := &Pass{Rule: ShellCheck, File: f, Settings: &Settings{ShellCheck: bin}}
	p.Report = func(fd Finding) {
		if fd.EndLine != fd.Line || len(fd.Aliases) != 1 || !strings.HasPrefix(fd.Message, fd.Aliases[0]+" ") {
			t.Errorf("malformed finding %+v", fd)
		}
		out = append(out, fmt.Sprintf("%d %s %s", fd.Line, fd.Severity, fd.Message))
	}
	ShellCheck.Checks[0].(FileCheck).Check(p, f)
	return out
}

func realShellCheck(t *testing.T) string {
	t.Helper()
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH (CI installs it)")
	}
	return bin
}

// fakeShellCheck writes a shellcheck that logs each run's file count to
// the returned log, each file argument to the "argv" log beside it, and
// what $TMPDIR holds while it runs to the "tmp" log, then runs body (sh)
// with $n the file count and $REAL the real binary.
func fakeShellCheck(t *testing.T, real, body string) (bin, log string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the fake shellcheck is a shell script")
	}
	dir := t.TempDir()
	bin, log = filepath.Join(dir, "shellcheck"), filepath.Join(dir, "log")
	script := fmt.Sprintf(`#!/bin/sh
REAL='%s'
LOGS='%s'
n=0
for a; do case $a in -?*) ;; *) n=$((n+1)); echo "$a" >>"$LOGS/argv";; esac; done
echo $n >>"$LOGS/log"
if [ -n "$TMPDIR" ]; then ls -A "$TMPDIR" >>"$LOGS/tmp"; fi
%s
`, real, dir, body)
	if err := os.WriteFile(bin, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return bin, log
}

// runs reads a fake shellcheck's log: the file count of each run.
func runs(t *testing.T, log string) []string {
	t.Helper()
	return logLines(t, log)
}

// fileArgs reads a fake shellcheck's file arguments, all runs together.
func fileArgs(t *testing.T, log string) []string {
	t.Helper()
	return logLines(t, filepath.Join(filepath.Dir(log), "argv"))
}

func logLines(t *testing.T, name string) []string {
	t.Helper()
	b, err := os.ReadFile(name)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(b))
}

// assertPipeArgs checks that ShellCheck was handed pipes, never a file.
func assertPipeArgs(t *testing.T, log string) {
	t.Helper()
	args := fileArgs(t, log)
	if len(args) == 0 {
		t.Error("shellcheck was given no file")
	}
	for _, a := range args {
		if !devFD.MatchString(a) {
			t.Errorf("shellcheck was given %q, want /dev/fd/N (N > 2)", a)
		}
	}
}

var devFD = regexp.MustCompile(`^/dev/fd/([3-9]|[1-9][0-9]+)$`)

// privateTemp points the temporary directory at an empty one, so that a
// test can see whether the check writes there.
func privateTemp(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return dir
}

// assertNothingWritten checks that the temporary directory is empty, and
// was while the fake shellcheck of log ran: the check writes nothing at
// all, not even for a moment.
func assertNothingWritten(t *testing.T, dir, log string) {
	t.Helper()
	if ents, _ := os.ReadDir(dir); len(ents) != 0 {
		t.Errorf("left behind in the temporary directory: %v", ents)
	}
	if during := logLines(t, filepath.Join(filepath.Dir(log), "tmp")); len(during) != 0 {
		t.Errorf("in the temporary directory while shellcheck ran: %v", during)
	}
}

// noLeaks checks, when the test ends, that the goroutines and (on Linux)
// the open descriptors of the test process are back to what they were.
func noLeaks(t *testing.T) {
	t.Helper()
	fds := func() int {
		ents, err := os.ReadDir("/proc/self/fd")
		if err != nil {
			return -1
		}
		return len(ents)
	}
	g0, fd0 := runtime.NumGoroutine(), fds()
	t.Cleanup(func() {
		// Goroutines of the runtime and the testing package may take a
		// moment to settle; the check's own are waited for.
		var g, fd int
		for deadline := time.Now().Add(2 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			g, fd = runtime.NumGoroutine(), fds()
			if g <= g0 && fd <= fd0 || time.Now().After(deadline) {
				break
			}
		}
		if g > g0 {
			t.Errorf("%d goroutines, %d before", g, g0)
		}
		if fd > fd0 {
			t.Errorf("%d open descriptors, %d before", fd, fd0)
		}
	})
}

// batchSetup finds the real shellcheck, makes a private temporary
// directory, and parses batchDockerfile, whose per-RUN findings are want.
func batchSetup(t *testing.T) (real, tmp string, f *dockerfile.File, want []string) {
	t.Helper()
	real = realShellCheck(t)
	tmp = privateTemp(t)
	f, err := dockerfile.Parse("Dockerfile", []byte(batchDockerfile))
	if err != nil {
		t.Fatal(err)
	}
	return real, tmp, f, perRunFindings(t, real, f)
}

// One ShellCheck process checks every RUN of a file, and it reports
// exactly what one process per RUN did, on the same lines. It reads them
// from pipes: nothing is written to disk.
func TestShellCheckBatchMatchesPerRun(t *testing.T) {
	real, tmp, f, want := batchSetup(t)
	// The reference must cover what the comparison is about: the heredoc
	// bodies, continuation lines, the ONBUILD trigger, the bash, dash,
	// ksh and sh dialects, the declared variables.
	for _, s := range []string{"7 warning SC2154", "8 info SC2012", "12 warning SC2154", "16 info SC2086",
		"22 warning SC2154", "24 warning SC2154", "27 warning SC3046", "29 info SC2086",
		"34 info SC2153", "34 warning SC2154"} {
		if !slices.ContainsFunc(want, func(w string) bool { return strings.HasPrefix(w, s) }) {
			t.Errorf("reference has no %q finding: the fixture no longer covers it:\n%s", s, strings.Join(want, "\n"))
		}
	}
	noLeaks(t)
	bin, log := fakeShellCheck(t, real, `exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("batched findings:\n%s\n\nper-RUN findings:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r := runs(t, log); len(r) != 1 {
		t.Errorf("shellcheck runs (files each) %v, want one", r)
	}
	assertPipeArgs(t, log)
	assertNothingWritten(t, tmp, log)
}

// Without /dev/fd (Windows), each script is read from stdin by a process
// of its own, with the same findings.
func TestShellCheckStdinFallback(t *testing.T) {
	real, tmp, f, want := batchSetup(t)
	defer func(via func() bool) { shellCheckViaPipes = via }(shellCheckViaPipes)
	shellCheckViaPipes = func() bool { return false }
	bin, log := fakeShellCheck(t, real, `exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings from stdin:\n%s\n\nper-RUN findings:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	r := runs(t, log)
	if len(r) < 2 || slices.ContainsFunc(r, func(s string) bool { return s != "1" }) {
		t.Errorf("shellcheck runs (files each) %v, want one run per script", r)
	}
	if args := fileArgs(t, log); len(args) != len(r) || slices.ContainsFunc(args, func(s string) bool { return s != "-" }) {
		t.Errorf("shellcheck file arguments %v, want - for each run", args)
	}
	assertNothingWritten(t, tmp, log)
}

// The pipes work on this system; without them the other tests check the
// fallback twice and the pipes never.
func TestShellCheckViaPipes(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/dev/fd/N for N > 2 is not there on every system")
	}
	if !shellCheckViaPipes() {
		t.Error("no /dev/fd on Linux")
	}
}

// A script with an inline secret reaches ShellCheck, and is never written
// under the temporary directory, not even while ShellCheck runs.
func TestShellCheckSecretNeverWritten(t *testing.T) {
	real := realShellCheck(t)
	tmp := privateTemp(t)
	// Built here, so that no secret scanner trips on this file.
	secret := "ghp_" + strings.Repeat("Zq7x", 9)
	t.Setenv("DKS_TEST_SECRET", secret)
	f, err := dockerfile.Parse("Dockerfile", []byte("FROM debian:12\n"+
		"RUN curl -H \"Authorization: token "+secret+"\" https://api.github.com/ && echo $HOME\n"))
	if err != nil {
		t.Fatal(err)
	}
	bin, log := fakeShellCheck(t, real, `if grep -rqF -- "$DKS_TEST_SECRET" "$TMPDIR"; then echo found >>"$LOGS/tmp"; fi
exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if !slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "2 info SC2086") }) {
		t.Errorf("findings %q, want SC2086 on line 2: the script did not reach shellcheck", got)
	}
	assertPipeArgs(t, log)
	assertNothingWritten(t, tmp, log)
}

// A file with more scripts than one process takes is checked in chunks,
// with the same findings.
func TestShellCheckChunks(t *testing.T) {
	real := realShellCheck(t)
	tmp := privateTemp(t)
	noLeaks(t)
	var b strings.Builder
	b.WriteString("FROM debian:12\n")
	n := maxShellCheckFiles + 20
	for i := range n {
		fmt.Fprintf(&b, "RUN echo $v%d\n", i)
	}
	// A repeated script is checked once.
	b.WriteString("RUN echo $v0\n")
	f, err := dockerfile.Parse("Dockerfile", []byte(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	bin, log := fakeShellCheck(t, real, `exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if len(got) != 2*(n+1) {
		t.Fatalf("%d findings, want %d", len(got), 2*(n+1))
	}
	for i, g := range got {
		line, v := i/2+2, i/2
		if v == n {
			v = 0
		}
		// SC2154 names the variable, SC2086 follows it.
		if !strings.HasPrefix(g, fmt.Sprintf("%d ", line)) || (i%2 == 0 && !strings.Contains(g, fmt.Sprintf("v%d ", v))) {
			t.Fatalf("finding %d: %q, want one about v%d on line %d", i, g, v, line)
		}
	}
	r, want := runs(t, log), []string{"20", strconv.Itoa(maxShellCheckFiles)}
	slices.Sort(r)
	slices.Sort(want)
	if !slices.Equal(r, want) {
		t.Errorf("shellcheck runs (files each) %v, want %v", r, want)
	}
	assertPipeArgs(t, log)
	assertNothingWritten(t, tmp, log)
}

// A ShellCheck that fails on a batch (here: on any run of more than one
// file) is asked again about each script alone, which keeps every
// finding; one that always fails yields none. None writes files or leaks.
func TestShellCheckBatchFailure(t *testing.T) {
	real, tmp, f, want := batchSetup(t)
	noLeaks(t)
	bin, log := fakeShellCheck(t, real, `[ "$n" -gt 1 ] && exit 2; exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings after retrying:\n%s\n\nper-RUN findings:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if r := runs(t, log); len(r) < 3 || r[0] == "1" || slices.ContainsFunc(r[1:], func(s string) bool { return s != "1" }) {
		t.Errorf("shellcheck runs (files each) %v, want one batch then one run per script", r)
	}
	assertPipeArgs(t, log)
	assertNothingWritten(t, tmp, log)
	bin, _ = fakeShellCheck(t, real, `exit 3`)
	if got := batchedFindings(t, bin, f); len(got) != 0 {
		t.Errorf("a failing shellcheck gave findings %v", got)
	}
	// A ShellCheck killed from outside (Ctrl-C) is not asked again.
	bin, log = fakeShellCheck(t, real, `kill -KILL $$`)
	if got := batchedFindings(t, bin, f); len(got) != 0 {
		t.Errorf("a killed shellcheck gave findings %v", got)
	}
	if r := runs(t, log); len(r) != 1 {
		t.Errorf("a killed shellcheck ran %d times, want once", len(r))
	}
	if got := batchedFindings(t, filepath.Join(t.TempDir(), "missing"), f); len(got) != 0 {
		t.Errorf("a missing shellcheck gave findings %v", got)
	}
	assertNothingWritten(t, tmp, log)
}

// A ShellCheck that exits without reading its scripts, or leaves them to a
// process that never reads them, costs neither a hang nor a leak, and a
// run that did not read every script does not count as a clean one.
func TestShellCheckUnreadPipes(t *testing.T) {
	real := realShellCheck(t)
	noLeaks(t)
	// Larger than a pipe's buffer, so that its writer blocks.
	big := "RUN <<EOF\n" + strings.Repeat("# "+strings.Repeat("a", 78)+"\n", 1500) + "echo $b\nEOF\n"
	f, err := dockerfile.Parse("Dockerfile", []byte("FROM debian:12\nRUN echo $a\n"+big))
	if err != nil {
		t.Fatal(err)
	}
	for _, body := range []string{
		`exit 2`,
		`echo '{"comments":[]}'; exit 0`,
		// sleep holds the read ends; only closing the write ends frees
		// the writer of the big script.
		`sleep 5 >/dev/null & exit 2`,
	} {
		bin, log := fakeShellCheck(t, real, body)
		start := time.Now()
		if got := batchedFindings(t, bin, f); len(got) != 0 {
			t.Errorf("%s: findings %v", body, got)
		}
		if d := time.Since(start); d > 4*time.Second {
			t.Errorf("%s: took %v", body, d)
		}
		// The batch did not read the big script: each is checked alone.
		if r := runs(t, log); !slices.Equal(r, []string{"2", "1", "1"}) {
			t.Errorf("%s: shellcheck runs (files each) %v, want [2 1 1]", body, r)
		}
	}
	// The big script alone is checked in full.
	bin, _ := fakeShellCheck(t, real, `exec "$REAL" "$@"`)
	got := batchedFindings(t, bin, f)
	if !slices.ContainsFunc(got, func(s string) bool { return strings.Contains(s, "b is referenced") }) {
		t.Errorf("findings %q, want SC2154 about b", got)
	}
}

// A ShellCheck that runs out of time is killed; each script is then
// checked alone, with its own time; none writes files or leaks.
func TestShellCheckTimeout(t *testing.T) {
	real := realShellCheck(t)
	tmp := privateTemp(t)
	noLeaks(t)
	defer func(one, each time.Duration) { shellCheckTimeout, shellCheckFileTimeout = one, each }(shellCheckTimeout, shellCheckFileTimeout)
	// Long enough for a real ShellCheck on a machine at load 15; the fakes
	// below sleep far longer, so only the timeout can end them.
	shellCheckTimeout, shellCheckFileTimeout = 4*time.Second, 100*time.Millisecond
	f, err := dockerfile.Parse("Dockerfile", []byte("FROM debian:12\nRUN echo $a\nRUN echo $b\n"))
	if err != nil {
		t.Fatal(err)
	}
	// Slow on the batch only: the scripts alone keep their findings.
	bin, log := fakeShellCheck(t, real, `[ "$n" -gt 1 ] && exec sleep 120; exec "$REAL" "$@"`)
	start := time.Now()
	got := batchedFindings(t, bin, f)
	if len(got) != 4 {
		t.Errorf("findings %q, want SC2154 and SC2086 on each RUN", got)
	}
	if r := runs(t, log); !slices.Equal(r, []string{"2", "1", "1"}) {
		t.Errorf("shellcheck runs (files each) %v, want [2 1 1]", r)
	}
	assertNothingWritten(t, tmp, log)
	// Slow always: nothing, soon.
	bin, log = fakeShellCheck(t, real, `exec sleep 120`)
	one, err := dockerfile.Parse("Dockerfile", []byte("FROM debian:12\nRUN echo $a\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := batchedFindings(t, bin, one); len(got) != 0 {
		t.Errorf("a shellcheck out of time gave findings %v", got)
	}
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("took %v: the timeout did not end the runs", d)
	}
	assertNothingWritten(t, tmp, log)
}
