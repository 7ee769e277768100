package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SudoInRun: sudo inside RUN.
var SudoInRun = &Rule{
	ID:       "DKS4002",
	Name:     "sudo-in-run",
	Title:    "sudo used in RUN",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3004", "DS-0010", "CKV2_DOCKER_1", "DKL-DI-0001"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1548_001, t.T1068},
		CWE:      []*t.CWE{t.CWE250, t.CWE269},
		Controls: []*t.Control{t.NIST53_AC6},
	},
	Doc: Doc{
		Vulnerability: "sudo in the build",
		Mitigation:    "Run privileged steps before USER; drop sudo.",

		Rationale: "sudo in a build step means sudo (and a sudoers policy) ships in the image, giving any " +
			"process that compromises the unprivileged user an easy path back to root. Its TTY and signal " +
			"handling is also unpredictable in a build.",
		Impact:       "Privilege escalation inside the container",
		Fix:          "Run the privileged steps before `USER`, as root, and drop privileges afterwards; use `gosu` or `su-exec` only in an entrypoint that must step down.",
		SeverityNote: "hadolint's DL3004 is an error; sudo in a RUN is redundant where the build runs as root and only works as another user when passwordless sudo was granted, which is the problem to report: hygiene here, info.",
		Bad:          Dockerfiles("FROM debian:12\nUSER app\nRUN sudo apt-get update\n"),
		Good:         Dockerfiles("FROM debian:12\nRUN apt-get update\nUSER app\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkSudoInRun, History: true}},
}

func checkSudoInRun(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("sudo") {
		if u, ok := c.FlagValue("-u", "--user"); ok && !IsRootUser(u) {
			continue // root stepping down to a less privileged user
		}
		p.ReportLinef(c.Line, "sudo runs in a build step; run as root before USER instead")
	}
}
