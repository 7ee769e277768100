package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// FromPlatformRedundant: FROM --platform=$TARGETPLATFORM.
var FromPlatformRedundant = &Rule{
	ID:       "DKS1019",
	Name:     "from-platform-redundant",
	Title:    "FROM --platform=$TARGETPLATFORM is the default",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"RedundantTargetPlatform", "DL3065"},
	BuildKit: &linter.RuleRedundantTargetPlatform,
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Redundant FROM --platform",
		Mitigation:    "Drop --platform=$TARGETPLATFORM.",

		Rationale: "Stages are built for the target platform unless told otherwise, so " +
			"`--platform=$TARGETPLATFORM` changes nothing; it suggests the author meant " +
			"`$BUILDPLATFORM` (run the stage natively and cross-compile), which matters for speed and " +
			"for which binaries end up in the image.",
		Impact:       "Misleading platform selection",
		Fix:          "Remove the flag, or use `--platform=$BUILDPLATFORM` for cross-compiling build stages.",
		SeverityNote: "BuildKit's RedundantTargetPlatform is a warning; the redundant flag changes nothing in the image: hygiene, info.",
		Bad:          Dockerfiles("FROM --platform=$TARGETPLATFORM alpine:3.20\n"),
		Good:         Dockerfiles("FROM alpine:3.20\n", "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"),
		Refs:         []string{buildKitDoc("redundant-target-platform"), hadolintDoc("DL3065")},
	},
	Checks: []Check{StageCheck{Check: checkFromPlatformRedundantStage}},
}

func checkFromPlatformRedundantStage(p *Pass, s *dockerfile.Stage) {
	if s.From == nil || s.From.Platform == "" {
		return
	}
	env, _ := globalArgs(p, true)
	res, err := p.File.Lex().ProcessWordWithMatches(s.From.Platform, env)
	if err != nil || len(res.Matched) != 1 || len(res.Unmatched) != 0 {
		return
	}
	if _, ok := res.Matched["TARGETPLATFORM"]; !ok {
		return
	}
	if v, _ := env.Get("TARGETPLATFORM"); v == res.Result {
		p.ReportLinef(s.Line(), "Setting platform to predefined %s in FROM is redundant as this is the default behavior", s.From.Platform)
	}
}
