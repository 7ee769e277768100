package report

import (
	"encoding/json"
	"io"

	"github.com/dockstride/dockstride/rules"
)

// JSONSchemaVersion is the version of the --format json contract; it
// changes only when a field is removed or changes meaning.
const JSONSchemaVersion = 1

type jsonReport struct {
	Schema   int           `json:"schema"`
	Tool     jsonTool      `json:"tool"`
	Findings []jsonFinding `json:"findings"`
	Errors   []jsonError   `json:"errors"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonTool struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// jsonFinding is one finding as the DESIGN.md contract spells it; fields
// that do not apply are omitted.
type jsonFinding struct {
	Rule       string   `json:"rule"`
	Name       string   `json:"name"`
	Severity   string   `json:"severity"`
	Message    string   `json:"message"`
	Target     string   `json:"target"`
	File       string   `json:"file,omitempty"`
	Line       int      `json:"line,omitempty"`
	EndLine    int      `json:"end_line,omitempty"`
	Column     int      `json:"column,omitempty"`
	Image      string   `json:"image,omitempty"`
	Digest     string   `json:"digest,omitempty"`
	Layer      string   `json:"layer,omitempty"`
	Path       string   `json:"path,omitempty"`
	Origin     string   `json:"origin,omitempty"`
	History    *int     `json:"history,omitempty"`
	Aliases    []string `json:"aliases"`
	CIS        []string `json:"cis"`
	CWE        []string `json:"cwe"`
	STRIDE     []string `json:"stride"`
	ATTACK     []string `json:"attack"`
	Controls   []string `json:"controls"`
	Suppressed *jsonSup `json:"suppressed,omitempty"`
}

// jsonSup says what silenced a finding listed with --show-suppressed.
type jsonSup struct {
	Line   int    `json:"line,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Kind is the pragma's dialect: dockstride, hadolint, buildkit, trivy.
	Kind   string `json:"kind,omitempty"`
	Scope  string `json:"scope,omitempty"`
	Pragma string `json:"pragma,omitempty"`
	Until  string `json:"until,omitempty"`
}

type jsonError struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Message  string `json:"message"`
	Internal bool   `json:"internal,omitempty"`
}

type jsonSummary struct {
	Files      int            `json:"files"`
	Images     int            `json:"images"`
	Findings   int            `json:"findings"`
	Suppressed int            `json:"suppressed,omitempty"`
	Baselined  int            `json:"baselined,omitempty"`
	BySeverity map[string]int `json:"by_severity"`
}

// JSON writes the versioned JSON contract of DESIGN.md.
func JSON(w io.Writer, r *Report, m Meta) error {
	out := jsonReport{
		Schema:   JSONSchemaVersion,
		Tool:     jsonTool{Name: m.ToolName, Version: m.ToolVersion},
		Findings: make([]jsonFinding, 0, len(r.Findings)),
		Errors:   errorsOf(r),
		Summary:  summaryOf(r),
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f))
	}
	if m.ShowSuppressed {
		// Listed after the live findings and marked, as SARIF lists
		// suppressed results; summary.findings still counts live ones.
		for _, s := range r.Suppressed {
			jf := toJSONFinding(s.Finding)
			jf.Suppressed = &jsonSup{Line: s.By.Line, Reason: s.By.Reason, Kind: s.By.Tool, Scope: s.By.Scope, Pragma: s.By.Text, Until: s.By.Until}
			out.Findings = append(out.Findings, jf)
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func errorsOf(r *Report) []jsonError {
	out := make([]jsonError, 0, len(r.Problems))
	for _, p := range r.Problems {
		out = append(out, jsonError{File: p.File, Line: p.Line, Message: p.Message, Internal: p.Internal})
	}
	return out
}

func summaryOf(r *Report) jsonSummary {
	s := jsonSummary{
		Files: r.Files, Images: r.Images, Findings: len(r.Findings), Suppressed: len(r.Suppressed),
		Baselined: r.Baselined, BySeverity: map[string]int{},
	}
	for _, sev := range []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style} {
		s.BySeverity[sev.String()] = 0
	}
	for sev, n := range CountBySeverity(r.Findings) {
		s.BySeverity[sev.String()] = n
	}
	return s
}

func toJSONFinding(f rules.Finding) jsonFinding {
	r := f.Rule
	t := Threats(r)
	jf := jsonFinding{
		Rule: r.ID, Name: r.Name, Severity: f.Severity.String(), Message: f.Message, Target: f.Target,
		File: f.File, Line: f.Line, EndLine: f.EndLine, Column: f.Column,
		Image: f.Image, Digest: f.Digest, Layer: f.Layer, Path: f.Path, Origin: f.Origin,
		Aliases: nonNil(f.PeerIDs()), CIS: t.CIS, CWE: t.CWE, STRIDE: t.STRIDE, ATTACK: t.ATTACK, Controls: t.Controls,
	}
	if f.Origin == rules.OriginHistory {
		h := f.History
		jf.History = &h
	}
	return jf
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
