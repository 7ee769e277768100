package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runIn executes the CLI in dir (a fresh repository: it holds .git, so no
// configuration above it is found) with env and a fixed clock.
func runIn(t *testing.T, dir string, env map[string]string, now time.Time, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	sys := IO{
		In: strings.NewReader(""), Out: &out, Err: &errb,
		Getenv:     func(k string) string { return env[k] },
		IsTerminal: func(io.Writer) bool { return false },
		Now:        func() time.Time { return now },
	}
	code = Execute(context.Background(), args, sys)
	return out.String(), errb.String(), code
}

func repo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

var day = time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC)

type jsonOut struct {
	Findings []struct {
		Rule       string          `json:"rule"`
		Line       int             `json:"line"`
		Message    string          `json:"message"`
		Suppressed json.RawMessage `json:"suppressed"`
	} `json:"findings"`
	Summary struct {
		Findings   int `json:"findings"`
		Suppressed int `json:"suppressed"`
		Baselined  int `json:"baselined"`
	} `json:"summary"`
}

func decode(t *testing.T, s string) jsonOut {
	t.Helper()
	var j jsonOut
	if err := json.Unmarshal([]byte(s), &j); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, s)
	}
	return j
}

func rulesOf(j jsonOut) []string {
	var out []string
	for _, f := range j.Findings {
		out = append(out, f.Rule)
	}
	return out
}

// A repository set up for hadolint lints with the same suppressions:
// .hadolint.yaml's ignored list and # hadolint ignore= pragmas.
func TestHadolintRepositoryHonoured(t *testing.T) {
	dir := repo(t, map[string]string{
		".hadolint.yaml": "ignored: [DL3025]\nfailure-threshold: error\n",
		"Dockerfile":     "FROM alpine:3.22\nCMD echo hi\n# hadolint ignore=DL3002\nUSER root\n",
	})
	out, errOut, code := runIn(t, dir, nil, day, "lint", "--format", "json", "--verbose", "Dockerfile")
	j := decode(t, out)
	for _, f := range j.Findings {
		if f.Rule == "DKS6001" || f.Rule == "DKS4001" {
			t.Errorf("finding %s should be suppressed by the hadolint config or pragma", f.Rule)
		}
	}
	if j.Summary.Suppressed != 1 {
		t.Errorf("suppressed = %d, want 1 (the hadolint pragma)", j.Summary.Suppressed)
	}
	if code != 0 {
		t.Errorf("exit %d; failure-threshold: error should pass warnings", code)
	}
	for _, want := range []string{".hadolint.yaml (hadolint)", "DL3025 is dockstride's DKS6001"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("--verbose does not say %q:\n%s", want, errOut)
		}
	}
	// Without the configuration both come back (proving the test can fail).
	out, _, _ = runIn(t, dir, nil, day, "lint", "--format", "json", "--no-config", "Dockerfile")
	if got := strings.Join(rulesOf(decode(t, out)), ","); !strings.Contains(got, "DKS6001") {
		t.Errorf("--no-config findings = %s, want DKS6001", got)
	}
}

func TestConfigErrorsExit2(t *testing.T) {
	dir := repo(t, map[string]string{
		".dockstride.yaml": "fail-level: error\nignore:\n  - runs-as-rot\n",
		"Dockerfile":       "FROM alpine:3.22\n",
	})
	_, errOut, code := runIn(t, dir, nil, day, "lint", "Dockerfile")
	if code != ExitError || !strings.Contains(errOut, ".dockstride.yaml:3: ignore: no rule has the ID, name or alias \"runs-as-rot\"") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	_, errOut, code = runIn(t, dir, map[string]string{"DOCKSTRIDE_FAIL_LEVEL": "loud"}, day, "lint", "--no-config", "Dockerfile")
	if code != ExitError || !strings.Contains(errOut, "DOCKSTRIDE_FAIL_LEVEL:") {
		t.Errorf("env: exit %d, stderr %q", code, errOut)
	}
}

func TestFailLevelPrecedence(t *testing.T) {
	dir := repo(t, map[string]string{
		".dockstride.yaml": "fail-level: none\n",
		"Dockerfile":       "FROM alpine:3.22\nUSER root\n",
	})
	if _, _, code := runIn(t, dir, nil, day, "lint", "Dockerfile"); code != 0 {
		t.Errorf("file fail-level none: exit %d", code)
	}
	if _, _, code := runIn(t, dir, map[string]string{"DOCKSTRIDE_FAIL_LEVEL": "warning"}, day, "lint", "Dockerfile"); code != 1 {
		t.Errorf("env beats file: exit %d", code)
	}
	if _, _, code := runIn(t, dir, map[string]string{"DOCKSTRIDE_FAIL_LEVEL": "warning"}, day, "lint", "--fail-level", "none", "Dockerfile"); code != 0 {
		t.Errorf("flag beats env: exit %d", code)
	}
}

func TestExpiredSuppressionCLI(t *testing.T) {
	dir := repo(t, map[string]string{
		"Dockerfile": "FROM alpine:3.22\n# dockstride ignore=DKS4001 until=2027-03-30 -- migrating\nUSER root\n",
	})
	out, _, code := runIn(t, dir, nil, day, "lint", "Dockerfile")
	if code != 1 || !strings.Contains(out, "suppression on line 2 expired on 2027-03-30") {
		t.Errorf("after expiry: exit %d\n%s", code, out)
	}
	out, _, code = runIn(t, dir, nil, day.AddDate(0, 0, -1), "lint", "Dockerfile")
	if code != 0 || strings.Contains(out, "DKS4001") {
		t.Errorf("before expiry: exit %d\n%s", code, out)
	}
}

func TestShowSuppressed(t *testing.T) {
	dir := repo(t, map[string]string{
		"Dockerfile": "FROM alpine:3.22\n# dockstride ignore=runs-as-root -- entrypoint drops to app\nUSER root\n",
	})
	out, _, _ := runIn(t, dir, nil, day, "lint", "--only", "DKS4001", "--show-suppressed", "Dockerfile")
	if !strings.Contains(out, "Suppressed:\n  Dockerfile:3 DKS4001 runs-as-root:") || !strings.Contains(out, "on line 2: entrypoint drops to app") {
		t.Errorf("text --show-suppressed:\n%s", out)
	}
	out, _, _ = runIn(t, dir, nil, day, "lint", "--only", "DKS4001", "--show-suppressed", "--format", "json", "Dockerfile")
	j := decode(t, out)
	if len(j.Findings) != 1 || j.Findings[0].Suppressed == nil || j.Summary.Findings != 0 ||
		!strings.Contains(string(j.Findings[0].Suppressed), `"reason": "entrypoint drops to app"`) {
		t.Errorf("json --show-suppressed:\n%s", out)
	}
	out, _, _ = runIn(t, dir, nil, day, "lint", "--only", "DKS4001", "--format", "json", "Dockerfile")
	if j := decode(t, out); len(j.Findings) != 0 {
		t.Errorf("suppressed findings listed without --show-suppressed:\n%s", out)
	}
}

// A baseline hides today's findings, survives lines moving, and lets a new
// finding through. Two rules only, so rules other engineers add do not
// change the counts.
func TestBaselineRoundTrip(t *testing.T) {
	dir := repo(t, map[string]string{
		"svc/Dockerfile": "FROM alpine:3.22\nCMD /app/server --port 8080\nUSER root\n",
	})
	only := map[string]string{"DOCKSTRIDE_ONLY": "DKS4001,DKS6001"}
	_, errOut, code := runIn(t, dir, only, day, "lint", "--write-baseline", "baseline.json", "svc/Dockerfile")
	if code != 0 || !strings.Contains(errOut, "recorded 2 findings in baseline.json") {
		t.Fatalf("write: exit %d, %s", code, errOut)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "baseline.json"))
	if !strings.Contains(string(b), `"version": 1`) || !strings.Contains(string(b), `"file": "svc/Dockerfile"`) {
		t.Errorf("baseline file:\n%s", b)
	}
	out, _, code := runIn(t, dir, only, day, "lint", "--baseline", "baseline.json", "--format", "json", "svc/Dockerfile")
	if j := decode(t, out); len(j.Findings) != 0 || j.Summary.Baselined != 2 || code != 0 {
		t.Errorf("same file: exit %d findings %v baselined %d", code, rulesOf(j), j.Summary.Baselined)
	}
	// Lines move (a comment and a RUN above) and a new problem appears.
	os.WriteFile(filepath.Join(dir, "svc", "Dockerfile"), []byte("# the service\nFROM alpine:3.22\nRUN apk add --no-cache curl\n\nCMD /app/server --port 8080\nENTRYPOINT /app/server --new\nUSER root\n"), 0o644)
	out, _, code = runIn(t, dir, only, day, "lint", "--baseline", "baseline.json", "--format", "json", "svc/Dockerfile")
	j := decode(t, out)
	if got := rulesOf(j); len(got) != 1 || got[0] != "DKS6001" || j.Findings[0].Line != 6 || j.Summary.Baselined != 2 || code != 1 {
		t.Errorf("after edit: exit %d findings %v (line %v) baselined %d; want only the new ENTRYPOINT", code, got, j.Findings, j.Summary.Baselined)
	}
	// From another directory the baseline still matches: its paths are
	// relative to the baseline file.
	out, _, _ = runIn(t, filepath.Join(dir, "svc"), only, day, "lint", "--baseline", "../baseline.json", "--format", "json", "Dockerfile")
	if j := decode(t, out); j.Summary.Baselined != 2 {
		t.Errorf("from svc/: baselined %d", j.Summary.Baselined)
	}
	// Rewriting the baseline while reading it keeps every current finding.
	_, errOut, _ = runIn(t, dir, only, day, "lint", "--baseline", "baseline.json", "--write-baseline", "baseline.json", "svc/Dockerfile")
	if !strings.Contains(errOut, "recorded 3 findings") {
		t.Errorf("rewrite: %s", errOut)
	}
	_, errOut, code = runIn(t, dir, nil, day, "lint", "--baseline", "missing.json", "svc/Dockerfile")
	if code != ExitError || !strings.Contains(errOut, "--baseline") {
		t.Errorf("missing baseline: exit %d %s", code, errOut)
	}
}

func TestConfigInitAndShow(t *testing.T) {
	dir := repo(t, nil)
	_, errOut, code := runIn(t, dir, nil, day, "config", "init")
	if code != 0 || !strings.Contains(errOut, "wrote .dockstride.yaml") {
		t.Fatalf("init: exit %d %s", code, errOut)
	}
	_, errOut, code = runIn(t, dir, nil, day, "config", "init")
	if code != ExitError || !strings.Contains(errOut, "--force") {
		t.Errorf("second init: exit %d %s", code, errOut)
	}
	if _, _, code = runIn(t, dir, nil, day, "config", "init", "--force"); code != 0 {
		t.Errorf("init --force: exit %d", code)
	}
	out, _, code := runIn(t, dir, map[string]string{"DOCKSTRIDE_FAIL_LEVEL": "error"}, day, "config", "show")
	if code != 0 || !strings.Contains(out, "fail-level: error # env DOCKSTRIDE_FAIL_LEVEL") || !strings.Contains(out, "format: text # "+filepath.Join(dir, ".dockstride.yaml")) {
		t.Errorf("show: exit %d\n%s", code, out)
	}
}
