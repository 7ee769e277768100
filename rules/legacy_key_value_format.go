package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`.
var LegacyKeyValueFormat = &Rule{
	ID:       "DKS1006",
	Name:     "legacy-key-value-format",
	Title:    "ENV or LABEL in the legacy `key value` form",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"LegacyKeyValueFormat"},
	BuildKit: &linter.RuleLegacyKeyValueFormat,
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindEnv, dockerfile.KindLabel}, Check: checkLegacyKeyValueFormat}},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Legacy key value syntax in ENV or LABEL",
		Mitigation:    "Write ENV and LABEL as key=value.",

		Rationale: "`ENV key value` sets one variable to everything after the first space, so " +
			"`ENV PATH /app/bin MODE prod` sets PATH to `/app/bin MODE prod`. The `key=value` form " +
			"says where each value ends and can set several variables at once.",
		Impact:       "Variables set to values the author did not mean",
		Fix:          "Write `ENV key=value` and `LABEL key=value`, quoting values that contain spaces.",
		SeverityNote: "BuildKit's LegacyKeyValueFormat is a warning; `ENV key value` still builds the same image: style, as legacy syntax is.",
		Bad:          Dockerfiles("FROM alpine:3.20\nENV APP_HOME /app\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nENV APP_HOME=/app\n"),
		Refs:         []string{buildKitDoc("legacy-key-value-format")},
	},
}

func checkLegacyKeyValueFormat(p *Pass, in dockerfile.Instruction) {
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
}
