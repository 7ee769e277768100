package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// Stages and stage references (DKS10xx): names, COPY --from, and
// instructions that silently override each other within a stage.

// StageNameDuplicate: two stages with one name.
var StageNameDuplicate = &Rule{
	ID:       "DKS1011",
	Name:     "stage-name-duplicate",
	Title:    "Two stages have the same name",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DuplicateStageName", "DL3024", "DS-0012", "CKV_DOCKER_11"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "`COPY --from=name`, `FROM name` and `--target name` must name one stage. With two " +
			"stages of one name, which one a reference gets depends on the builder, so artifacts can " +
			"come from the stage the author did not mean.",
		Impact: "Artifacts copied from the wrong stage",
		Fix:    "Give every stage a unique name.",
		Bad:    Dockerfiles("FROM golang:1.23 AS build\nFROM node:22 AS build\n"),
		Good:   Dockerfiles("FROM golang:1.23 AS build-go\nFROM node:22 AS build-web\n"),
		Refs:   []string{buildKitDoc("duplicate-stage-name"), hadolintDoc("DL3024")},
	},
	Checks: []Check{FileCheck{Check: func(p *Pass, f *dockerfile.File) {
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
	}}},
}

// StageNameReserved: a stage named scratch or context.
var StageNameReserved = &Rule{
	ID:       "DKS1012",
	Name:     "stage-name-reserved",
	Title:    "Stage named scratch or context",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ReservedStageName", "DL3063"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "`scratch` is the empty image and `context` the build context; a stage with either " +
			"name shadows them, so `FROM scratch` or `COPY --from=context` no longer mean what every " +
			"reader expects.",
		Impact: "Stage references resolve to unexpected content",
		Fix:    "Rename the stage.",
		Bad:    Dockerfiles("FROM alpine:3.20 AS scratch\n"),
		Good:   Dockerfiles("FROM alpine:3.20 AS base\n"),
		Refs:   []string{buildKitDoc("reserved-stage-name"), hadolintDoc("DL3063")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if s.Name == "scratch" || s.Name == "context" {
			p.ReportLinef(s.Line(), "Stage name should not use the same name as reserved stage %q", s.Name)
		}
	}}},
}

// copyFrom returns the --from value of a COPY, unquoted; "" when absent.
func copyFrom(c *dockerfile.Copy) string {
	return strings.Trim(c.Cmd.From, `"'`)
}

// CopyFromUnknownStage: COPY --from=name where no earlier stage has the name.
var CopyFromUnknownStage = &Rule{
	ID:       "DKS1013",
	Name:     "copy-from-unknown-stage",
	Title:    "COPY --from names no earlier stage",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3022"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: func(p *Pass, in dockerfile.Instruction) {
		c := in.(*dockerfile.Copy)
		from := copyFrom(c)
		s := in.Stage()
		if from == "" || in.Parent() != nil || s == nil || strings.ContainsAny(from, "$:/@") {
			return
		}
		earlier := 0
		for _, prev := range p.File.Stages {
			if prev == s {
				break
			}
			if !prev.Implicit {
				earlier++
			}
		}
		if n, err := strconv.Atoi(from); err == nil {
			if n < 0 || n >= earlier {
				p.Reportf(in.Range(), "COPY --from=%d does not refer to an earlier stage", n)
			}
			return
		}
		name := strings.ToLower(from)
		for _, prev := range p.File.Stages {
			if prev == s {
				break
			}
			if prev.Name == name {
				return
			}
		}
		if s.Name == name {
			return // the stage's own name: copy-from-own-stage says so
		}
		p.Reportf(in.Range(), "COPY --from=%s names no earlier stage; the builder will pull an image called %q instead", from, from)
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE829},
		Controls: []*t.Control{t.NIST53_SR3},
	},
	Doc: Doc{
		Rationale: "When `COPY --from=name` names no earlier stage, the builder does not fail: it pulls " +
			"an image called `name` from the registry (`docker.io/library/name`). A typo in a stage " +
			"name (`--from=buidler`) therefore copies files from whatever image has that name, and a " +
			"stage defined later in the file cannot be used at all. A numeric `--from` must be the " +
			"index of an earlier stage.",
		Impact: "Files copied from an unintended registry image",
		Fix:    "Define the stage before the COPY and use its exact name, or write an explicit image reference (`--from=nginx:1.27`).",
		Bad:    Dockerfiles("FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n"),
		Good:   Dockerfiles("FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n", "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n"),
		Refs:   []string{hadolintDoc("DL3022")},
	},
}

// CopyFromOwnStage: COPY --from names the stage it is in.
var CopyFromOwnStage = &Rule{
	ID:       "DKS1014",
	Name:     "copy-from-own-stage",
	Title:    "COPY --from names its own stage",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DL3023", "DS-0006"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: func(p *Pass, in dockerfile.Instruction) {
		c := in.(*dockerfile.Copy)
		s := in.Stage()
		if in.Parent() != nil || s == nil || s.Name == "" {
			return
		}
		if strings.ToLower(copyFrom(c)) == s.Name {
			p.Reportf(in.Range(), "COPY --from=%s copies from the stage it is in", copyFrom(c))
		}
	}}},
	Threat: hygiene(),
	Doc: Doc{
		Rationale: "A stage cannot copy from itself; BuildKit fails with a circular dependency. The " +
			"reference is almost always a wrong stage name.",
		Impact: "Dockerfile does not build",
		Fix:    "Name the stage that produces the files.",
		Bad:    Dockerfiles("FROM node:22 AS web\nCOPY --from=web /app/dist /srv\n"),
		Good:   Dockerfiles("FROM node:22 AS web\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=web /app/dist /srv\n"),
		Refs:   []string{hadolintDoc("DL3023")},
	},
}

// InstructionOverridden: a second CMD, ENTRYPOINT or HEALTHCHECK in a stage.
var InstructionOverridden = &Rule{
	ID:       "DKS1015",
	Name:     "instruction-overridden",
	Title:    "CMD, ENTRYPOINT or HEALTHCHECK overridden in the same stage",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"MultipleInstructionsDisallowed", "DL4003", "DL4004", "DL3012", "DS-0016", "DS-0007", "DS-0023"},
	// hadolint and trivy have one rule per instruction kind.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect. An earlier one " +
			"is dead code that a reviewer may take for what the container runs, or for the health " +
			"check that protects it. The finding points at the instruction that is ignored.",
		Impact: "Container runs something other than what the reader sees",
		Fix:    "Keep one of each per stage; remove the earlier ones.",
		Bad:    Dockerfiles("FROM alpine:3.20\nCMD [\"/app\", \"--debug\"]\nCMD [\"/app\"]\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nCMD [\"/app\"]\n"),
		Refs:   []string{buildKitDoc("multiple-instructions-disallowed"), hadolintDoc("DL4003"), hadolintDoc("DL4004")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		last := map[dockerfile.Kind]dockerfile.Instruction{}
		for _, in := range s.Instructions {
			switch in.Kind() {
			case dockerfile.KindCmd, dockerfile.KindEntrypoint, dockerfile.KindHealthcheck:
			default:
				continue
			}
			if prev, ok := last[in.Kind()]; ok {
				p.ReportAliasedf(prev.Range(), overriddenPeers[in.Kind()], "Multiple %s instructions should not be used in the same stage because only the last one will be used", prev.Keyword())
			}
			last[in.Kind()] = in
		}
	}}},
}

// overriddenPeers are the peer IDs of a repeated instruction, by kind.
var overriddenPeers = map[dockerfile.Kind][]string{
	dockerfile.KindCmd:         {"MultipleInstructionsDisallowed", "DL4003", "DS-0016"},
	dockerfile.KindEntrypoint:  {"MultipleInstructionsDisallowed", "DL4004", "DS-0007"},
	dockerfile.KindHealthcheck: {"MultipleInstructionsDisallowed", "DL3012", "DS-0023"},
}

// CopyStageRoot: COPY --from=stage / / copies a whole filesystem.
var CopyStageRoot = &Rule{
	ID:       "DKS1016",
	Name:     "copy-stage-root",
	Title:    "COPY --from copies a whole filesystem into /",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3067"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: func(p *Pass, in dockerfile.Instruction) {
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
	}}},
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
