package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// run executes the CLI in-process from the repository root.
func run(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	sys := IO{
		In: strings.NewReader(stdin), Out: &out, Err: &errb,
		Getenv:     func(string) string { return "" },
		IsTerminal: func(io.Writer) bool { return false },
	}
	code = Execute(context.Background(), args, sys)
	return out.String(), errb.String(), code
}

// chdirRoot makes paths in goldens relative to the repository root.
func chdirRoot(t *testing.T) {
	t.Helper()
	t.Chdir(filepath.Join("..", ".."))
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("internal", "cli", "testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/cli -update)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs from golden (run go test ./internal/cli -update to accept):\n--- want\n%s\n--- got\n%s", name, want, got)
	}
}

func TestLintGolden(t *testing.T) {
	chdirRoot(t)
	cases := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"insecure-text", "", []string{"lint", "testdata/examples/insecure.Dockerfile"}, 1},
		{"hardened-text", "", []string{"lint", "testdata/examples/hardened.Dockerfile"}, 0},
		{"insecure-json", "", []string{"lint", "--format", "json", "testdata/examples/insecure.Dockerfile"}, 1},
		{"fail-level-none", "", []string{"lint", "--fail-level", "none", "testdata/examples/insecure.Dockerfile"}, 0},
		{"stdin", "FROM alpine\nUSER root\n", []string{"lint", "-", "--stdin-filename", "api/Dockerfile"}, 1},
		{"bad-and-good", "", []string{"lint", "testdata/cli/unparsable.Dockerfile", "testdata/examples/hardened.Dockerfile", "testdata/cli/missing.Dockerfile"}, 2},
		{"bad-format", "", []string{"lint", "--format", "yaml"}, 2},
		{"bad-ignore", "", []string{"lint", "--ignore", "DL0000", "testdata/examples/hardened.Dockerfile"}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, errOut, code := run(t, c.stdin, c.args...)
			if code != c.code {
				t.Errorf("exit code %d, want %d\nstderr: %s", code, c.code, errOut)
			}
			golden(t, c.name, "-- stdout --\n"+ruleList(t, out)+"-- stderr --\n"+errOut)
		})
	}
}

// jsonRules is the "rules" member of a JSON report.
var jsonRules = regexp.MustCompile(`(?s)\n  "rules": \[\n.*?\n  \],\n`)

// ruleList stands one placeholder for the list of rules that ran in a
// JSON report, so that a rule added does not change every golden; it
// checks the list itself: sorted, and naming every finding's rule.
func ruleList(t *testing.T, out string) string {
	t.Helper()
	m := jsonRules.FindString(out)
	if m == "" {
		return out
	}
	var rep struct {
		Findings []struct{ Rule string }
		Rules    []string
	}
	decodeJSON(t, out, &rep)
	if len(rep.Rules) == 0 || !slices.IsSorted(rep.Rules) {
		t.Errorf("rules that ran: %v, want a sorted list", rep.Rules)
	}
	for _, f := range rep.Findings {
		if !slices.Contains(rep.Rules, f.Rule) {
			t.Errorf("%s reported, not among the rules that ran", f.Rule)
		}
	}
	return strings.Replace(out, m, "\n  \"rules\": [\"(the rules that ran)\"],\n", 1)
}

// The foundation's acceptance check: each threat-table problem of the
// insecure sample is reported at its line with full threat metadata.
func TestInsecureSampleJSON(t *testing.T) {
	chdirRoot(t)
	out, _, code := run(t, "", "lint", "--format", "json", "testdata/examples/insecure.Dockerfile")
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	var rep struct {
		Schema   int `json:"schema"`
		Findings []struct {
			Rule, Name, Severity, Target string
			Line                         int
			Aliases, CWE, STRIDE         []string
			CIS                          []string `json:"cis"`
			Attack                       []string `json:"attack"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := map[string]int{
		"runs-as-root": 2, "base-image-latest": 2, "healthcheck-missing": 2, "secret-in-arg-env": 3,
		"package-update-alone": 6, "package-upgrade": 7, "remote-script-piped-to-shell": 8, "sudo-in-run": 9,
		"remote-download-unverified": 10, "add-instead-of-copy": 11, "world-writable-permissions": 12,
		"setuid-setgid-file": 12, "docker-socket-volume": 13, "remote-admin-port-exposed": 14,
		"expose-port-out-of-range": 14, "shell-form-command": 16, "binds-all-interfaces": 16,
	}
	seen := map[string]bool{}
	for _, f := range rep.Findings {
		if line, ok := want[f.Name]; ok && line == f.Line {
			seen[f.Name] = true
		}
		if f.Rule == "" || f.Severity == "" || f.Target != "dockerfile" || f.Aliases == nil || len(f.CWE) == 0 || len(f.STRIDE) == 0 || f.CIS == nil || f.Attack == nil {
			t.Errorf("%s at line %d lacks metadata: %+v", f.Name, f.Line, f)
		}
	}
	for name, line := range want {
		if !seen[name] {
			t.Errorf("%s not reported at line %d", name, line)
		}
	}
	if rep.Schema != 1 {
		t.Errorf("schema = %d", rep.Schema)
	}
	// The secret's value must never be printed.
	if strings.Contains(out, "SuperSecret123") {
		t.Error("the secret value leaked into the output")
	}
}

func TestHardenedSampleHasNothingAtWarning(t *testing.T) {
	chdirRoot(t)
	out, _, code := run(t, "", "lint", "--format", "json", "--fail-level", "warning", "testdata/examples/hardened.Dockerfile")
	if code != 0 {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestVersionAndHelp(t *testing.T) {
	out, _, code := run(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "dockstride dev") {
		t.Errorf("version: %d %q", code, out)
	}
	out, _, code = run(t, "", "lint", "--help")
	if code != 0 || !strings.Contains(out, "--fail-level") || !strings.Contains(out, "Containerfile") {
		t.Errorf("lint --help: %d\n%s", code, out)
	}
	_, errOut, code := run(t, "", "lint", "--no-such-flag")
	if code != 2 || !strings.Contains(errOut, "unknown flag") {
		t.Errorf("unknown flag: %d %q", code, errOut)
	}
}

func TestColor(t *testing.T) {
	g := &globals{io: IO{Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return true }}}
	if !g.useColor(io.Discard) {
		t.Error("terminal without NO_COLOR should be coloured")
	}
	g.io.Getenv = func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}
	if g.useColor(io.Discard) {
		t.Error("NO_COLOR must disable colour")
	}
	g.io.Getenv = func(string) string { return "" }
	g.noColor = true
	if g.useColor(io.Discard) {
		t.Error("--no-color must disable colour")
	}
}
