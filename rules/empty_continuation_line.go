package rules

import "github.com/moby/buildkit/frontend/dockerfile/linter"

// EmptyContinuationLine: a blank line inside a continued instruction.
var EmptyContinuationLine = &Rule{
	ID:       "DKS1004",
	Name:     "empty-continuation-line",
	Title:    "Empty line inside a continued instruction",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"NoEmptyContinuation"},
	BuildKit: &linter.RuleNoEmptyContinuation,
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Empty continuation line",
		Mitigation:    "Remove the empty line or the backslash before it.",

		Rationale: "An empty line after a trailing backslash is silently dropped today, so the instruction " +
			"goes on past what looks like its end; BuildKit announces it will become an error. A " +
			"reader easily mistakes the rest for a separate line.",
		Impact: "Instruction continues where the reader thinks it ended",
		Fix:    "Remove the empty line, or the backslash before it.",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl\n"),
		Refs:   []string{buildKitDoc("no-empty-continuation")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings(&linter.RuleNoEmptyContinuation)}},
}
