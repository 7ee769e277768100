package report_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// The shared input of the golden tests, as golangci-lint's printers read
// testdata/in-issues.json. Its rules are synthetic (DKS91xx) so the goldens
// change only when a formatter changes, not whenever a real rule's wording
// does; their threat references are real catalogue entries.

type inRule struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	Severity string   `json:"severity"`
	Optional bool     `json:"optional"`
	Aliases  []string `json:"aliases"`
	// AliasesPerFinding: each finding names its own peer IDs.
	AliasesPerFinding bool     `json:"aliases_per_finding"`
	STRIDE            []string `json:"stride"`
	ATTACK            []string `json:"attack"`
	CIS               []string `json:"cis"`
	CWE               []int    `json:"cwe"`
	Controls          []string `json:"controls"`
	Doc               struct {
		Vulnerability, Mitigation string
		Rationale, Impact, Fix    string
		Bad, Good, Refs           []string
	} `json:"doc"`
}

type inFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Target   string `json:"target"`
	File     string `json:"file"`
	Line     int    `json:"line"`
	EndLine  int    `json:"end_line"`
	Column   int    `json:"column"`
	Image    string `json:"image"`
	Digest   string `json:"digest"`
	Layer    string `json:"layer"`
	Path     string `json:"path"`
	Origin   string `json:"origin"`
	// Source is the instruction text the engine would hash.
	Source  string   `json:"source"`
	Aliases []string `json:"aliases"`
}

type inReport struct {
	Inputs     []string    `json:"inputs"`
	Files      int         `json:"files"`
	Images     int         `json:"images"`
	Rules      []inRule    `json:"rules"`
	Findings   []inFinding `json:"findings"`
	Suppressed []struct {
		Finding inFinding        `json:"finding"`
		By      lint.Suppression `json:"by"`
	} `json:"suppressed"`
	Problems []lint.Problem `json:"problems"`
}

// loadInput reads testdata/in-findings.json into a Report whose findings
// point at rules built from the file, resolving every threat reference
// against the catalogue (an unknown one fails the test, not the output).
func loadInput(t *testing.T) *report.Report {
	t.Helper()
	return loadInputFile(t, "testdata/in-findings.json")
}

// loadInputFile reads a file in the format of in-findings.json.
func loadInputFile(t *testing.T, path string) *report.Report {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var in inReport
	if err := json.Unmarshal(src, &in); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	byID := map[string]*rules.Rule{}
	rep := &report.Report{Inputs: in.Inputs, Files: in.Files, Images: in.Images}
	for _, ir := range in.Rules {
		r := &rules.Rule{ID: ir.ID, Name: ir.Name, Title: ir.Title, Aliases: ir.Aliases, AliasesPerFinding: ir.AliasesPerFinding,
			Doc: rules.Doc{Vulnerability: ir.Doc.Vulnerability, Mitigation: ir.Doc.Mitigation,
				Rationale: ir.Doc.Rationale, Impact: ir.Doc.Impact, Fix: ir.Doc.Fix, Bad: rules.Dockerfiles(ir.Doc.Bad...), Good: rules.Dockerfiles(ir.Doc.Good...), Refs: ir.Doc.Refs}}
		if ir.Optional {
			r.Status = rules.Optional
		}
		if r.Severity, err = rules.ParseSeverity(ir.Severity); err != nil {
			t.Fatalf("%s: %v", ir.ID, err)
		}
		for _, s := range ir.STRIDE {
			v, ok := threat.ParseSTRIDE(s)
			if !ok {
				t.Fatalf("%s: STRIDE %q", ir.ID, s)
			}
			r.Threat.STRIDE = append(r.Threat.STRIDE, v)
		}
		for _, s := range ir.ATTACK {
			r.Threat.ATTACK = append(r.Threat.ATTACK, threat.TechniqueByID(s))
		}
		for _, s := range ir.CIS {
			r.Threat.CIS = append(r.Threat.CIS, threat.CISByNumber(s))
		}
		for _, id := range ir.CWE {
			r.Threat.CWE = append(r.Threat.CWE, threat.CWEByID(id))
		}
		for _, s := range ir.Controls {
			r.Threat.Controls = append(r.Threat.Controls, threat.ControlByString(s))
		}
		if err := r.Threat.Validate(); err != nil {
			t.Fatalf("%s: %v", ir.ID, err)
		}
		byID[r.ID] = r
		rep.Rules = append(rep.Rules, r)
	}
	finding := func(f inFinding) rules.Finding {
		r := byID[f.Rule]
		if r == nil {
			t.Fatalf("finding cites unknown rule %s", f.Rule)
		}
		target, ok := rules.ParseTarget(f.Target, f.Origin)
		if !ok {
			t.Fatalf("finding has an unknown target %q/%q", f.Target, f.Origin)
		}
		out := rules.Finding{Rule: r, Severity: r.Severity, Message: f.Message, Location: rules.Location{Target: target,
			File: f.File, Line: f.Line, EndLine: f.EndLine, Column: f.Column,
			Image: f.Image, Digest: f.Digest, Layer: f.Layer, Path: f.Path}, Aliases: f.Aliases}
		if f.Severity != "" {
			if out.Severity, err = rules.ParseSeverity(f.Severity); err != nil {
				t.Fatal(err)
			}
		}
		if f.Source != "" {
			out.SourceHash = lint.SourceHash(f.Source)
		}
		return out
	}
	for _, f := range in.Findings {
		rep.Findings = append(rep.Findings, finding(f))
	}
	for _, s := range in.Suppressed {
		rep.Suppressed = append(rep.Suppressed, lint.Suppressed{Finding: finding(s.Finding), By: s.By})
	}
	rep.Problems = in.Problems
	return rep
}
