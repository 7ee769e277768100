package lint

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// lintAt lints src as the Dockerfile at path with the rules the
// comparison tests need.
func lintAt(t *testing.T, path, src string) []rules.Finding {
	t.Helper()
	res := New(Options{Rules: []*rules.Rule{rules.ShellFormCommand, rules.RunsAsRoot, rules.SecretInArgEnv}}).Lint(path, []byte(src))
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	return res.Findings
}

func findingRules(fs []rules.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule.ID)
	}
	return out
}

const insecureSrc = "FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\nCMD echo a\n"

// Two copies of a project in two directories: each side's files are keyed
// relative to its own root, so moving lines changes nothing and fixing
// closes.
func TestCompareRuns(t *testing.T) {
	before := RunSnapshot("old", "old", lintAt(t, filepath.Join("old", "Dockerfile"), insecureSrc))
	if got := findingRules(before.Findings); len(got) != 3 {
		t.Fatalf("before findings %v, want a secret, a shell-form CMD and root", got)
	}
	cases := []struct {
		name                    string
		src                     string
		closed, remaining, newF []string
	}{
		{"unchanged", insecureSrc, nil, []string{"DKS5001", "DKS6001", "DKS4001"}, nil},
		{"lines moved above", "# a comment\n\nFROM alpine:3.20\n\nENV DB_PASSWORD=hunter2hunter2\nCMD   echo \\\n a\n",
			nil, []string{"DKS5001", "DKS6001", "DKS4001"}, nil},
		{"secret and shell form fixed, root stays", "FROM alpine:3.20\nCMD [\"echo\", \"a\"]\n",
			[]string{"DKS5001", "DKS6001"}, []string{"DKS4001"}, nil},
		{"an edited instruction is closed and new", "FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\nCMD echo b\nUSER 10001\n",
			[]string{"DKS6001", "DKS4001"}, []string{"DKS5001"}, []string{"DKS6001"}},
		{"a second identical instruction is new", insecureSrc + "CMD echo a\n",
			nil, []string{"DKS5001", "DKS6001", "DKS4001"}, []string{"DKS6001"}},
	}
	for _, c := range cases {
		after := RunSnapshot("new", "new", lintAt(t, filepath.Join("new", "Dockerfile"), c.src))
		got := Compare(before, after)
		if got.Before != "old" || got.After != "new" {
			t.Errorf("%s: labels %q %q", c.name, got.Before, got.After)
		}
		for _, part := range []struct {
			name      string
			got, want []string
		}{{"closed", findingRules(got.Closed), c.closed}, {"remaining", findingRules(got.Remaining), c.remaining}, {"new", findingRules(got.New), c.newF}} {
			g, w := slices.Sorted(slices.Values(part.got)), slices.Sorted(slices.Values(part.want))
			if !slices.Equal(g, w) {
				t.Errorf("%s: %s %v, want %v", c.name, part.name, part.got, part.want)
			}
		}
	}
}

// Two files compared directly (no directory) match each other whatever
// their names.
func TestCompareFiles(t *testing.T) {
	before := RunSnapshot("insecure.Dockerfile", "x/insecure.Dockerfile", lintAt(t, "x/insecure.Dockerfile", insecureSrc))
	after := RunSnapshot("hardened.Dockerfile", "y/hardened.Dockerfile", lintAt(t, "y/hardened.Dockerfile", insecureSrc))
	if c := Compare(before, after); len(c.Closed)+len(c.New) != 0 || len(c.Remaining) != 3 {
		t.Errorf("same content under two names: closed %v new %v", findingRules(c.Closed), findingRules(c.New))
	}
}

// Two builds of an image differ in name and layer digests; a finding in
// the same file of both is the same finding.
func TestCompareImages(t *testing.T) {
	layerFinding := func(image, layer, path string) rules.Finding {
		return rules.Finding{Rule: rules.CredentialFileInImage, Severity: rules.Error, Message: "the image ships " + path,
			Location: rules.Location{Target: rules.TargetImageLayer, Image: image, Layer: layer, Path: path}}
	}
	before := RunSnapshot("app:1", "", []rules.Finding{layerFinding("app:1", "sha256:aa", "/app/.env"), layerFinding("app:1", "sha256:aa", "/root/.netrc")})
	after := RunSnapshot("app:2", "", []rules.Finding{layerFinding("app:2", "sha256:bb", "/app/.env")})
	c := Compare(before, after)
	if len(c.Remaining) != 1 || c.Remaining[0].Path != "/app/.env" || len(c.Closed) != 1 || c.Closed[0].Path != "/root/.netrc" || len(c.New) != 0 {
		t.Errorf("remaining %v closed %v new %v", c.Remaining, c.Closed, c.New)
	}
}

// An earlier run read from a baseline file: its paths are relative to the
// baseline's directory, and the new run's findings are keyed the same way.
func TestPriorBaseline(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	var buf bytes.Buffer
	if err := NewBaseline(lintAt(t, path, insecureSrc), dir).Write(&buf); err != nil {
		t.Fatal(err)
	}
	prior, err := ReadPrior(&buf, "baseline.json", dir)
	if err != nil {
		t.Fatal(err)
	}
	c := prior.Compare("now", lintAt(t, path, "# moved\nFROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\nCMD [\"a\"]\nENV API_TOKEN=abcdefgh12345678\n"))
	if got := findingRules(c.Closed); !slices.Equal(got, []string{"DKS6001"}) {
		t.Errorf("closed %v, want the shell-form CMD", got)
	}
	if got := findingRules(c.New); !slices.Equal(got, []string{"DKS5001"}) || !strings.Contains(c.New[0].Message, "API_TOKEN") {
		t.Errorf("new %v, want the API_TOKEN secret", got)
	}
	if len(c.Remaining) != 2 || c.Before != "baseline.json" || c.After != "now" {
		t.Errorf("remaining %v, labels %q %q", findingRules(c.Remaining), c.Before, c.After)
	}
	// A baseline records no severity or line: the rule's severity stands in.
	if f := c.Closed[0]; f.Severity != rules.ShellFormCommand.Severity || f.File != "Dockerfile" || f.Line != 0 {
		t.Errorf("closed finding rebuilt as %+v", f)
	}
}

// An earlier run read from a --format json report: the findings carry
// their fingerprint, severity and line, and paths are as that run was
// given them.
func TestPriorJSONReport(t *testing.T) {
	findings := lintAt(t, "svc/Dockerfile", insecureSrc)
	fp := NewFingerprinter()
	type jf struct {
		Rule        string `json:"rule"`
		Severity    string `json:"severity"`
		Message     string `json:"message"`
		Target      string `json:"target"`
		File        string `json:"file"`
		Line        int    `json:"line"`
		Fingerprint string `json:"fingerprint"`
	}
	doc := struct {
		Schema   int    `json:"schema"`
		Findings []jf   `json:"findings"`
		Tool     any    `json:"tool"`
		Extra    string `json:"summary"`
	}{Schema: 1, Tool: map[string]string{"name": "dockstride"}}
	for _, f := range findings {
		doc.Findings = append(doc.Findings, jf{f.Rule.ID, "error", f.Message, "dockerfile", f.File, f.Line, fp.Next(f)})
	}
	doc.Findings = append(doc.Findings, jf{"DKS0001", "error", "a retired rule", "dockerfile", "svc/Dockerfile", 1, "00:0"})
	data, _ := json.Marshal(doc)
	prior, err := ReadPrior(bytes.NewReader(data), "old.json", "elsewhere")
	if err != nil {
		t.Fatal(err)
	}
	c := prior.Compare("svc", lintAt(t, "svc/Dockerfile", "FROM alpine:3.20\nENV DB_PASSWORD=hunter2hunter2\nCMD [\"a\"]\nUSER 10001\n"))
	if got := findingRules(c.Closed); !slices.Equal(got, []string{"DKS6001", "DKS4001"}) && !slices.Equal(got, []string{"DKS4001", "DKS6001"}) {
		t.Errorf("closed %v", got)
	}
	if len(c.Remaining) != 1 || len(c.New) != 0 || c.Unknown != 1 {
		t.Errorf("remaining %v new %v unknown %d", findingRules(c.Remaining), findingRules(c.New), c.Unknown)
	}
	for _, f := range c.Closed {
		if f.Severity != rules.Error || f.Line == 0 || f.File != "svc/Dockerfile" {
			t.Errorf("closed finding rebuilt as %+v", f)
		}
	}
}

func TestReadPriorRejects(t *testing.T) {
	for src, want := range map[string]string{
		`not json`:                                         "not a dockstride baseline or JSON report",
		`{"findings": []}`:                                 "no \"version\"",
		`{"version": 2, "findings": []}`:                   "baseline version 2",
		`{"schema": 9, "findings": []}`:                    "schema 9",
		`{"schema": 1, "version": 1}`:                      "no \"version\"",
		`{"schema": 1, "findings": [{"rule": "DKS4001"}]}`: "finding 1 has no fingerprint",
		`{"version": 1, "findings": [{"rule": "DKS4001", "fingerprint": 7}]}`: "not a dockstride baseline",
	} {
		if _, err := ReadPrior(strings.NewReader(src), "x", ""); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadPrior(%s) = %v, want an error containing %q", src, err, want)
		}
	}
}

// FuzzReadPrior: an earlier report is a file from anywhere; reading it
// never panics, and what it yields compares: against an empty run, every
// finding read is closed.
func FuzzReadPrior(f *testing.F) {
	f.Add([]byte(`{"version": 1, "tool": "dockstride", "findings": [{"rule": "DKS4001", "file": "Dockerfile", "fingerprint": "0a1b:0", "message": "root"}]}`))
	f.Add([]byte(`{"schema": 1, "tool": {"name": "dockstride"}, "findings": [{"rule": "DKS5003", "severity": "error", "target": "image", "origin": "layer", "image": "app:1", "path": "/app/.env", "history": 3, "fingerprint": "ff:1"}]}`))
	f.Add([]byte(`{"schema": 1, "findings": [{"rule": "DKS9999", "fingerprint": "x"}, {"rule": "DKS6001", "severity": "bogus", "target": "compose", "fingerprint": "y"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ReadPrior(bytes.NewReader(data), "before", "dir")
		if err != nil {
			return
		}
		c := p.Compare("after", nil)
		if len(c.Closed) != len(p.Findings) || len(c.Remaining)+len(c.New) != 0 || c.Unknown != p.Unknown {
			t.Fatalf("closed %d of %d read, remaining %d, new %d", len(c.Closed), len(p.Findings), len(c.Remaining), len(c.New))
		}
		for _, fd := range c.Closed {
			if fd.Rule == nil || fd.Target.Input().String() == "unknown" {
				t.Fatalf("finding without a rule or target: %+v", fd)
			}
		}
	})
}
