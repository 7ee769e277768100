package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ShellFormCommand: CMD or ENTRYPOINT in shell form runs under /bin/sh -c.
var ShellFormCommand = &Rule{
	ID:       "DKS6001",
	Name:     "shell-form-command",
	Title:    "CMD, ENTRYPOINT or HEALTHCHECK in shell form",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"JSONArgsRecommended", "DL3025"},
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
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCmd, dockerfile.KindEntrypoint, dockerfile.KindHealthcheck}, Check: func(p *Pass, in dockerfile.Instruction) {
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
		}},
		ImageConfigCheck{Check: imageShellForm},
	},
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

// HealthcheckMissing: the shipped stage defines no HEALTHCHECK.
var HealthcheckMissing = &Rule{
	ID:       "DKS6003",
	Name:     "healthcheck-missing",
	Title:    "No HEALTHCHECK in the shipped stage",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3057", "DS-0026", "CKV_DOCKER_2", "CIS-DI-0006"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.Repudiation},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS4_6, t.CIS5_27},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_SI4, t.NIST53_AU12},
	},
	Doc: Doc{
		Rationale: "Without a health check the runtime only knows whether the process exists, not whether it " +
			"serves: a hung or degraded service keeps receiving traffic, and its failure goes unnoticed and " +
			"unlogged. Orchestrators with their own probes (Kubernetes) ignore HEALTHCHECK, so this is " +
			"informational; say so explicitly with `HEALTHCHECK NONE`.",
		Impact: "Degraded service goes undetected",
		Fix:    "Add `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (a probe that needs no shell or curl), or `HEALTHCHECK NONE` when the orchestrator probes instead.",
		Bad:    Dockerfiles("FROM nginx:1.27\nUSER nginx\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n", "FROM nginx:1.27\nHEALTHCHECK NONE\n"),
	},
	Checks: []Check{
		StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
			if !p.IsShipped(s) || s.Implicit {
				return
			}
			for c := s; c != nil; c = c.Parent {
				for _, in := range c.Instructions {
					if in.Kind() == dockerfile.KindHealthcheck {
						return
					}
				}
			}
			p.ReportLinef(s.Line(), "stage %s defines no HEALTHCHECK", s.Ref())
		}},
		ImageConfigCheck{Check: imageHealthcheckMissing},
	},
}
