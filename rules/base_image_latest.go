package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BaseImageLatest: FROM without a tag, or with :latest; a compose service's
// `image:` likewise.
var BaseImageLatest = &Rule{
	ID:       "DKS2001",
	Name:     "base-image-latest",
	Title:    "Base or service image is untagged or uses :latest",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3006", "DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
	// hadolint splits the concept: DL3006 for no tag, DL3007 for :latest.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1525},
		CIS:      []*t.CISItem{t.CIS4_2},
		CWE:      []*t.CWE{t.CWE1357, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_CM2, t.NIST53_SR3, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Vulnerability: "Base image on latest or untagged",
		Mitigation:    "Use a version tag, pinned by digest.",

		Rationale: "`latest` (which an untagged FROM means) is whatever was pushed last: the same Dockerfile " +
			"builds different images on different days, a compromised or broken push flows straight into " +
			"your build, and you cannot tell which base a running image was built on. A compose service's " +
			"`image:` is the same bet at deploy time (unless the service builds it: `image:` then names the " +
			"build's result). When the tag (or the whole reference) is a build argument whose default is " +
			"latest (`ARG VERSION=latest` then `FROM org/base:${VERSION}`), only the default is known: " +
			"projects that build a chain of their own images pass the version, so that case is info. A FROM " +
			"that names a named build context (`--build-context`, a bake file's `contexts`) pulls no image " +
			"and is not judged.",
		Impact: "Unreviewed base image changes reach production",
		Fix:    "Name a version tag (`debian:12.7-slim`), and for full reproducibility pin the digest too (`debian:12.7-slim@sha256:…`), updated by a bot such as Renovate or Dependabot.",
		Bad: append(Dockerfiles("FROM ubuntu\nRUN echo hi\n", "FROM node:latest\n", "ARG TAG=latest\nFROM alpine:${TAG}\n"),
			ComposeFiles("services:\n  cache:\n    image: redis\n", "services:\n  db:\n    image: postgres:${PG_TAG:-latest}\n")...),
		Good: append(Dockerfiles("FROM ubuntu:24.04\n", "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", "FROM golang:1.23 AS build\nFROM build\n", "FROM scratch\n"),
			ComposeFiles("services:\n  cache:\n    image: redis:7.4\n  api:\n    build: ./api\n    image: registry.example.com/api\n")...),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindFrom}, Check: checkBaseImageLatest},
		ComposeServiceCheck{Check: checkBaseImageLatestService},
	},
}

// checkBaseImageLatestService: a pulled service image without a tag or
// with :latest. A service that builds names its result with `image:`.
func checkBaseImageLatestService(p *ComposePass, s *compose.Service) {
	img := strings.TrimSpace(s.Image.Value)
	if !s.Image.Set || s.Build.Set || img == "" || strings.HasSuffix(img, ":") {
		return
	}
	switch ref := ParseImageRef(img); {
	case ref.Digest != "":
	case ref.Tag == "":
		p.Reportf(s, s.Image.Pos, "image %q has no tag, so it means :latest; pin a version", s.Image.Raw)
	case ref.Tag == "latest":
		p.Reportf(s, s.Image.Pos, "image %q uses the mutable :latest tag; pin a version", s.Image.Raw)
	}
}

func checkBaseImageLatest(p *Pass, in dockerfile.Instruction) {
	f := in.(*dockerfile.From)
	if f.BaseStage != nil || f.IsScratch() || mayNameStage(p.File, f) {
		return
	}
	img, shown := baseImage(p.File, f)
	if img == "" || strings.HasSuffix(img, ":") {
		// The whole reference, or its tag, comes from a build argument
		// with no default: the builder supplies it, so it is not latest.
		return
	}
	ref := ParseImageRef(img)
	if ref.Digest != "" || (ref.Tag != "" && ref.Tag != "latest") || p.fromNamedContext(f) {
		// Pinned, or a named build context (asked last: it reads the
		// bake and compose files near the Dockerfile).
		return
	}
	if tagFromArg(f.Image) {
		// The default of a build argument: projects that build a chain of
		// their own images pass the version and keep latest as the
		// default, so only the default is judged, as hygiene.
		p.ReportAtf(Info, in.Range(), []string{"DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
			"base image %s uses :latest by default (a build argument's default); pin the default, or pass a version at build time", shown)
		return
	}
	switch {
	case ref.Tag == "":
		p.ReportAliasedf(in.Range(), []string{"DL3006", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
			"base image %s has no tag, so it means :latest; pin a version", shown)
	case ref.Tag == "latest":
		p.ReportAliasedf(in.Range(), []string{"DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
			"base image %s uses the mutable :latest tag; pin a version", shown)
	}
}

// wholeArgRE matches a reference that is one build argument ($IMAGE,
// ${BASE_IMAGE}, ${BASE:-debian}).
var wholeArgRE = lazyre.New(`^\$(\{[A-Za-z_][A-Za-z0-9_]*(:?[-+][^}]*)?\}|[A-Za-z_][A-Za-z0-9_]*)$`)

// tagFromArg reports whether a FROM reference as written takes its tag
// from a build argument: the whole reference is one (`FROM $BASE_IMAGE`)
// or its tag is (`FROM selenium/base:${VERSION}`).
func tagFromArg(raw string) bool {
	raw = strings.TrimSpace(raw)
	if wholeArgRE().MatchString(raw) {
		return true
	}
	last := raw[strings.LastIndexByte(raw, '/')+1:]
	_, tag, ok := strings.Cut(last, ":")
	return ok && strings.Contains(tag, "$")
}
