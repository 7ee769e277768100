package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
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
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_004, t.T1609},
		CWE:      []*t.CWE{t.CWE78},
		Controls: []*t.Control{t.ASVS_V5, t.NIST53_SI7, t.NIST53_AC6},
	},
	Doc: Doc{
		Rationale: "Shell form wraps the command in `/bin/sh -c`, the container equivalent of " +
			"`subprocess(..., shell=True)` (bandit's B602): variables and arguments are interpreted by a " +
			"shell, so anything that reaches them can inject commands, and the shell, not the application, " +
			"becomes PID 1 and swallows SIGTERM, so the container is killed instead of shutting down cleanly. " +
			"A shell-form HEALTHCHECK also needs /bin/sh in the image, which minimal images lack.",
		Impact: "Command injection through the shell; unclean shutdown",
		Fix:    "Use exec form, a JSON array: `CMD [\"gunicorn\", \"-b\", \"127.0.0.1:8000\", \"app:app\"]`. If a shell is truly needed, set it explicitly with SHELL and `exec` the final process.",
		Bad:    Dockerfiles("FROM python:3.12-slim\nCMD gunicorn app:app\n", "FROM alpine:3.20\nENTRYPOINT /usr/local/bin/start.sh\n", "FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://127.0.0.1/\n"),
		Good:   Dockerfiles("FROM python:3.12-slim\nCMD [\"gunicorn\", \"app:app\"]\n", "FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n"),
		Refs:   []string{"https://docs.docker.com/reference/build-checks/json-args-recommended/"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCmd, dockerfile.KindEntrypoint, dockerfile.KindHealthcheck}, Check: checkShellFormCommand},
		ImageConfigCheck{Check: checkShellFormCommandImage},
	},
}

func checkShellFormCommand(p *Pass, in dockerfile.Instruction) {
	shellForm := false
	switch x := in.(type) {
	case *dockerfile.Cmd:
		shellForm = !x.ExecForm()
	case *dockerfile.Entrypoint:
		shellForm = !x.ExecForm()
	case *dockerfile.Healthcheck:
		// BuildKit records `HEALTHCHECK CMD x` as ["CMD-SHELL", "x"].
		shellForm = x.Cmd.Health != nil && len(x.Cmd.Health.Test) > 0 && x.Cmd.Health.Test[0] == "CMD-SHELL"
	}
	if !shellForm || in.Parent() != nil || shellSetBefore(in) {
		return
	}
	peers := []string{"JSONArgsRecommended", "DL3025"}
	if in.Kind() == dockerfile.KindHealthcheck {
		peers = []string{"DL3025"}
	}
	p.ReportAliasedf(in.Range(), peers, "JSON arguments recommended for %s to prevent unintended behavior related to OS signals", in.Keyword())
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

// checkShellFormCommandImage: Entrypoint or Cmd wrapped in /bin/sh -c, or a CMD-SHELL
// health check. A config that sets Shell chose its shell on purpose, as a
// Dockerfile with SHELL does.
func checkShellFormCommandImage(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	if len(c.Shell) > 0 {
		return
	}
	if shellWrapped(c.Entrypoint) {
		p.Reportf("the image's Entrypoint runs under /bin/sh -c (shell form); use the exec form")
	}
	// With a shell-form Entrypoint, Docker ignores Cmd.
	if shellWrapped(c.Cmd) && !shellWrapped(c.Entrypoint) {
		p.Reportf("the image's Cmd runs under /bin/sh -c (shell form); use the exec form")
	}
	if c.Healthcheck != nil && len(c.Healthcheck.Test) > 0 && c.Healthcheck.Test[0] == "CMD-SHELL" {
		p.Reportf("the image's health check runs under /bin/sh -c (CMD-SHELL); use the exec form")
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
