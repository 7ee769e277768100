package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// StageNameReserved: a stage named scratch or context.
var StageNameReserved = &Rule{
	ID:       "DKS1012",
	Name:     "stage-name-reserved",
	Title:    "Stage named scratch or context",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ReservedStageName", "DL3063"},
	BuildKit: &linter.RuleReservedStageName,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Reserved stage name",
		Mitigation:    "Rename the stage.",

		Rationale: "`scratch` is the empty image and `context` the build context; a stage with either " +
			"name shadows them, so `FROM scratch` or `COPY --from=context` no longer mean what every " +
			"reader expects.",
		Impact: "Stage references resolve to unexpected content",
		Fix:    "Rename the stage.",
		Bad:    Dockerfiles("FROM alpine:3.20 AS scratch\n"),
		Good:   Dockerfiles("FROM alpine:3.20 AS base\n"),
		Refs:   []string{buildKitDoc("reserved-stage-name"), hadolintDoc("DL3063")},
	},
	Checks: []Check{StageCheck{Check: checkStageNameReservedStage}},
}

func checkStageNameReservedStage(p *Pass, s *dockerfile.Stage) {
	if s.Name == "scratch" || s.Name == "context" {
		p.ReportLinef(s.Line(), "Stage name should not use the same name as reserved stage %q", s.Name)
	}
}
