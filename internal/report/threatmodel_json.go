package report

import (
	"encoding/json"
	"io"
	"time"

	"github.com/dockstride/dockstride/rules"
)

type tmJSON struct {
	Schema    int         `json:"schema"`
	Tool      jsonTool    `json:"tool"`
	Generated string      `json:"generated,omitempty"`
	Subject   string      `json:"subject"`
	Inputs    []string    `json:"inputs"`
	Summary   jsonSummary `json:"summary"`
	Errors    []jsonError `json:"errors"`
	// STRIDE has one row per category with findings; Uncovered names the
	// categories without.
	STRIDE    []tmJSONStride  `json:"stride"`
	Uncovered []string        `json:"stride_without_findings"`
	ATTACK    []tmJSONAttack  `json:"attack"`
	Controls  []tmJSONControl `json:"controls"`
	FixFirst  []tmJSONRule    `json:"fix_first"`
}

type tmJSONStride struct {
	Category   string       `json:"category"`
	Findings   []tmJSONRule `json:"findings"`
	Impact     []string     `json:"impact"`
	Mitigation []tmJSONFix  `json:"mitigation"`
}

type tmJSONFix struct {
	Rule string `json:"rule"`
	Fix  string `json:"fix"`
}

type tmJSONAttack struct {
	Tactic        string       `json:"tactic"`
	TechniqueID   string       `json:"technique_id"`
	TechniqueName string       `json:"technique_name"`
	URL           string       `json:"url"`
	Findings      []tmJSONRule `json:"findings"`
}

type tmJSONControl struct {
	Rule     string   `json:"rule"`
	Title    string   `json:"title"`
	CWE      []string `json:"cwe"`
	CIS      []string `json:"cis"`
	Controls []string `json:"controls"`
}

// tmJSONRule is one rule's findings in a row.
type tmJSONRule struct {
	Rule      string           `json:"rule"`
	Name      string           `json:"name"`
	Title     string           `json:"title"`
	Severity  string           `json:"severity"`
	STRIDE    []string         `json:"stride,omitempty"`
	Count     int              `json:"count"`
	Locations []tmJSONLocation `json:"locations"`
	Fix       string           `json:"fix,omitempty"`
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

// ThreatModelJSON writes the threat model's content (the same rows as the
// Markdown) as JSON for tools: versioned by "schema" like --format json.
func ThreatModelJSON(w io.Writer, r *Report, m Meta) error {
	tm := buildThreatModel(r, m)
	out := tmJSON{
		Schema: JSONSchemaVersion, Tool: jsonTool{Name: tm.tool, Version: tm.version},
		Subject: tm.subject, Inputs: nonNil(tm.inputs), Summary: summaryOf(r), Errors: errorsOf(r),
		STRIDE: []tmJSONStride{}, Uncovered: []string{}, ATTACK: []tmJSONAttack{}, Controls: []tmJSONControl{}, FixFirst: []tmJSONRule{},
	}
	if !tm.generated.IsZero() {
		out.Generated = tm.generated.Format(time.RFC3339)
	}
	for _, row := range tm.stride {
		jr := tmJSONStride{Category: row.category.String(), Impact: []string{}}
		for _, h := range row.hits {
			jr.Findings = append(jr.Findings, h.json(false))
			if h.rule.Doc.Impact != "" {
				jr.Impact = append(jr.Impact, h.rule.Doc.Impact)
			}
			jr.Mitigation = append(jr.Mitigation, tmJSONFix{Rule: h.rule.ID, Fix: h.rule.Doc.Fix})
		}
		out.STRIDE = append(out.STRIDE, jr)
	}
	for _, c := range tm.empty {
		out.Uncovered = append(out.Uncovered, c.String())
	}
	for _, row := range tm.attack {
		jr := tmJSONAttack{Tactic: row.tactic, TechniqueID: row.technique.ID, TechniqueName: row.technique.Name, URL: row.technique.URL()}
		for _, h := range row.hits {
			jr.Findings = append(jr.Findings, h.json(false))
		}
		out.ATTACK = append(out.ATTACK, jr)
	}
	for _, h := range byID(tm.hits) {
		t := Threats(h.rule)
		out.Controls = append(out.Controls, tmJSONControl{Rule: h.rule.ID, Title: h.rule.Title, CWE: t.CWE, CIS: t.CIS, Controls: t.Controls})
	}
	for _, h := range tm.hits {
		out.FixFirst = append(out.FixFirst, h.json(true))
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func (h *ruleHits) json(full bool) tmJSONRule {
	j := tmJSONRule{Rule: h.rule.ID, Name: h.rule.Name, Title: h.rule.Title, Severity: h.severity.String(), Count: len(h.findings)}
	for _, f := range h.findings {
		loc := tmJSONLocation{File: f.File, Line: f.Line, EndLine: f.EndLine, Service: f.Service}
		if f.InImage() {
			loc = tmJSONLocation{Image: f.Image, Path: f.Path, Origin: f.Target.Origin()}
			if f.Target == rules.TargetImageHistory {
				loc.History = &f.History
			}
		}
		j.Locations = append(j.Locations, loc)
	}
	if full {
		j.STRIDE = strideNames(h.rule)
		j.Fix = h.rule.Doc.Fix
	}
	return j
}
