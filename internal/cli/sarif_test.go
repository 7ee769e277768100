package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/report/reporttest"
)

// SARIF written from a subdirectory of a repository points code scanning
// at repository-root paths: the golden holds the whole log, with the
// temporary repository's path and the clock replaced.
func TestSARIFFromSubdirectoryGolden(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	dir := repo(t, map[string]string{
		"services/api/Dockerfile":     "FROM alpine:3.20\nUSER root\nHEALTHCHECK CMD [\"true\"]\n",
		"services/api/bad/Dockerfile": "FROM alpine:3.20\nFORM x\n",
	})
	out, errOut, code := runIn(t, filepath.Join(dir, "services"), nil, day, "lint", "--format", "sarif", "--only", "DKS4001", "api")
	if code != ExitError {
		t.Fatalf("exit %d, want 2 (one input does not parse): %s", code, errOut)
	}
	t.Chdir(filepath.Join(wd, "..", ".."))
	if err := reporttest.ValidateSARIF(t, []byte(out)); err != nil {
		t.Errorf("SARIF does not validate: %v", err)
	}
	norm := strings.ReplaceAll(placeLocations(t, out), "file://"+filepath.ToSlash(dir)+"/", "file:///REPO/")
	norm = regexp.MustCompile(`"startTimeUtc": "[^"]+"`).ReplaceAllString(norm, `"startTimeUtc": "TIME"`)
	golden(t, "sarif-subdir", norm)
	for _, want := range []string{`"uri": "services/api/Dockerfile"`, `"uri": "services/api/bad/Dockerfile"`, `"executionSuccessful": false`, `"uri": "file:///REPO/"`} {
		if !strings.Contains(norm, want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}

	// Run from the root, the same results carry the same fingerprints.
	fromRoot, _, _ := runIn(t, dir, nil, day, "lint", "--format", "sarif", "--only", "DKS4001", "services/api")
	fps := regexp.MustCompile(`"dockstride/v1": "[^"]+"`)
	if a, b := fps.FindAllString(out, -1), fps.FindAllString(fromRoot, -1); len(a) != 2 || strings.Join(a, ",") != strings.Join(b, ",") {
		t.Errorf("fingerprints depend on the working directory: %v from services/, %v from the root", a, b)
	}

	// --sarif-root overrides the detected root.
	out, _, _ = runIn(t, filepath.Join(dir, "services"), nil, day, "lint", "--format", "sarif", "--only", "DKS4001", "--sarif-root", ".", "api/Dockerfile")
	if !strings.Contains(out, `"uri": "api/Dockerfile"`) || !strings.Contains(out, `"uri": "file://`+filepath.ToSlash(dir)+`/services/"`) {
		t.Errorf("--sarif-root .:\n%s", out)
	}
	if _, errOut, code := runIn(t, dir, nil, day, "lint", "--format", "sarif", "--sarif-root", "services/api/Dockerfile", "services/api/Dockerfile"); code != ExitError || !strings.Contains(errOut, "not a directory") {
		t.Errorf("--sarif-root FILE: exit %d, %s", code, errOut)
	}
}

// Shell completion offers rule IDs and names for explain and the
// severity flags, and trivy's severities for --severity.
func TestCompletions(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"__complete", "explain", "DKS40"}, "DKS4001\trunns-as-root"},
		{[]string{"__complete", "lint", "--error", ""}, "runs-as-root\t"},
		{[]string{"__complete", "image", "--severity", ""}, "CRITICAL"},
		{[]string{"__complete", "lint", "--fail-level", ""}, "none"},
	} {
		out, _, _ := run(t, "", c.args...)
		want := strings.Replace(c.want, "runns", "runs", 1)
		if !strings.Contains(out, want) {
			t.Errorf("%v: completions lack %q:\n%s", c.args, want, out)
		}
	}
}

// Man pages keep a literal * in globs: cobra's generator reads help as
// Markdown, where *.Dockerfile, *.dockerfile would be emphasis.
func TestManPagesKeepGlobs(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := run(t, "", "man", dir); code != 0 {
		t.Fatalf("man: exit %d %s", code, errOut)
	}
	src, err := os.ReadFile(filepath.Join(dir, "dockstride-lint.1"))
	if err != nil {
		t.Fatal(err)
	}
	page := strings.Join(strings.Fields(string(src)), " ") // the help's line breaks move
	for _, want := range []string{`Dockerfile.*, *\&.Dockerfile, *\&.dockerfile`, `Containerfile.*`} {
		if !strings.Contains(page, want) {
			t.Errorf("dockstride-lint.1 lacks %q", want)
		}
	}
	if strings.Contains(page, `\fI`) {
		t.Errorf("dockstride-lint.1 has emphasis where help has none:\n%s", page)
	}
}

// placeLocations keeps what places results (locations, base URIs,
// invocations) and drops the rule catalogue, whose help texts other tests
// hold.
func placeLocations(t *testing.T, sarif string) string {
	t.Helper()
	var log struct {
		Runs []map[string]any `json:"runs"`
	}
	decodeJSON(t, sarif, &log)
	run := log.Runs[0]
	for _, k := range []string{"tool", "taxonomies"} {
		delete(run, k)
	}
	for _, r := range run["results"].([]any) {
		delete(r.(map[string]any), "ruleIndex")
	}
	b, err := json.MarshalIndent(run, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b) + "\n"
}
