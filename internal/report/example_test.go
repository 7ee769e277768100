package report_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// The example service of testdata/examples: the insecure Flask service
// (Dockerfile, compose file, app.py) and its hardened twin.
const (
	flaskInsecure = "testdata/examples/flask-insecure"
	flaskHardened = "testdata/examples/flask-hardened"
)

// lintExamples lints each directory as `dockstride lint DIR --no-config`
// does, from the repository root so that file names read as a user's run
// prints them. The golden files it is compared with are under
// internal/report/testdata.
func lintExamples(t *testing.T, dirs ...string) []*report.Report {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
	var out []*report.Report
	for _, dir := range dirs {
		res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{})})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Problems) > 0 {
			t.Fatalf("%s: %v", dir, res.Problems)
		}
		out = append(out, &report.Report{Findings: res.Findings, Suppressed: res.Suppressed, Problems: res.Problems,
			Files: res.Files, Images: res.Images, Inputs: res.Inputs, Rules: res.Rules})
	}
	return out
}

// compareExamples is `dockstride lint --compare` between the twins.
func compareExamples(t *testing.T) *report.Report {
	t.Helper()
	reps := lintExamples(t, flaskInsecure, flaskHardened)
	before, after := reps[0], reps[1]
	after.Compare = lint.Compare(lint.RunSnapshot(flaskInsecure, flaskInsecure, before.Findings),
		lint.RunSnapshot(flaskHardened, flaskHardened, after.Findings))
	return after
}

// reportable splits the seed's rows into those the rule catalogue can
// find on the example service (every bandit test ID of the row is a
// rule's peer ID, every other token a rule's vulnerability) and those it
// cannot yet, naming the missing tokens.
func reportable(rows []threat.Row) (keep []threat.Row, missing []string) {
	has := func(tok string) bool {
		return slices.ContainsFunc(rules.All(), func(r *rules.Rule) bool {
			return slices.Contains(r.Aliases, tok) || strings.Contains(strings.ToLower(r.Doc.Vulnerability), tok)
		})
	}
	for _, row := range rows {
		ok := true
		for _, tok := range seedTokens(row.Vulnerability) {
			if !has(tok) {
				ok = false
				if !slices.Contains(missing, tok) {
					missing = append(missing, tok)
				}
			}
		}
		if ok {
			keep = append(keep, row)
		}
	}
	slices.Sort(missing)
	return keep, missing
}

// The example service's threat model, pinned (Markdown and JSON), and
// held to every row of the seed that the rules can report: a row is
// checked as soon as a rule carries the bandit test IDs it names.
func TestThreatModelFlaskGolden(t *testing.T) {
	rep := lintExamples(t, flaskInsecure)[0]
	meta := report.Meta{ToolName: "dockstride"}
	checkGolden(t, "internal/report/testdata/golden.flask-insecure.threat-model.md", render(t, "threat-model", rep, meta))
	checkGolden(t, "internal/report/testdata/golden.flask-insecure.threat-model-json", render(t, "threat-model-json", rep, meta))

	doc := threatModelJSON(t, rep)
	// What the Dockerfile and compose rules establish today, whatever the
	// application-code rules add: root, the published port and its
	// techniques, the password in the compose file.
	for _, want := range []struct{ category, vuln string }{
		{"Elevation of Privilege", "Container runs as root (CIS 4.1)"},
		{"Spoofing", "Port published on all host interfaces"},
		{"Spoofing", "Hardcoded secret in the build"},
		{"Repudiation", "No health check"},
	} {
		if !slices.ContainsFunc(doc.STRIDE, func(s struct{ Category, Vulnerability, Impact, Mitigation string }) bool {
			return s.Category == want.category && strings.HasPrefix(s.Vulnerability, want.vuln)
		}) {
			t.Errorf("STRIDE %s: no row %q", want.category, want.vuln)
		}
	}
	var ids []string
	for _, a := range doc.ATTACK {
		ids = append(ids, a.TechniqueID)
	}
	for _, id := range []string{"T1190", "T1609", "T1078", "T1611", "T1552.001", "T1046", "T1499"} {
		if !slices.Contains(ids, id) {
			t.Errorf("ATT&CK: no row for %s (rows %v)", id, ids)
		}
	}

	keep, missing := reportable(threat.ModelRows())
	t.Logf("%d of %d seed rows checked; rows naming %v wait for rules that report them", len(keep), len(threat.ModelRows()), missing)
	checkSeedRowsOf(t, doc, keep)
}

// Before and after on the example service: the hardened twin closes
// every finding of the insecure one, so every STRIDE category and seed
// technique the insecure service had is closed; what the twin adds (its
// compose file requires two variables it leaves to the environment) is
// listed as new. Pinned in Markdown.
func TestThreatModelFlaskCompare(t *testing.T) {
	rep := compareExamples(t)
	checkGolden(t, "internal/report/testdata/golden.flask.compare.threat-model.md", render(t, "threat-model", rep, report.Meta{ToolName: "dockstride"}))
	c := rep.Compare
	if len(c.Closed) < 15 || len(c.Remaining) != 0 {
		t.Errorf("%d closed, %d remaining; want every insecure finding closed", len(c.Closed), len(c.Remaining))
	}
	for _, f := range c.New {
		if f.Rule.ID != "DKS1034" || !strings.HasPrefix(f.File, flaskHardened+"/") {
			t.Errorf("new: %s %s:%d %s", f.Rule.ID, f.File, f.Line, f.Message)
		}
	}
	doc := threatModelJSON(t, rep)
	status := map[string]string{}
	for _, d := range doc.Comparison.STRIDE {
		status[d.Category] = d.Status
	}
	for _, d := range doc.Comparison.ATTACK {
		status[d.TechniqueID] = d.Status
	}
	for _, k := range []string{"Spoofing", "Tampering", "Repudiation", "Information Disclosure", "Elevation of Privilege",
		"T1190", "T1609", "T1078", "T1611", "T1552.001", "T1046", "T1499"} {
		if status[k] != "closed" {
			t.Errorf("%s is %q, want closed", k, status[k])
		}
	}
	// Denial of Service: every finding closed, the unset variables new.
	if status["Denial of Service"] != "changed" {
		t.Errorf("Denial of Service is %q, want changed", status["Denial of Service"])
	}
}
