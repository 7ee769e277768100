package rules

import "github.com/moby/buildkit/frontend/dockerfile/linter"

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
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings(&linter.RuleFromAsCasing)}},
}
