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
		Findings: []jsonFinding{}, Errors: errorsOf(r), Inputs: nonNil(r.Inputs), Rules: ruleIDs(r.Rules), Summary: summaryOf(r),
	}
	if r.Shard != nil {
		s := jsonShard(*r.Shard)
		out.Shard = &s
	}
	fp := lint.NewFingerprinter()
	for _, f := range r.Findings {
		jf := toJSONFinding(f, Threats(f.Rule))
		jf.Fingerprint = fp.Next(f)
		out.Findings = append(out.Findings, jf)
	}
	if r.Compare != nil {
		c := comparisonJSON(r.Compare, func(f rules.Finding) jsonFinding { return toJSONFinding(f, Threats(f.Rule)) })
		out.Comparison = &c
	}
	if m.ShowSuppressed {
		for _, s := range r.Suppressed {
			jf := toJSONFinding(s.Finding, Threats(s.Finding.Rule))
			jf.Fingerprint = fp.Next(s.Finding)
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
	full := &Report{Findings: res.Findings, Suppressed: res.Suppressed, Files: 1, Inputs: []string{"a<b>.Dockerfile"}, Rules: rules.All()[:3],
		Problems: []lint.Problem{{File: "x", Line: 3, Message: "bad <thing> & \"quote\""}},
		Shard:    &lint.ShardInfo{Index: 2, Count: 3, Refs: 7, Digest: "sha256:0"}}
	if len(full.Findings) == 0 || len(full.Suppressed) == 0 {
		t.Fatalf("the sample should give findings and suppressed findings, got %d and %d", len(full.Findings), len(full.Suppressed))
	}
	compared := &Report{Findings: full.Findings[1:], Files: 1, Compare: lint.Compare(
		lint.RunSnapshot("before", "", full.Findings[:len(full.Findings)-1]), lint.RunSnapshot("after", "", full.Findings[1:]))}
	for _, c := range []struct {
		name string
		r    *Report
		m    Meta
	}{
		{"empty", &Report{}, Meta{}},
		{"findings", full, Meta{ToolName: "dockstride", ToolVersion: "1.2.3"}},
		{"suppressed", full, Meta{ShowSuppressed: true}},
		{"only-suppressed", &Report{Suppressed: full.Suppressed}, Meta{ShowSuppressed: true}},
		{"compared", compared, Meta{}},
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

// TestIndentJSONLikeStdlib holds indentJSON to json.Indent on the JSON of
// real reports and on awkward values (escaped quotes and backslashes,
// brackets and separators inside strings, empty containers, nesting).
func TestIndentJSONLikeStdlib(t *testing.T) {
	values := []any{
		map[string]any{"a": "x\"y", "b": "p\\", "c": "{[,:]}", "d": []any{}, "e": map[string]any{}, "f": []any{1, "2", nil, true, []any{[]any{}}}},
		[]any{}, map[string]any{}, "plain", 12.5, nil,
		[]any{map[string]any{"k": []any{map[string]any{}}}},
		map[string]any{"u": "\u2028 \t \n é"},
	}
	src := "FROM alpine:latest\nRUN sudo apt-get update && curl -s https://x <y> | sh\nUSER root\n"
	res := lint.New(lint.Options{Rules: rules.All()}).Lint("a\"b.Dockerfile", []byte(src))
	for _, f := range res.Findings {
		values = append(values, toJSONFinding(f, Threats(f.Rule)))
	}
	for i, v := range values {
		var compact bytes.Buffer
		enc := json.NewEncoder(&compact)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			t.Fatal(err)
		}
		in := bytes.TrimSuffix(compact.Bytes(), []byte("\n"))
		for _, prefix := range []string{"", "    "} {
			var want bytes.Buffer
			if err := json.Indent(&want, in, prefix, "  "); err != nil {
				t.Fatal(err)
			}
			if got := indentJSON(nil, in, prefix, "  "); !bytes.Equal(got, want.Bytes()) {
				t.Errorf("value %d, prefix %q:\n--- json.Indent\n%s\n--- indentJSON\n%s", i, prefix, want.Bytes(), got)
			}
		}
	}
}
