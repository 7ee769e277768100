package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// Syntax and hygiene (DKS10xx): problems in how a Dockerfile is written that
// make it misleading to read or fragile to build. Their threat is modest and
// indirect: a file that does not say what it does is where a tampered or
// wrong build goes unnoticed in review.

// hygiene is the threat mapping most pure style rules share: a coding
// standard (CWE-710) whose lapse makes review less reliable.
func hygiene() t.Ref {
	return t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	}
}

func buildKitDoc(slug string) string {
	return "https://docs.docker.com/reference/build-checks/" + slug + "/"
}

func hadolintDoc(id string) string { return "https://github.com/hadolint/hadolint/wiki/" + id }

// StageNameNotLowercase: a stage name with upper-case letters.
var StageNameNotLowercase = &Rule{
	ID:       "DKS1001",
	Name:     "stage-name-not-lowercase",
	Title:    "Stage name is not lowercase",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"StageNameCasing"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "BuildKit lower-cases stage names, so `FROM x AS Build` is referred to as `build` by " +
			"`COPY --from` and `--target`. Mixed case invites references that look different from the " +
			"name they resolve to, and keywords and identifiers become hard to tell apart.",
		Impact: "Misleading stage references",
		Fix:    "Write stage names in lowercase: `FROM golang:1.23 AS build`.",
		Bad:    Dockerfiles("FROM golang:1.23 AS BuildStage\n"),
		Good:   Dockerfiles("FROM golang:1.23 AS build-stage\n"),
		Refs:   []string{buildKitDoc("stage-name-casing")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings("StageNameCasing")}},
}

// FromAsCasingMismatch: `FROM x as y` with keyword cases that differ.
var FromAsCasingMismatch = &Rule{
	ID:       "DKS1002",
	Name:     "from-as-casing-mismatch",
	Title:    "FROM and AS keywords use different casing",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"FromAsCasing"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "`FROM image as name` mixes an upper-case instruction with a lower-case keyword; " +
			"consistent casing keeps keywords distinguishable from image and stage names.",
		Impact: "Harder to read Dockerfile",
		Fix:    "Match the case of `AS` to `FROM`: `FROM alpine AS base` or `from alpine as base`.",
		Bad:    Dockerfiles("FROM alpine:3.20 as base\n"),
		Good:   Dockerfiles("FROM alpine:3.20 AS base\n", "from alpine:3.20 as base\n"),
		Refs:   []string{buildKitDoc("from-as-casing")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings("FromAsCasing")}},
}

// InstructionCasingInconsistent: instruction keywords not all in one case.
var InstructionCasingInconsistent = &Rule{
	ID:       "DKS1003",
	Name:     "instruction-casing-inconsistent",
	Title:    "Instruction keyword casing differs from the rest of the file",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ConsistentInstructionCasing"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "Keywords are case-insensitive, but a file that mixes `RUN`, `run` and `Run` is harder " +
			"to scan. BuildKit takes the case most instructions use as the norm and flags the others, " +
			"and any keyword in mixed case (`Copy`).",
		Impact: "Harder to read Dockerfile",
		Fix:    "Write every instruction in the same case, conventionally upper case.",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN echo one\nrun echo two\nRUN echo three\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN echo one\nRUN echo two\n"),
		Refs:   []string{buildKitDoc("consistent-instruction-casing")},
	},
	Checks: []Check{FileCheck{Check: func(p *Pass, f *dockerfile.File) {
		var kws []dockerfile.Instruction
		lower, upper := 0, 0
		for _, s := range f.Stages {
			if s.From != nil {
				kws = append(kws, s.From)
			}
			for _, in := range s.Instructions {
				// An unknown instruction is already a parse error, and its
				// "keyword" may be any text, a secret included.
				if in.Kind() != dockerfile.KindUnknown {
					kws = append(kws, in)
				}
			}
		}
		for _, in := range kws {
			switch kw := in.Keyword(); kw {
			case strings.ToLower(kw):
				lower++
			case strings.ToUpper(kw):
				upper++
			}
		}
		majorityLower := lower > upper
		for _, in := range kws {
			kw := in.Keyword()
			switch {
			case majorityLower && kw != strings.ToLower(kw):
				p.Reportf(in.Range(), "Command '%s' should match the case of the command majority (lowercase)", kw)
			case !majorityLower && kw != strings.ToUpper(kw):
				p.Reportf(in.Range(), "Command '%s' should match the case of the command majority (uppercase)", kw)
			}
		}
	}}},
}

// EmptyContinuationLine: a blank line inside a continued instruction.
var EmptyContinuationLine = &Rule{
	ID:       "DKS1004",
	Name:     "empty-continuation-line",
	Title:    "Empty line inside a continued instruction",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"NoEmptyContinuation"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "An empty line after a trailing backslash is silently dropped today, so the instruction " +
			"goes on past what looks like its end; BuildKit announces it will become an error. A " +
			"reader easily mistakes the rest for a separate line.",
		Impact: "Instruction continues where the reader thinks it ended",
		Fix:    "Remove the empty line, or the backslash before it.",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n"),
		Refs:   []string{buildKitDoc("no-empty-continuation")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings("NoEmptyContinuation")}},
}

// MaintainerDeprecated: the MAINTAINER instruction.
var MaintainerDeprecated = &Rule{
	ID:       "DKS1005",
	Name:     "maintainer-deprecated",
	Title:    "Deprecated MAINTAINER instruction",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"MaintainerDeprecated", "DL4000", "DS-0022", "CKV_DOCKER_6"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SR4},
	},
	Doc: Doc{
		Rationale: "MAINTAINER is deprecated and only sets the legacy `Author` field, which OCI tooling " +
			"ignores. Provenance tools read the `org.opencontainers.image.authors` label, so an image " +
			"with only MAINTAINER has no author they can find.",
		Impact: "Image authorship not recorded where tools look",
		Fix:    "Use `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nMAINTAINER team@example.com\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n"),
		Refs:   []string{buildKitDoc("maintainer-deprecated"), hadolintDoc("DL4000")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings("MaintainerDeprecated")}},
}

// LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`.
var LegacyKeyValueFormat = &Rule{
	ID:       "DKS1006",
	Name:     "legacy-key-value-format",
	Title:    "ENV or LABEL in the legacy `key value` form",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"LegacyKeyValueFormat"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindEnv, dockerfile.KindLabel}, Check: func(p *Pass, in dockerfile.Instruction) {
		if in.Parent() != nil {
			return
		}
		switch x := in.(type) {
		case *dockerfile.Env:
			for _, kv := range x.Cmd.Env {
				if kv.NoDelim {
					p.Reportf(in.Range(), "\"ENV key=value\" should be used instead of legacy \"ENV key value\" format")
				}
			}
		case *dockerfile.Label:
			for _, kv := range x.Cmd.Labels {
				if kv.NoDelim {
					p.Reportf(in.Range(), "\"LABEL key=value\" should be used instead of legacy \"LABEL key value\" format")
				}
			}
		}
	}}},
	Threat: hygiene(),
	Doc: Doc{
		Rationale: "`ENV key value` sets one variable to everything after the first space, so " +
			"`ENV PATH /app/bin MODE prod` sets PATH to `/app/bin MODE prod`. The `key=value` form " +
			"says where each value ends and can set several variables at once.",
		Impact: "Variables set to values the author did not mean",
		Fix:    "Write `ENV key=value` and `LABEL key=value`, quoting values that contain spaces.",
		Bad:    Dockerfiles("FROM alpine:3.20\nENV APP_HOME /app\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nENV APP_HOME=/app\n"),
		Refs:   []string{buildKitDoc("legacy-key-value-format")},
	},
}

// DefinitionDescriptionInvalid: a comment above ARG or FROM … AS that does not
// start with the name it documents.
var DefinitionDescriptionInvalid = &Rule{
	ID:       "DKS1007",
	Name:     "definition-description-invalid",
	Title:    "Comment above ARG or stage is not `# <name> <description>`",
	Severity: Warning,
	Since:    "0.1.0",
	Status:   Optional,
	Aliases:  []string{"InvalidDefinitionDescription"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "BuildKit reads the comment directly above a build argument or named stage as its " +
			"description (`docker buildx build --call=outline`) when it starts with the name. A comment " +
			"there that does not is shown as nothing, or mistaken for documentation. Experimental in " +
			"BuildKit and off by default here; enable it in configuration or with " +
			"`# check=experimental=InvalidDefinitionDescription`.",
		Impact: "Build arguments documented wrongly or not at all",
		Fix:    "Start the comment with the name (`# version the release to build`), or separate an unrelated comment with an empty line.",
		Bad:    Dockerfiles("FROM alpine:3.20\n# the release to build\nARG version=1.0\n"),
		Good:   Dockerfiles("FROM alpine:3.20\n# version the release to build\nARG version=1.0\n"),
		Refs:   []string{buildKitDoc("invalid-definition-description")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings("InvalidDefinitionDescription")}},
}

// InstructionBeforeFrom: instructions other than ARG before the first FROM.
var InstructionBeforeFrom = &Rule{
	ID:       "DKS1008",
	Name:     "instruction-before-from",
	Title:    "Instruction before the first FROM",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DL3061"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "Only ARG may come before the first FROM; BuildKit refuses any other instruction there " +
			"(`no build stage in current context`). dockstride still lints such a file, treating the " +
			"instructions as an implicit stage, and reports the ordering once here.",
		Impact: "Dockerfile does not build",
		Fix:    "Start the file with FROM (after any ARGs the FROM line uses).",
		Bad:    Dockerfiles("LABEL org.opencontainers.image.title=app\nFROM alpine:3.20\n"),
		Good:   Dockerfiles("ARG BASE=alpine:3.20\nFROM ${BASE}\nLABEL org.opencontainers.image.title=app\n"),
		Refs:   []string{hadolintDoc("DL3061")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if !s.Implicit || len(s.Instructions) == 0 {
			return
		}
		in := s.Instructions[0]
		p.Reportf(in.Range(), "%s comes before the first FROM; only ARG may precede FROM", strings.ToUpper(in.Keyword()))
	}}},
}

// OnbuildTriggerInvalid: ONBUILD ONBUILD / FROM / MAINTAINER.
var OnbuildTriggerInvalid = &Rule{
	ID:       "DKS1009",
	Name:     "onbuild-trigger-invalid",
	Title:    "ONBUILD wraps ONBUILD, FROM or MAINTAINER",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DL3043"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "The builder refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` when a " +
			"child image is built, so the mistake surfaces in someone else's build, far from the " +
			"Dockerfile that holds it.",
		Impact: "Downstream builds fail",
		Fix:    "Remove the trigger, or move the instruction out of ONBUILD.",
		Bad:    Dockerfiles("FROM alpine:3.20\nONBUILD ONBUILD RUN echo hi\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nONBUILD RUN echo hi\n"),
		Refs:   []string{hadolintDoc("DL3043")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindOnbuild}, Check: func(p *Pass, in dockerfile.Instruction) {
		ob := in.(*dockerfile.Onbuild)
		kw, _, _ := strings.Cut(strings.TrimSpace(ob.Cmd.Expression), " ")
		switch strings.ToUpper(kw) {
		case "ONBUILD", "FROM", "MAINTAINER":
			p.Reportf(in.Range(), "ONBUILD %s is not allowed", strings.ToUpper(kw))
		}
	}}},
}

// InlineIgnorePragma: `# hadolint ignore=` (and dockstride's) pragmas.
var InlineIgnorePragma = &Rule{
	ID:       "DKS1010",
	Name:     "inline-ignore-pragma",
	Title:    "Inline ignore pragma",
	Severity: Info,
	Since:    "0.1.0",
	Status:   Optional,
	Aliases:  []string{"DL1001"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "Teams that want every exception recorded in one reviewed configuration file, not " +
			"scattered through Dockerfiles, can enable this rule to flag inline `# hadolint ignore=` " +
			"and `# dockstride ignore=` pragmas. Off by default, as in hadolint.",
		Impact: "Exceptions bypass central review",
		Fix:    "Move the exception into the configuration file's `ignore` list (or a per-path override).",
		Bad:    Dockerfiles("FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n"),
		Good:   Dockerfiles("FROM alpine:3.20\n# install curl\nRUN apk add curl\n"),
		Refs:   []string{hadolintDoc("DL1001")},
	},
	Checks: []Check{FileCheck{Check: func(p *Pass, f *dockerfile.File) {
		for i, l := range f.Lines {
			trim := strings.TrimSpace(l)
			if !strings.HasPrefix(trim, "#") {
				continue
			}
			words := strings.Fields(strings.TrimPrefix(trim, "#"))
			if len(words) < 2 || (words[0] != "hadolint" && words[0] != "dockstride") {
				continue
			}
			w := words[1]
			if w == "global" && len(words) > 2 {
				w = words[2]
			}
			if strings.HasPrefix(w, "ignore") {
				p.ReportLinef(i+1, "inline %s ignore pragma; record exceptions in the configuration file", words[0])
			}
		}
	}}},
}
