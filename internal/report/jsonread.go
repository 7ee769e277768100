package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// MaxJSONReportBytes caps a JSON report read back; a fleet's shard with
// tens of thousands of findings is a few hundred MiB at most.
const MaxJSONReportBytes = 1 << 30

// ReadJSON reads back a report the json format wrote: each finding
// becomes the rules.Finding it was, its rule found by ID and its location
// typed by rules.ParseTarget, so any format can be written from it (the
// threat model included) as from the run itself. It returns the tool that
// wrote the report. The report is untrusted input: anything that is not a
// schema-1 dockstride report, or names a rule this dockstride does not
// have, is an error, and findings are decoded one at a time, so memory
// holds the findings and not the document besides.
func ReadJSON(r io.Reader) (*Report, Meta, error) {
	cr := &countingReader{r: r}
	rd := &jsonReader{dec: json.NewDecoder(cr), rep: &Report{}}
	err := rd.read()
	if cr.n > MaxJSONReportBytes {
		err = fmt.Errorf("larger than %d MiB", MaxJSONReportBytes>>20)
	}
	if err != nil {
		return nil, Meta{}, err
	}
	return rd.rep, Meta{ToolName: rd.tool.Name, ToolVersion: rd.tool.Version}, nil
}

// countingReader stops at MaxJSONReportBytes and counts what it read.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.n > MaxJSONReportBytes {
		return 0, errors.New("report too large")
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// jsonReader reads one report's members in whatever order they come.
type jsonReader struct {
	dec     *json.Decoder
	rep     *Report
	tool    jsonTool
	schema  int
	summary *jsonSummary
}

func (rd *jsonReader) read() error {
	if err := rd.delim('{'); err != nil {
		return fmt.Errorf("not a dockstride JSON report: %w", err)
	}
	for rd.dec.More() {
		tok, err := rd.dec.Token()
		if err != nil {
			return err
		}
		key, _ := tok.(string)
		if err := rd.member(key); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
	}
	if err := rd.delim('}'); err != nil {
		return err
	}
	switch {
	case rd.schema == 0:
		return errors.New("not a dockstride JSON report: no schema")
	case rd.summary == nil:
		return errors.New("no summary")
	}
	s := rd.summary
	rd.rep.Files, rd.rep.Images, rd.rep.Baselined = s.Files, s.Images, s.Baselined
	rd.rep.UnlistedSuppressed = max(0, s.Suppressed-len(rd.rep.Suppressed))
	return nil
}

// member reads the value of one top-level key.
func (rd *jsonReader) member(key string) error {
	switch key {
	case "schema":
		if err := rd.dec.Decode(&rd.schema); err != nil {
			return err
		}
		if rd.schema != JSONSchemaVersion {
			return fmt.Errorf("version %d is not supported (this dockstride reads %d)", rd.schema, JSONSchemaVersion)
		}
		return nil
	case "tool":
		return rd.dec.Decode(&rd.tool)
	case "findings":
		return rd.findings()
	case "errors":
		var errs []jsonError
		if err := rd.dec.Decode(&errs); err != nil {
			return err
		}
		for _, e := range errs {
			rd.rep.Problems = append(rd.rep.Problems, lint.Problem{File: e.File, Line: e.Line, Message: e.Message, Internal: e.Internal})
		}
		return nil
	case "inputs":
		return rd.dec.Decode(&rd.rep.Inputs)
	case "rules":
		var ids []string
		if err := rd.dec.Decode(&ids); err != nil {
			return err
		}
		for _, id := range ids {
			r, err := ruleByID(id)
			if err != nil {
				return err
			}
			rd.rep.Rules = append(rd.rep.Rules, r)
		}
		return nil
	case "shard":
		var s jsonShard
		if err := rd.dec.Decode(&s); err != nil {
			return err
		}
		if s.Count < 1 || s.Index < 1 || s.Index > s.Count {
			return fmt.Errorf("%d of %d is not a shard", s.Index, s.Count)
		}
		info := lint.ShardInfo(s)
		rd.rep.Shard = &info
		return nil
	case "summary":
		rd.summary = &jsonSummary{}
		return rd.dec.Decode(rd.summary)
	}
	var skip json.RawMessage // a member a later schema-1 writer added
	return rd.dec.Decode(&skip)
}

// findings reads the findings array one finding at a time.
func (rd *jsonReader) findings() error {
	if err := rd.delim('['); err != nil {
		return err
	}
	for i := 0; rd.dec.More(); i++ {
		var jf jsonFinding
		if err := rd.dec.Decode(&jf); err != nil {
			return err
		}
		f, err := fromJSONFinding(jf)
		if err != nil {
			return fmt.Errorf("finding %d: %w", i, err)
		}
		if jf.Suppressed == nil {
			rd.rep.Findings = append(rd.rep.Findings, f)
			continue
		}
		s := jf.Suppressed
		rd.rep.Suppressed = append(rd.rep.Suppressed, lint.Suppressed{Finding: f, By: lint.Suppression{
			Line: s.Line, Reason: s.Reason, Tool: s.Kind, Scope: s.Scope, Text: s.Pragma, Until: s.Until,
		}})
	}
	return rd.delim(']')
}

// delim reads the delimiter d.
func (rd *jsonReader) delim(d json.Delim) error {
	tok, err := rd.dec.Token()
	if err != nil {
		return err
	}
	if tok != d {
		return fmt.Errorf("found %v where %v was expected", tok, d)
	}
	return nil
}

// fromJSONFinding is toJSONFinding's inverse.
func fromJSONFinding(jf jsonFinding) (rules.Finding, error) {
	r, err := ruleByID(jf.Rule)
	if err != nil {
		return rules.Finding{}, err
	}
	sev, err := rules.ParseSeverity(jf.Severity)
	if err != nil {
		return rules.Finding{}, err
	}
	target, ok := rules.ParseTarget(jf.Target, jf.Origin)
	if !ok {
		return rules.Finding{}, fmt.Errorf("target %q (origin %q) is not a kind of input", jf.Target, jf.Origin)
	}
	f := rules.Finding{
		Rule: r, Severity: sev, Message: jf.Message, SourceHash: jf.SourceHash,
		Location: rules.Location{
			Target: target, File: jf.File, Line: jf.Line, EndLine: jf.EndLine, Column: jf.Column, Service: jf.Service,
			Image: jf.Image, Digest: jf.Digest, Layer: jf.Layer, Path: jf.Path,
		},
	}
	if jf.History != nil {
		f.History = *jf.History
	}
	if r.AliasesPerFinding {
		f.Aliases = jf.Aliases
	}
	return f, nil
}

// ruleByID finds the rule a report names; a retired or unknown ID is an
// error, since the finding's threat cannot be told without it.
func ruleByID(id string) (*rules.Rule, error) {
	for _, r := range rules.All() {
		if r.ID == id {
			return r, nil
		}
	}
	if r, ok := rules.LookupRetired(id); ok && r.ID == id {
		return nil, errors.New(r.Describe())
	}
	return nil, fmt.Errorf("no rule has the ID %q (a report of a newer dockstride?)", id)
}
