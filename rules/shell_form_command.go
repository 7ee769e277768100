package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"mvdan.cc/sh/v3/syntax"
)

// ShellFormCommand: CMD or ENTRYPOINT in shell form runs under /bin/sh -c.
var ShellFormCommand = &Rule{
	ID:       "DKS6001",
	Name:     "shell-form-command",
	Title:    "CMD, ENTRYPOINT or HEALTHCHECK in shell form",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"JSONArgsRecommended", "DL3025"},
	BuildKit: &linter.RuleJSONArgsRecommended,
	// BuildKit's JSONArgsRecommended does not look at HEALTHCHECK.
	AliasesPerFinding: true,
	// The exec form runs the same program with the same arguments, minus
	// the shell in between (which is the point), and is offered only when
	// no shell syntax would be lost.
	Fix: SafeFix,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_004, t.T1609},
		CWE:      []*t.CWE{t.CWE78},
		Controls: []*t.Control{t.ASVS_V5, t.NIST53_SI7, t.NIST53_AC6},
	},
	Doc: Doc{
		Vulnerability: "Shell-form CMD or ENTRYPOINT",
		Mitigation:    "Use the exec (JSON array) form.",

		Rationale: "Shell form wraps the command in `/bin/sh -c`, the container equivalent of " +
			"`subprocess(..., shell=True)` (bandit's B602): variables and arguments are interpreted by a " +
			"shell, so anything that reaches them can inject commands, and the shell, not the application, " +
			"becomes PID 1 and swallows SIGTERM, so the container is killed instead of shutting down cleanly. " +
			"A shell form that starts with `exec` replaces the shell with the process, which then gets " +
			"the signals: not reported.",
		Impact: "Command injection through the shell; unclean shutdown",
		Fix:    "Use exec form, a JSON array: `CMD [\"gunicorn\", \"-b\", \"127.0.0.1:8000\", \"app:app\"]`. If a shell is truly needed, set it explicitly with SHELL and `exec` the final process.",
		Bad:    Dockerfiles("FROM python:3.12-slim\nCMD gunicorn app:app\n", "FROM alpine:3.20\nENTRYPOINT /usr/local/bin/start.sh\n", "FROM gcr.io/distroless/base-debian12\nHEALTHCHECK CMD wget -qO- http://127.0.0.1/\n"),
		Good: Dockerfiles("FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n", "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n",
			"FROM python:3.12-slim\nCMD exec gunicorn app:app\n"),
		SeverityNote: "A shell-form HEALTHCHECK is a short-lived probe that signals do not reach (BuildKit skips it): " +
			"info, since the exec form only spares the image its shell (hadolint's DL3025 asks for it); on a base with no /bin/sh " +
			"(distroless, Chainguard static) the check always fails: a warning. A CMD or ENTRYPOINT that is itself a shell " +
			"(`CMD /bin/sh`, `CMD sh -c \"app | tee log\"`) or only echo, printf or true gains nothing for signals from the exec form: info.",
		Refs: []string{"https://docs.docker.com/reference/build-checks/json-args-recommended/"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCmd, dockerfile.KindEntrypoint, dockerfile.KindHealthcheck}, Check: checkShellFormCommand},
		ImageConfigCheck{Check: checkShellFormCommandImage},
	},
}

func checkShellFormCommand(p *Pass, in dockerfile.Instruction) {
	if in.Parent() != nil || shellSetBefore(in) {
		return
	}
	var line []string
	switch x := in.(type) {
	case *dockerfile.Cmd:
		if x.ExecForm() {
			return
		}
		line = x.Cmd.CmdLine
	case *dockerfile.Entrypoint:
		if x.ExecForm() {
			return
		}
		line = x.Cmd.CmdLine
	case *dockerfile.Healthcheck:
		// A health check is a short-lived probe: signals do not reach it
		// and BuildKit and hadolint accept its shell form. It only fails
		// where the base has no shell.
		h := x.Cmd.Health
		if h == nil || len(h.Test) == 0 || h.Test[0] != "CMD-SHELL" {
			return
		}
		if base := baseImageOf(in.Stage()); hasNoShell(p, in.Stage()) {
			p.ReportAliasedf(in.Range(), nil, "HEALTHCHECK in shell form runs /bin/sh, which %s does not have: the check always fails", base)
			return
		}
		// hadolint's DL3025 asks for the exec form here too; what it buys
		// is an image that need not keep a shell for its probe: hygiene.
		p.ReportAtf(Info, in.Range(), []string{"DL3025"}, "HEALTHCHECK in shell form runs /bin/sh -c for every probe, so the image must keep a shell; the exec form needs none")
		return
	}
	cmd := strings.Join(line, " ")
	if execsLast(cmd) {
		return // `exec server`: the shell replaces itself, the server gets the signals
	}
	if what := signalMoot(cmd); what != "" {
		// The JSON form would run the same shell, or a command that exits
		// at once: nothing changes for signals (hygiene).
		p.WithFix(func() *Fix { return execFormFix(p.File, in) }).ReportAtf(Info, in.Range(), []string{"JSONArgsRecommended", "DL3025"},
			"%s in shell form runs %s: the exec form changes nothing for signals, but reads as what runs", in.Keyword(), what)
		return
	}
	p.WithFix(func() *Fix { return execFormFix(p.File, in) }).ReportAliasedf(in.Range(), []string{"JSONArgsRecommended", "DL3025"}, "JSON arguments recommended for %s to prevent unintended behavior related to OS signals", in.Keyword())
}

// execsLast reports a shell command line that starts its process with
// exec, so the shell is gone before the process runs.
func execsLast(cmd string) bool {
	return strings.HasPrefix(strings.TrimSpace(cmd), "exec ")
}

// signalMoot says what a shell-form command runs when the exec form would
// not change who receives the signals: a shell itself (`CMD /bin/sh`,
// `CMD sh -c "app | tee log"`, where the shell is the point) or a command
// that exits at once (`CMD echo hello`). "" otherwise.
func signalMoot(cmd string) string {
	fields := strings.Fields(cmd)
	if len(fields) == 0 {
		return ""
	}
	name := fields[0]
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	switch name {
	case "sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "fish":
		return "a shell (" + name + ")"
	case "echo", "printf", "true", "false":
		if !strings.ContainsAny(cmd, ";&|") {
			return "only " + name + ", which exits at once"
		}
	}
	return ""
}

// hasNoShell reports that the base image s's chain starts from is known to
// ship no /bin/sh (distroless, Chainguard static).
func hasNoShell(p *Pass, s *dockerfile.Stage) bool {
	d, ok := p.BaseDefaults(s)
	return ok && d.Shell.Known && d.Shell.Value == nil
}

// shellWrapped reports whether argv runs its command through `sh -c`, as
// Docker writes a shell-form ENTRYPOINT or CMD: ["/bin/sh", "-c", "…"].
func shellWrapped(argv []string) bool {
	if len(argv) < 2 || argv[1] != "-c" {
		return false
	}
	switch argv[0] {
	case "/bin/sh", "sh", "/usr/bin/sh":
		return true
	}
	return false
}

// shellArg is the command line of a shell-wrapped argv ("" when absent).
func shellArg(argv []string) string {
	if len(argv) < 3 {
		return ""
	}
	return argv[2]
}

// checkShellFormCommandImage: Entrypoint or Cmd wrapped in /bin/sh -c
// that does not exec its process. A config that sets Shell chose its
// shell on purpose, as a Dockerfile with SHELL does.
func checkShellFormCommandImage(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	if len(c.Shell) > 0 {
		return
	}
	if shellWrapped(c.Entrypoint) && !execsLast(shellArg(c.Entrypoint)) {
		p.Reportf("the image's Entrypoint runs under /bin/sh -c (shell form); use the exec form")
	}
	// With a shell-form Entrypoint, Docker ignores Cmd.
	if shellWrapped(c.Cmd) && !shellWrapped(c.Entrypoint) && !execsLast(shellArg(c.Cmd)) {
		p.Reportf("the image's Cmd runs under /bin/sh -c (shell form); use the exec form")
	}
}

// shellSetBefore reports whether a SHELL instruction precedes in, in its
// stage or a stage it builds on: the author chose the shell explicitly, so
// shell form is deliberate (BuildKit agrees).
func shellSetBefore(in dockerfile.Instruction) bool {
	s := in.Stage()
	if s == nil {
		return false
	}
	for _, x := range s.Instructions {
		if x == in {
			break
		}
		if x.Kind() == dockerfile.KindShell {
			return true
		}
	}
	for a := s.Parent; a != nil; a = a.Parent {
		for _, x := range a.Instructions {
			if x.Kind() == dockerfile.KindShell {
				return true
			}
		}
	}
	return false
}

// execFormFix rewrites a shell-form CMD, ENTRYPOINT or HEALTHCHECK CMD as
// the JSON array of its words, when the command is one program with
// literal arguments: no variables, quotes that matter, globs, redirections,
// operators or shell builtins, which only a shell would have run.
func execFormFix(f *dockerfile.File, in dockerfile.Instruction) *Fix {
	start, end, ok := argsSpan(f, in)
	if !ok {
		return NoFixf("the instruction spans comment lines or heredocs")
	}
	var command string
	switch x := in.(type) {
	case *dockerfile.Cmd:
		command = strings.Join(x.Cmd.CmdLine, " ")
	case *dockerfile.Entrypoint:
		if stageSetsCmd(in.Stage()) {
			return NoFixf("the stage also sets CMD, which an exec-form ENTRYPOINT would receive as arguments")
		}
		command = strings.Join(x.Cmd.CmdLine, " ")
	case *dockerfile.Healthcheck:
		// Keep the options; rewrite what follows CMD.
		opts, rest, ok := cutHealthcheckCmd(f.Text()[start:end])
		if !ok || len(x.Cmd.Health.Test) != 2 {
			return NoFixf("the health check's CMD is not on its first line")
		}
		start += len(opts)
		end = start + len(rest)
		command = x.Cmd.Health.Test[1]
	default:
		return nil
	}
	argv, why := plainCommand(command)
	if argv == nil {
		return NoFixf("%s", why)
	}
	return NewFix("write the command in exec form", Replace(start, end, jsonArgs(argv)))
}

// cutHealthcheckCmd splits HEALTHCHECK's arguments after the CMD word.
func cutHealthcheckCmd(args string) (opts, command string, ok bool) {
	i := 0
	for i < len(args) {
		j := i
		for j < len(args) && args[j] != ' ' && args[j] != '\t' {
			j++
		}
		word := args[i:j]
		for j < len(args) && (args[j] == ' ' || args[j] == '\t') {
			j++
		}
		if strings.EqualFold(word, "CMD") {
			return args[:j], args[j:], j < len(args) && !strings.ContainsAny(args[j:], "\n")
		}
		if !strings.HasPrefix(word, "--") {
			return "", "", false
		}
		i = j
	}
	return "", "", false
}

// stageSetsCmd reports whether s has a CMD: with one, an exec-form
// ENTRYPOINT gets it as arguments where a shell-form one ignored it.
func stageSetsCmd(s *dockerfile.Stage) bool {
	if s == nil {
		return false
	}
	for _, x := range s.Instructions {
		if x.Kind() == dockerfile.KindCmd {
			return true
		}
	}
	return false
}

// shellOnly are the builtins and keywords a shell runs itself: no program
// of that name would run in exec form.
var shellOnly = map[string]bool{
	".": true, ":": true, "[[": true, "alias": true, "break": true, "builtin": true, "cd": true, "command": true,
	"continue": true, "declare": true, "eval": true, "exit": true, "export": true, "hash": true, "let": true,
	"local": true, "read": true, "readonly": true, "return": true, "set": true, "shift": true, "source": true,
	"times": true, "trap": true, "type": true, "typeset": true, "ulimit": true, "umask": true, "unset": true, "wait": true,
}

// plainCommand reads a shell command line as an argv, when a shell adds
// nothing to it: one simple command of literal words. A leading `exec`,
// which the exec form does anyway, is dropped. Otherwise argv is nil and
// why says what the shell does there.
func plainCommand(command string) (argv []string, why string) {
	const shell = "the command uses shell syntax (variables, globs, operators, comments or builtins), which only a shell runs"
	if strings.ContainsAny(command, "*?[]{}~$`#\\\n") {
		return nil, shell
	}
	s, err := dockerfile.ParseScript(command, 1, dockerfile.ShellPOSIX)
	if err != nil || len(s.Files) != 1 || len(s.Files[0].Stmts) != 1 {
		return nil, shell
	}
	st := s.Files[0].Stmts[0]
	call, ok := st.Cmd.(*syntax.CallExpr)
	if !ok || len(st.Redirs) > 0 || st.Negated || st.Background || st.Coprocess || len(call.Assigns) > 0 || len(call.Args) == 0 {
		return nil, shell
	}
	for _, w := range call.Args {
		lit, ok := dockerfile.LiteralWord(w)
		if !ok {
			return nil, shell
		}
		argv = append(argv, lit)
	}
	if argv[0] == "exec" {
		argv = argv[1:]
	}
	if len(argv) == 0 || shellOnly[argv[0]] || strings.HasPrefix(argv[0], "-") {
		return nil, shell
	}
	return argv, ""
}
