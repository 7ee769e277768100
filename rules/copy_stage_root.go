package rules

import (
	"slices"
	"strconv"
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
		Vulnerability: "Whole build stage copied into the image",
		Mitigation:    "Copy only the built artifacts from the build stage.",

		Rationale: "`COPY --from=build / /` overlays everything the other stage holds onto the image: " +
			"compilers, package caches, build-time credentials and its /etc, including users and " +
			"permissions. The point of a multi-stage build, shipping only the artifacts, is lost, and " +
			"files the build left behind (tokens in config files, keys) ship too. Builder stages, " +
			"whose layers never ship, may assemble toolchains this way; only the shipped stage and the " +
			"stages it builds on are judged. Copying an image whole, or a stage that only names one " +
			"(`FROM tonistiigi/xx AS xx` then `COPY --from=xx / /`), brings no build leftovers, and a " +
			"FROM scratch stage whose first step copies a stage whole flattens that stage (the squash " +
			"idiom): neither is reported.",
		Impact: "Build tools and build-time secrets shipped in the image",
		Fix:    "Copy only the artifacts: `COPY --from=build /out/app /usr/local/bin/app`.",
		Bad:    Dockerfiles("FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build / /\n"),
		Good: Dockerfiles("FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n",
			"FROM --platform=$BUILDPLATFORM tonistiigi/xx:1.6.1 AS xx\nFROM golang:1.23\nCOPY --from=xx / /\n",
			"FROM alpine:3.20 AS content\nRUN apk add --no-cache tini\nFROM scratch\nCOPY --from=content / /\n"),
		Refs: []string{hadolintDoc("DL3067")},
	},
}

func checkCopyStageRoot(p *Pass, in dockerfile.Instruction) {
	c := in.(*dockerfile.Copy)
	if copyFrom(c) == "" || len(c.Cmd.SourcePaths) == 0 || (in.Parent() == nil && !p.ShipsLayers(in.Stage())) {
		return
	}
	root := func(s string) bool { return strings.Trim(s, `"'`) == "/" }
	if !root(c.Cmd.DestPath) || !slices.ContainsFunc(c.Cmd.SourcePaths, root) {
		return
	}
	if src := copySourceStage(p.File, c); (src == nil && looksLikeImage(copyFrom(c))) || (src != nil && !builtSomething(src)) || squashes(in) {
		return
	}
	p.Reportf(in.Range(), "COPY --from=%s copies the stage's whole filesystem into /", copyFrom(c))
}

// copySourceStage is the stage of this file a COPY --from names (by name
// or index), or nil for an image or a named build context.
func copySourceStage(f *dockerfile.File, c *dockerfile.Copy) *dockerfile.Stage {
	from := copyFrom(c)
	if n, err := strconv.Atoi(from); err == nil {
		for _, s := range f.Stages {
			if !s.Implicit && s.Index == n {
				return s
			}
		}
		return nil
	}
	return f.StageByName(from)
}

// looksLikeImage reports whether a --from value that names no stage is an
// image reference: it has a registry, namespace, tag or digest, or is a
// well-known official image. Any other name is most likely a stage that
// is misspelt or not shown.
func looksLikeImage(from string) bool {
	_, official := imageEnv[strings.ToLower(from)]
	return official || strings.ContainsAny(from, "/:@")
}

// builtSomething reports whether a stage, or a stage of this file it is
// built FROM, ran or added anything: a stage that only names an image
// (FROM tonistiigi/xx AS xx) holds that image's files, which are copied
// whole on purpose, and no build leftovers.
func builtSomething(s *dockerfile.Stage) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			switch in.Kind() {
			case dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd:
				return true
			}
		}
	}
	return false
}

// squashes reports the squash idiom: the first instruction that adds
// files to a FROM scratch stage copies another stage whole, so the image is
// that stage flattened into one layer, not a stage overlaid with another.
func squashes(in dockerfile.Instruction) bool {
	s := in.Stage()
	if s == nil || s.From == nil || !s.From.IsScratch() {
		return false
	}
	for _, prev := range s.Instructions {
		switch prev.Kind() {
		case dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd:
			return prev == in
		}
	}
	return false
}
