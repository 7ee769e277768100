package rules

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UntrustedRegistry: an image pulled from a registry outside the
// configured trusted list.
var UntrustedRegistry = &Rule{
	ID:       "DKS2005",
	Name:     "untrusted-registry",
	Title:    "Image pulled from a registry that is not trusted",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3026", "CIS-DI-0002"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1525},
		CIS:      []*t.CISItem{t.CIS4_2},
		CWE:      []*t.CWE{t.CWE829, t.CWE345},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SR3, t.NIST53_CM7, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Vulnerability: "Base image from an untrusted registry",
		Mitigation:    "Pull through a trusted registry or mirror.",

		Rationale: "Organisations that mirror, scan and sign their base images in their own registry want every " +
			"build to start from there. An image taken straight from Docker Hub or another public registry " +
			"skips that review: typosquatted and compromised public images are a known way to get malware into " +
			"builds. The rule applies to FROM, `COPY --from=<image>` and `RUN --mount=from=<image>`, and only " +
			"when trusted registries are configured (`trusted-registries`, hadolint's `trustedRegistries`); " +
			"`*.example.com` and `*` wildcards are accepted, and `docker.io` covers Docker Hub's short names. " +
			"A name the build supplies as a named context (`--build-context`, a bake file's `contexts`) is " +
			"resolved by the build, not pulled by that name, and is not judged.",
		Impact:       "Unreviewed third-party images in the build",
		Fix:          "Pull the image through your trusted registry or mirror (`FROM registry.example.com/library/debian:12`), or add the registry to the trusted list after reviewing it.",
		SeverityNote: "hadolint's DL3026 is an error; a base from a registry outside the team's list is a policy breach a reviewer asks to fix, not an exploit in itself: warning.",
		Bad:          Dockerfiles("FROM docker.io/library/debian:12\n", "FROM registry.example.com/base/debian:12\nCOPY --from=ghcr.io/acme/tools:1.2 /bin/tool /usr/local/bin/\n"),
		Good:         Dockerfiles("FROM registry.example.com/base/debian:12\n", "FROM mirror.registry.example.com/golang:1.23 AS build\nFROM build\n"),
		// The examples run with a trusted list, since the rule is silent
		// without one.
		Settings: &Settings{TrustedRegistries: []string{"registry.example.com", "*.registry.example.com"}},
		Refs:     []string{"https://github.com/hadolint/hadolint/wiki/DL3026"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindFrom, dockerfile.KindCopy, dockerfile.KindRun}, Check: checkUntrustedRegistry, History: true}},
}

func checkUntrustedRegistry(p *Pass, in dockerfile.Instruction) {
	if p.Settings == nil || len(p.Settings.TrustedRegistries) == 0 {
		return
	}
	check := func(ref, what string) {
		if reg, ok := untrustedRegistry(p.Settings.TrustedRegistries, ref); ok {
			p.Reportf(in.Range(), "%s %s comes from %s, which is not a trusted registry", what, ref, reg)
		}
	}
	switch x := in.(type) {
	case *dockerfile.From:
		if x.BaseStage != nil || x.IsScratch() || mayNameStage(p.File, x) || p.fromNamedContext(x) {
			return
		}
		// Judged on the expanded value; a registry left to a build
		// argument with no default ("${REGISTRY}/app") is not known.
		if img, _ := baseImage(p.File, x); img != "" && !strings.HasPrefix(img, "/") {
			check(img, "base image")
		}
	case *dockerfile.Copy:
		if ref, ok := imageSource(p.File, in, x.Cmd.From); ok && !p.NamedContext(copyFrom(x)) {
			check(ref, "COPY --from image")
		}
	case *dockerfile.Run:
		for _, m := range x.Mounts {
			if ref, ok := imageSource(p.File, in, m.From); ok && !p.NamedContext(strings.Trim(m.From, `"'`)) {
				check(ref, "RUN --mount image")
			}
		}
	}
}

// imageSource returns the image a COPY --from or RUN --mount from= names,
// or false when it names a stage (by name or index), the build context,
// or a value that is not known.
func imageSource(f *dockerfile.File, in dockerfile.Instruction, from string) (string, bool) {
	if from == "" {
		return "", false
	}
	if sc := in.Scope(); sc != nil && strings.Contains(from, "$") {
		exp := sc.Expand(from)
		if !exp.Resolved {
			return "", false
		}
		from = exp.Value
	}
	if _, err := strconv.Atoi(from); err == nil || f.StageByName(from) != nil {
		return "", false
	}
	return from, true
}

// dockerHubNames are the spellings of Docker Hub's registry.
var dockerHubNames = []string{"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"}

// untrustedRegistry returns the registry of ref and whether it is outside
// trusted. Short names ("debian", "acme/app") are on Docker Hub.
func untrustedRegistry(trusted []string, ref string) (string, bool) {
	reg := strings.ToLower(ParseImageRef(ref).Registry)
	hub := reg == ""
	for _, h := range dockerHubNames {
		hub = hub || reg == h
	}
	if hub {
		reg = "docker.io"
	}
	for _, pat := range trusted {
		pat = strings.ToLower(strings.TrimSpace(pat))
		if pat == "*" || pat == reg {
			return reg, false
		}
		if hub {
			for _, h := range dockerHubNames {
				if pat == h {
					return reg, false
				}
			}
		}
		if ok, err := path.Match(pat, reg); err == nil && ok {
			return reg, false
		}
	}
	return reg, true
}
