package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// viaEncoder is jsonStream.value: encoding/json, then indentJSON.
func viaEncoder(t testing.TB, v any, prefix string) []byte {
	t.Helper()
	var out bytes.Buffer
	e := &jsonStream{w: bufio.NewWriter(&out)}
	e.enc = json.NewEncoder(&e.buf)
	e.enc.SetEscapeHTML(false)
	e.value(v, prefix)
	if e.err != nil || e.w.Flush() != nil {
		t.Fatalf("encoding %+v: %v", v, e.err)
	}
	return out.Bytes()
}

// appendFinding writes the bytes encoding/json and indentJSON wrote, for
// real findings (with their fixes) and for every optional part and awkward
// string a finding can hold.
func TestAppendFindingSameBytes(t *testing.T) {
	src := "# hadolint ignore=DL3007\nFROM alpine:latest\nRUN sudo apt-get update && curl -s https://x <y> | sh\nEXPOSE 22\nUSER root\n" +
		"ENV A=\"x\\ty\"\nCMD app --host 0.0.0.0\n"
	res := lint.New(lint.Options{Rules: rules.All()}).LintWithFixes(t.Context(), "a<b>\".Dockerfile", []byte(src))
	var findings []jsonFinding
	withFix := 0
	for _, f := range append(res.Findings, func() []rules.Finding {
		var s []rules.Finding
		for _, x := range res.Suppressed {
			s = append(s, x.Finding)
		}
		return s
	}()...) {
		jf := toJSONFinding(f, Threats(f.Rule))
		if jf.Fix != nil && len(jf.Fix.Edits) > 0 {
			withFix++
		}
		findings = append(findings, jf)
	}
	if len(findings) == 0 || withFix == 0 {
		t.Fatalf("the sample should give findings with fixes, got %d findings, %d with edits", len(findings), withFix)
	}
	odd := "tab\there \"quoted\" back\\slash <html> & é \u2028\u2029 \x00\x01\x1f\x7f \b\f\r\n bad\xff\xfe utf8 😀"
	history := 0
	findings = append(findings,
		jsonFinding{},
		jsonFinding{Rule: odd, Name: odd, Severity: odd, Message: odd, Target: odd, File: odd, Line: -3, EndLine: 1 << 40, Column: 7,
			Service: odd, Image: odd, Digest: odd, Layer: odd, Path: odd, Origin: odd, History: &history, SourceHash: odd,
			Aliases: []string{}, CIS: []string{odd}, CWE: []string{"a", "b"}, STRIDE: nil, ATTACK: []string{""}, Controls: []string{},
			Fingerprint: odd, Suppressed: &jsonSup{}, Fix: &jsonFix{Safety: odd, Edits: []jsonEdit{}}},
		jsonFinding{Rule: "R", Suppressed: &jsonSup{Line: 4, Reason: odd, Kind: "k", Scope: "s", Pragma: odd, Until: "u"},
			Fix: &jsonFix{Safety: "safe", Title: odd, Unavailable: odd, Edits: []jsonEdit{{}, {Start: 1, End: 2, Line: 3, Column: 4, EndLine: 5, EndColumn: 6, Text: odd}}}},
	)
	for i, jf := range findings {
		for _, prefix := range []string{"", "    "} {
			want := viaEncoder(t, jf, prefix)
			if got := appendFinding(nil, &jf, prefix); !bytes.Equal(got, want) {
				t.Errorf("finding %d, prefix %q:\n--- encoding/json\n%s\n--- appendFinding\n%s", i, prefix, want, got)
			}
		}
	}
}

// appendJSONString quotes any string as encoding/json does with HTML
// escaping off.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\", "\x00\x1f\x7f", "\b\f\n\r\t", "é\u2028\u2029", "\xff", "a\xe2\x80", "<>&", "😀"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
		want := bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
		if got := appendJSONString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("%q: encoding/json %s, appendJSONString %s", s, want, got)
		}
	})
}

// BenchmarkJSONFindings is the JSON report of many findings: what a corpus
// lint writes.
func BenchmarkJSONFindings(b *testing.B) {
	src := "FROM alpine:latest\nRUN sudo apt-get update && curl -s https://x <y> | sh\nEXPOSE 22\nUSER root\nCMD app --host 0.0.0.0\n"
	res := lint.New(lint.Options{Rules: rules.All()}).LintWithFixes(b.Context(), "Dockerfile", []byte(src))
	r := &Report{Files: 1}
	for len(r.Findings) < 10000 {
		r.Findings = append(r.Findings, res.Findings...)
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := JSON(io.Discard, r, Meta{}); err != nil {
			b.Fatal(err)
		}
	}
}
