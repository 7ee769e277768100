package report_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
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

// The sample has the flaws the project's threat model describes, so every
// STRIDE row of that document must appear, filled by the finding that
// matches the document's vulnerability: hardcoded password in ENV, shell-form
// command (the container's shell=True), no health check (unnoticed,
// unlogged failure), binding all interfaces, running as root.
func TestThreatModelInsecureCoversModel(t *testing.T) {
	rep := lintSample(t, insecureSample, "testdata/examples/insecure.Dockerfile")
	var tm struct {
		STRIDE []struct {
			Category string `json:"category"`
			Findings []struct {
				Rule      string `json:"rule"`
				Name      string `json:"name"`
				Locations []struct {
					Line int `json:"line"`
				} `json:"locations"`
			} `json:"findings"`
			Impact     []string `json:"impact"`
			Mitigation []struct {
				Rule, Fix string
			} `json:"mitigation"`
		} `json:"stride"`
		Uncovered []string `json:"stride_without_findings"`
		ATTACK    []struct {
			TechniqueID string `json:"technique_id"`
		} `json:"attack"`
	}
	if err := json.Unmarshal(render(t, "threat-model-json", rep, testMeta()), &tm); err != nil {
		t.Fatal(err)
	}
	want := map[threat.STRIDE]*rules.Rule{
		threat.Spoofing:              rules.SecretInArgEnv,
		threat.Tampering:             rules.ShellFormCommand,
		threat.Repudiation:           rules.HealthcheckMissing,
		threat.InformationDisclosure: rules.SecretInArgEnv,
		threat.DenialOfService:       rules.BindsAllInterfaces,
		threat.ElevationOfPrivilege:  rules.RunsAsRoot,
	}
	rows := map[string]int{}
	for i, row := range tm.STRIDE {
		rows[row.Category] = i
	}
	for _, modelRow := range threat.ModelSection(threat.SectionSTRIDE) {
		i, ok := rows[modelRow.Category.String()]
		if !ok {
			t.Errorf("the threat model's %s row (%s) has no row in the report", modelRow.Category, modelRow.Vulnerability)
			continue
		}
		row := tm.STRIDE[i]
		r := want[modelRow.Category]
		found := false
		for _, f := range row.Findings {
			if f.Rule == r.ID && len(f.Locations) > 0 && f.Locations[0].Line > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("%s row lacks %s %s, the finding matching %q", modelRow.Category, r.ID, r.Name, modelRow.Vulnerability)
		}
		if len(row.Impact) == 0 || len(row.Mitigation) != len(row.Findings) {
			t.Errorf("%s row: %d impacts, %d mitigations for %d rules", modelRow.Category, len(row.Impact), len(row.Mitigation), len(row.Findings))
		}
	}
	if len(tm.Uncovered) > 0 {
		t.Errorf("categories without findings on the insecure sample: %v", tm.Uncovered)
	}
	// The ATT&CK rows of the model that a Dockerfile can show.
	var techniques []string
	for _, a := range tm.ATTACK {
		techniques = append(techniques, a.TechniqueID)
	}
	for _, id := range []string{"T1190", "T1609", "T1078", "T1611", "T1552.001", "T1046", "T1499"} {
		if !slices.Contains(techniques, id) {
			t.Errorf("ATT&CK table lacks %s; has %v", id, techniques)
		}
	}
}

// The Markdown rendering has the document's five sections and table
// headers, in order.
func TestThreatModelStructure(t *testing.T) {
	md := string(render(t, "threat-model", loadInput(t), testMeta()))
	last := -1
	for _, want := range []string{
		"## 1. Overview", "## 2. STRIDE Analysis", "| Threat Category | Vulnerability | Impact | Mitigation |",
		"## 3. MITRE ATT&CK for Containers", "| Tactic | Technique ID | Technique Name | Relevant findings |",
		"## 4. Controls Mapping", "| Vulnerability | Relevant Security Controls |", "## 5. Conclusion",
	} {
		i := strings.Index(md, want)
		if i < 0 || i < last {
			t.Errorf("%q missing or out of order", want)
		}
		last = i
	}
	// Every table row has as many cells as its header: an unescaped pipe in
	// a path or fix would add one.
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
