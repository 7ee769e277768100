package report_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
)

// fixSource has a safe fix (exec form), an unsafe one (a HEALTHCHECK
// stub), and a safe one whose text holds a secret (legacy ENV).
const fixSource = "FROM alpine:3.20\nUSER 1\nLABEL note=\"é\"\nENV STRIPE_KEY sk_live_4eC39HqLyjWDarjtT1zdp7dc\nCMD run app\n"

const fixSecret = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"

// lintWithFixes lints src as a run that shows fixes does.
func lintWithFixes(t *testing.T, src string) *report.Report {
	t.Helper()
	e := lint.New(lint.Options{})
	res := e.LintWithFixes(context.Background(), "Dockerfile", []byte(src))
	return &report.Report{Findings: res.Findings, Files: 1, Inputs: []string{"Dockerfile"}, Rules: e.Rules()}
}

// offsetOf is the byte offset of a line and column (code points) in src.
func offsetOf(t *testing.T, src string, line, col int) int {
	t.Helper()
	off := 0
	for l := 1; l < line; l++ {
		i := strings.IndexByte(src[off:], '\n')
		if i < 0 {
			t.Fatalf("line %d is past the end", line)
		}
		off += i + 1
	}
	for c := 1; c < col; c++ {
		_, size := utf8.DecodeRuneInString(src[off:])
		off += size
	}
	return off
}

func TestJSONFix(t *testing.T) {
	out := string(render(t, "json", lintWithFixes(t, fixSource), testMeta()))
	if strings.Contains(out, fixSecret) {
		t.Fatal("the JSON report shows the secret value")
	}
	var doc struct {
		Findings []struct {
			Rule string `json:"rule"`
			Fix  *struct {
				Safety, Title, Unavailable string
				Edits                      []struct {
					Start, End   int
					Line, Column int
					EndLine      int `json:"end_line"`
					EndColumn    int `json:"end_column"`
					Text         string
				}
			} `json:"fix"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, f := range doc.Findings {
		if f.Fix == nil {
			continue
		}
		seen[f.Rule] = true
		switch f.Rule {
		case "DKS6001":
			if f.Fix.Safety != "safe" || len(f.Fix.Edits) != 1 {
				t.Fatalf("exec-form fix: %+v", f.Fix)
			}
			e := f.Fix.Edits[0]
			if got := fixSource[:e.Start] + e.Text + fixSource[e.End:]; !strings.Contains(got, `CMD ["run", "app"]`) {
				t.Errorf("the byte offsets do not make the fix:\n%s", got)
			}
			if s, end := offsetOf(t, fixSource, e.Line, e.Column), offsetOf(t, fixSource, e.EndLine, e.EndColumn); s != e.Start || end != e.End {
				t.Errorf("lines and columns %d:%d-%d:%d are bytes [%d,%d), want [%d,%d)", e.Line, e.Column, e.EndLine, e.EndColumn, s, end, e.Start, e.End)
			}
		case "DKS6003":
			if f.Fix.Safety != "unsafe" || len(f.Fix.Edits) == 0 {
				t.Errorf("HEALTHCHECK stub: %+v", f.Fix)
			}
		case "DKS1006":
			if len(f.Fix.Edits) != 0 || !strings.Contains(f.Fix.Unavailable, "secret") {
				t.Errorf("a fix holding a secret is shown: %+v", f.Fix)
			}
		}
	}
	for _, id := range []string{"DKS6001", "DKS6003", "DKS1006"} {
		if !seen[id] {
			t.Errorf("no fix shown for %s", id)
		}
	}
}

func TestSARIFFix(t *testing.T) {
	out := render(t, "sarif", lintWithFixes(t, fixSource), testMeta())
	checkSARIF(t, out)
	if strings.Contains(string(out), fixSecret) {
		t.Fatal("the SARIF log shows the secret value")
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
				Fixes  []struct {
					Description     struct{ Text string }
					Properties      struct{ Safety string }
					ArtifactChanges []struct {
						ArtifactLocation struct{ URI string }
						Replacements     []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndLine, EndColumn int }
							InsertedContent *struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	fixed := 0
	for _, r := range log.Runs[0].Results {
		if r.RuleID == "DKS1006" && len(r.Fixes) > 0 {
			t.Errorf("a fix holding a secret is in the log")
		}
		if r.RuleID != "DKS6001" {
			continue
		}
		if len(r.Fixes) != 1 || r.Fixes[0].Properties.Safety != "safe" || r.Fixes[0].Description.Text == "" {
			t.Fatalf("exec-form fix: %+v", r.Fixes)
		}
		ch := r.Fixes[0].ArtifactChanges
		if len(ch) != 1 || ch[0].ArtifactLocation.URI != "Dockerfile" || len(ch[0].Replacements) != 1 {
			t.Fatalf("changes: %+v", ch)
		}
		rp := ch[0].Replacements[0]
		reg := rp.DeletedRegion
		start, end := offsetOf(t, fixSource, reg.StartLine, reg.StartColumn), offsetOf(t, fixSource, reg.EndLine, reg.EndColumn)
		if got := fixSource[:start] + rp.InsertedContent.Text + fixSource[end:]; !strings.Contains(got, "CMD [\"run\", \"app\"]\n") {
			t.Errorf("the replacement does not make the fix:\n%s", got)
		}
		fixed++
	}
	if fixed != 1 {
		t.Errorf("%d exec-form results, want 1", fixed)
	}
}

func TestTextFix(t *testing.T) {
	m := testMeta()
	plain := string(render(t, "text", lintSource(t, "Dockerfile", fixSource), m))
	if strings.Contains(plain, "fixable") || strings.Contains(plain, "autofix:") {
		t.Errorf("a lint that built no fixes shows some:\n%s", plain)
	}
	m.Explain = true
	out := string(render(t, "text", lintWithFixes(t, fixSource), m))
	for _, want := range []string{
		"autofix: write the command in exec form (safe: dockstride lint --fix)",
		"autofix: add a HEALTHCHECK stub to complete (unsafe: review it; dockstride lint --fix --unsafe-fixes)",
		"autofix: none offered: its text holds a secret value",
		"; 2 fixable with --fix, 1 more with --unsafe-fixes\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
	if strings.Contains(out, fixSecret) {
		t.Error("the text report shows the secret value")
	}
}

func TestShowsFixes(t *testing.T) {
	for _, c := range []struct {
		name    string
		explain bool
		want    bool
	}{{"json", false, true}, {"sarif", false, true}, {"text", false, false}, {"text", true, true}, {"github", true, false}, {"threat-model", false, false}} {
		if got := report.ShowsFixes(c.name, report.Meta{Explain: c.explain}); got != c.want {
			t.Errorf("ShowsFixes(%s, explain %v) = %v", c.name, c.explain, got)
		}
	}
}
