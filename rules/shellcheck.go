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
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
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
	AliasesPerFinding: true,
	AliasPattern:      regexp.MustCompile(`^SC\d{4}$`),
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1059_004},
		CWE:      []*t.CWE{t.CWE78, t.CWE710},
		Controls: []*t.Control{t.ASVS_V5},
	},
	Doc: Doc{
		Rationale: "A RUN is a shell script, with a shell script's traps: unquoted variables split and glob " +
			"(`rm -rf $DIR/*` with an empty DIR), bashisms under /bin/sh, `cd` without error handling, " +
			"pipelines that hide failures. When the `shellcheck` binary is on PATH, dockstride runs " +
			"[ShellCheck](https://www.shellcheck.net) on every RUN written for a POSIX shell (with the stage's " +
			"SHELL as its dialect, and the ARG/ENV variables in scope declared, as hadolint does; one ShellCheck " +
			"process checks all the scripts of a Dockerfile) and reports " +
			"each diagnostic on the Dockerfile line it concerns. Without ShellCheck the rule reports nothing " +
			"(`--verbose` says so).\n\n" +
			"Findings carry ShellCheck's code (`SC2086`) as their peer ID and its level as their severity, so " +
			"`# hadolint ignore=SC2086` and `--ignore SC2086` silence one check and `--ignore DKS3900` all of them.",
		Impact: "Build scripts that misbehave on unexpected input",
		Fix:    "Follow the advice of the ShellCheck wiki page for the code (https://www.shellcheck.net/wiki/SC2086 and so on).",
		Bad:    []string{"FROM debian:12\nRUN echo $HOME\n"},
		Good:   []string{"FROM debian:12\nRUN echo \"$HOME\"\n"},
		Refs:   []string{"https://www.shellcheck.net/wiki/"},
	},
	HistoryFile: true,
	CheckFile: func(p *Pass, f *dockerfile.File) {
		if p.Settings == nil || p.Settings.ShellCheck == "" {
			return
		}
		var scripts []scScript
		add := func(in dockerfile.Instruction) {
			if s, ok := shellCheckScript(in); ok {
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
		texts := make([]string, len(scripts))
		for i, s := range scripts {
			texts[i] = s.text
		}
		for i, comments := range checkScripts(p.Settings.ShellCheck, texts) {
			scripts[i].report(p, comments)
		}
	},
}

// scScript is one RUN script as ShellCheck reads it.
type scScript struct {
	in dockerfile.Instruction
	// text is the dialect directive, the variable header, then the script.
	text string
	// line is the Dockerfile line of the script's first line, 0 when
	// lines do not map; prefix is the number of lines before it in text.
	line, prefix int
}

// shellCheckScript builds what ShellCheck reads for a RUN; false for a RUN
// it cannot check (exec form, a shell it does not know, too large).
func shellCheckScript(in dockerfile.Instruction) (scScript, bool) {
	r, ok := in.(*dockerfile.Run)
	if !ok || r.Script == nil {
		return scScript{}, false
	}
	dialect := shellcheckDialect(shellOf(in))
	src, line := scriptSource(r)
	if dialect == "" || src == "" || len(src) > maxShellCheckBytes {
		return scScript{}, false
	}
	if sb, ok := shebangDialect(src); ok {
		if sb == "" {
			return scScript{}, false // a heredoc body for another interpreter
		}
		dialect = sb
	}
	// The directive, not --shell, carries the dialect, so that scripts of
	// different dialects share one ShellCheck process.
	prefix := "# shellcheck shell=" + dialect + "\n" + shellcheckHeader(in)
	return scScript{in: in, text: prefix + src, line: line, prefix: strings.Count(prefix, "\n")}, true
}

// report turns ShellCheck's comments on the script into findings on the
// Dockerfile lines they concern.
func (s scScript) report(p *Pass, comments []scComment) {
	rng := s.in.Range()
	for _, c := range comments {
		at := rng.StartLine
		if s.line > 0 {
			at = s.line + c.Line - s.prefix - 1
		}
		if at < rng.StartLine || at > rng.EndLine {
			at = rng.StartLine
		}
		code := fmt.Sprintf("SC%04d", c.Code)
		f := p.finding(dockerfile.LineRange(at, at), fmt.Sprintf("%s (%s): %s", code, c.Level, c.Message))
		f.Aliases = []string{code}
		if sev, err := ParseSeverity(c.Level); err == nil {
			f.Severity = sev
		}
		p.Report(f)
	}
}

// maxShellCheckBytes bounds the scripts handed to ShellCheck.
const maxShellCheckBytes = 256 << 10

// Bounds of one ShellCheck process. One process checks many scripts, as
// starting one (~10 ms CPU) costs more than checking a short script; the
// chunks keep argv and ShellCheck's memory small, and let a large file's
// chunks run on several CPUs.
const (
	maxShellCheckFiles      = 200
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
// are not available (SC1090, SC1091), and ash is checked as sh (SC2187).
const shellCheckExcluded = "1090,1091,2187"

// scComment is one diagnostic of ShellCheck's json1 output.
type scComment struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Level   string `json:"level"`
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
// Identical scripts are checked once. Each script is a file of one
// temporary directory, removed before checkScripts returns.
func checkScripts(bin string, scripts []string) [][]scComment {
	out := make([][]scComment, len(scripts))
	var uniq []string
	index := make([]int, len(scripts))
	seen := map[string]int{}
	for i, s := range scripts {
		j, ok := seen[s]
		if !ok {
			j = len(uniq)
			seen[s] = j
			uniq = append(uniq, s)
		}
		index[i] = j
	}
	dir, err := os.MkdirTemp("", "dockstride-shellcheck-")
	if err != nil {
		return out
	}
	defer os.RemoveAll(dir)
	names := make([]string, len(uniq))
	for i, s := range uniq {
		names[i] = "s" + strconv.Itoa(i)
		if err := os.WriteFile(filepath.Join(dir, names[i]), []byte(s), 0o600); err != nil {
			return out
		}
	}
	found := make([][]scComment, len(uniq))
	var wg sync.WaitGroup
	for lo, hi := 0, 0; lo < len(uniq); lo = hi {
		size := 0
		for hi < len(uniq) && hi-lo < maxShellCheckFiles && (hi == lo || size+len(uniq[hi]) <= maxShellCheckChunkBytes) {
			size += len(uniq[hi])
			hi++
		}
		chunk, into := names[lo:hi], found[lo:hi]
		wg.Go(func() { checkChunk(bin, dir, chunk, into) })
	}
	wg.Wait()
	for i, j := range index {
		out[i] = found[j]
	}
	return out
}

// checkChunk runs one ShellCheck process on the named files of dir and
// stores each file's comments in found. When that process fails in a way
// one of its scripts may have caused (an error exit, a timeout, too much
// output), each script is checked alone, as if by itself, so the others
// keep their findings.
func checkChunk(bin, dir string, names []string, found [][]scComment) {
	comments, err := runShellCheck(bin, dir, names)
	if err != nil {
		if errors.Is(err, errShellCheckGone) || len(names) == 1 {
			return
		}
		for i := range names {
			checkChunk(bin, dir, names[i:i+1], found[i:i+1])
		}
		return
	}
	at := make(map[string]int, len(names))
	for i, n := range names {
		at[n] = i
	}
	for _, c := range comments {
		if i, ok := at[c.File]; ok {
			found[i] = append(found[i], c)
		}
	}
}

// errShellCheckGone marks a failure none of the scripts caused: the
// binary could not start, or a signal other than the timeout's ended it
// (an interrupt from the terminal). Checking each script again would only
// fail again, or repeat the work the interrupt meant to stop.
var errShellCheckGone = errors.New("shellcheck did not run")

// runShellCheck runs ShellCheck on the named files of dir, each of which
// declares its dialect.
func runShellCheck(bin, dir string, names []string) ([]scComment, error) {
	slots := shellCheckSlots()
	slots <- struct{}{}
	defer func() { <-slots }()
	ctx, cancel := context.WithTimeout(context.Background(), shellCheckTimeout+time.Duration(len(names)-1)*shellCheckFileTimeout)
	defer cancel()
	args := append([]string{"--norc", "--format=json1", "--exclude=" + shellCheckExcluded, "--"}, names...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	// A killed ShellCheck's pipe is not waited on for long (a process it
	// started could hold it open).
	cmd.WaitDelay = time.Second
	var out bytes.Buffer
	lw := &limitWriter{w: &out, n: maxShellCheckOutput * min(len(names), 4)}
	cmd.Stdout = lw
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%w: %w", errShellCheckGone, err)
	}
	err := cmd.Wait()
	if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() == -1 && ctx.Err() == nil {
		return nil, fmt.Errorf("%w: %w", errShellCheckGone, err)
	}
	// ShellCheck exits 1 when it found something; only other failures count.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		return nil, err
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
	return res.Comments, nil
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
var shellIdent = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

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
			if shellIdent.MatchString(v.Name) && (v.Env || in.Parent() == nil) {
				b.WriteString(" " + v.Name + "=" + strconv.Quote("1"))
			}
		}
	}
	b.WriteString("\n")
	return b.String()
}
