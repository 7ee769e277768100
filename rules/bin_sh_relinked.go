package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BinShRelinked: ln … /bin/sh.
var BinShRelinked = &Rule{
	ID:       "DKS3106",
	Name:     "bin-sh-relinked",
	Title:    "RUN replaces /bin/sh with a link",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL4005"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkBinShRelinked}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "/bin/sh relinked",
		Mitigation:    "Set SHELL instead of relinking /bin/sh.",

		Rationale: "Linking another shell over /bin/sh changes the interpreter of every later RUN and of " +
			"every script in the image that expects a POSIX sh, silently and for good. SHELL changes " +
			"the shell for the Dockerfile's own instructions only, which is usually what was wanted.",
		Impact: "Scripts in the image run under a shell they were not written for",
		Fix:    "Use `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` instead of relinking /bin/sh.",
		Bad:    Dockerfiles("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"),
		Good:   Dockerfiles("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"),
		Refs:   []string{hadolintDoc("DL4005")},
	},
}

func checkBinShRelinked(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("ln") {
		if pos := c.Positionals(); len(pos) > 0 && pos[len(pos)-1] == "/bin/sh" {
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "ln replaces /bin/sh; use the SHELL instruction to choose a shell")
		}
	}
}
