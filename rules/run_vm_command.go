package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RunVMCommand: ssh, vim, service, shutdown … in RUN.
var RunVMCommand = &Rule{
	ID:       "DKS3102",
	Name:     "run-vm-command",
	Title:    "RUN uses a command meant for a running machine",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3001"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkRunVMCommand}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Machine command in a build",
		Mitigation:    "Remove the command; start services from CMD.",

		Rationale: "`ssh`, `vim`, `service`, `shutdown`, `mount`, `ps`, `top`, `free`, `kill` and " +
			"`ifconfig` act on a running machine, not on an image being built: in a RUN they do " +
			"nothing useful, hang waiting for a terminal, or show the image is being treated like a " +
			"VM (services started at build time, SSH access) instead of one process per container.",
		Impact: "Build steps that do nothing or hang; VM-style images",
		Fix:    "Remove the command; configure services to start from the container's CMD, and use `docker exec` for interactive work.",
		Bad:    Dockerfiles("FROM debian:12\nRUN service nginx start\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client\n"),
		Refs:   []string{hadolintDoc("DL3001")},
	},
}

func checkRunVMCommand(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find(pointlessCommands...) {
		p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "%s makes no sense in an image build", c.Base())
	}
}

// pointlessCommands make no sense in an image build: interactive tools,
// process and service managers of a running system.
var pointlessCommands = []string{"free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"}
