package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CopyStageRoot: COPY --from=stage / / copies a whole filesystem.
var CopyStageRoot = &Rule{
	ID:       "DKS1016",
	Name:     "copy-stage-root",
	Title:    "COPY --from copies a whole filesystem into /",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3067"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: checkCopyStageRoot}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Tampering},
		CWE:      []*t.CWE{t.CWE538},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST190_4_1_2},
	},
	Doc: Doc{
		Rationale: "`COPY --from=build / /` overlays everything the other stage holds onto the image: " +
			"compilers, package caches, build-time credentials and its /etc, including users and " +
			"permissions. The point of a multi-stage build, shipping only the artifacts, is lost, and " +
			"files the build left behind (tokens in config files, keys) ship too. Builder stages, " +
			"whose layers never ship, may assemble toolchains this way (`COPY --from=xx / /`); " +
			"only the shipped stage and the stages it builds on are judged.",
		Impact: "Build tools and build-time secrets shipped in the image",
		Fix:    "Copy only the artifacts: `COPY --from=build /out/app /usr/local/bin/app`.",
		Bad:    Dockerfiles("FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build / /\n"),
		Good:   Dockerfiles("FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n"),
		Refs:   []string{hadolintDoc("DL3067")},
	},
}

func checkCopyStageRoot(p *Pass, in dockerfile.Instruction) {
	c := in.(*dockerfile.Copy)
	if copyFrom(c) == "" || len(c.Cmd.SourcePaths) == 0 || (in.Parent() == nil && !p.ShipsLayers(in.Stage())) {
		return
	}
	root := func(s string) bool { return strings.Trim(s, `"'`) == "/" }
	if !root(c.Cmd.DestPath) {
		return
	}
	for _, src := range c.Cmd.SourcePaths {
		if root(src) {
			p.Reportf(in.Range(), "COPY --from=%s copies the stage's whole filesystem into /", copyFrom(c))
			return
		}
	}
}
