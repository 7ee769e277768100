package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ShellCheck runs the external ShellCheck linter on every POSIX RUN script
// and reports its diagnostics, each finding carrying its SCnnnn code as a
// peer ID. The rule reports nothing unless Settings.ShellCheck names the
// binary (the CLI finds it on PATH).
var ShellCheck = &Rule{
	ID:                "DKS3900",
	Name:              "shellcheck",
	Title:             "ShellCheck diagnostic in a RUN script",
	Severity:          Warning,
	Since:             "0.1.0",
	AliasesPerFinding: true,
	AliasPattern:      regexp.MustCompile(`^SC\d{4}$`),
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1059_004},
		CWE:      []*t.CWE{t.CWE78, t.CWE710},
		Controls: []*t.Control{t.ASVS_V5},
	},
	Doc: Doc{
		Vulnerability: "Shell script defect found by ShellCheck",
		Mitigation:    "Fix the script as the ShellCheck wiki advises.",

		Rationale: "A RUN is a shell script, with a shell script's traps: unquoted variables split and glob " +
			"(`rm -rf $DIR/*` with an empty DIR), bashisms under /bin/sh, `cd` without error handling, " +
			"pipelines that hide failures. When the `shellcheck` binary is on PATH, dockstride runs " +
			"[ShellCheck](https://www.shellcheck.net) on every RUN written for a POSIX shell (with the stage's " +
			"SHELL as its dialect, or without one the /bin/sh of the base's family: dash on Debian and Ubuntu, " +
			"busybox ash on Alpine (whose extensions, such as `set -o pipefail`, `[[ ]]` and `local`, are not " +
			"reported), bash on the Red Hat family, none on Windows; the ARG/ENV variables in scope declared, as " +
			"hadolint does; one ShellCheck " +
			"process checks all the scripts of a Dockerfile, reading them through pipes: no script, and no " +
			"secret in one, is written to disk) and reports " +
			"each diagnostic on the Dockerfile line it concerns. Without ShellCheck the rule reports nothing " +
			"(`--verbose` says so).\n\n" +
			"Findings carry ShellCheck's code (`SC2086`) as their peer ID and its level as their severity (see " +
			"Severity above), so " +
			"`# hadolint ignore=SC2086` and `--ignore SC2086` silence one check and `--ignore DKS3900` all of them.",
		Impact: "Build scripts that misbehave on unexpected input",
		Fix:    "Follow the advice of the ShellCheck wiki page for the code (https://www.shellcheck.net/wiki/SC2086 and so on).",
		SeverityNote: "ShellCheck's level, except that its errors (a script that does not parse, a bashism the shell " +
			"lacks) are warnings, since a broken RUN is a correctness problem, and its warnings about style " +
			"(quoting a value without spaces, unused variables, `[ -o ]`, `find | xargs`) are info.",
		Bad:  Dockerfiles("FROM debian:12\nRUN echo $HOME\n"),
		Good: Dockerfiles("FROM debian:12\nRUN echo \"$HOME\"\n"),
		Refs: []string{"https://www.shellcheck.net/wiki/"},
	},
	Checks: []Check{FileCheck{Check: checkShellCheckFile, History: true}},
}

func checkShellCheckFile(p *Pass, f *dockerfile.File) {
	if p.Settings == nil || p.Settings.ShellCheck == "" {
		return
	}
	var scripts []scScript
	add := func(in dockerfile.Instruction) {
		if s, ok := shellCheckScript(f, in); ok {
			scripts = append(scripts, s)
		}
	}
	for _, in := range f.Instructions {
		add(in)
		if ob, ok := in.(*dockerfile.Onbuild); ok && ob.Inner != nil {
			add(ob.Inner)
		}
	}
	if len(scripts) == 0 {
		return
	}
	for i, comments := range checkScripts(p.Ctx(), p.Settings.ShellCheck, scripts) {
		scripts[i].report(p, comments)
	}
}

// scScript is one RUN script as ShellCheck reads it.
type scScript struct {
	in dockerfile.Instruction
	// text is the dialect directive, the variable header, then the script.
	text string
	// dialect is the one the directive names.
	dialect string
	// busybox marks a script run by busybox ash (Alpine's /bin/sh), which
	// ShellCheck 0.9 checks as POSIX sh: the extensions ash has are not
	// reported (see busyboxHas).
	busybox bool
	// errexit marks a SHELL that runs with -e: a failing cd stops the RUN.
	errexit bool
	// line is the Dockerfile line of the script's first line, 0 when
	// lines do not map; prefix is the number of lines before it in text.
	line, prefix int
}

// shellCheckScript builds what ShellCheck reads for a RUN; false for a RUN
// it cannot check (exec form, a shell it does not know, a Windows stage
// without a POSIX SHELL, too large). Without a SHELL, /bin/sh is what the
// base's family makes it: dash on Debian and Ubuntu, busybox ash on
// Alpine, bash on the Red Hat family.
func shellCheckScript(file *dockerfile.File, in dockerfile.Instruction) (scScript, bool) {
	r, ok := in.(*dockerfile.Run)
	if !ok || r.Script == nil {
		return scScript{}, false
	}
	shell := shellOf(in)
	dialect := shellcheckDialect(shell)
	busybox := false
	if len(shell) == 0 || path.Base(shell[0]) == "sh" {
		switch baseOSOf(file, in.Stage()) {
		case osWindows:
			if len(shell) == 0 {
				return scScript{}, false // cmd /S /C
			}
		case osDebian:
			dialect = "dash"
		case osAlpine:
			busybox = true
		case osRHEL:
			dialect = "bash"
		}
	}
	if len(shell) > 0 && (path.Base(shell[0]) == "ash" || path.Base(shell[0]) == "busybox") {
		busybox = true
	}
	src, line := scriptSource(r)
	if dialect == "" || src == "" || len(src) > maxShellCheckBytes {
		return scScript{}, false
	}
	if sb, ok := shebangDialect(src); ok {
		if sb == "" {
			return scScript{}, false // a heredoc body for another interpreter
		}
		dialect, busybox = sb, false
	}
	// The builder drops a line continuation at the end of the file; the
	// script still ends in it, which ShellCheck would read as a parse error.
	src = strings.TrimRight(strings.TrimSuffix(strings.TrimRight(src, " \t\r\n"), "\\"), " \t")
	// The directive, not --shell, carries the dialect, so that scripts of
	// different dialects share one ShellCheck process.
	prefix := "# shellcheck shell=" + dialect + "\n" + shellcheckHeader(in)
	return scScript{in: in, text: prefix + src, dialect: dialect, busybox: busybox, errexit: shellErrexit(shell),
		line: line, prefix: strings.Count(prefix, "\n")}, true
}

// shellErrexit reports whether a SHELL argv runs with errexit (-e, -eux,
// -o errexit) before its -c.
func shellErrexit(argv []string) bool {
	for i := 1; i < len(argv); i++ {
		a := argv[i]
		switch {
		case a == "-c" || !strings.HasPrefix(a, "-"):
			return false
		case a == "-o" && i+1 < len(argv) && argv[i+1] == "errexit":
			return true
		case shortFlagsWithE().MatchString(a):
			return true
		}
	}
	return false
}

// shortFlagsWithE is a cluster of short shell options holding -e.
var shortFlagsWithE = lazyre.New(`^-[a-z]*e[a-z]*$`)

// busyboxHas are the POSIX-portability codes (SC3xxx) for extensions
// busybox ash has (its bash-compatible build, Alpine's): [[ ]], == in [ ],
// echo flags, set -o pipefail, local, source, ${var/a/b}, ${var:i:n},
// &> and $'…'.
var busyboxHas = map[int]bool{3003: true, 3010: true, 3014: true, 3020: true, 3037: true, 3040: true,
	3043: true, 3046: true, 3057: true, 3060: true}

// shellCheckHygiene are ShellCheck warnings that are style under the
// severity policy: quoting of values that hold no spaces, unused or
// one-shot variables and loops, declare-and-assign, [ -o ], find | xargs,
// mkdir -p -m, one-argument ln, piping to a command that reads nothing.
// They are reported at info; the warnings that change what a RUN does
// (cd without a check, bashisms the shell lacks, unset variables) stay.
var shellCheckHygiene = map[int]bool{1007: true, 2027: true, 2034: true, 2038: true, 2043: true, 2046: true,
	2155: true, 2165: true, 2166: true, 2174: true, 2216: true, 2226: true}

// binEcho is the external echo (coreutils), which takes -e, unlike the
// POSIX builtin SC3036 and SC3037 are about.
var binEcho = lazyre.New(`(^|[\s;&|(])/(usr/)?bin/echo\s+$`)

// chmodMode is a chmod whose mode starts with =, which ShellCheck reads as
// an assignment (SC2283).
var chmodEqualsMode = lazyre.New(`(^|[\s;&|(])chmod(\s+-\w+)*\s+$`)

// applies reports whether a ShellCheck comment holds for what really runs
// the script, and at which severity.
func (s scScript) applies(c scComment) (Severity, bool) {
	switch {
	case s.busybox && busyboxHas[c.Code],
		c.Code == 2164 && s.errexit:
		return 0, false
	case c.Code == 3036 || c.Code == 3037 || c.Code == 2283:
		before := s.textBefore(c)
		if (c.Code != 2283 && binEcho().MatchString(before)) || (c.Code == 2283 && chmodEqualsMode().MatchString(before)) {
			return 0, false
		}
	}
	switch c.Level {
	case "error":
		// A script that does not parse, or a bashism the shell lacks:
		// the build breaks or misbehaves, which is a warning here.
		return Warning, true
	case "warning":
		if shellCheckHygiene[c.Code] {
			return Info, true
		}
		return Warning, true
	}
	sev, err := ParseSeverity(c.Level)
	return sev, err == nil
}

// textBefore is the script text on the comment's line before its column.
func (s scScript) textBefore(c scComment) string {
	lines := strings.Split(s.text, "\n")
	if c.Line < 1 || c.Line > len(lines) {
		return ""
	}
	l := lines[c.Line-1]
	if col := c.Column - 1; col >= 0 && col <= len(l) {
		return l[:col]
	}
	return l
}

// report turns ShellCheck's comments on the script into findings on the
// Dockerfile lines they concern.
func (s scScript) report(p *Pass, comments []scComment) {
	rng := s.in.Range()
	for _, c := range comments {
		sev, ok := s.applies(c)
		if !ok {
			continue
		}
		at := rng.StartLine
		if s.line > 0 {
			at = s.line + c.Line - s.prefix - 1
		}
		if at < rng.StartLine || at > rng.EndLine {
			at = rng.StartLine
		}
		code := fmt.Sprintf("SC%04d", c.Code)
		p.ReportAtf(sev, dockerfile.LineRange(at, at), []string{code}, "%s (%s): %s", code, c.Level, c.Message)
	}
}

// maxShellCheckBytes bounds the scripts handed to ShellCheck.
const maxShellCheckBytes = 256 << 10

// Bounds of one ShellCheck process. One process checks many scripts, as
// starting one (~10 ms CPU) costs more than checking a short script; the
// chunks keep argv and ShellCheck's memory small, and let a large file's
// chunks run on several CPUs. Each script is a pipe: until the process
// starts, a chunk holds two descriptors per script here, and ShellCheck
// inherits one per script (it opens one more at a time). 100 keeps
// ShellCheck well under the smallest common limit (256 on macOS, which
// children get back however high Go raises its own) and all the chunks
// running at once (one per CPU) well under ours.
const (
	maxShellCheckFiles      = 100
	maxShellCheckChunkBytes = 1 << 20
	// maxShellCheckOutput bounds the JSON read back for one script; a
	// chunk gets up to four times as much.
	maxShellCheckOutput = 4 << 20
)

// shellCheckTimeout is the time allowed for one script, and
// shellCheckFileTimeout the time added for each further script of a chunk:
// ShellCheck takes from 2 ms on a short script to 60 ms on a chain of two
// dozen commands, so only a pathological script (or a stuck process) runs
// into it. Variables so that a test can wait less.
var (
	shellCheckTimeout     = 10 * time.Second
	shellCheckFileTimeout = time.Second
)

// shellCheckExcluded are codes that cannot apply to a RUN: sourced files
// are not available (SC1090, SC1091), ash is checked as sh (SC2187); and
// codes that read a literal word that is also a command name as the
// command (`VAR=test cmd`, `> test`: SC2209, SC2238), which in a
// Dockerfile is a value far more often than a mistake.
const shellCheckExcluded = "1090,1091,2187,2209,2238"

// scComment is one diagnostic of ShellCheck's json1 output.
type scComment struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Level   string `json:"level"`
	Column  int    `json:"column"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// shellCheckSlots bounds the ShellCheck processes running at once, across
// all the files being linted, to the CPUs Go may use.
var shellCheckSlots = sync.OnceValue(func() chan struct{} {
	return make(chan struct{}, max(1, runtime.GOMAXPROCS(0)))
})

// checkScripts runs ShellCheck on the scripts and returns each one's
// comments, in order; a script ShellCheck could not check has none.
// Identical scripts are checked once. Nothing is written to disk: a RUN
// may hold an inline secret, and DESIGN.md allows no writes outside an
// explicit output path, so the scripts reach ShellCheck through pipes.
func checkScripts(ctx context.Context, bin string, scripts []scScript) [][]scComment {
	var uniq []scScript
	index := make([]int, len(scripts))
	seen := map[string]int{}
	for i, s := range scripts {
		j, ok := seen[s.text]
		if !ok {
			j = len(uniq)
			seen[s.text] = j
			uniq = append(uniq, s)
		}
		index[i] = j
	}
	perChunk := maxShellCheckFiles
	if !shellCheckViaPipes() {
		perChunk = 1 // stdin holds one script
	}
	found := make([][]scComment, len(uniq))
	var wg sync.WaitGroup
	for lo, hi := 0, 0; lo < len(uniq); lo = hi {
		size := 0
		for hi < len(uniq) && hi-lo < perChunk && (hi == lo || size+len(uniq[hi].text) <= maxShellCheckChunkBytes) {
			size += len(uniq[hi].text)
			hi++
		}
		chunk, into := uniq[lo:hi], found[lo:hi]
		wg.Go(func() { checkChunk(ctx, bin, chunk, into) })
	}
	wg.Wait()
	out := make([][]scComment, len(scripts))
	for i, j := range index {
		out[i] = found[j]
	}
	return out
}

// checkChunk runs one ShellCheck process on the scripts and stores each
// one's comments in found. When that process fails in a way one of its
// scripts may have caused (an error exit, a timeout, too much output, a
// script it did not read), each script is checked alone, as if by itself,
// so the others keep their findings.
func checkChunk(ctx context.Context, bin string, scripts []scScript, found [][]scComment) {
	got, err := runShellCheck(ctx, bin, scripts)
	if err != nil {
		if errors.Is(err, errShellCheckGone) || len(scripts) == 1 {
			return
		}
		for i := range scripts {
			if ctx.Err() != nil {
				return
			}
			checkChunk(ctx, bin, scripts[i:i+1], found[i:i+1])
		}
		return
	}
	copy(found, got)
}

// errShellCheckGone marks a failure none of the scripts caused: the
// binary could not start, or a signal other than the timeout's ended it
// (an interrupt from the terminal). Checking each script again would only
// fail again, or repeat the work the interrupt meant to stop.
var errShellCheckGone = errors.New("shellcheck did not run")

// shellCheckViaPipes says whether a child process can open its inherited
// descriptors as /dev/fd/N, which lets one ShellCheck read many scripts
// without a file on disk. Windows has no /dev/fd (and os/exec no
// ExtraFiles there); a Linux without /proc, or a FreeBSD without fdescfs,
// has only /dev/fd/0-2, hence the probe on a descriptor above 2. Without
// it each script is read from stdin by a process of its own. A variable so
// that a test can take the fallback.
var shellCheckViaPipes = sync.OnceValue(func() bool {
	if runtime.GOOS == "windows" {
		return false
	}
	r, w, err := os.Pipe()
	if err != nil {
		return false
	}
	defer w.Close()
	defer r.Close()
	_, err = os.Stat("/dev/fd/" + strconv.FormatUint(uint64(r.Fd()), 10))
	return err == nil
})

// runShellCheck runs one ShellCheck process on the scripts, each of which
// declares its dialect, and returns each one's comments, in order. It
// reads them through pipes, or, without /dev/fd, the one script on stdin.
func runShellCheck(ctx context.Context, bin string, scripts []scScript) ([][]scComment, error) {
	slots := shellCheckSlots()
	slots <- struct{}{}
	defer func() { <-slots }()
	ctx, cancel := context.WithTimeout(ctx, shellCheckTimeout+time.Duration(len(scripts)-1)*shellCheckFileTimeout)
	defer cancel()
	args := []string{"--norc", "--format=json1", "--exclude=" + shellCheckExcluded}
	var pipes *scriptPipes
	var names []string
	if shellCheckViaPipes() {
		var err error
		if pipes, err = newScriptPipes(len(scripts)); err != nil {
			return nil, err
		}
		names = pipes.names
		args = append(append(args, "--"), names...)
	} else {
		// The directive in the text gives the dialect too; --shell is
		// what the per-RUN check passed.
		names = []string{"-"}
		args = append(args, "--shell="+scripts[0].dialect, "-")
	}
	cmd := exec.CommandContext(ctx, bin, args...)
	// A killed ShellCheck's pipes are not waited on for long (a process it
	// started could hold them open).
	cmd.WaitDelay = time.Second
	var out bytes.Buffer
	lw := &limitWriter{w: &out, n: maxShellCheckOutput * min(len(scripts), 4)}
	cmd.Stdout = lw
	if pipes != nil {
		cmd.ExtraFiles = pipes.r
	} else {
		cmd.Stdin = strings.NewReader(scripts[0].text)
	}
	err := cmd.Start()
	if pipes != nil {
		// On success too: the child has its own copies of the read ends.
		pipes.closeReaders()
	}
	if err != nil {
		if pipes != nil {
			pipes.finish()
		}
		return nil, fmt.Errorf("%w: %w", errShellCheckGone, err)
	}
	if pipes != nil {
		pipes.feed(scripts)
	}
	err = cmd.Wait()
	// Every script written whole, unless ShellCheck stopped reading: a
	// run that exits as if it checked them all has not.
	whole := pipes == nil || pipes.finish()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == -1 && ctx.Err() == nil {
		return nil, fmt.Errorf("%w: %w", errShellCheckGone, err)
	}
	// ShellCheck exits 1 when it found something; only other failures count.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		return nil, err
	}
	if !whole {
		return nil, errors.New("shellcheck did not read every script")
	}
	if lw.dropped {
		return nil, errors.New("shellcheck output too large")
	}
	var res struct {
		Comments []scComment `json:"comments"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return nil, err
	}
	at := make(map[string]int, len(names))
	for i, n := range names {
		at[n] = i
	}
	found := make([][]scComment, len(scripts))
	for _, c := range res.Comments {
		if i, ok := at[c.File]; ok {
			found[i] = append(found[i], c)
		}
	}
	return found, nil
}

// scriptPipes hands scripts to one process as the files /dev/fd/3,
// /dev/fd/4 and so on, one pipe each. Each script is written by a
// goroutine of its own, so the process may read them in any order without
// either side waiting on a full pipe buffer.
type scriptPipes struct {
	// r are the read ends, for exec.Cmd.ExtraFiles; w the write ends.
	r, w []*os.File
	// names are the paths the process opens, as its json1 "file" field
	// reports them.
	names []string
	wg    sync.WaitGroup
	// short says a script was not written whole: the process stopped
	// reading it, or never opened it.
	short atomic.Bool
}

// newScriptPipes opens n pipes, or none.
func newScriptPipes(n int) (*scriptPipes, error) {
	p := &scriptPipes{}
	for i := range n {
		r, w, err := os.Pipe()
		if err != nil {
			p.closeReaders()
			p.finish()
			return nil, err
		}
		p.r, p.w = append(p.r, r), append(p.w, w)
		// ExtraFiles[i] is the child's descriptor 3+i.
		p.names = append(p.names, "/dev/fd/"+strconv.Itoa(3+i))
	}
	return p, nil
}

// closeReaders closes our copies of the read ends.
func (p *scriptPipes) closeReaders() {
	for _, r := range p.r {
		r.Close()
	}
}

// feed writes each script into its pipe, and closes it for the end of file.
func (p *scriptPipes) feed(scripts []scScript) {
	for i, s := range scripts {
		w := p.w[i]
		p.wg.Go(func() {
			// EPIPE when the process exits before reading it all (Go
			// raises SIGPIPE only for stdout and stderr): the process's
			// exit status, or short, says what went wrong.
			if _, err := io.WriteString(w, s.text); err != nil {
				p.short.Store(true)
			}
			w.Close()
		})
	}
}

// finish is called once the process is gone: it closes the write ends,
// which ends a write still blocked because something else holds a read
// end, waits for the writers, and says whether every script was written
// whole.
func (p *scriptPipes) finish() bool {
	for _, w := range p.w {
		w.Close()
	}
	p.wg.Wait()
	return !p.short.Load()
}

// limitWriter keeps at most n bytes and drops the rest.
type limitWriter struct {
	w io.Writer
	n int
	// dropped says some bytes were dropped.
	dropped bool
}

func (l *limitWriter) Write(b []byte) (int, error) {
	keep := min(len(b), l.n)
	if keep > 0 {
		if _, err := l.w.Write(b[:keep]); err != nil {
			return 0, err
		}
		l.n -= keep
	}
	l.dropped = l.dropped || keep < len(b)
	return len(b), nil
}

// scriptSource returns the text ShellCheck should read for a RUN and the
// Dockerfile line of its first line (0 when lines do not map). A bare
// `RUN <<EOF` runs its heredoc body as the script, so that body is what is
// checked.
func scriptSource(r *dockerfile.Run) (string, int) {
	s := r.Script
	if len(s.Files) > 0 && len(s.Files[0].Stmts) == 1 && s.Files[0].Stmts[0].Cmd == nil && len(r.Node().Heredocs) > 0 {
		return r.Node().Heredocs[0].Content, r.Range().StartLine + 1
	}
	return s.Source, s.SourceLine
}

// shebangDialect reads a heredoc script's #! line: ok is false without
// one; dialect is "" for an interpreter ShellCheck does not read.
func shebangDialect(src string) (dialect string, ok bool) {
	if !strings.HasPrefix(src, "#!") {
		return "", false
	}
	first, _, _ := strings.Cut(src, "\n")
	fields := strings.Fields(strings.TrimPrefix(first, "#!"))
	if len(fields) == 0 {
		return "", false
	}
	if path.Base(fields[0]) == "env" && len(fields) > 1 {
		fields = fields[1:]
	}
	return shellcheckDialect(fields), true
}

// shellcheckDialect maps a SHELL argv to ShellCheck's --shell, or "" for a
// shell it cannot check (zsh, PowerShell, cmd).
func shellcheckDialect(argv []string) string {
	if len(argv) == 0 {
		return "sh"
	}
	switch strings.TrimSuffix(path.Base(argv[0]), ".exe") {
	case "sh", "ash", "busybox":
		return "sh"
	case "dash":
		return "dash"
	case "bash":
		return "bash"
	case "ksh", "mksh":
		return "ksh"
	}
	return ""
}

// shellOf is the SHELL in force at an instruction: the last SHELL before
// it in its stage, else the one the stage inherits from the stage it
// builds FROM.
func shellOf(in dockerfile.Instruction) []string {
	var sh []string
	var chain []*dockerfile.Stage
	for st := in.Stage(); st != nil; st = st.Parent {
		chain = append([]*dockerfile.Stage{st}, chain...)
	}
	for _, st := range chain {
		for _, prev := range st.Instructions {
			if st == in.Stage() && prev.Range().StartLine >= in.Range().StartLine {
				break
			}
			if x, ok := prev.(*dockerfile.Shell); ok {
				sh = x.Cmd.Shell
			}
		}
	}
	return sh
}

// shellIdent is a name the shell accepts as a variable.
var shellIdent = lazyre.New(`^[A-Za-z_][A-Za-z0-9_]*$`)

// shellcheckHeader declares the variables a RUN's environment holds, so
// ShellCheck does not call them unassigned: BuildKit's proxy ARGs and the
// ARG/ENV variables in scope. An ONBUILD trigger runs in another build,
// where only ENV survives. They are one export statement, as ShellCheck's
// analysis costs it about half a millisecond per statement of every
// script: thirteen export lines took more of its time than most RUNs.
func shellcheckHeader(in dockerfile.Instruction) string {
	var b strings.Builder
	b.WriteString("export")
	for _, name := range dockerfile.ProxyArgs {
		b.WriteString(" " + name + "=1")
	}
	if sc := in.Scope(); sc != nil {
		for _, v := range sc.Vars() {
			if shellIdent().MatchString(v.Name) && (v.Env || in.Parent() == nil) {
				b.WriteString(" " + v.Name + "=" + strconv.Quote("1"))
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}
