package rules

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"path"
	"regexp"
	"strconv"
	"strings"
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
			"SHELL as its dialect, and the ARG/ENV variables in scope declared, as hadolint does) and reports " +
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
	Visit: []dockerfile.Kind{dockerfile.KindRun},
	Check: func(p *Pass, in dockerfile.Instruction) {
		if p.Settings == nil || p.Settings.ShellCheck == "" {
			return
		}
		r, ok := in.(*dockerfile.Run)
		if !ok || r.Script == nil {
			return
		}
		dialect := shellcheckDialect(shellOf(in))
		src, line := scriptSource(r)
		if dialect == "" || src == "" || len(src) > maxShellCheckBytes {
			return
		}
		if sb, ok := shebangDialect(src); ok {
			if sb == "" {
				return // a heredoc body for another interpreter
			}
			dialect = sb
		}
		header := shellcheckHeader(in)
		comments, err := runShellCheck(p.Settings.ShellCheck, dialect, header+src)
		if err != nil {
			return
		}
		headerLines := strings.Count(header, "\n")
		rng := in.Range()
		for _, c := range comments {
			at := rng.StartLine
			if line > 0 {
				at = line + c.Line - headerLines - 1
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
	},
}

// maxShellCheckBytes bounds the scripts handed to ShellCheck.
const maxShellCheckBytes = 256 << 10

// shellCheckTimeout bounds one ShellCheck run.
const shellCheckTimeout = 10 * time.Second

// shellCheckExcluded are codes that cannot apply to a RUN: sourced files
// are not available (SC1090, SC1091), and ash is checked as sh (SC2187).
const shellCheckExcluded = "1090,1091,2187"

// scComment is one diagnostic of ShellCheck's json1 output.
type scComment struct {
	Line    int    `json:"line"`
	Level   string `json:"level"`
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// runShellCheck checks script with the given dialect.
func runShellCheck(bin, dialect, script string) ([]scComment, error) {
	ctx, cancel := context.WithTimeout(context.Background(), shellCheckTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--norc", "--shell="+dialect, "--format=json1", "--exclude="+shellCheckExcluded, "-")
	cmd.Stdin = strings.NewReader(script)
	var out bytes.Buffer
	cmd.Stdout = &limitWriter{w: &out, n: 4 << 20}
	err := cmd.Run()
	// ShellCheck exits 1 when it found something; only other failures count.
	if ee, ok := err.(*exec.ExitError); err != nil && (!ok || ee.ExitCode() != 1) {
		return nil, err
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
}

func (l *limitWriter) Write(b []byte) (int, error) {
	keep := min(len(b), l.n)
	if keep > 0 {
		if _, err := l.w.Write(b[:keep]); err != nil {
			return 0, err
		}
		l.n -= keep
	}
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
// where only ENV survives.
func shellcheckHeader(in dockerfile.Instruction) string {
	var b strings.Builder
	for _, name := range dockerfile.ProxyArgs {
		b.WriteString("export " + name + "=1\n")
	}
	if sc := in.Scope(); sc != nil {
		for _, v := range sc.Vars() {
			if shellIdent.MatchString(v.Name) && (v.Env || in.Parent() == nil) {
				b.WriteString("export " + v.Name + "=" + strconv.Quote("1") + "\n")
			}
		}
	}
	return b.String()
}
