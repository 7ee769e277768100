package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

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
		Vulnerability: "Inline ignore pragma",
		Mitigation:    "Keep exceptions in the reviewed configuration file.",

		Rationale: "Teams that want every exception recorded in one reviewed configuration file, not " +
			"scattered through Dockerfiles, can enable this rule to flag inline `# hadolint ignore=` " +
			"and `# dockstride ignore=` pragmas. Off by default, as in hadolint.",
		Impact: "Exceptions bypass central review",
		Fix:    "Move the exception into the configuration file's `ignore` list (or a per-path override).",
		Bad:    Dockerfiles("FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add curl\n"),
		Good:   Dockerfiles("FROM alpine:3.20\n# install curl\nRUN apk add curl\n"),
		Refs:   []string{hadolintDoc("DL1001")},
	},
	Checks: []Check{FileCheck{Check: checkInlineIgnorePragmaFile}},
}

func checkInlineIgnorePragmaFile(p *Pass, f *dockerfile.File) {
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
}
