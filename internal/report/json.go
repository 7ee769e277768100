package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// JSONSchemaVersion is the version of the --format json contract; it
// changes only when a field is removed or changes meaning.
const JSONSchemaVersion = 1

type jsonReport struct {
	Schema     int             `json:"schema"`
	Tool       jsonTool        `json:"tool"`
	Findings   []jsonFinding   `json:"findings"`
	Errors     []jsonError     `json:"errors"`
	Comparison *jsonComparison `json:"comparison,omitempty"`
	Inputs     []string        `json:"inputs"`
	Rules      []string        `json:"rules"`
	Shard      *jsonShard      `json:"shard,omitempty"`
	Summary    jsonSummary     `json:"summary"`
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
	Service    string   `json:"service,omitempty"`
	Image      string   `json:"image,omitempty"`
	Digest     string   `json:"digest,omitempty"`
	Layer      string   `json:"layer,omitempty"`
	Path       string   `json:"path,omitempty"`
	Origin     string   `json:"origin,omitempty"`
	History    *int     `json:"history,omitempty"`
	SourceHash string   `json:"source_hash,omitempty"`
	Aliases    []string `json:"aliases"`
	CIS        []string `json:"cis"`
	CWE        []string `json:"cwe"`
	STRIDE     []string `json:"stride"`
	ATTACK     []string `json:"attack"`
	Controls   []string `json:"controls"`
	// Fingerprint identifies the finding across runs (rule, file, source
	// text, occurrence; never the line), as baselines and SARIF's
	// partialFingerprints do: --compare --baseline matches an earlier
	// JSON report by it.
	Fingerprint string   `json:"fingerprint,omitempty"`
	Suppressed  *jsonSup `json:"suppressed,omitempty"`
	Fix         *jsonFix `json:"fix,omitempty"`
}

// jsonComparison is the --compare view: the findings of the before run
// the after run no longer has, those it still has and those it added, and
// the same per STRIDE category and ATT&CK technique (counts of findings).
type jsonComparison struct {
	Before    string             `json:"before"`
	After     string             `json:"after"`
	Closed    []jsonFinding      `json:"closed"`
	Remaining []jsonFinding      `json:"remaining"`
	New       []jsonFinding      `json:"new"`
	STRIDE    []jsonDeltaCount   `json:"stride"`
	ATTACK    []jsonDeltaCount   `json:"attack"`
	Summary   jsonCompareSummary `json:"summary"`
}

type jsonDeltaCount struct {
	Category    string `json:"category,omitempty"`
	TechniqueID string `json:"technique_id,omitempty"`
	Tactic      string `json:"tactic,omitempty"`
	Status      string `json:"status"`
	Closed      int    `json:"closed"`
	Remaining   int    `json:"remaining"`
	New         int    `json:"new"`
}

type jsonCompareSummary struct {
	Closed    int `json:"closed"`
	Remaining int `json:"remaining"`
	New       int `json:"new"`
	// UnknownRules counts before findings of rules this dockstride does
	// not have.
	UnknownRules int `json:"unknown_rules,omitempty"`
}

// jsonFix is the change a finding's rule suggests, or why it offers none;
// present when the run built fixes (--format json does).
type jsonFix struct {
	// Safety is "safe" (lint --fix applies it) or "unsafe" (only with
	// --unsafe-fixes: it may change behaviour).
	Safety      string     `json:"safety"`
	Title       string     `json:"title,omitempty"`
	Edits       []jsonEdit `json:"edits,omitempty"`
	Unavailable string     `json:"unavailable,omitempty"`
}

// jsonEdit replaces [start, end) of the file with text: byte offsets
// after any byte order mark, and the same range as lines and columns
// (from 1, columns in Unicode code points, the end exclusive).
type jsonEdit struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Text      string `json:"text"`
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
//
// The findings are encoded one at a time into a buffered writer rather
// than as one value: a corpus-sized report (14,000 findings, 10 MB of
// JSON) otherwise held the marshalled document twice in memory, once
// compact and once indented. The bytes are those json.Encoder with
// SetIndent("", "  ") writes for the whole jsonReport.
func JSON(w io.Writer, r *Report, m Meta) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	e := &jsonStream{w: bw}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	threats := map[*rules.Rule]ThreatLists{}
	finding := func(f rules.Finding) jsonFinding {
		t, ok := threats[f.Rule]
		if !ok {
			t = Threats(f.Rule)
			threats[f.Rule] = t
		}
		return toJSONFinding(f, t)
	}
	e.raw("{\n")
	e.field("schema", JSONSchemaVersion, false)
	e.field("tool", jsonTool{Name: m.ToolName, Version: m.ToolVersion}, false)
	n := len(r.Findings)
	if m.ShowSuppressed {
		n += len(r.Suppressed)
	}
	e.raw(`  "findings": `)
	if n == 0 {
		e.raw("[],\n")
	} else {
		e.raw("[\n")
		i := 0
		next := func(jf jsonFinding) {
			e.raw("    ")
			e.finding(&jf, "    ")
			if i++; i < n {
				e.raw(",")
			}
			e.raw("\n")
		}
		fp := lint.NewFingerprinter()
		for _, f := range r.Findings {
			jf := finding(f)
			jf.Fingerprint = fp.Next(f)
			next(jf)
		}
		if m.ShowSuppressed {
			// Listed after the live findings and marked, as SARIF lists
			// suppressed results; summary.findings still counts live ones.
			for _, s := range r.Suppressed {
				jf := finding(s.Finding)
				jf.Fingerprint = fp.Next(s.Finding)
				jf.Suppressed = &jsonSup{Line: s.By.Line, Reason: s.By.Reason, Kind: s.By.Tool, Scope: s.By.Scope, Pragma: s.By.Text, Until: s.By.Until}
				next(jf)
			}
		}
		e.raw("  ],\n")
	}
	e.field("errors", errorsOf(r), false)
	if r.Compare != nil {
		e.field("comparison", comparisonJSON(r.Compare, finding), false)
	}
	e.field("inputs", nonNil(r.Inputs), false)
	e.field("rules", ruleIDs(r.Rules), false)
	if r.Shard != nil {
		e.field("shard", jsonShard(*r.Shard), false)
	}
	e.field("summary", summaryOf(r), true)
	e.raw("}\n")
	if e.err != nil {
		return e.err
	}
	return bw.Flush()
}

// jsonStream writes an indented JSON object piece by piece, keeping the
// first error.
type jsonStream struct {
	w   *bufio.Writer
	buf bytes.Buffer
	out []byte
	enc *json.Encoder
	err error
}

func (e *jsonStream) raw(s string) {
	if e.err == nil {
		_, e.err = e.w.WriteString(s)
	}
}

// value writes v indented as it would be at the given prefix depth.
func (e *jsonStream) value(v any, prefix string) {
	if e.err != nil {
		return
	}
	e.buf.Reset()
	if e.err = e.enc.Encode(v); e.err != nil {
		return
	}
	e.out = indentJSON(e.out[:0], bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")), prefix, "  ")
	_, e.err = e.w.Write(e.out)
}

// finding writes jf as value(jf, prefix) would, without reflection.
func (e *jsonStream) finding(jf *jsonFinding, prefix string) {
	if e.err != nil {
		return
	}
	e.out = appendFinding(e.out[:0], jf, prefix)
	_, e.err = e.w.Write(e.out)
}

// indentJSON appends the compact JSON src (as encoding/json writes it)
// indented exactly as json.Indent would: encoding/json's indenter
// re-validates its input byte by byte through its scanner and was over
// half the cost of the report; src is known valid, so tracking strings
// and brackets is enough.
func indentJSON(dst, src []byte, prefix, indent string) []byte {
	depth := 0
	newline := func() {
		dst = append(dst, '\n')
		dst = append(dst, prefix...)
		for range depth {
			dst = append(dst, indent...)
		}
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch c {
		case '"':
			j := i + 1
			for j < len(src) && src[j] != '"' {
				if src[j] == '\\' {
					j++
				}
				j++
			}
			dst = append(dst, src[i:j+1]...)
			i = j
		case '{', '[':
			dst = append(dst, c)
			if i+1 < len(src) && (src[i+1] == '}' || src[i+1] == ']') {
				dst = append(dst, src[i+1])
				i++
				continue
			}
			depth++
			newline()
		case '}', ']':
			depth--
			newline()
			dst = append(dst, c)
		case ',':
			dst = append(dst, c)
			newline()
		case ':':
			dst = append(dst, ':', ' ')
		default:
			dst = append(dst, c)
		}
	}
	return dst
}

// field writes one member of the top-level object.
func (e *jsonStream) field(name string, v any, last bool) {
	e.raw(`  "` + name + `": `)
	e.value(v, "  ")
	if !last {
		e.raw(",")
	}
	e.raw("\n")
}

func errorsOf(r *Report) []jsonError {
	out := make([]jsonError, 0, len(r.Problems))
	for _, p := range r.Problems {
		out = append(out, jsonError{File: p.File, Line: p.Line, Message: p.Message, Internal: p.Internal})
	}
	return out
}

// jsonShard is a sharded run's part, as JSON spells it.
type jsonShard struct {
	Index  int    `json:"index"`
	Count  int    `json:"count"`
	Refs   int    `json:"refs"`
	Digest string `json:"digest"`
}

// ruleIDs lists the IDs of the rules that ran.
func ruleIDs(rs []*rules.Rule) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.ID
	}
	return out
}

func summaryOf(r *Report) jsonSummary {
	s := jsonSummary{
		Files: r.Files, Images: r.Images, Findings: len(r.Findings), Suppressed: len(r.Suppressed) + r.UnlistedSuppressed,
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

func toJSONFinding(f rules.Finding, t ThreatLists) jsonFinding {
	r := f.Rule
	jf := jsonFinding{
		Rule: r.ID, Name: r.Name, Severity: f.Severity.String(), Message: f.Message, Target: f.Target.Input().String(),
		File: f.File, Line: f.Line, EndLine: f.EndLine, Column: f.Column, Service: f.Service,
		Image: f.Image, Digest: f.Digest, Layer: f.Layer, Path: f.Path, Origin: f.Target.Origin(), SourceHash: f.SourceHash,
		Aliases: nonNil(f.PeerIDs()), CIS: t.CIS, CWE: t.CWE, STRIDE: t.STRIDE, ATTACK: t.ATTACK, Controls: t.Controls,
	}
	if f.Target == rules.TargetImageHistory {
		h := f.History
		jf.History = &h
	}
	if fx := shownFix(f); fx != nil {
		jf.Fix = &jsonFix{Safety: f.FixSafety().String(), Title: fx.Title, Unavailable: fx.Unavailable}
		for i, e := range fx.Edits {
			sp := fx.Spans[i]
			jf.Fix.Edits = append(jf.Fix.Edits, jsonEdit{Start: e.Start, End: e.End, Line: sp.Line, Column: sp.Column, EndLine: sp.EndLine, EndColumn: sp.EndColumn, Text: e.New})
		}
	}
	return jf
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// comparisonJSON renders a --compare run's changes; finding renders one
// finding as the report's findings are.
func comparisonJSON(c *lint.Comparison, finding func(rules.Finding) jsonFinding) jsonComparison {
	list := func(fs []rules.Finding) []jsonFinding {
		out := make([]jsonFinding, 0, len(fs))
		for _, f := range fs {
			out = append(out, finding(f))
		}
		return out
	}
	v := newComparisonView(c)
	out := jsonComparison{Before: c.Before, After: c.After, Closed: list(c.Closed), Remaining: list(c.Remaining), New: list(c.New),
		STRIDE: []jsonDeltaCount{}, ATTACK: []jsonDeltaCount{},
		Summary: jsonCompareSummary{Closed: len(c.Closed), Remaining: len(c.Remaining), New: len(c.New), UnknownRules: c.Unknown}}
	for _, row := range v.stride {
		d := row.counts()
		d.Category = row.category.String()
		out.STRIDE = append(out.STRIDE, d)
	}
	for _, row := range v.attack {
		d := row.counts()
		d.TechniqueID, d.Tactic = row.technique.ID, row.technique.Tactic
		out.ATTACK = append(out.ATTACK, d)
	}
	return out
}
