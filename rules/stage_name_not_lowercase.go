package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// StageNameNotLowercase: a stage name with upper-case letters.
var StageNameNotLowercase = &Rule{
	ID:       "DKS1001",
	Name:     "stage-name-not-lowercase",
	Title:    "Stage name is not lowercase",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"StageNameCasing"},
	BuildKit: &linter.RuleStageNameCasing,
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Stage name not lowercase",
		Mitigation:    "Write stage names in lowercase.",

		Rationale: "BuildKit lower-cases stage names, so `FROM x AS Build` is referred to as `build` by " +
			"`COPY --from` and `--target`. Mixed case invites references that look different from the " +
			"name they resolve to, and keywords and identifiers become hard to tell apart.",
		Impact:       "Misleading stage references",
		Fix:          "Write stage names in lowercase: `FROM golang:1.23 AS build`.",
		SeverityNote: "BuildKit's StageNameCasing is a warning; stage names match case-insensitively, so the casing changes nothing: style, as formatting is.",
		Bad:          Dockerfiles("FROM golang:1.23 AS BuildStage\n"),
		Good:         Dockerfiles("FROM golang:1.23 AS build-stage\n"),
		Refs:         []string{buildKitDoc("stage-name-casing")},
	},
	Checks: []Check{FileCheck{Check: checkStageNameNotLowercase}},
}

// checkStageNameNotLowercase reports BuildKit's StageNameCasing warnings,
// except on a name written as an ARG reference (AS ${NAME}): its value is
// the name, as Buildah reads it.
func checkStageNameNotLowercase(p *Pass, f *dockerfile.File) {
	byARG := map[int]bool{}
	for _, s := range f.Stages {
		if s.From != nil && strings.Contains(s.OrigName, "$") {
			byARG[s.From.Range().StartLine] = true
		}
	}
	for _, w := range f.BuildKitWarnings {
		if w.Rule == linter.RuleStageNameCasing.RuleName() && !byARG[w.Range.StartLine] {
			p.Reportf(w.Range, "%s", w.Message)
		}
	}
}
