package rules

import (
	"strconv"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BaseImagePlatformMismatch: the base image a build needs is published for
// another platform than the stage builds for. Only with --resolve-base:
// the platform is in the image's config, in its registry.
var BaseImagePlatformMismatch = &Rule{
	ID:       "DKS1035",
	Name:     "base-image-platform-mismatch",
	Title:    "Base image is for another platform than the build",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"InvalidBaseImagePlatform"},
	BuildKit: &linter.RuleInvalidBaseImagePlatform,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.DenialOfService},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Base image for another platform",
		Mitigation:    "Use a base image published for the target platform.",

		Rationale: "When the base image a stage needs has no image for the platform the stage builds for, " +
			"the builder pulls the one it has: an arm64 image then carries amd64 binaries that fail at " +
			"start (`exec format error`) or run slowly under emulation, and nothing in the Dockerfile " +
			"says so. The platform is in the base image's config, so this check runs only with " +
			"`--resolve-base` (or `resolve-base: true`), which reads it from the registry; it covers the " +
			"stages the shipped one needs, as BuildKit's InvalidBaseImagePlatform does. A stage without " +
			"--platform builds for `image.platform` (default linux/amd64).",
		Impact: "Image ships binaries for the wrong platform",
		Fix: "Use a base image published for the target platform (a multi-platform index), or build " +
			"the stage for the base's platform on purpose with `--platform=$BUILDPLATFORM` and cross-compile.",
		Bad: Dockerfiles("# registry.example.com/tools/builder:1.0 is published for linux/amd64 only.\n" +
			"FROM --platform=linux/arm64 registry.example.com/tools/builder:1.0\nRUN make\n"),
		Good: Dockerfiles("FROM registry.example.com/tools/builder:1.0\nRUN make\n",
			"# registry.example.com/tools/multi:1.0 is an index for linux/amd64 and linux/arm64.\n"+
				"FROM --platform=linux/arm64 registry.example.com/tools/multi:1.0\nRUN make\n"),
		Refs:     []string{"https://docs.docker.com/reference/build-checks/invalid-base-image-platform/"},
		Settings: &Settings{Bases: exampleBases},
	},
	Checks: []Check{StageCheck{Check: checkBaseImagePlatformMismatch}},
}

// exampleBases are the registry the rule's examples see.
var exampleBases = StaticBases{Configs: map[string]*v1.ConfigFile{
	"registry.example.com/tools/builder:1.0 linux/amd64": {OS: "linux", Architecture: "amd64"},
	"registry.example.com/tools/builder:1.0 linux/arm64": {OS: "linux", Architecture: "amd64"},
	"registry.example.com/tools/multi:1.0 linux/amd64":   {OS: "linux", Architecture: "amd64"},
	"registry.example.com/tools/multi:1.0 linux/arm64":   {OS: "linux", Architecture: "arm64", Variant: "v8"},
}}

func checkBaseImagePlatformMismatch(p *Pass, s *dockerfile.Stage) {
	if p.Settings == nil || p.Settings.Bases == nil || s.From == nil || s.From.BaseStage != nil || s.From.IsScratch() || !neededStages(p)[s] {
		return
	}
	cf, ok := p.BaseConfig(s.From)
	if !ok {
		return
	}
	want := fromPlatform(s.From)
	if want == "" {
		want = p.Settings.Bases.Platform()
	}
	expected, err := v1.ParsePlatform(want)
	if err != nil {
		return
	}
	exp := normalizePlatform(*expected)
	got := normalizePlatform(v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant, OSVersion: cf.OSVersion})
	if got.OS == "" || got.Architecture == "" || (exp.OS == got.OS && exp.Architecture == got.Architecture) {
		return
	}
	ref, _ := baseImage(p.File, s.From)
	p.ReportLinef(s.Line(), "Base image %s was pulled with platform %q, expected %q for current build", ref, formatPlatform(got), formatPlatform(exp))
}

// neededStages are the stages the shipped one needs: itself, the stages
// it builds FROM and those it copies or mounts from, transitively (what
// BuildKit calls reachable).
func neededStages(p *Pass) map[*dockerfile.Stage]bool {
	need := map[*dockerfile.Stage]bool{}
	byRef := func(ref string) *dockerfile.Stage {
		ref = strings.Trim(ref, `"'`)
		if i, err := strconv.Atoi(ref); err == nil && i >= 0 && i < len(p.File.Stages) {
			return p.File.Stages[i]
		}
		return p.File.StageByName(ref)
	}
	var visit func(s *dockerfile.Stage)
	visit = func(s *dockerfile.Stage) {
		if s == nil || need[s] {
			return
		}
		need[s] = true
		visit(s.Parent)
		for _, in := range s.Instructions {
			switch x := in.(type) {
			case *dockerfile.Copy:
				visit(byRef(copyFrom(x)))
			case *dockerfile.Run:
				for _, m := range x.Mounts {
					if m.From != "" {
						visit(byRef(m.From))
					}
				}
			}
		}
	}
	visit(p.ShipStage())
	return need
}

// normalizePlatform spells a platform as containerd's platforms.Normalize
// does, which BuildKit's message prints: architecture aliases resolved,
// arm64's default variant dropped, 32-bit arm's made explicit.
func normalizePlatform(pl v1.Platform) v1.Platform {
	pl.OS = strings.ToLower(pl.OS)
	arch, variant := strings.ToLower(pl.Architecture), strings.ToLower(pl.Variant)
	switch arch {
	case "i386":
		arch, variant = "386", ""
	case "x86_64", "x86-64", "amd64":
		arch = "amd64"
		if variant == "v1" {
			variant = ""
		}
	case "aarch64", "arm64":
		arch = "arm64"
		if variant == "8" || variant == "v8" || variant == "v8.0" {
			variant = ""
		}
	case "armhf":
		arch, variant = "arm", "v7"
	case "armel":
		arch, variant = "arm", "v6"
	case "arm":
		switch variant {
		case "", "7":
			variant = "v7"
		case "5", "6", "8":
			variant = "v" + variant
		}
	}
	pl.Architecture, pl.Variant = arch, variant
	return pl
}

// formatPlatform is containerd's platforms.FormatAll: os[(osversion)]/arch[/variant].
func formatPlatform(pl v1.Platform) string {
	s := pl.OS
	if pl.OSVersion != "" {
		s += "(" + pl.OSVersion + ")"
	}
	s += "/" + pl.Architecture
	if pl.Variant != "" {
		s += "/" + pl.Variant
	}
	return s
}
