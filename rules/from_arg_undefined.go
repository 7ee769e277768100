package rules

import (
	"maps"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/util/suggest"
)

// FromArgUndefined: a FROM line uses a variable no ARG declares.
var FromArgUndefined = &Rule{
	ID:       "DKS1017",
	Name:     "from-arg-undefined",
	Title:    "FROM uses an ARG that is not declared",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"UndefinedArgInFrom"},
	BuildKit: &linter.RuleUndefinedArgInFrom,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE1357},
		Controls: []*t.Control{t.NIST53_SR3, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Vulnerability: "Undeclared ARG in FROM",
		Mitigation:    "Declare the ARG with a default before the first FROM.",

		Rationale: "A FROM line can only use ARGs declared before the first FROM (and BuildKit's " +
			"platform ARGs). An undeclared one expands to nothing, so `FROM registry/app:${TAG}` " +
			"quietly becomes `registry/app:` or `FROM ${BASE}` an empty name: the build fails, or " +
			"runs on a base image nobody chose. Usually the ARG is misspelt or declared inside a stage.",
		Impact: "Build uses an unexpected base image",
		Fix:    "Declare the ARG before the first FROM (`ARG TAG=1.2.3`), spelt as the FROM uses it.",
		Bad:    Dockerfiles("ARG VERSION=3.20\nFROM alpine:${VERISON}\n"),
		Good:   Dockerfiles("ARG VERSION=3.20\nFROM alpine:${VERSION}\n"),
		Refs:   []string{buildKitDoc("undefined-arg-in-from")},
	},
	Checks: []Check{StageCheck{Check: checkFromArgUndefinedStage}},
}

func checkFromArgUndefinedStage(p *Pass, s *dockerfile.Stage) {
	if s.From == nil || !strings.Contains(s.From.Image, "$") && !strings.Contains(s.From.Platform, "$") {
		return
	}
	env, declared := globalArgs(p, true)
	keys := env.Keys()
	for k := range declared {
		if _, ok := env.Get(k); !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	lex := p.File.Lex()
	for _, word := range []string{s.From.Image, s.From.Platform} {
		if word == "" || strings.Contains(word, "${templateOption:") {
			continue // a dev container template, filled in before any build
		}
		res, _ := lex.ProcessWordWithMatches(word, env)
		for _, name := range slices.Sorted(maps.Keys(res.Unmatched)) {
			if declared[name] {
				continue
			}
			if match, ok := suggest.Search(name, keys, true); ok && match != "" {
				p.ReportLinef(s.Line(), "FROM argument '%s' is not declared (did you mean %s?)", name, match)
			} else {
				p.ReportLinef(s.Line(), "FROM argument '%s' is not declared", name)
			}
		}
	}
}
