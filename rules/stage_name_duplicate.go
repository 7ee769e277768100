package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// StageNameDuplicate: two stages with one name.
var StageNameDuplicate = &Rule{
	ID:       "DKS1011",
	Name:     "stage-name-duplicate",
	Title:    "Two stages have the same name",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DuplicateStageName", "DL3024", "DS-0012", "CKV_DOCKER_11"},
	BuildKit: &linter.RuleDuplicateStageName,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Duplicate stage name",
		Mitigation:    "Give every stage a unique name.",

		Rationale: "`COPY --from=name`, `FROM name` and `--target name` must name one stage. With two " +
			"stages of one name, which one a reference gets depends on the builder, so artifacts can " +
			"come from the stage the author did not mean.",
		Impact:       "Artifacts copied from the wrong stage",
		Fix:          "Give every stage a unique name.",
		SeverityNote: "hadolint's DL3024 is an error (BuildKit's DuplicateStageName a warning); a build that fails is a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM golang:1.23 AS build\nFROM node:22 AS build\n"),
		Good:         Dockerfiles("FROM golang:1.23 AS build-go\nFROM node:22 AS build-web\n"),
		Refs:         []string{buildKitDoc("duplicate-stage-name"), hadolintDoc("DL3024")},
	},
	Checks: []Check{FileCheck{Check: checkStageNameDuplicateFile}},
}

func checkStageNameDuplicateFile(p *Pass, f *dockerfile.File) {
	seen := map[string]bool{}
	for _, s := range f.Stages {
		if s.Name == "" {
			continue
		}
		if seen[s.Name] {
			p.ReportLinef(s.Line(), "Duplicate stage name %q, stage names should be unique", s.Name)
		}
		seen[s.Name] = true
	}
}
