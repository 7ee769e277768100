package precision

import (
	"bytes"
	"strings"
	"testing"
)

// rec builds a valid record for the tests to vary.
func rec(file, rule string, line int, fp string, v Verdict) Record {
	r := Record{File: file, Rule: rule, Line: line, EndLine: line, Fingerprint: fp, Severity: "warning",
		Verdict: v, Sample: SampleRandom, Reason: "because", Message: "m"}
	if v == FP {
		r.Open, r.Shape = true, "some-shape"
	}
	return r
}

func encode(t *testing.T, recs ...Record) string {
	t.Helper()
	var b bytes.Buffer
	if err := Encode(&b, recs); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestLoadRoundTrip(t *testing.T) {
	want := []Record{rec("a", "DKS1001", 3, "f1:0", TP), rec("a", "DKS1001", 4, "f2:0", FP)}
	want[1].Message = "<html> & stuff"
	text := encode(t, want...)
	if strings.Contains(text, `\u003c`) {
		t.Errorf("Encode escapes HTML: %s", text)
	}
	got, err := Load(strings.NewReader("\n" + text + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, want)
	}
}

func TestLoadRejects(t *testing.T) {
	mut := func(f func(*Record)) string {
		r := rec("a", "DKS1001", 3, "f:0", TP)
		f(&r)
		return encode(t, r)
	}
	cases := map[string]string{
		"no fingerprint":      mut(func(r *Record) { r.Fingerprint = "" }),
		"bad verdict":         mut(func(r *Record) { r.Verdict = "maybe" }),
		"bad sample":          mut(func(r *Record) { r.Sample = "handpicked" }),
		"known-fp not fp":     mut(func(r *Record) { r.Sample = SampleKnownFP }),
		"fp without shape":    mut(func(r *Record) { r.Verdict = FP }),
		"open on tp":          mut(func(r *Record) { r.Open = true }),
		"line range":          mut(func(r *Record) { r.EndLine = 1 }),
		"shellcheck no code":  mut(func(r *Record) { r.Rule = "DKS3900" }),
		"code on other rules": mut(func(r *Record) { r.Code = "SC2086" }),
		"unknown field":       `{"file":"a","rule":"DKS1001","line":1,"end_line":1,"fingerprint":"f","severity":"warning","verdict":"tp","sample":"random","reason":"r","message":"m","extra":1}` + "\n",
		"judged twice":        encode(t, rec("a", "DKS1001", 3, "f:0", TP), rec("a", "DKS1001", 9, "f:0", Noise)),
	}
	for name, text := range cases {
		if _, err := Load(strings.NewReader("\n" + text)); err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.Contains(err.Error(), "line ") {
			t.Errorf("%s: error %q does not name the line", name, err)
		}
	}
}

const sampleRunJSON = `{"schema": 1, "findings": [
 {"rule": "DKS4001", "severity": "warning", "message": "root", "file": "x/Dockerfile", "line": 1},
 {"rule": "DKS3900", "severity": "warning", "message": "quote", "file": "x/Dockerfile", "line": 3, "aliases": ["SC2086"]}
]}`

const sampleRunSARIF = `{"runs": [{"results": [
 {"ruleId": "DKS4001", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x/Dockerfile"}, "region": {"startLine": 1}}}], "partialFingerprints": {"dockstride/v1": "aaa:0"}},
 {"ruleId": "DKS3900", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x/Dockerfile"}, "region": {"startLine": 3}}}], "partialFingerprints": {"dockstride/v1": "bbb:0"}},
 {"ruleId": "DKS9999", "locations": [{"physicalLocation": {"artifactLocation": {"uri": "x/Dockerfile"}, "region": {"startLine": 5}}}], "partialFingerprints": {"dockstride/v1": "suppressed:0"}}
]}]}`

func TestReadRun(t *testing.T) {
	fs, err := ReadRun(strings.NewReader(sampleRunJSON), strings.NewReader(sampleRunSARIF))
	if err != nil {
		t.Fatal(err)
	}
	want := []Finding{
		{File: "x/Dockerfile", Rule: "DKS4001", Line: 1, Severity: "warning", Message: "root", Fingerprint: "aaa:0"},
		{File: "x/Dockerfile", Rule: "DKS3900", Line: 3, Severity: "warning", Code: "SC2086", Message: "quote", Fingerprint: "bbb:0"},
	}
	if len(fs) != len(want) || fs[0] != want[0] || fs[1] != want[1] {
		t.Errorf("ReadRun:\n got %+v\nwant %+v", fs, want)
	}
	if fs, err := ReadRun(strings.NewReader(sampleRunJSON), nil); err != nil || fs[0].Fingerprint != "" || fs[1].Code != "SC2086" {
		t.Errorf("without SARIF: %+v, %v", fs, err)
	}
	other := strings.Replace(sampleRunSARIF, `"startLine": 3`, `"startLine": 4`, 1)
	if _, err := ReadRun(strings.NewReader(sampleRunJSON), strings.NewReader(other)); err == nil || !strings.Contains(err.Error(), "not the same run") {
		t.Errorf("SARIF of another run: %v", err)
	}
	if _, err := ReadRun(strings.NewReader(`{"schema": 2, "findings": []}`), nil); err == nil {
		t.Error("schema 2 accepted")
	}
}

func TestMatch(t *testing.T) {
	fs := []Finding{
		{File: "a", Rule: "R1", Line: 5, Fingerprint: "x:0", Message: "one"},
		{File: "a", Rule: "R1", Line: 5, Fingerprint: "x:1", Message: "two"},
		{File: "a", Rule: "R1", Line: 9, Fingerprint: "y:0", Message: "three"},
		{File: "a", Rule: "DKS3900", Line: 2, Code: "SC2086", Fingerprint: "z:0"},
	}
	recs := []Record{
		rec("a", "R1", 5, "x:1", TP),   // by fingerprint, although x:0 is on the same line
		rec("a", "R1", 9, "old:0", TP), // fingerprint changed: by line
		rec("a", "R1", 5, "gone:0", FP),
		rec("a", "DKS3900", 2, "z:0", Noise),
		rec("b", "R1", 5, "x:0", TP), // another file
	}
	recs[2].Message = "one" // the fallback prefers the same message; x:0 is still free
	recs[3].Code = "SC2046" // another ShellCheck code on the same line is not this finding
	got := Match(recs, fs)
	want := []*Finding{&fs[1], &fs[2], &fs[0], nil, nil}
	for i := range got {
		if got[i].Finding != want[i] {
			t.Errorf("record %d matched %+v, want %+v", i, got[i].Finding, want[i])
		}
	}
}

// A fix removed the first of two findings on one instruction: the second
// now has the first's occurrence index; the message tells them apart.
func TestMatchMovedIndex(t *testing.T) {
	fs := []Finding{{File: "a", Rule: "R", Line: 3, Fingerprint: "x:0", Message: "kept"}}
	gone, kept := rec("a", "R", 3, "x:0", FP), rec("a", "R", 3, "x:1", TP)
	gone.Message, kept.Message = "removed", "kept"
	got := Match([]Record{gone, kept}, fs)
	if got[0].Finding != nil || got[1].Finding != &fs[0] {
		t.Errorf("matched %+v and %+v, want nothing and the kept finding", got[0].Finding, got[1].Finding)
	}
	// A message reworded by a fix still matches by fingerprint.
	reworded := rec("a", "R", 3, "x:0", TP)
	reworded.Message = "old wording"
	if got := Match([]Record{reworded}, fs); got[0].Finding != &fs[0] {
		t.Errorf("reworded message: matched %+v", got[0].Finding)
	}
}

func TestCheckAndClose(t *testing.T) {
	f := Finding{File: "a", Rule: "R", Line: 1, Fingerprint: "f:0", Severity: "warning"}
	closedBack := rec("a", "R", 1, "f:0", FP)
	closedBack.Open = false
	openGone := rec("a", "R", 2, "g:0", FP)
	openHere := rec("a", "R", 3, "h:0", FP)
	tpGone := rec("a", "R", 4, "i:0", TP)
	outcomes := []Outcome{{&closedBack, &f}, {&openGone, nil}, {&openHere, &Finding{Severity: "warning"}}, {&tpGone, nil}}
	probs := Check(outcomes)
	if len(probs) != 2 || probs[0].Record != &closedBack || probs[1].Record != &openGone {
		t.Fatalf("Check = %v", probs)
	}
	if !strings.Contains(probs[0].String(), "reported again") || !strings.Contains(probs[1].String(), "no longer reported") {
		t.Errorf("messages: %v", probs)
	}
	if open := OpenFPs(outcomes); len(open) != 1 || open[0].Record != &openHere {
		t.Errorf("OpenFPs = %v", open)
	}
	if n := CloseFixed(outcomes); n != 1 || openGone.Open || !openHere.Open {
		t.Errorf("CloseFixed closed %d; open: gone %v, still reported %v", n, openGone.Open, openHere.Open)
	}
	if probs := Check(outcomes); len(probs) != 1 {
		t.Errorf("after closing, Check = %v", probs)
	}

	// A fixed false positive judged at warning may come back at info (the
	// shape moved to hygiene), not at warning or error; one judged at info
	// may not come back at all.
	lowered := rec("a", "R", 5, "j:0", FP)
	lowered.Open = false
	atInfo := rec("a", "R", 6, "k:0", FP)
	atInfo.Open, atInfo.Severity = false, "info"
	outcomes = []Outcome{{&lowered, &Finding{Severity: "info"}}, {&atInfo, &Finding{Severity: "info"}}}
	if probs := Check(outcomes); len(probs) != 1 || probs[0].Record != &atInfo {
		t.Errorf("lowered to info: Check = %v", probs)
	}
	outcomes[0].Finding.Severity = "error"
	if probs := Check(outcomes); len(probs) != 2 {
		t.Errorf("raised to error: Check = %v", probs)
	}
	openLowered := rec("a", "R", 7, "l:0", FP)
	if n := CloseFixed([]Outcome{{&openLowered, &Finding{Severity: "info"}}}); n != 1 || openLowered.Open {
		t.Errorf("an open false positive now at info: closed %d", n)
	}
}

func TestTables(t *testing.T) {
	recs := []Record{
		rec("a", "R1", 1, "1", TP), rec("a", "R1", 2, "2", TP), rec("a", "R1", 3, "3", Noise), rec("a", "R1", 4, "4", FP),
		rec("a", "R2", 1, "5", TP), rec("a", "R2", 2, "6", FP),
		rec("a", "R3", 1, "7", FP), // known-fp: not counted
	}
	recs[4].Severity, recs[5].Severity = "error", "error"
	recs[6].Sample = SampleKnownFP
	before := AsJudged(recs)
	if len(before.Rows) != 2 {
		t.Fatalf("rows: %+v", before.Rows)
	}
	if r := before.Rows[0]; r.Rule != "R1" || r.Judged != 4 || r.TP != 2 || r.Noise != 1 || r.FP != 1 || r.Precision() != 0.5 {
		t.Errorf("R1 row: %+v", r)
	}
	if r := before.WarningsAndErrors; r.Judged != 6 || r.TP != 3 {
		t.Errorf("total: %+v", r)
	}
	if r := before.Errors; r.Judged != 2 || r.TP != 1 || r.Precision() != 0.5 {
		t.Errorf("errors: %+v", r)
	}

	// Now: R1's FP is fixed, R1's noise lowered to info, R2's TP now a warning.
	fs := []*Finding{{Severity: "warning"}, {Severity: "warning"}, {Severity: "info"}, nil, {Severity: "warning"}, {Severity: "error"}, nil}
	var outcomes []Outcome
	for i := range recs {
		outcomes = append(outcomes, Outcome{&recs[i], fs[i]})
	}
	now := Now(outcomes)
	rows := map[string]Row{}
	for _, r := range now.Rows {
		rows[r.Rule+" "+r.Severity] = r
	}
	if r := rows["R1 warning"]; r.Judged != 2 || r.TP != 2 || r.GoneNoise != 1 || r.GoneFP != 1 || r.Precision() != 1 {
		t.Errorf("R1 now: %+v", r)
	}
	if r := rows["R2 warning"]; r.Judged != 1 || r.TP != 1 {
		t.Errorf("R2 warning now: %+v", r)
	}
	if r := now.Errors; r.Judged != 1 || r.FP != 1 || r.Precision() != 0 {
		t.Errorf("errors now: %+v", r)
	}
	var b strings.Builder
	if err := now.Write(&b); err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(b.String()), "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	want := []string{
		"rule severity judged TP noise FP precision gone TP/noise/FP",
		"R1 warning 2 2 0 0 100.0% 0/1/1",
		"R2 error 1 0 0 1 0.0% 0/0/0",
		"R2 warning 1 1 0 0 100.0% 0/0/0",
		"all warning+error 4 3 0 1 75.0% 0/1/1",
		"all error 1 0 0 1 0.0% 0/0/0",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("table:\n%s\nwant (spacing aside):\n%s", b.String(), strings.Join(want, "\n"))
	}
	b.Reset()
	if err := before.Write(&b); err != nil || strings.Contains(b.String(), "gone") {
		t.Errorf("as-judged table has gone counts (%v):\n%s", err, b.String())
	}
}
