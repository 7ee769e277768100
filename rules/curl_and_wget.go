package rules

import (
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CurlAndWget: the image needs two download tools where one does.
var CurlAndWget = &Rule{
	ID:       "DKS3008",
	Name:     "curl-and-wget",
	Title:    "Both curl and wget used in the shipped image",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL4001", "DS-0014"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1105},
		CIS:      []*t.CISItem{t.CIS4_3},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Redundant download tools",
		Mitigation:    "Use one download tool and remove it after the build.",

		Rationale: "curl and wget do the same job. Needing both means two network clients in the image: two " +
			"sets of CVEs to patch, and one more ready-made tool for an attacker who gets a shell to fetch " +
			"their payload with (ATT&CK T1105, Ingress Tool Transfer).\n\n" +
			"The stage that ships and the stages it builds FROM are judged together, since their layers end " +
			"up in one image; a builder stage is not judged. Every RUN that uses one tool after the other was " +
			"used is reported.",
		Impact:       "Redundant download tools available to an intruder",
		Fix:          "Settle on one tool (curl, say) for every download, and remove it once the build no longer needs it.",
		SeverityNote: "hadolint's DL4001 is a warning; shipping both downloaders costs one more tool in the image: hygiene, info.",
		Bad:          Dockerfiles("FROM debian:12\nRUN wget -q https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n"),
		Good: Dockerfiles(
			"FROM debian:12\nRUN curl -fsSLO https://example.com/a.tar.gz && curl -fsSLO https://example.com/b.tar.gz\n",
			"FROM debian:12 AS fetch\nRUN wget -q https://example.com/a.tar.gz\nFROM debian:12\nRUN curl -fsSLO https://example.com/b.tar.gz\n",
		),
	},
	Checks: []Check{StageCheck{Check: checkCurlAndWgetStage}},
}

func checkCurlAndWgetStage(p *Pass, s *dockerfile.Stage) {
	if !p.IsShipped(s) {
		return
	}
	var chain []*dockerfile.Stage
	for st := s; st != nil; st = st.Parent {
		chain = append(chain, st)
	}
	slices.Reverse(chain) // appended, not prepended: prepending is quadratic
	used := map[string]bool{}
	for _, st := range chain {
		for _, in := range st.Instructions {
			sc := scriptOf(in)
			if sc == nil {
				continue
			}
			here := map[string]*dockerfile.Command{}
			for _, c := range sc.Commands {
				if c.Is("curl", "wget") && here[c.Base()] == nil {
					here[c.Base()] = c
				}
			}
			curl, wget := here["curl"], here["wget"]
			switch {
			case curl != nil && wget != nil:
				later := curl
				if wget.Line > curl.Line {
					later = wget
				}
				p.ReportLinef(later.Line, "curl and wget are both used in this RUN; settle on one download tool")
			case curl != nil && used["wget"]:
				p.ReportLinef(curl.Line, "curl is used here and wget earlier in the image; settle on one download tool")
			case wget != nil && used["curl"]:
				p.ReportLinef(wget.Line, "wget is used here and curl earlier in the image; settle on one download tool")
			}
			for tool := range here {
				used[tool] = true
			}
		}
	}
}
