package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// MaintainerDeprecated: the MAINTAINER instruction.
var MaintainerDeprecated = &Rule{
	ID:       "DKS1005",
	Name:     "maintainer-deprecated",
	Title:    "Deprecated MAINTAINER instruction",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"MaintainerDeprecated", "DL4000", "DS-0022", "CKV_DOCKER_6"},
	BuildKit: &linter.RuleMaintainerDeprecated,
	// The author moves to the label OCI tools read; only the legacy
	// Author field of the image config goes.
	Fix: SafeFix,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SR4},
	},
	Doc: Doc{
		Vulnerability: "Deprecated MAINTAINER",
		Mitigation:    "Record authorship in an org.opencontainers.image.authors label.",

		Rationale: "MAINTAINER is deprecated and only sets the legacy `Author` field, which OCI tooling " +
			"ignores. Provenance tools read the `org.opencontainers.image.authors` label, so an image " +
			"with only MAINTAINER has no author they can find.",
		Impact:       "Image authorship not recorded where tools look",
		Fix:          "Use `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
		SeverityNote: "hadolint's DL4000 and trivy's DS-0022 are errors and BuildKit's MaintainerDeprecated a warning; deprecated metadata harms nothing at run time: hygiene, info.",
		Bad:          Dockerfiles("FROM alpine:3.20\nMAINTAINER team@example.com\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n"),
		Refs:         []string{buildKitDoc("maintainer-deprecated"), hadolintDoc("DL4000")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarningsFixed(&linter.RuleMaintainerDeprecated, fixMaintainerDeprecated)}},
}

// authorsLabel is the OCI annotation for an image's authors.
const authorsLabel = "org.opencontainers.image.authors"

// fixMaintainerDeprecated turns MAINTAINER into the authors label, or,
// when the stage already sets that label, removes it.
func fixMaintainerDeprecated(f *dockerfile.File, w dockerfile.BuildKitWarning) *Fix {
	m, ok := instructionAt(f, w.Range.StartLine).(*dockerfile.Maintainer)
	if !ok {
		return nil
	}
	start, _, ok := f.KeywordSpan(m)
	_, end, ok2 := argsSpan(f, m)
	if !ok || !ok2 {
		return nil
	}
	if stageHasLabel(m.Stage(), authorsLabel) {
		return NewFix("remove MAINTAINER: the stage sets "+authorsLabel, Replace(f.LineOffset(m.Range().StartLine), f.LineOffset(m.Range().EndLine+1), ""))
	}
	label := inCaseOf(m.Keyword(), "LABEL") + " " + authorsLabel + "=" + dockerfileQuote(m.Cmd.Maintainer, f.EscapeToken)
	return NewFix("replace MAINTAINER with the "+authorsLabel+" label", Replace(start, end, label))
}

// stageHasLabel reports whether s sets the label key.
func stageHasLabel(s *dockerfile.Stage, key string) bool {
	if s == nil {
		return false
	}
	for _, in := range s.Instructions {
		if l, ok := in.(*dockerfile.Label); ok {
			for _, kv := range l.Cmd.Labels {
				if strings.Trim(kv.Key, `"'`) == key {
					return true
				}
			}
		}
	}
	return false
}
