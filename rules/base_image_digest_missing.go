package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BaseImageDigestMissing: FROM names a tag, not a digest (opt-in).
var BaseImageDigestMissing = &Rule{
	ID:       "DKS2006",
	Name:     "base-image-digest-missing",
	Title:    "Base image not pinned by digest",
	Severity: Info,
	Since:    "0.1.0",
	Status:   Optional,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1525},
		CIS:      []*t.CISItem{t.CIS4_2},
		CWE:      []*t.CWE{t.CWE353, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SI7, t.NIST53_SR4, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Vulnerability: "Base image not pinned by digest",
		Mitigation:    "Pin the base image by digest.",

		Rationale: "A tag, even a precise one like `debian:12.7-slim`, is a pointer the registry may move: " +
			"maintainers rebuild tags for security fixes, and an attacker who gains push access to the " +
			"repository (or a compromised mirror) can point it anywhere. Only a digest (`@sha256:…`) names " +
			"exactly the content that was reviewed, so builds are reproducible and a tampered image fails to " +
			"pull. Digests must be kept current, which is why this rule is opt-in: enable it where a bot " +
			"(Renovate, Dependabot) updates them.",
		Impact: "Base image content changes without review",
		Fix:    "Pin the digest next to the tag, which stays for readers and for update bots: `FROM debian:12.7-slim@sha256:<digest>` (`docker buildx imagetools inspect debian:12.7-slim` prints it).",
		Bad:    Dockerfiles("FROM debian:12.7-slim\n", "ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION} AS build\n"),
		Good: Dockerfiles(
			"FROM debian:12.7-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n",
			"FROM scratch\nCOPY app /app\n",
			"ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n",
		),
		Refs: []string{"https://docs.docker.com/build/building/best-practices/#pin-base-image-versions"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindFrom}, Check: checkBaseImageDigestMissing}},
	// Unsafe: the digest is the tag's today, looked up in the registry
	// (--resolve-digests), and freezes the base image until someone updates it.
	Fix: UnsafeFix,
}

func checkBaseImageDigestMissing(p *Pass, in dockerfile.Instruction) {
	f := in.(*dockerfile.From)
	if f.BaseStage != nil || f.IsScratch() || strings.Contains(f.Image, "@") || mayNameStage(p.File, f) {
		return
	}
	img, shown := baseImage(p.File, f)
	if img == "" {
		// The whole reference comes from a build argument, which may
		// carry a digest.
		return
	}
	if ParseImageRef(img).Digest == "" && !p.fromNamedContext(f) {
		p.WithFix(func() *Fix { return digestFix(p, f, img) }).Reportf(in.Range(), "base image %s is not pinned by digest", shown)
	}
}

// digestFix appends the digest the registry gives for the tag to the
// FROM's image reference.
func digestFix(p *Pass, f *dockerfile.From, img string) *Fix {
	if strings.Contains(f.Image, "$") {
		return NoFixf("the reference is built from build arguments, whose digest changes with them")
	}
	if p.Settings == nil || p.Settings.ResolveDigest == nil {
		return NoFixf("run with --resolve-digests to look the digest up in the registry")
	}
	end, ok := fromImageEnd(p.File, f)
	if !ok {
		return nil
	}
	digest, err := p.Settings.ResolveDigest(p.Ctx(), img)
	if err != nil {
		return NoFixf("the registry did not give the digest of %s: %v", img, err)
	}
	if !strings.HasPrefix(digest, "sha256:") || len(digest) != len("sha256:")+64 {
		return NoFixf("the registry gave %q, not a sha256 digest", digest)
	}
	return NewFix("pin "+img+" to its digest", Insert(end, "@"+digest))
}

// fromImageEnd is the offset just after the image reference on a FROM's
// first line.
func fromImageEnd(file *dockerfile.File, f *dockerfile.From) (int, bool) {
	_, kwEnd, ok := file.KeywordSpan(f)
	if !ok {
		return 0, false
	}
	line := file.Text()[kwEnd:file.LineEnd(f.Range().StartLine)]
	for off := 0; off < len(line); {
		rest := line[off:]
		trimmed := strings.TrimLeft(rest, " \t")
		off += len(rest) - len(trimmed)
		word, _, _ := strings.Cut(trimmed, " ")
		word, _, _ = strings.Cut(word, "\t")
		if word == f.Image {
			return kwEnd + off + len(word), true
		}
		if word == "" || !strings.HasPrefix(word, "--") {
			return 0, false
		}
		off += len(word)
	}
	return 0, false
}
