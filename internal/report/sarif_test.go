package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/report/reporttest"
	"github.com/dockstride/dockstride/rules"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

// sarifShape is what GitHub code scanning relies on, read back with the
// standard decoder.
type sarifShape struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Rules []struct {
					ID               string `json:"id"`
					HelpURI          string `json:"helpUri"`
					ShortDescription struct {
						Text string `json:"text"`
					} `json:"shortDescription"`
					Properties struct {
						Tags             []string `json:"tags"`
						SecuritySeverity string   `json:"security-severity"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Taxonomies []struct {
			Name string `json:"name"`
			Taxa []struct {
				ID string `json:"id"`
			} `json:"taxa"`
		} `json:"taxonomies"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Locations []struct {
				PhysicalLocation *struct {
					ArtifactLocation struct {
						URI string `json:"uri"`
					} `json:"artifactLocation"`
					Region *struct {
						StartLine int `json:"startLine"`
						EndLine   int `json:"endLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
				LogicalLocations []struct {
					Name string `json:"name"`
				} `json:"logicalLocations"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
			Suppressions        []struct {
				Kind string `json:"kind"`
			} `json:"suppressions"`
		} `json:"results"`
	} `json:"runs"`
}

func checkSARIF(t *testing.T, out []byte) sarifShape {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF is not JSON: %v", err)
	}
	if err := reporttest.SARIFSchema(t).Validate(inst); err != nil {
		t.Fatalf("SARIF does not validate against the 2.1.0 schema: %v", err)
	}
	var log sarifShape
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q with %d runs, want 2.1.0 with one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	rulesByID := map[string]int{}
	for i, r := range run.Tool.Driver.Rules {
		rulesByID[r.ID] = i
		if r.ShortDescription.Text == "" || !strings.HasSuffix(r.HelpURI, "/docs/rules/"+r.ID+".md") {
			t.Errorf("rule %s: shortDescription %q, helpUri %q", r.ID, r.ShortDescription.Text, r.HelpURI)
		}
		if r.Properties.SecuritySeverity == "" || len(r.Properties.Tags) == 0 || r.Properties.Tags[0] != "security" {
			t.Errorf("rule %s: GitHub needs the security tag and a security-severity: %+v", r.ID, r.Properties)
		}
	}
	seen := map[string]bool{}
	for _, res := range run.Results {
		i, ok := rulesByID[res.RuleID]
		if !ok {
			t.Errorf("result cites rule %s, which tool.driver.rules does not declare", res.RuleID)
		} else if i != res.RuleIndex {
			t.Errorf("result %s: ruleIndex %d, but the rule is at %d", res.RuleID, res.RuleIndex, i)
		}
		if len(res.Locations) != 1 {
			t.Errorf("result %s: %d locations, want 1", res.RuleID, len(res.Locations))
			continue
		}
		loc := res.Locations[0]
		if pl := loc.PhysicalLocation; pl != nil {
			if pl.Region == nil || pl.Region.StartLine < 1 || (pl.Region.EndLine != 0 && pl.Region.EndLine < pl.Region.StartLine) {
				t.Errorf("result %s at %s: region %+v is not 1-based", res.RuleID, pl.ArtifactLocation.URI, pl.Region)
			}
		} else if len(loc.LogicalLocations) == 0 {
			t.Errorf("result %s has neither a physical nor a logical location", res.RuleID)
		}
		fp := res.PartialFingerprints["dockstride/v1"]
		if fp == "" || seen[fp] {
			t.Errorf("result %s: fingerprint %q missing or not unique", res.RuleID, fp)
		}
		seen[fp] = true
	}
	return log
}

func TestSARIFShape(t *testing.T) {
	rep := loadInput(t)
	log := checkSARIF(t, render(t, "sarif", rep, testMeta()))
	run := log.Runs[0]
	if got, want := len(run.Results), len(rep.Findings)+len(rep.Suppressed); got != want {
		t.Errorf("%d results, want %d findings plus suppressed", got, want)
	}
	if n := len(run.Results[len(run.Results)-1].Suppressions); n != 1 {
		t.Errorf("suppressed finding has %d suppressions, want 1", n)
	}
	if len(run.Taxonomies) != 1 || run.Taxonomies[0].Name != "CWE" || len(run.Taxonomies[0].Taxa) == 0 {
		t.Errorf("want one CWE taxonomy, got %+v", run.Taxonomies)
	}
}

// The validator rejects what GitHub would: a level outside the enum, a
// region starting at line 0. Without this the schema test could pass by
// validating nothing.
func TestSARIFSchemaRejects(t *testing.T) {
	good := render(t, "sarif", loadInput(t), testMeta())
	sch := reporttest.SARIFSchema(t)
	for _, bad := range []struct{ from, to string }{
		{`"level": "error"`, `"level": "fatal"`},
		{`"startLine": 3`, `"startLine": 0`},
		{`"version": "2.1.0"`, `"version": "2.0.0"`},
	} {
		mutated := bytes.Replace(good, []byte(bad.from), []byte(bad.to), 1)
		if bytes.Equal(mutated, good) {
			t.Fatalf("golden input has no %s to mutate", bad.from)
		}
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(mutated))
		if err != nil {
			t.Fatal(err)
		}
		if sch.Validate(inst) == nil {
			t.Errorf("schema accepted SARIF with %s", bad.to)
		}
	}
}

// An empty run is still a valid log: results must be [] for "no findings",
// not absent, which SARIF reads as "not run".
func TestSARIFEmpty(t *testing.T) {
	out := render(t, "sarif", &report.Report{Files: 1}, testMeta())
	checkSARIF(t, out)
	if !bytes.Contains(out, []byte(`"results": []`)) {
		t.Errorf("empty run must say results: []:\n%s", out)
	}
}

// The real rules, linted over the insecure sample, validate as well: this
// catches rule metadata (a rationale, an alias) the synthetic input lacks.
func TestSARIFRealRules(t *testing.T) {
	rep := lintSample(t, "../../testdata/examples/insecure.Dockerfile", "testdata/examples/insecure.Dockerfile")
	checkSARIF(t, render(t, "sarif", rep, testMeta()))
}

// Fingerprints ignore line numbers: inserting lines above a finding keeps
// its fingerprint, changing the instruction does not.
func TestSARIFFingerprintStable(t *testing.T) {
	fingerprints := func(src string) map[string]string {
		rep := lintSource(t, "Dockerfile", src)
		var log struct {
			Runs []struct {
				Results []struct {
					RuleID              string            `json:"ruleId"`
					PartialFingerprints map[string]string `json:"partialFingerprints"`
				} `json:"results"`
			} `json:"runs"`
		}
		if err := json.Unmarshal(render(t, "sarif", rep, testMeta()), &log); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, r := range log.Runs[0].Results {
			out[r.RuleID] = r.PartialFingerprints["dockstride/v1"]
		}
		return out
	}
	before := fingerprints("FROM alpine:3.20\nENV DB_PASSWORD=hunter2\nUSER app\nHEALTHCHECK NONE\n")
	after := fingerprints("FROM alpine:3.20\n\n# a comment\nENV   DB_PASSWORD=hunter2\nUSER app\nHEALTHCHECK NONE\n")
	changed := fingerprints("FROM alpine:3.20\nENV DB_PASSWORD=hunter3\nUSER app\nHEALTHCHECK NONE\n")
	id := rules.SecretInArgEnv.ID
	if before[id] == "" || before[id] != after[id] {
		t.Errorf("moving and re-spacing the ENV changed its fingerprint: %q vs %q", before[id], after[id])
	}
	if before[id] == changed[id] {
		t.Errorf("changing the ENV kept its fingerprint %q", before[id])
	}
}

// lintSample lints a Dockerfile with the default rules, as the CLI does,
// reporting it under name.
func lintSample(t *testing.T, path, name string) *report.Report {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return lintSource(t, name, string(src))
}

func lintSource(t *testing.T, name, src string) *report.Report {
	t.Helper()
	e := lint.New(lint.Options{})
	res := e.Lint(name, []byte(src))
	return &report.Report{Findings: res.Findings, Suppressed: res.Suppressed, Problems: res.Problems,
		Files: 1, Inputs: []string{name}, Rules: e.Rules()}
}
