package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// InstructionBeforeFrom: instructions other than ARG before the first FROM.
var InstructionBeforeFrom = &Rule{
	ID:       "DKS1008",
	Name:     "instruction-before-from",
	Title:    "Instruction before the first FROM",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3061"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Instruction before FROM",
		Mitigation:    "Start the Dockerfile with FROM.",

		Rationale: "Only ARG may come before the first FROM; BuildKit refuses any other instruction there " +
			"(`no build stage in current context`). dockstride still lints such a file, treating the " +
			"instructions as an implicit stage, and reports the ordering once here.",
		Impact:       "Dockerfile does not build",
		Fix:          "Start the file with FROM (after any ARGs the FROM line uses).",
		SeverityNote: "hadolint's DL3061 is an error; a Dockerfile that does not build is a correctness problem, not one exploitable as shipped (nothing ships): warning.",
		Bad:          Dockerfiles("LABEL org.opencontainers.image.title=app\nFROM alpine:3.20\n"),
		Good:         Dockerfiles("ARG BASE=alpine:3.20\nFROM ${BASE}\nLABEL org.opencontainers.image.title=app\n"),
		Refs:         []string{hadolintDoc("DL3061")},
	},
	Checks: []Check{StageCheck{Check: checkInstructionBeforeFromStage}},
}

func checkInstructionBeforeFromStage(p *Pass, s *dockerfile.Stage) {
	if !s.Implicit || len(s.Instructions) == 0 {
		return
	}
	// A line that is no instruction at all already has its parse error
	// (a file that is not a Dockerfile says so once, not twice).
	for _, in := range s.Instructions {
		if in.Kind() != dockerfile.KindUnknown {
			p.Reportf(in.Range(), "%s comes before the first FROM; only ARG may precede FROM", strings.ToUpper(in.Keyword()))
			return
		}
	}
}
