package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// peerDockerfile fires runs-as-root (DL3002, warning), shell-form-command
// (DL3025, warning), healthcheck-missing (DL3057, info), and, when asked,
// untrusted-registry (DL3026) and the label rules (DL3049, DL3050).
const peerDockerfile = "FROM quay.io/acme/base:1.0\nLABEL team=core\nUSER root\nCMD echo hi\n"

type finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
}

func findingsOf(t *testing.T, out string) []finding {
	t.Helper()
	var j struct{ Findings []finding }
	decodeJSON(t, out, &j)
	return j.Findings
}

func severityOf(fs []finding, rule string) string {
	for _, f := range fs {
		if f.Rule == rule {
			return f.Severity
		}
	}
	return ""
}

func hasRule(fs []finding, rule string) bool { return severityOf(fs, rule) != "" }

// lintDockerfile lints dir's Dockerfile with args, as JSON; exit 2 fails
// the test.
func lintDockerfile(t *testing.T, dir string, args ...string) ([]finding, int) {
	t.Helper()
	out, errOut, code := runIn(t, dir, nil, day, append([]string{"lint", "--format", "json"}, append(args, "Dockerfile")...)...)
	if code == ExitError {
		t.Fatalf("%v: exit 2: %s", args, errOut)
	}
	return findingsOf(t, out), code
}

// hadolint's flags, each checked against the same run without it, so
// every assertion could fail.
func TestHadolintFlags(t *testing.T) {
	dir := repo(t, map[string]string{"Dockerfile": peerDockerfile})
	lint := func(args ...string) ([]finding, int) { t.Helper(); return lintDockerfile(t, dir, args...) }
	base, code := lint()
	if code != 1 || severityOf(base, "DKS4001") != "warning" || hasRule(base, "DKS2005") || hasRule(base, "DKS1030") {
		t.Fatalf("baseline: exit %d, %v", code, base)
	}
	for _, args := range [][]string{{"-t", "error"}, {"--failure-threshold", "error"}, {"--failure-threshold", "ignore"}, {"--no-fail"}, {"--no-fail", "-t", "info"}} {
		if _, code := lint(args...); code != 0 {
			t.Errorf("%v: exit %d, want 0 (only warnings)", args, code)
		}
	}
	if _, code := lint("-t", "info", "--ignore", "DKS4001,DKS6001"); code != 1 {
		t.Errorf("-t info with an info finding: exit %d, want 1", code)
	}
	fs, _ := lint("--error", "DL3002", "--style", "DL3025", "--warning", "DL3057")
	if severityOf(fs, "DKS4001") != "error" || severityOf(fs, "DKS6001") != "style" || severityOf(fs, "DKS6003") != "warning" {
		t.Errorf("--error/--style/--warning: %v", fs)
	}
	if fs, _ := lint("--trusted-registry", "docker.io"); !hasRule(fs, "DKS2005") {
		t.Errorf("--trusted-registry docker.io: quay.io not reported: %v", fs)
	}
	if fs, _ := lint("--trusted-registry", "quay.io"); hasRule(fs, "DKS2005") {
		t.Errorf("--trusted-registry quay.io: reported: %v", fs)
	}
	if fs, _ := lint("--require-label", "maintainer:text"); !hasRule(fs, "DKS1030") || hasRule(fs, "DKS1031") {
		t.Errorf("--require-label: %v", fs)
	}
	if fs, _ := lint("--require-label", "maintainer:text", "--strict-labels"); !hasRule(fs, "DKS1031") {
		t.Errorf("--strict-labels: team is not in the schema: %v", fs)
	}
	_, errOut, code := runIn(t, dir, nil, day, "lint", "--require-label", "maintainer", "Dockerfile")
	if code != ExitError || !strings.Contains(errOut, "--require-label") {
		t.Errorf("--require-label without a type: exit %d, %s", code, errOut)
	}
}

func TestHadolintDisableIgnorePragma(t *testing.T) {
	dir := repo(t, map[string]string{"Dockerfile": "FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n"})
	out, _, _ := runIn(t, dir, nil, day, "lint", "--format", "json", "Dockerfile")
	if hasRule(findingsOf(t, out), "DKS4001") {
		t.Fatal("the pragma should silence DKS4001")
	}
	out, _, _ = runIn(t, dir, nil, day, "lint", "--format", "json", "--disable-ignore-pragma", "Dockerfile")
	if !hasRule(findingsOf(t, out), "DKS4001") {
		t.Error("--disable-ignore-pragma did not bring DKS4001 back")
	}
}

// HADOLINT_* variables, below DOCKSTRIDE_* ones and flags.
func TestHadolintEnvironment(t *testing.T) {
	dir := repo(t, map[string]string{"Dockerfile": peerDockerfile})
	lint := func(env map[string]string, args ...string) ([]finding, int, string) {
		t.Helper()
		out, errOut, code := runIn(t, dir, env, day, append([]string{"lint", "--format", "json"}, append(args, "Dockerfile")...)...)
		if code == ExitError {
			return nil, code, errOut
		}
		return findingsOf(t, out), code, errOut
	}
	fs, code, _ := lint(map[string]string{"HADOLINT_IGNORE": "DL3002,DL3025", "HADOLINT_OVERRIDE_ERROR": "DL3057"})
	if hasRule(fs, "DKS4001") || hasRule(fs, "DKS6001") || severityOf(fs, "DKS6003") != "error" || code != 1 {
		t.Errorf("HADOLINT_IGNORE / OVERRIDE_ERROR: exit %d, %v", code, fs)
	}
	if _, code, _ := lint(map[string]string{"HADOLINT_FAILURE_THRESHOLD": "error"}); code != 0 {
		t.Errorf("HADOLINT_FAILURE_THRESHOLD=error: exit %d", code)
	}
	if _, code, _ := lint(map[string]string{"HADOLINT_NOFAIL": "yes", "HADOLINT_FAILURE_THRESHOLD": "info"}); code != 0 {
		t.Errorf("HADOLINT_NOFAIL=yes wins over the threshold: exit %d", code)
	}
	if _, code, _ := lint(map[string]string{"HADOLINT_NOFAIL": "false"}); code != 1 {
		t.Errorf("HADOLINT_NOFAIL=false: exit %d", code)
	}
	if _, code, _ := lint(map[string]string{"HADOLINT_FAILURE_THRESHOLD": "error", "DOCKSTRIDE_FAIL_LEVEL": "warning"}); code != 1 {
		t.Errorf("DOCKSTRIDE_FAIL_LEVEL beats HADOLINT_FAILURE_THRESHOLD: exit %d", code)
	}
	if _, code, _ := lint(map[string]string{"HADOLINT_FAILURE_THRESHOLD": "error"}, "--fail-level", "warning"); code != 1 {
		t.Errorf("a flag beats HADOLINT_FAILURE_THRESHOLD: exit %d", code)
	}
	fs, _, _ = lint(map[string]string{"HADOLINT_TRUSTED_REGISTRIES": "docker.io", "HADOLINT_REQUIRE_LABELS": "maintainer:text", "HADOLINT_STRICT_LABELS": "1"})
	if !hasRule(fs, "DKS2005") || !hasRule(fs, "DKS1030") || !hasRule(fs, "DKS1031") {
		t.Errorf("HADOLINT_TRUSTED_REGISTRIES / REQUIRE_LABELS / STRICT_LABELS: %v", fs)
	}
	pragma := repo(t, map[string]string{"Dockerfile": "FROM alpine:3.20\n# hadolint ignore=DL3002\nUSER root\n"})
	out, _, _ := runIn(t, pragma, map[string]string{"HADOLINT_DISABLE_IGNORE_PRAGMA": "on"}, day, "lint", "--format", "json", "Dockerfile")
	if !hasRule(findingsOf(t, out), "DKS4001") {
		t.Error("HADOLINT_DISABLE_IGNORE_PRAGMA=on did not disable the pragma")
	}
	out, _, _ = runIn(t, dir, map[string]string{"HADOLINT_FORMAT": "gitlab_codeclimate"}, day, "lint", "Dockerfile")
	if !strings.HasPrefix(strings.TrimSpace(out), "[") || !strings.Contains(out, `"check_name"`) {
		t.Errorf("HADOLINT_FORMAT=gitlab_codeclimate did not write GitLab Code Quality:\n%s", out)
	}
	if _, code, errOut := lint(map[string]string{"HADOLINT_FORMAT": "sonarqube"}); code != ExitError || !strings.Contains(errOut, "HADOLINT_FORMAT") {
		t.Errorf("HADOLINT_FORMAT=sonarqube: exit %d, %s", code, errOut)
	}
	_, errOut, _ := runIn(t, dir, map[string]string{"HADOLINT_VERBOSE": "1"}, day, "lint", "Dockerfile")
	if !strings.Contains(errOut, "no configuration file") {
		t.Errorf("HADOLINT_VERBOSE=1 did not turn on --verbose: %q", errOut)
	}
	_, errOut, _ = runIn(t, dir, map[string]string{"HADOLINT_VERBOSE": "1"}, day, "lint", "-q", "Dockerfile")
	if errOut != "" {
		t.Errorf("-q still printed notes: %q", errOut)
	}
}

// The user's own hadolint.yaml, found where hadolint finds it, applies
// when no configuration is nearer.
func TestGlobalHadolintConfig(t *testing.T) {
	home := t.TempDir()
	xdg := filepath.Join(home, "xdg")
	write := func(p, s string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := repo(t, map[string]string{"Dockerfile": peerDockerfile})
	ignored := func(env map[string]string, args ...string) bool {
		t.Helper()
		out, errOut, code := runIn(t, dir, env, day, append([]string{"lint", "--format", "json"}, append(args, "Dockerfile")...)...)
		if code == ExitError {
			t.Fatalf("exit 2: %s", errOut)
		}
		return !hasRule(findingsOf(t, out), "DKS4001")
	}
	env := map[string]string{"HOME": home, "XDG_CONFIG_HOME": xdg}
	if ignored(env) {
		t.Fatal("DKS4001 ignored with no configuration anywhere")
	}
	write(filepath.Join(home, ".hadolint.yaml"), "ignored: [DL3002]\n")
	if !ignored(env) {
		t.Error("~/.hadolint.yaml not read")
	}
	write(filepath.Join(home, ".hadolint", "config.yaml"), "ignored: [DL3025]\n")
	if ignored(env) {
		t.Error("~/.hadolint/config.yaml should win over ~/.hadolint.yaml")
	}
	write(filepath.Join(xdg, "hadolint.yaml"), "ignored: [DL3002]\n")
	if !ignored(env) {
		t.Error("$XDG_CONFIG_HOME/hadolint.yaml not read first")
	}
	if ignored(map[string]string{"HOME": home}) {
		t.Error("without XDG_CONFIG_HOME, ~/.config/hadolint.yaml (absent) and then ~/.hadolint/config.yaml apply")
	}
	write(filepath.Join(home, ".config", "hadolint.yml"), "ignored: [DL3002]\n")
	if !ignored(map[string]string{"HOME": home, "XDG_CONFIG_HOME": "relative/dir"}) {
		t.Error("a relative XDG_CONFIG_HOME is ignored, as the XDG specification says: ~/.config applies")
	}
	if ignored(env, "--no-config") {
		t.Error("--no-config still read the global file")
	}
	write(filepath.Join(dir, ".hadolint.yaml"), "ignored: [DL3057]\n")
	if ignored(env) {
		t.Error("the repository's .hadolint.yaml must win over the global one")
	}
}

// .hadolint.yaml's format and no-color keys.
func TestHadolintFileFormatAndColour(t *testing.T) {
	dir := repo(t, map[string]string{".hadolint.yaml": "format: tty\nno-color: true\n", "Dockerfile": peerDockerfile})
	out, _, _ := runTerminal(t, dir, "lint", "Dockerfile")
	if strings.Contains(out, "\x1b[") || !strings.Contains(out, "DKS4001") {
		t.Errorf("no-color: true and format: tty:\n%s", out)
	}
	if err := os.WriteFile(filepath.Join(dir, ".hadolint.yaml"), []byte("format: checkstyle\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ = runTerminal(t, dir, "lint", "Dockerfile")
	if !strings.Contains(out, "<checkstyle") {
		t.Errorf("format: checkstyle:\n%s", out)
	}
	out, _, _ = runTerminal(t, dir, "lint", "--format", "tty", "Dockerfile")
	if !strings.Contains(out, "\x1b[") {
		t.Errorf("--format tty on a terminal without no-color should be coloured:\n%s", out)
	}
}

// trivy's --exit-code, --severity and -o.
func TestTrivyOutputFlags(t *testing.T) {
	dir := repo(t, map[string]string{"Dockerfile": peerDockerfile + "ARG PASSWORD=hunter2hunter2\n"})
	lint := func(args ...string) ([]finding, int) { t.Helper(); return lintDockerfile(t, dir, args...) }
	all, code := lint()
	if code != 1 || severityOf(all, "DKS5001") != "error" || !hasRule(all, "DKS6003") {
		t.Fatalf("baseline: exit %d %v", code, all)
	}
	if _, code := lint("--exit-code", "7"); code != 7 {
		t.Errorf("--exit-code 7: exit %d", code)
	}
	if _, code := lint("--exit-code", "0"); code != 0 {
		t.Errorf("--exit-code 0: exit %d", code)
	}
	high, code := lint("--severity", "HIGH,CRITICAL")
	for _, f := range high {
		if f.Severity != "error" {
			t.Errorf("--severity HIGH,CRITICAL kept a %s finding", f.Severity)
		}
	}
	if !hasRule(high, "DKS5001") || code != 1 {
		t.Errorf("--severity HIGH,CRITICAL: exit %d, %v", code, high)
	}
	if low, code := lint("--severity", "low", "--fail-level", "warning"); code != 0 || !hasRule(low, "DKS6003") || hasRule(low, "DKS4001") {
		t.Errorf("--severity low: only info findings, which do not fail at warning: exit %d %v", code, low)
	}
	if _, errOut, code := runIn(t, dir, nil, day, "lint", "--severity", "SEVERE", "Dockerfile"); code != ExitError || !strings.Contains(errOut, "--severity") {
		t.Errorf("--severity SEVERE: exit %d, %s", code, errOut)
	}
	out, _, code := runIn(t, dir, nil, day, "lint", "--format", "json", "-o", "report.json", "Dockerfile")
	src, err := os.ReadFile(filepath.Join(dir, "report.json"))
	if err != nil || out != "" || code != 1 || len(findingsOf(t, string(src))) != len(all) {
		t.Errorf("-o report.json: exit %d, stdout %q, err %v", code, out, err)
	}
	if _, errOut, code := runIn(t, dir, nil, day, "lint", "--format", "json=a.json", "-o", "b.json", "Dockerfile"); code != ExitError || !strings.Contains(errOut, "already goes to a file") {
		t.Errorf("-o with no stdout format: exit %d, %s", code, errOut)
	}
}

// .trivyignore in the working directory, and --ignorefile, with the IDs in
// every form trivy writes them and expiry dates.
func TestTrivyIgnoreFile(t *testing.T) {
	dir := repo(t, map[string]string{
		"Dockerfile": peerDockerfile,
		".trivyignore": "# accepted risks\nAVD-DS-0002\nDS026 exp:2027-04-01\n" +
			"CVE-2019-14697\nDL3025 exp:2027-03-31\n",
		"other.trivyignore": "DS-0002 exp:bogus\nDS-0026\n",
	})
	lint := func(args ...string) []finding {
		t.Helper()
		out, errOut, code := runIn(t, dir, nil, day, append([]string{"lint", "--format", "json", "-v"}, append(args, "Dockerfile")...)...)
		if code == ExitError {
			t.Fatalf("exit 2: %s", errOut)
		}
		return findingsOf(t, out)
	}
	fs := lint()
	if hasRule(fs, "DKS4001") || hasRule(fs, "DKS6003") {
		t.Errorf(".trivyignore: AVD-DS-0002 and DS026 (until 2027-04-01) should be ignored: %v", fs)
	}
	if !hasRule(fs, "DKS6001") {
		t.Error("DL3025 exp:2027-03-31 is expired on 2027-03-31 (trivy: from 00:00 UTC) and must not apply")
	}
	fs = lint("--ignorefile", "other.trivyignore")
	if !hasRule(fs, "DKS4001") || hasRule(fs, "DKS6003") {
		t.Errorf("--ignorefile: the line with a bad date is skipped, DS-0026 applies: %v", fs)
	}
	if fs := lint("--no-config"); !hasRule(fs, "DKS4001") {
		t.Error("--no-config should not read ./.trivyignore")
	}
	_, errOut, _ := runIn(t, dir, nil, day, "lint", "-v", "Dockerfile")
	for _, want := range []string{"trivy ignore file", "no dockstride rule for CVE-2019-14697", "DL3025 expired on 2027-03-31"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("--verbose lacks %q:\n%s", want, errOut)
		}
	}
	if _, errOut, code := runIn(t, dir, nil, day, "lint", "--ignorefile", "missing", "Dockerfile"); code != ExitError || !strings.Contains(errOut, "--ignorefile") {
		t.Errorf("missing --ignorefile: exit %d, %s", code, errOut)
	}
}

// .trivyignore.yaml entries limited to some paths.
func TestTrivyIgnoreYAMLPaths(t *testing.T) {
	dir := repo(t, map[string]string{
		"api/Dockerfile": peerDockerfile,
		"web/Dockerfile": peerDockerfile,
		"ignore.yaml":    "misconfigurations:\n  - id: AVD-DS-0002\n    paths: [\"api/**\"]\n    statement: vendor image\n  - id: DS-0026\n    expired_at: 2027-01-01\n",
	})
	out, errOut, code := runIn(t, dir, nil, day, "lint", "--format", "json", "--ignorefile", "ignore.yaml", ".")
	if code == ExitError {
		t.Fatalf("exit 2: %s", errOut)
	}
	var j struct {
		Findings []struct{ Rule, File string }
	}
	decodeJSON(t, out, &j)
	var root []string
	for _, f := range j.Findings {
		if f.Rule == "DKS4001" {
			root = append(root, f.File)
		}
	}
	if !slices.Equal(root, []string{"web/Dockerfile"}) {
		t.Errorf("DKS4001 reported in %v, want web/Dockerfile only", root)
	}
	if !slices.ContainsFunc(j.Findings, func(f struct{ Rule, File string }) bool { return f.Rule == "DKS6003" }) {
		t.Error("the expired DS-0026 entry still applies")
	}
}

// trivy's --skip-dirs and --skip-files leave walked paths out.
func TestTrivySkipDirsAndFiles(t *testing.T) {
	dir := repo(t, map[string]string{
		"Dockerfile":              peerDockerfile,
		"testdata/Dockerfile":     peerDockerfile,
		"svc/api/Dockerfile":      peerDockerfile,
		"svc/api/Dockerfile.test": peerDockerfile,
	})
	files := func(args ...string) []string {
		t.Helper()
		out, errOut, code := runIn(t, dir, nil, day, append([]string{"lint", "--format", "json"}, args...)...)
		if code == ExitError {
			t.Fatalf("exit 2: %s", errOut)
		}
		var j struct{ Findings []struct{ File string } }
		decodeJSON(t, out, &j)
		var fs []string
		for _, f := range j.Findings {
			if !slices.Contains(fs, f.File) {
				fs = append(fs, f.File)
			}
		}
		slices.Sort(fs)
		return fs
	}
	if got := files("."); len(got) != 4 {
		t.Fatalf("baseline: %v", got)
	}
	if got := files("--skip-dirs", "testdata", "--skip-files", "**/*.test", "."); !slices.Equal(got, []string{"Dockerfile", "svc/api/Dockerfile"}) {
		t.Errorf("--skip-dirs testdata --skip-files **/*.test: %v", got)
	}
	if got := files("--skip-dirs", "./svc/*", "--allow-empty", "svc"); !slices.Equal(got, []string(nil)) {
		t.Errorf("--skip-dirs ./svc/* relative to the walked folder: %v", got)
	}
	if got := files("--skip-files", "Dockerfile", "Dockerfile"); !slices.Equal(got, []string{"Dockerfile"}) {
		t.Errorf("a file named on the command line is never skipped: %v", got)
	}
}

func decodeJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("bad JSON: %v\n%s", err, s)
	}
}

// runTerminal runs the CLI in dir as on a terminal, with no environment.
func runTerminal(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	t.Chdir(dir)
	var out, errb bytes.Buffer
	sys := IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" }, IsTerminal: func(io.Writer) bool { return true }}
	code = Execute(context.Background(), args, sys)
	return out.String(), errb.String(), code
}
