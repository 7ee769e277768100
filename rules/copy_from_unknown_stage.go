package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CopyFromUnknownStage: COPY --from=name where no earlier stage has the name.
var CopyFromUnknownStage = &Rule{
	ID:       "DKS1013",
	Name:     "copy-from-unknown-stage",
	Title:    "COPY --from names no earlier stage",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3022"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: checkCopyFromUnknownStage}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE829},
		Controls: []*t.Control{t.NIST53_SR3},
	},
	Doc: Doc{
		Vulnerability: "COPY from an unknown stage",
		Mitigation:    "Copy from a defined stage or a pinned image reference.",

		Rationale: "When `COPY --from=name` names no earlier stage, the builder does not fail: it pulls " +
			"an image called `name` from the registry (`docker.io/library/name`). A typo in a stage " +
			"name (`--from=buidler`) therefore copies files from whatever image has that name, and a " +
			"stage defined later in the file cannot be used at all. A numeric `--from` must be the " +
			"index of an earlier stage.\n\n" +
			"A name the build supplies as a named context is not reported: BuildKit looks a `--from` " +
			"name up among the named contexts first (`docker buildx build --build-context src=../src`, " +
			"given to dockstride as `lint --build-context src=../src`), and a bake file's `contexts` " +
			"(`docker-bake.hcl` or `docker-bake.json`) or a compose file's `build.additional_contexts` in the " +
			"Dockerfile's folder, its build context, or a folder above it up to the repository's root names " +
			"them for `docker buildx bake` and `docker compose build`.",
		Impact: "Files copied from an unintended registry image",
		Fix:    "Define the stage before the COPY and use its exact name, or write an explicit image reference (`--from=nginx:1.27`).",
		Bad:    Dockerfiles("FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=buidler /app /app\n"),
		Good:   Dockerfiles("FROM golang:1.23 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\nCOPY --from=builder /app /app\n", "FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx/nginx.conf /etc/nginx/\n"),
		Refs:   []string{hadolintDoc("DL3022")},
	},
}

func checkCopyFromUnknownStage(p *Pass, in dockerfile.Instruction) {
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
	if _, wellKnown := imageEnv[name]; wellKnown && p.File.StageByName(name) == nil {
		return // COPY --from=alpine pulls the official image on purpose: no typo to catch
	}
	if p.NamedContext(from) {
		return // a named build context (--build-context, bake's contexts): BuildKit uses it first
	}
	p.Reportf(in.Range(), "COPY --from=%s names no earlier stage; the builder will pull an image called %q instead", from, from)
}
