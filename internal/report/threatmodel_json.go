package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/dockstride/dockstride/rules"
)

// ThreatModelSchemaVersion is the version of the threat-model-json
// document. Version 2 made the tables rows of vulnerabilities (the rules'
// Doc.Vulnerability) instead of lists of rules.
const ThreatModelSchemaVersion = 2

type tmJSON struct {
	Schema    int         `json:"schema"`
	Tool      jsonTool    `json:"tool"`
	Generated string      `json:"generated,omitempty"`
	Subject   string      `json:"subject"`
	Inputs    []string    `json:"inputs"`
	Summary   jsonSummary `json:"summary"`
	Errors    []jsonError `json:"errors"`
	// Vulnerabilities are every vulnerability found, with where, in
	// fix-first order; the tables cite them by title.
	Vulnerabilities []tmJSONVuln `json:"vulnerabilities"`
	// STRIDE has one row per category and vulnerability; Uncovered names
	// the categories without findings.
	STRIDE    []tmJSONStride `json:"stride"`
	Uncovered []string       `json:"stride_without_findings"`
	ATTACK    []tmJSONAttack `json:"attack"`
	// Unseen are the techniques of the reference threat model that no
	// finding enables.
	Unseen   []tmJSONTechnique `json:"attack_without_findings"`
	Controls []tmJSONControl   `json:"controls"`
	FixFirst []tmJSONFix       `json:"fix_first"`
	Compare  *tmJSONCompare    `json:"comparison,omitempty"`
}

type tmJSONVuln struct {
	Title      string       `json:"title"`
	Name       string       `json:"name"`
	References []string     `json:"references"`
	Severity   string       `json:"severity"`
	Count      int          `json:"count"`
	Impact     string       `json:"impact"`
	Mitigation string       `json:"mitigation"`
	STRIDE     []string     `json:"stride"`
	ATTACK     []string     `json:"attack"`
	Rules      []tmJSONRule `json:"rules"`
}

type tmJSONStride struct {
	Category      string `json:"category"`
	Vulnerability string `json:"vulnerability"`
	Impact        string `json:"impact"`
	Mitigation    string `json:"mitigation"`
}

type tmJSONTechnique struct {
	Tactic        string `json:"tactic"`
	TechniqueID   string `json:"technique_id"`
	TechniqueName string `json:"technique_name"`
	URL           string `json:"url"`
}

type tmJSONAttack struct {
	tmJSONTechnique
	Vulnerabilities []string `json:"vulnerabilities"`
}

type tmJSONControl struct {
	Vulnerability string   `json:"vulnerability"`
	CWE           []string `json:"cwe"`
	CIS           []string `json:"cis"`
	OWASP         []string `json:"owasp"`
	NIST          []string `json:"nist"`
}

type tmJSONFix struct {
	Vulnerability string   `json:"vulnerability"`
	Mitigation    string   `json:"mitigation"`
	Closes        []string `json:"closes"`
	Alone         []string `json:"alone"`
}

// tmJSONRule is one rule's findings of a vulnerability.
type tmJSONRule struct {
	Rule      string           `json:"rule"`
	Name      string           `json:"name"`
	Title     string           `json:"title"`
	Severity  string           `json:"severity"`
	Count     int              `json:"count"`
	Fix       string           `json:"fix"`
	Locations []tmJSONLocation `json:"locations"`
}

type tmJSONLocation struct {
	File    string `json:"file,omitempty"`
	Line    int    `json:"line,omitempty"`
	EndLine int    `json:"end_line,omitempty"`
	Service string `json:"service,omitempty"`
	Image   string `json:"image,omitempty"`
	Path    string `json:"path,omitempty"`
	Origin  string `json:"origin,omitempty"`
	// History is the 0-based history entry of a history finding.
	History *int `json:"history,omitempty"`
}

type tmJSONCompare struct {
	Before    string         `json:"before"`
	After     string         `json:"after"`
	Closed    int            `json:"closed"`
	Remaining int            `json:"remaining"`
	New       int            `json:"new"`
	Unknown   int            `json:"unknown_rules,omitempty"`
	STRIDE    []tmJSONDelta  `json:"stride"`
	ATTACK    []tmJSONDelta  `json:"attack"`
	Parts     tmJSONDeltaSet `json:"vulnerabilities"`
}

// tmJSONDelta is one threat's vulnerabilities before and after, by title.
type tmJSONDelta struct {
	Category    string   `json:"category,omitempty"`
	Tactic      string   `json:"tactic,omitempty"`
	TechniqueID string   `json:"technique_id,omitempty"`
	Status      string   `json:"status"`
	Closed      []string `json:"closed"`
	Remaining   []string `json:"remaining"`
	New         []string `json:"new"`
}

type tmJSONDeltaSet struct {
	Closed    []tmJSONVuln `json:"closed"`
	Remaining []tmJSONVuln `json:"remaining"`
	New       []tmJSONVuln `json:"new"`
}

// ThreatModelJSON writes the threat model's content (the same rows as the
// Markdown) as JSON for tools, versioned by "schema"
// (ThreatModelSchemaVersion).
func ThreatModelJSON(w io.Writer, r *Report, m Meta) error {
	tm := buildThreatModel(r, m)
	out := tmJSON{
		Schema: ThreatModelSchemaVersion, Tool: jsonTool{Name: tm.tool, Version: tm.version},
		Subject: tm.subject, Inputs: nonNil(tm.inputs), Summary: summaryOf(r), Errors: errorsOf(r),
		Vulnerabilities: vulnsJSON(tm.vulns), STRIDE: []tmJSONStride{}, Uncovered: []string{}, ATTACK: []tmJSONAttack{},
		Unseen: []tmJSONTechnique{}, Controls: []tmJSONControl{}, FixFirst: []tmJSONFix{},
	}
	if !tm.generated.IsZero() {
		out.Generated = tm.generated.Format(time.RFC3339)
	}
	for _, row := range tm.stride {
		for _, v := range row.vulns {
			out.STRIDE = append(out.STRIDE, tmJSONStride{Category: row.category.String(), Vulnerability: v.title(), Impact: v.impact(), Mitigation: v.mitigation()})
		}
	}
	for _, c := range tm.empty {
		out.Uncovered = append(out.Uncovered, c.String())
	}
	for _, row := range tm.attack {
		out.ATTACK = append(out.ATTACK, tmJSONAttack{techniqueJSON(row), titleList(row.vulns)})
	}
	for _, t := range tm.unseen {
		out.Unseen = append(out.Unseen, techniqueJSON(attackRow{technique: t}))
	}
	for _, v := range tm.vulns {
		c := v.controls()
		out.Controls = append(out.Controls, tmJSONControl{Vulnerability: v.title(), CWE: nonNil(c.cwe), CIS: nonNil(c.cis), OWASP: nonNil(c.owasp), NIST: nonNil(c.nist)})
	}
	for _, f := range tm.fixes {
		out.FixFirst = append(out.FixFirst, tmJSONFix{Vulnerability: f.vuln.title(), Mitigation: f.vuln.mitigation(), Closes: threatNames(f.vuln), Alone: nonNil(f.alone)})
	}
	if c := tm.compare; c != nil {
		out.Compare = &tmJSONCompare{Before: c.before, After: c.after, Closed: c.nClosed, Remaining: c.nRemaining, New: c.nAdded, Unknown: c.unknown,
			STRIDE: []tmJSONDelta{}, ATTACK: []tmJSONDelta{},
			Parts: tmJSONDeltaSet{Closed: vulnsJSON(c.closed), Remaining: vulnsJSON(c.remaining), New: vulnsJSON(c.added)}}
		for _, row := range c.stride {
			out.Compare.STRIDE = append(out.Compare.STRIDE, deltaJSON(row))
		}
		for _, row := range c.attack {
			out.Compare.ATTACK = append(out.Compare.ATTACK, deltaJSON(row))
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func techniqueJSON(row attackRow) tmJSONTechnique {
	t := row.technique
	return tmJSONTechnique{Tactic: t.Tactic, TechniqueID: t.ID, TechniqueName: t.Name, URL: t.URL()}
}

func deltaJSON(row deltaRow) tmJSONDelta {
	d := tmJSONDelta{Status: row.status(), Closed: titleList(row.closed), Remaining: titleList(row.remaining), New: titleList(row.added)}
	if row.technique != nil {
		d.Tactic, d.TechniqueID = row.technique.Tactic, row.technique.ID
	} else {
		d.Category = row.category.String()
	}
	return d
}

func titleList(vs []*vulnerability) []string {
	out := []string{}
	for _, v := range vs {
		out = append(out, v.title())
	}
	return out
}

func vulnsJSON(vs []*vulnerability) []tmJSONVuln {
	out := []tmJSONVuln{}
	for _, v := range vs {
		j := tmJSONVuln{Title: v.title(), Name: v.name, References: v.refs, Severity: v.severity.String(), Count: v.count,
			Impact: v.impact(), Mitigation: v.mitigation(), STRIDE: []string{}, ATTACK: []string{}}
		for _, s := range v.stride {
			j.STRIDE = append(j.STRIDE, s.String())
		}
		for _, t := range v.attack {
			j.ATTACK = append(j.ATTACK, t.ID)
		}
		for _, h := range v.rules {
			j.Rules = append(j.Rules, h.json())
		}
		out = append(out, j)
	}
	return out
}

func (h *ruleHits) json() tmJSONRule {
	j := tmJSONRule{Rule: h.rule.ID, Name: h.rule.Name, Title: h.rule.Title, Severity: h.severity.String(),
		Count: len(h.findings), Fix: oneParagraph(h.rule.Doc.Fix)}
	for _, f := range h.findings {
		loc := tmJSONLocation{File: f.File, Line: f.Line, EndLine: f.EndLine, Service: f.Service}
		if f.InImage() {
			loc = tmJSONLocation{Image: f.Image, Path: f.Path, Line: f.Line, EndLine: f.EndLine, Origin: f.Target.Origin()}
			if f.Target == rules.TargetImageHistory {
				loc.History = &f.History
			}
		}
		j.Locations = append(j.Locations, loc)
	}
	return j
}
