package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// InstructionOverridden: a second CMD, ENTRYPOINT or HEALTHCHECK in a stage.
var InstructionOverridden = &Rule{
	ID:       "DKS1015",
	Name:     "instruction-overridden",
	Title:    "CMD, ENTRYPOINT or HEALTHCHECK overridden in the same stage",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012", "DS-0016", "DS-0007", "DS-0023"},
	BuildKit: &linter.RuleMultipleInstructionsDisallowed,
	// hadolint and trivy have one rule per instruction kind.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Overridden CMD, ENTRYPOINT or HEALTHCHECK",
		Mitigation:    "Keep one CMD, ENTRYPOINT and HEALTHCHECK per stage.",

		Rationale: "Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect. An earlier one " +
			"is dead code that a reviewer may take for what the container runs, or for the health " +
			"check that protects it. The finding points at the instruction that is ignored.",
		Impact:       "Container runs something other than what the reader sees",
		Fix:          "Keep one of each per stage; remove the earlier ones.",
		SeverityNote: "hadolint's DL3012 and DL4004 are errors; an instruction that a later one overrides builds fine and misleads the reader: a correctness problem, warning, as BuildKit and hadolint's DL4003 have it.",
		Bad:          Dockerfiles("FROM alpine:3.20\nCMD [\"/app\", \"--debug\"]\nCMD [\"/app\"]\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nCMD [\"/app\"]\n"),
		Refs:         []string{buildKitDoc("multiple-instructions-disallowed"), hadolintDoc("DL4003"), hadolintDoc("DL4004")},
	},
	Checks: []Check{StageCheck{Check: checkInstructionOverriddenStage}},
}

func checkInstructionOverriddenStage(p *Pass, s *dockerfile.Stage) {
	if s.Implicit {
		return // no FROM: instruction-before-from says the file does not build
	}
	last := map[dockerfile.Kind]dockerfile.Instruction{}
	for _, in := range s.Instructions {
		switch in.Kind() {
		case dockerfile.KindCmd, dockerfile.KindEntrypoint, dockerfile.KindHealthcheck:
		default:
			continue
		}
		if prev, ok := last[in.Kind()]; ok {
			p.ReportAliasedf(prev.Range(), overriddenPeers[in.Kind()], "Multiple %s instructions should not be used in the same stage because only the last one will be used", prev.Keyword())
		}
		last[in.Kind()] = in
	}
}

// overriddenPeers are the peer IDs of a repeated instruction, by kind.
var overriddenPeers = map[dockerfile.Kind][]string{
	dockerfile.KindCmd:         {"MultipleInstructionsDisallowed", "DL4003", "DS-0016"},
	dockerfile.KindEntrypoint:  {"MultipleInstructionsDisallowed", "DL4004", "DS-0007"},
	dockerfile.KindHealthcheck: {"MultipleInstructionsDisallowed", "DL3012", "DS-0023"},
}
