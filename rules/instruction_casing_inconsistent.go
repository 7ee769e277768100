package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// InstructionCasingInconsistent: instruction keywords not all in one case.
var InstructionCasingInconsistent = &Rule{
	ID:       "DKS1003",
	Name:     "instruction-casing-inconsistent",
	Title:    "Instruction keyword casing differs from the rest of the file",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"ConsistentInstructionCasing"},
	BuildKit: &linter.RuleConsistentInstructionCasing,
	Threat:   hygiene(),
	Fix:      SafeFix,
	Doc: Doc{
		Vulnerability: "Inconsistent instruction casing",
		Mitigation:    "Write every instruction in upper case.",

		Rationale: "Keywords are case-insensitive, but a file that mixes `RUN`, `run` and `Run` is harder " +
			"to scan. BuildKit takes the case most instructions use as the norm and flags the others, " +
			"and any keyword in mixed case (`Copy`).",
		Impact:       "Harder to read Dockerfile",
		Fix:          "Write every instruction in the same case, conventionally upper case.",
		SeverityNote: "BuildKit's ConsistentInstructionCasing is a warning; instruction keywords are case-insensitive, so the casing changes nothing: style, as formatting is.",
		Bad:          Dockerfiles("FROM alpine:3.20\nRUN echo one\nrun echo two\nRUN echo three\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nRUN echo one\nRUN echo two\n"),
		Refs:         []string{buildKitDoc("consistent-instruction-casing")},
	},
	Checks: []Check{FileCheck{Check: checkInstructionCasingInconsistentFile}},
}

func checkInstructionCasingInconsistentFile(p *Pass, f *dockerfile.File) {
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
			p.WithFix(func() *Fix { return recaseKeyword(p.File, in, strings.ToLower(kw)) }).Reportf(in.Range(), "Command '%s' should match the case of the command majority (lowercase)", kw)
		case !majorityLower && kw != strings.ToUpper(kw):
			p.WithFix(func() *Fix { return recaseKeyword(p.File, in, strings.ToUpper(kw)) }).Reportf(in.Range(), "Command '%s' should match the case of the command majority (uppercase)", kw)
		}
	}
}

// recaseKeyword writes in's keyword as kw.
func recaseKeyword(f *dockerfile.File, in dockerfile.Instruction, kw string) *Fix {
	start, end, ok := f.KeywordSpan(in)
	if !ok {
		return nil
	}
	return NewFix("write the keyword as "+kw, Replace(start, end, kw))
}
