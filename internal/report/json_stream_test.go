package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// oneValueJSON is what JSON wrote before it streamed: the whole jsonReport
// through one indented Encoder. TestJSONStreamSameBytes holds the streamed
// writer to it.
func oneValueJSON(r *Report, m Meta) []byte {
	out := jsonReport{
		Schema: JSONSchemaVersion, Tool: jsonTool{Name: m.ToolName, Version: m.ToolVersion},
		Findings: []jsonFinding{}, Errors: errorsOf(r), Summary: summaryOf(r),
	}
	for _, f := range r.Findings {
		out.Findings = append(out.Findings, toJSONFinding(f, Threats(f.Rule)))
	}
	if m.ShowSuppressed {
		for _, s := range r.Suppressed {
			jf := toJSONFinding(s.Finding, Threats(s.Finding.Rule))
			jf.Suppressed = &jsonSup{Line: s.By.Line, Reason: s.By.Reason, Kind: s.By.Tool, Scope: s.By.Scope, Pragma: s.By.Text, Until: s.By.Until}
			out.Findings = append(out.Findings, jf)
		}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestJSONStreamSameBytes(t *testing.T) {
	src := "# hadolint ignore=DL3007\nFROM alpine:latest\nRUN sudo apt-get update && curl -s https://x <y> | sh\nEXPOSE 22\nUSER root\n" +
		"# dockstride ignore=DKS6001 -- a <reason> & more\nCMD app --host 0.0.0.0\n"
	res := lint.New(lint.Options{Rules: rules.All()}).Lint("a<b>.Dockerfile", []byte(src))
	full := &Report{Findings: res.Findings, Suppressed: res.Suppressed, Files: 1,
		Problems: []lint.Problem{{File: "x", Line: 3, Message: "bad <thing> & \"quote\""}}}
	if len(full.Findings) == 0 || len(full.Suppressed) == 0 {
		t.Fatalf("the sample should give findings and suppressed findings, got %d and %d", len(full.Findings), len(full.Suppressed))
	}
	for _, c := range []struct {
		name string
		r    *Report
		m    Meta
	}{
		{"empty", &Report{}, Meta{}},
		{"findings", full, Meta{ToolName: "dockstride", ToolVersion: "1.2.3"}},
		{"suppressed", full, Meta{ShowSuppressed: true}},
		{"only-suppressed", &Report{Suppressed: full.Suppressed}, Meta{ShowSuppressed: true}},
	} {
		var got bytes.Buffer
		if err := JSON(&got, c.r, c.m); err != nil {
			t.Fatal(err)
		}
		if want := oneValueJSON(c.r, c.m); !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: streamed JSON differs from the one-value encoding:\n--- want\n%s\n--- got\n%s", c.name, want, got.Bytes())
		}
	}
}
