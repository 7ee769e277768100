package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// FromArgDefaultInvalid: with only the ARG defaults, the FROM is no valid
// image reference.
var FromArgDefaultInvalid = &Rule{
	ID:       "DKS1018",
	Name:     "from-arg-default-invalid",
	Title:    "FROM is not a valid image with the ARG defaults",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"InvalidDefaultArgInFrom"},
	BuildKit: &linter.RuleInvalidDefaultArgInFrom,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Invalid base image with ARG defaults",
		Mitigation:    "Give the ARG a default that makes a valid image reference.",

		Rationale: "When an ARG used in FROM has no default (or an unusable one), the Dockerfile only " +
			"builds if every caller passes `--build-arg`, and a caller who forgets gets an error or, " +
			"worse, a different image (`busybox:` becomes invalid, `${IMAGE}` empty). The defaults " +
			"should describe a working build.",
		Impact:       "Build depends on callers passing the right --build-arg",
		Fix:          "Give the ARG a default that makes a valid reference: `ARG VERSION=1.36`.",
		SeverityNote: "BuildKit's InvalidDefaultArgInFrom is a warning; a base-image ARG without a default is the usual \"the build script passes it\" pattern, and a build without it fails at once with a clear message: hygiene, info.",
		Bad:          Dockerfiles("ARG VERSION\nFROM busybox:$VERSION\n"),
		Good:         Dockerfiles("ARG VERSION=1.36\nFROM busybox:$VERSION\n"),
		Refs:         []string{buildKitDoc("invalid-default-arg-in-from")},
	},
	Checks: []Check{StageCheck{Check: checkFromArgDefaultInvalidStage}},
}

func checkFromArgDefaultInvalidStage(p *Pass, s *dockerfile.Stage) {
	if s.From == nil || !strings.Contains(s.From.Image, "$") {
		return
	}
	env, _ := globalArgs(p, false)
	res, err := p.File.Lex().ProcessWordWithMatches(s.From.Image, env)
	if err != nil {
		return
	}
	if !validImageReference(res.Result) {
		p.ReportLinef(s.Line(), "Default value for ARG %s results in empty or invalid base image name", s.From.Image)
	}
}
