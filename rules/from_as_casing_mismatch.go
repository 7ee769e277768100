package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// FromAsCasingMismatch: `FROM x as y` with keyword cases that differ.
var FromAsCasingMismatch = &Rule{
	ID:       "DKS1002",
	Name:     "from-as-casing-mismatch",
	Title:    "FROM and AS keywords use different casing",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"FromAsCasing"},
	BuildKit: &linter.RuleFromAsCasing,
	Threat:   hygiene(),
	Fix:      SafeFix,
	Doc: Doc{
		Vulnerability: "Inconsistent FROM/AS casing",
		Mitigation:    "Write AS in the same case as FROM.",

		Rationale: "`FROM image as name` mixes an upper-case instruction with a lower-case keyword; " +
			"consistent casing keeps keywords distinguishable from image and stage names.",
		Impact:       "Harder to read Dockerfile",
		Fix:          "Match the case of `AS` to `FROM`: `FROM alpine AS base` or `from alpine as base`.",
		SeverityNote: "BuildKit's FromAsCasing is a warning; the keywords' casing changes nothing in the build: style, as formatting is.",
		Bad:          Dockerfiles("FROM alpine:3.20 as base\n"),
		Good:         Dockerfiles("FROM alpine:3.20 AS base\n", "from alpine:3.20 as base\n"),
		Refs:         []string{buildKitDoc("from-as-casing")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarningsFixed(&linter.RuleFromAsCasing, fixFromAsCasing)}},
}

// fixFromAsCasing writes AS in the case of its FROM, on a one-line FROM.
func fixFromAsCasing(f *dockerfile.File, w dockerfile.BuildKitWarning) *Fix {
	from, ok := instructionAt(f, w.Range.StartLine).(*dockerfile.From)
	if !ok || from.Range().EndLine != from.Range().StartLine {
		return nil
	}
	kwStart, _, ok := f.KeywordSpan(from)
	if !ok {
		return nil
	}
	line := f.Text()[kwStart:f.LineEnd(from.Range().StartLine)]
	words := strings.Fields(line)
	if len(words) < 4 || !strings.EqualFold(words[len(words)-2], "as") {
		return nil
	}
	// The AS word is the last but one: find it from the end.
	name := words[len(words)-1]
	end := strings.LastIndex(line, name)
	start := strings.LastIndex(line[:end], words[len(words)-2])
	if start < 0 {
		return nil
	}
	as := inCaseOf(from.Keyword(), "AS")
	return NewFix("write "+as+" in the case of "+from.Keyword(), Replace(kwStart+start, kwStart+start+2, as))
}
