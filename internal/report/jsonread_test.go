package report_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
)

// realReport is a run with every kind of finding: a Dockerfile's (with a
// suppressed one and a parse error) and an image's config, history and
// layer findings.
func realReport(t *testing.T) *report.Report {
	t.Helper()
	rep := lintSample(t, filepath.Join("..", "..", "testdata", "examples", "insecure.Dockerfile"), "app/Dockerfile")
	sup := lintSource(t, "svc/Dockerfile", "FROM alpine:3.20\n# dockstride ignore=DKS4001 -- vendor image\nUSER root\nFORM x\n")
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "images", "bad.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	tarPath := filepath.Join(t.TempDir(), "bad.tar")
	v1img, _ := imagetest.FromTxtar(t, data)
	imagetest.WriteTarball(t, tarPath, "example.com/bad:1", v1img)
	im, err := image.Open(context.Background(), "docker-archive:"+tarPath, image.Options{})
	if err != nil {
		t.Fatal(err)
	}
	img := lint.New(lint.Options{}).ScanImage(context.Background(), im, lint.ImageOptions{})
	rt := lintRuntime(t)
	rep.Findings = append(append(append(rep.Findings, sup.Findings...), img.Findings...), rt.Findings...)
	rep.Suppressed = append(rep.Suppressed, sup.Suppressed...)
	rep.Problems = append(append(rep.Problems, sup.Problems...), lint.Problem{File: "registry.local/app:2", Message: "unreachable", Internal: true})
	lint.SortProblems(rep.Problems)
	rep.Inputs = append(append(rep.Inputs, "svc/Dockerfile", img.Image), rt.Inputs...)
	rep.Files, rep.Images, rep.Baselined = 2, 1, 3
	if len(rep.Suppressed) == 0 || len(img.Findings) == 0 {
		t.Fatal("the report lacks suppressed or image findings; the test proves less than it says")
	}
	return rep
}

// lintRuntime is a run over a compose project and a daemon.json: findings
// with a service, and of the compose and daemon targets.
func lintRuntime(t *testing.T) *lint.Results {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx\n    privileged: true\n    user: root\n",
		"daemon.json":  `{"icc": true}`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	var service, daemon bool
	for _, f := range res.Findings {
		service = service || f.Service == "web"
		daemon = daemon || f.Target.Input() == rules.InputDaemon
	}
	if !service || !daemon {
		t.Fatalf("the runtime sample gives no service (%v) or daemon (%v) finding: %v", service, daemon, res.Findings)
	}
	return res
}

// A JSON report read back writes every format as the run did, byte for
// byte: everything the formats print is in the JSON.
func TestReadJSONRoundTrip(t *testing.T) {
	rep := realReport(t)
	m := testMeta()
	m.ShowSuppressed = true
	src := render(t, "json", rep, m)
	back, bm, err := report.ReadJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if bm.ToolName != m.ToolName || bm.ToolVersion != m.ToolVersion {
		t.Errorf("tool %q %q", bm.ToolName, bm.ToolVersion)
	}
	for _, format := range report.Names() {
		want, got := render(t, format, rep, m), render(t, format, back, m)
		if !bytes.Equal(want, got) {
			t.Errorf("%s differs after a round trip through JSON:\n%s", format, lineDiff(string(want), string(got)))
		}
	}
	// Without --show-suppressed the JSON counts suppressed findings it
	// does not list, and the count survives.
	m.ShowSuppressed = false
	src = render(t, "json", rep, m)
	back, _, err = report.ReadJSON(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, "json", back, m); !bytes.Equal(got, src) {
		t.Errorf("JSON without suppressed findings differs after a round trip:\n%s", lineDiff(string(src), string(got)))
	}
}

func TestReadJSONRejects(t *testing.T) {
	for src, want := range map[string]string{
		``:                             "not a dockstride JSON report",
		`[]`:                           "not a dockstride JSON report",
		`{"findings": []}`:             "no schema",
		`{"schema": 2, "summary": {}}`: "version 2 is not supported",
		`{"schema": 1}`:                "no summary",
		`{"schema": 1, "rules": ["DKS9999"], "summary": {}}`:                                                                              `no rule has the ID "DKS9999"`,
		`{"schema": 1, "findings": [{"rule": "DKS4001", "severity": "loud", "target": "dockerfile"}], "summary": {}}`:                     "finding 0: unknown severity",
		`{"schema": 1, "findings": [{"rule": "DKS4001", "severity": "error", "target": "image", "origin": "dockerfile"}], "summary": {}}`: "finding 0: target",
		`{"schema": 1, "shard": {"index": 3, "count": 2}, "summary": {}}`:                                                                 "3 of 2 is not a shard",
		`{"schema": 1, "findings": [{"rule": 4}], "summary": {}}`:                                                                         "findings:",
	} {
		if _, _, err := report.ReadJSON(strings.NewReader(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: error %v, want %q", src, err, want)
		}
	}
	if _, _, err := report.ReadJSON(strings.NewReader(`{"schema": 1, "added_later": {"x": [1]}, "summary": {"files": 2}}`)); err != nil {
		t.Errorf("an unknown member must be skipped: %v", err)
	}
}

// Shards of one run merge into its report; parts missing, given twice or
// from different lists are refused.
func TestMergeShards(t *testing.T) {
	rep := realReport(t)
	whole := render(t, "json", rep, testMeta())
	var shards []*report.Report
	info := lint.ShardInfo{Count: 3, Refs: 3, Digest: "sha256:abc"}
	for i, part := range [][2]int{{0, 20}, {20, len(rep.Findings) - 3}, {len(rep.Findings) - 3, len(rep.Findings)}} {
		s := *rep
		s.Findings = rep.Findings[part[0]:part[1]]
		s.Suppressed, s.Inputs, s.Files, s.Images, s.Baselined = nil, nil, 0, 0, 0
		switch i {
		case 0:
			s.Suppressed, s.Inputs, s.Files, s.Baselined = rep.Suppressed, rep.Inputs[:2], 2, 3
		case 2:
			s.Inputs, s.Images = rep.Inputs[2:], 1
		}
		si := info
		si.Index = i + 1
		s.Shard = &si
		shards = append(shards, &s)
	}
	// Given in any order, through their JSON.
	var read []*report.Report
	for _, i := range []int{2, 0, 1} {
		back, _, err := report.ReadJSON(bytes.NewReader(render(t, "json", shards[i], testMeta())))
		if err != nil {
			t.Fatal(err)
		}
		read = append(read, back)
	}
	merged, err := report.Merge(read)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(t, "json", merged, testMeta()); !bytes.Equal(got, whole) {
		t.Errorf("merged shards differ from the whole run:\n%s", lineDiff(string(whole), string(got)))
	}
	other := *read[0]
	otherInfo := *other.Shard
	otherInfo.Digest = "sha256:def"
	other.Shard = &otherInfo
	// The count is the file's word: a huge one is refused, not allocated.
	// read[0] is shard 3.
	huge := *read[0]
	hugeInfo := *huge.Shard
	hugeInfo.Count = 1 << 40
	huge.Shard = &hugeInfo
	for name, c := range map[string]struct {
		reps []*report.Report
		want string
	}{
		"missing": {read[:2], "shard 2 of 3 missing"},
		"twice":   {[]*report.Report{read[0], read[1], read[2], read[0]}, "given twice"},
		"mixed":   {[]*report.Report{read[0], rep}, "merge the shards of one run alone"},
		"changed": {[]*report.Report{read[0], read[1], &other}, "split different lists"},
		"nothing": {nil, "no report"},
		"huge":    {[]*report.Report{&huge}, "shard 1, 2, 4, 5, 6, 7, 8, 9, 10, 11 and 1099511627765 more of 1099511627776 missing"},
	} {
		if _, err := report.Merge(c.reps); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want %q", name, err, c.want)
		}
	}
}

// A JSON report is untrusted input: reading it returns a report or an
// error, never panics, whatever the bytes. Seeds are in
// testdata/fuzz/FuzzReadJSON.
func FuzzReadJSON(f *testing.F) {
	f.Add([]byte(`{"schema": 1, "tool": {"name": "dockstride", "version": "1"}, "findings": [{"rule": "DKS4001", "name": "runs-as-root", "severity": "warning", "message": "m", "target": "image", "origin": "history", "image": "a:1", "history": 2}], "errors": [], "inputs": ["a:1"], "rules": ["DKS4001"], "shard": {"index": 1, "count": 2, "refs": 3, "digest": "sha256:x"}, "summary": {"files": 0, "images": 1, "findings": 1, "suppressed": 4, "by_severity": {}}}`))
	f.Fuzz(func(t *testing.T, src []byte) {
		rep, _, err := report.ReadJSON(bytes.NewReader(src))
		if err == nil && rep == nil {
			t.Fatal("neither a report nor an error")
		}
		if err == nil {
			for _, fd := range rep.Findings {
				if fd.Rule == nil {
					t.Fatal("a finding without a rule")
				}
			}
			if _, err := report.Merge([]*report.Report{rep}); err != nil && rep.Shard == nil {
				t.Fatalf("one report that is no shard must merge: %v", err)
			}
		}
	})
}
