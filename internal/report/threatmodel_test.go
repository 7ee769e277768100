package report_test

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/threat"
)

const insecureSample = "../../testdata/examples/insecure.Dockerfile"

// The threat model of the insecure sample, pinned. It is also the example
// in docs/examples, written by internal/gendocs with the same recipe (no
// date or version, so it only changes with the findings): a rule that
// starts or stops firing on the sample changes it, and either
// `go generate ./...` or `go test ./internal/report -update` refreshes it.
func TestThreatModelInsecureGolden(t *testing.T) {
	rep := lintSample(t, insecureSample, "testdata/examples/insecure.Dockerfile")
	got := render(t, "threat-model", rep, report.Meta{ToolName: "dockstride"})
	checkGolden(t, filepath.Join("..", "..", "docs", "examples", "insecure.threat-model.md"), got)
}

// tmDoc is the part of the threat-model-json document the tests read.
type tmDoc struct {
	Schema          int `json:"schema"`
	Vulnerabilities []struct {
		Title string `json:"title"`
		Count int    `json:"count"`
		Rules []struct {
			Rule      string `json:"rule"`
			Locations []struct {
				File string `json:"file"`
				Line int    `json:"line"`
			} `json:"locations"`
		} `json:"rules"`
	} `json:"vulnerabilities"`
	STRIDE []struct {
		Category, Vulnerability, Impact, Mitigation string
	} `json:"stride"`
	Uncovered []string `json:"stride_without_findings"`
	ATTACK    []struct {
		Tactic          string   `json:"tactic"`
		TechniqueID     string   `json:"technique_id"`
		Vulnerabilities []string `json:"vulnerabilities"`
	} `json:"attack"`
	Unseen []struct {
		TechniqueID string `json:"technique_id"`
	} `json:"attack_without_findings"`
	Controls []struct {
		Vulnerability         string
		CWE, CIS, OWASP, NIST []string
	} `json:"controls"`
	FixFirst []struct {
		Vulnerability string   `json:"vulnerability"`
		Closes        []string `json:"closes"`
	} `json:"fix_first"`
	Comparison *struct {
		Closed, Remaining, New int
		STRIDE                 []tmDelta `json:"stride"`
		ATTACK                 []tmDelta `json:"attack"`
	} `json:"comparison"`
}

type tmDelta struct {
	Category    string   `json:"category"`
	TechniqueID string   `json:"technique_id"`
	Status      string   `json:"status"`
	Closed      []string `json:"closed"`
	Remaining   []string `json:"remaining"`
	New         []string `json:"new"`
}

func threatModelJSON(t *testing.T, rep *report.Report) tmDoc {
	t.Helper()
	var doc tmDoc
	if err := json.Unmarshal(render(t, "threat-model-json", rep, testMeta()), &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

// seedTokens are what a row of the project's threat model
// (../shared/threat-model.md, typed as threat.ModelRows) names its
// vulnerabilities by: bandit test IDs, and "root" and "logging" for the
// rows that name no test ID. A rendered row covers the seed's when its
// vulnerabilities' titles hold every token.
func seedTokens(vuln string) []string {
	tokens := regexp.MustCompile(`B\d{3}`).FindAllString(vuln, -1)
	for _, word := range []string{"root", "logging"} {
		if strings.Contains(strings.ToLower(vuln), word) {
			tokens = append(tokens, word)
		}
	}
	return tokens
}

func covers(titles []string, tokens []string) bool {
	for _, tok := range tokens {
		if !slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(tok)) }) {
			return false
		}
	}
	return true
}

// checkSeedRows checks that every row of the seed's STRIDE, ATT&CK and
// controls tables is in the document: its category (or technique, under
// the seed's tactic) with vulnerabilities naming the seed's, and each
// controls row with the seed's controls.
func checkSeedRows(t *testing.T, doc tmDoc) {
	t.Helper()
	checkSeedRowsOf(t, doc, threat.ModelRows())
}

// checkSeedRowsOf is checkSeedRows for some of the seed's rows.
func checkSeedRowsOf(t *testing.T, doc tmDoc, rows []threat.Row) {
	t.Helper()
	for _, row := range rows {
		tokens := seedTokens(row.Vulnerability)
		if len(tokens) == 0 {
			t.Fatalf("seed row %q names nothing the check can find", row.Vulnerability)
		}
		switch row.Section {
		case threat.SectionSTRIDE:
			var titles []string
			for _, s := range doc.STRIDE {
				if s.Category == row.Category.String() {
					titles = append(titles, s.Vulnerability)
				}
			}
			if !covers(titles, tokens) {
				t.Errorf("STRIDE %s: seed row %q (%v) not covered by %q", row.Category, row.Vulnerability, tokens, titles)
			}
		case threat.SectionATTACK:
			i := slices.IndexFunc(doc.ATTACK, func(a struct {
				Tactic          string   `json:"tactic"`
				TechniqueID     string   `json:"technique_id"`
				Vulnerabilities []string `json:"vulnerabilities"`
			}) bool {
				return a.TechniqueID == row.Technique.ID
			})
			if i < 0 {
				t.Errorf("ATT&CK %s: no row", row.Technique.ID)
				continue
			}
			if a := doc.ATTACK[i]; a.Tactic != row.Tactic || !covers(a.Vulnerabilities, tokens) {
				t.Errorf("ATT&CK %s: under %q citing %q; the seed files it under %q citing %v", row.Technique.ID, a.Tactic, a.Vulnerabilities, row.Tactic, tokens)
			}
		case threat.SectionControls:
			found := false
			for _, c := range doc.Controls {
				if !covers([]string{c.Vulnerability}, tokens) {
					continue
				}
				found = true
				have := slices.Concat(c.OWASP, c.NIST)
				for _, want := range row.Controls {
					if !slices.Contains(have, want.String()) {
						t.Errorf("controls %q: lacks %s (has %v)", c.Vulnerability, want, have)
					}
				}
				if len(row.CIS) > 0 && len(c.CIS) == 0 {
					t.Errorf("controls %q: the seed cites the CIS Docker Benchmark, the row no item", c.Vulnerability)
				}
			}
			if !found {
				t.Errorf("controls: no row for the seed's %q", row.Vulnerability)
			}
		}
	}
}

// The example service (hand-built findings in the shapes the code and
// compose rules report: app.py and docker-compose.yml lines, bandit IDs as
// peer IDs) has every row of the seed's tables.
func TestThreatModelServiceSeedRows(t *testing.T) {
	doc := threatModelJSON(t, loadInputFile(t, "testdata/in-service.json"))
	if doc.Schema != report.ThreatModelSchemaVersion {
		t.Errorf("schema %d", doc.Schema)
	}
	checkSeedRows(t, doc)
	// The seed's techniques come first, in its order.
	var ids []string
	for _, a := range doc.ATTACK {
		ids = append(ids, a.TechniqueID)
	}
	if want := []string{"T1190", "T1609", "T1078", "T1611", "T1070", "T1552.001", "T1046", "T1499"}; len(ids) < len(want) || !slices.Equal(ids[:len(want)], want) {
		t.Errorf("ATT&CK rows %v do not start with the seed's %v", ids, want)
	}
	if len(doc.Unseen) != 0 || len(doc.Uncovered) != 0 {
		t.Errorf("unseen techniques %v, uncovered categories %v", doc.Unseen, doc.Uncovered)
	}
}

// Attribution by what a finding exposes: the application's port published
// everywhere enables T1190 and T1046; an SSH port enables T1021.004 and
// never T1190.
func TestThreatModelAttribution(t *testing.T) {
	doc := threatModelJSON(t, loadInputFile(t, "testdata/in-service.json"))
	cited := map[string][]string{}
	for _, a := range doc.ATTACK {
		cited[a.TechniqueID] = a.Vulnerabilities
	}
	for _, id := range []string{"T1190", "T1046"} {
		if !covers(cited[id], []string{"Port published on all host interfaces", "B104"}) || covers(cited[id], []string{"Remote administration"}) {
			t.Errorf("%s cites %q", id, cited[id])
		}
	}
	if !covers(cited["T1021.004"], []string{"Remote administration port exposed"}) {
		t.Errorf("T1021.004 cites %q", cited["T1021.004"])
	}
	// The real rules on a Dockerfile: EXPOSE 22 is not the public-facing
	// application, the service told to bind everywhere is.
	rep := lintSource(t, "Dockerfile", "FROM python:3.12\nUSER 10001\nEXPOSE 22 8000\nHEALTHCHECK NONE\nCMD [\"gunicorn\", \"--bind\", \"0.0.0.0:8000\", \"app:app\"]\n")
	cited = map[string][]string{}
	for _, a := range threatModelJSON(t, rep).ATTACK {
		cited[a.TechniqueID] = a.Vulnerabilities
	}
	if len(cited["T1190"]) != 1 || !strings.HasPrefix(cited["T1190"][0], "Service binds all interfaces") {
		t.Errorf("T1190 cites %q, want the bind-all finding alone", cited["T1190"])
	}
	if len(cited["T1021.004"]) != 1 || !strings.HasPrefix(cited["T1021.004"][0], "Remote administration port exposed") {
		t.Errorf("T1021.004 cites %q", cited["T1021.004"])
	}
}

// One row per vulnerability, named as a reviewer names it, with its
// reference: the bandit IDs a class's findings carry, merged across the
// rules that name the same vulnerability (B602 and B404 are one row).
func TestThreatModelVulnerabilityRows(t *testing.T) {
	doc := threatModelJSON(t, loadInputFile(t, "testdata/in-service.json"))
	var titles []string
	for _, v := range doc.Vulnerabilities {
		titles = append(titles, v.Title)
	}
	for _, want := range []string{
		"Hardcoded password (B105, B106)", "Unsafe subprocess execution (B602, B404)", "Unsafe eval() (B307)",
		"Bind-all interfaces (B104)", "Container runs as root (CIS 4.1)", "No logging (DKS9206)",
	} {
		if !slices.Contains(titles, want) {
			t.Errorf("no vulnerability %q in %q", want, titles)
		}
	}
	var tampering []string
	for _, s := range doc.STRIDE {
		if s.Category == "Tampering" {
			tampering = append(tampering, s.Vulnerability)
		}
		if s.Impact == "" || s.Mitigation == "" {
			t.Errorf("%s / %s: impact %q, mitigation %q", s.Category, s.Vulnerability, s.Impact, s.Mitigation)
		}
	}
	if n := strings.Count(strings.Join(tampering, "|"), "Unsafe subprocess execution"); n != 1 {
		t.Errorf("Tampering lists the subprocess vulnerability %d times: %q", n, tampering)
	}
	// Fixes are ranked by how many threats each closes.
	for i := 1; i < len(doc.FixFirst); i++ {
		if len(doc.FixFirst[i].Closes) > len(doc.FixFirst[i-1].Closes) {
			t.Errorf("fix %d (%s) closes %d threats, more than fix %d's %d", i+1, doc.FixFirst[i].Vulnerability, len(doc.FixFirst[i].Closes), i, len(doc.FixFirst[i-1].Closes))
		}
	}
}

// The Markdown reads like the seed: every row of the STRIDE, ATT&CK and
// controls tables is one short line without locations, counts or <br>;
// those are in the appendix.
func TestThreatModelRowsAreShort(t *testing.T) {
	location := regexp.MustCompile(`[\w/-]+\.\w+:\d+|Dockerfile:\d+`)
	for _, rep := range []*report.Report{loadInputFile(t, "testdata/in-service.json"), lintSample(t, insecureSample, "insecure.Dockerfile")} {
		md := string(render(t, "threat-model", rep, testMeta()))
		section := ""
		for _, line := range strings.Split(md, "\n") {
			if strings.HasPrefix(line, "## ") {
				section = line
			}
			if !strings.HasPrefix(line, "|") || strings.Contains(section, "Appendix") {
				continue
			}
			if strings.Contains(line, "<br>") || location.MatchString(strings.ReplaceAll(line, "attack.mitre.org", "")) {
				t.Errorf("%s: row has a location or <br>: %s", section, line)
			}
			if !strings.Contains(section, "ATT&CK") && len(line) > 300 {
				t.Errorf("%s: row of %d characters: %s", section, len(line), line)
			}
		}
		if !strings.Contains(md, "## Appendix: Where Each Vulnerability Was Found") {
			t.Error("no appendix")
		}
	}
}

// The appendix has every finding's location, file and line.
func TestThreatModelAppendix(t *testing.T) {
	md := string(render(t, "threat-model", loadInputFile(t, "testdata/in-service.json"), testMeta()))
	_, appendix, _ := strings.Cut(md, "## Appendix")
	for _, want := range []string{
		"| Hardcoded password (B105, B106) | DKS9201 `test-hardcoded-password` | error | 2 | app.py:8, 12 |",
		"| Port published on all host interfaces (CIS 5.9) | DKS9208 `test-port-all-interfaces` | warning | 1 | docker-compose.yml:9 |",
	} {
		if !strings.Contains(appendix, want) {
			t.Errorf("appendix lacks %q:\n%s", want, appendix)
		}
	}
}

// The service's threat model, pinned in both renderings.
func TestThreatModelServiceGolden(t *testing.T) {
	rep := loadInputFile(t, "testdata/in-service.json")
	checkGolden(t, filepath.Join("testdata", "golden.service.threat-model.md"), render(t, "threat-model", rep, testMeta()))
	checkGolden(t, filepath.Join("testdata", "golden.service.threat-model-json"), render(t, "threat-model-json", rep, testMeta()))
}

// compareService compares the service with its hardened twin: every seed
// vulnerability fixed, the base image digest left as it was, and a memory
// limit finding new in the compose file.
func compareService(t *testing.T) *report.Report {
	t.Helper()
	before := loadInputFile(t, "testdata/in-service.json")
	after := loadInputFile(t, "testdata/in-service-hardened.json")
	after.Compare = lint.Compare(lint.RunSnapshot("insecure", "", before.Findings), lint.RunSnapshot("hardened", "", after.Findings))
	return after
}

// Before and after: each seed row's vulnerabilities are closed, in the
// STRIDE and ATT&CK views, while what the change added is new.
func TestThreatModelCompare(t *testing.T) {
	doc := threatModelJSON(t, compareService(t))
	c := doc.Comparison
	if c == nil {
		t.Fatal("no comparison")
	}
	if c.Closed != 10 || c.Remaining != 1 || c.New != 1 {
		t.Errorf("closed %d remaining %d new %d, want 10 1 1", c.Closed, c.Remaining, c.New)
	}
	stride := map[string]tmDelta{}
	for _, d := range c.STRIDE {
		stride[d.Category] = d
	}
	attack := map[string]tmDelta{}
	for _, d := range c.ATTACK {
		attack[d.TechniqueID] = d
	}
	for _, row := range threat.ModelRows() {
		var d tmDelta
		switch row.Section {
		case threat.SectionSTRIDE:
			d = stride[row.Category.String()]
		case threat.SectionATTACK:
			d = attack[row.Technique.ID]
		default:
			continue
		}
		tokens := seedTokens(row.Vulnerability)
		if !covers(d.Closed, tokens) || covers(d.Remaining, tokens[:1]) || covers(d.New, tokens[:1]) {
			t.Errorf("seed row %q not closed: %+v", row.Vulnerability, d)
		}
	}
	if d := stride["Denial of Service"]; d.Status != "changed" || !covers(d.New, []string{"No memory limit"}) {
		t.Errorf("Denial of Service: %+v, want changed with the memory limit new", d)
	}
	if d := stride["Spoofing"]; d.Status != "closed" {
		t.Errorf("Spoofing: %+v, want closed", d)
	}
	if d := stride["Tampering"]; d.Status != "reduced" || !covers(d.Remaining, []string{"Base image not pinned by digest"}) {
		t.Errorf("Tampering: %+v, want reduced with the digest remaining", d)
	}
	md := string(render(t, "threat-model", compareService(t), testMeta()))
	for _, want := range []string{
		"## 6. Before and After", "Compared `insecure` (before) with `hardened` (after)",
		"| Spoofing | closed | Hardcoded password (B105, B106) ×2; Remote administration port exposed (CIS 5.7) ×1 | — | — |",
		"| Initial Access | T1190 Exploit Public-Facing Application | closed |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q", want)
		}
	}
	checkGolden(t, filepath.Join("testdata", "golden.compare.threat-model.md"), []byte(md))
}

// The Markdown rendering has the document's five sections and table
// headers, in order, and every table row as many cells as its header.
func TestThreatModelStructure(t *testing.T) {
	md := string(render(t, "threat-model", loadInput(t), testMeta()))
	last := -1
	for _, want := range []string{
		"## 1. Overview", "## 2. STRIDE Analysis", "| Threat Category | Vulnerability | Impact | Mitigation |",
		"## 3. MITRE ATT&CK for Containers", "| Tactic | Technique ID | Technique Name | Relevant Vulnerability |",
		"## 4. Controls Mapping", "| Vulnerability | CWE | CIS Docker Benchmark | OWASP Top Ten / ASVS | NIST SP 800-53 / 800-190 |",
		"## 5. Conclusion", "## Appendix: Where Each Vulnerability Was Found",
	} {
		i := strings.Index(md, want)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order", want)
		}
		last = i
	}
	for _, rep := range []*report.Report{loadInput(t), compareService(t)} {
		checkTableCells(t, string(render(t, "threat-model", rep, testMeta())))
	}
}

// checkTableCells: every table row has as many cells as its header; an
// unescaped pipe in a path or fix would add one.
func checkTableCells(t *testing.T, md string) {
	t.Helper()
	cols := 0
	for _, line := range strings.Split(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			cols = 0
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cols == 0 {
			cols = n
		} else if n != cols {
			t.Errorf("table row has %d separators, header %d: %s", n, cols, line)
		}
	}
}
