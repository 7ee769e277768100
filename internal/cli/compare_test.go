package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// compareOut is what the tests read of a --compare run's JSON report.
type compareOut struct {
	Findings []struct {
		Rule, Fingerprint string
	}
	Comparison struct {
		Before, After          string
		Closed, Remaining, New []struct{ Rule, File, Message string }
		STRIDE                 []struct {
			Category               string
			Status                 string
			Closed, Remaining, New int
		}
		Summary struct{ Closed, Remaining, New int }
	}
}

func compareJSON(t *testing.T, args ...string) (compareOut, string, int) {
	t.Helper()
	out, errOut, code := run(t, "", append([]string{"lint", "--no-config", "--format", "json", "--compare"}, args...)...)
	var j compareOut
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("not JSON (%v):\n%s\nstderr: %s", err, out, errOut)
	}
	return j, errOut, code
}

// writeTree writes content to path, making its directory.
func writeTree(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, content)
}

func compared(fs []struct{ Rule, File, Message string }) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule)
	}
	slices.Sort(out)
	return out
}

const (
	oldDockerfile = "FROM alpine:3.22\nENV DB_PASSWORD=hunter2hunter2\nHEALTHCHECK NONE\nCMD echo a\n"
	// The secret and the shell form fixed, lines moved; the root user stays.
	fixedDockerfile = "# the service\nFROM alpine:3.22\n\nHEALTHCHECK NONE\nCMD [\"echo\", \"a\"]\n"
)

// Two directories: what the change closed, what remains (though it moved)
// and what it added, and an exit code that fails on the new only.
func TestCompareDirectories(t *testing.T) {
	dir := t.TempDir()
	oldDir, newDir := filepath.Join(dir, "insecure"), filepath.Join(dir, "hardened")
	writeTree(t, filepath.Join(oldDir, "Dockerfile"), oldDockerfile)
	writeTree(t, filepath.Join(newDir, "Dockerfile"), fixedDockerfile)
	j, errOut, code := compareJSON(t, oldDir, newDir)
	if code != ExitOK {
		t.Errorf("exit %d (stderr %s), want 0: nothing new", code, errOut)
	}
	c := j.Comparison
	if got := compared(c.Closed); !slices.Equal(got, []string{"DKS5001", "DKS6001"}) {
		t.Errorf("closed %v", got)
	}
	if got := compared(c.Remaining); !slices.Equal(got, []string{"DKS4001"}) || len(c.New) != 0 {
		t.Errorf("remaining %v, new %v", got, compared(c.New))
	}
	if c.Before != oldDir || c.After != newDir || c.Summary.Closed != 2 || c.Summary.Remaining != 1 {
		t.Errorf("labels %q %q, summary %+v", c.Before, c.After, c.Summary)
	}
	status := map[string]string{}
	for _, s := range c.STRIDE {
		status[s.Category] = s.Status
	}
	if status["Spoofing"] != "closed" || status["Elevation of Privilege"] != "reduced" {
		t.Errorf("STRIDE statuses %v", status)
	}
	if len(j.Findings) != 1 || j.Findings[0].Fingerprint == "" {
		t.Errorf("the after run's findings %+v, want the root finding with its fingerprint", j.Findings)
	}

	// A new warning fails the run; the text names it under New.
	writeTree(t, filepath.Join(newDir, "Dockerfile"), fixedDockerfile+"EXPOSE 22\n")
	out, _, code := run(t, "", "lint", "--no-config", "--compare", oldDir, newDir)
	if code != ExitFindings || !strings.Contains(out, "New:\n  "+filepath.Join(newDir, "Dockerfile")+":6 WARNING DKS6004") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if !strings.Contains(out, "2 closed, 1 remaining, 1 new") {
		t.Errorf("summary line:\n%s", out)
	}
	// …unless the fail level is above it.
	if _, _, code := run(t, "", "lint", "--no-config", "--fail-level", "error", "--compare", oldDir, newDir); code != ExitOK {
		t.Errorf("--fail-level error: exit %d", code)
	}
}

// The before side from an earlier run's file: a baseline, or a
// --format json report, matched by the fingerprints they carry.
func TestCompareWithEarlierRun(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "svc", "Dockerfile")
	writeTree(t, df, oldDockerfile)
	baseline := filepath.Join(dir, "baseline.json")
	if _, errOut, code := run(t, "", "lint", "--no-config", "--write-baseline", baseline, filepath.Join(dir, "svc")); code != ExitOK {
		t.Fatalf("--write-baseline: exit %d %s", code, errOut)
	}
	report, _, _ := run(t, "", "lint", "--no-config", "--format", "json", filepath.Join(dir, "svc"))
	reportFile := filepath.Join(dir, "old.json")
	writeTree(t, reportFile, report)

	writeTree(t, df, fixedDockerfile+"ENV API_TOKEN=abcd1234efgh5678\n")
	for _, before := range []string{baseline, reportFile} {
		j, _, code := compareJSON(t, "--baseline", before, filepath.Join(dir, "svc"))
		c := j.Comparison
		if code != ExitFindings || c.Before != before {
			t.Errorf("%s: exit %d, before %q", before, code, c.Before)
		}
		if got := compared(c.Closed); !slices.Equal(got, []string{"DKS5001", "DKS6001"}) {
			t.Errorf("%s: closed %v", before, got)
		}
		if got := compared(c.New); !slices.Equal(got, []string{"DKS5001"}) || !strings.Contains(c.New[0].Message, "API_TOKEN") {
			t.Errorf("%s: new %v", before, c.New)
		}
		if got := compared(c.Remaining); !slices.Equal(got, []string{"DKS4001"}) {
			t.Errorf("%s: remaining %v", before, got)
		}
	}
}

// Two image references: two builds differ in name and layers, and are
// compared by what they hold.
func TestCompareImages(t *testing.T) {
	host := imagetest.Registry(t, nil)
	env := imagetest.File("app/.env", "DB_PASSWORD=hunter2hunter2\n")
	insecure := imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, env))}, func(cf *v1.ConfigFile) {
		cf.Config.Env = []string{"API_TOKEN=abcd1234efgh5678"}
		cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"NONE"}}
	})
	main := imagetest.File("app/main.py", "print(1)\n")
	hardened := imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, main, env))}, func(cf *v1.ConfigFile) {
		cf.Config.User = "10001"
		cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"NONE"}}
	})
	imagetest.Push(t, host+"/app:1", insecure)
	imagetest.Push(t, host+"/app:2", hardened)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	j, errOut, code := compareJSON(t, host+"/app:1", host+"/app:2")
	c := j.Comparison
	if got := compared(c.Closed); !slices.Equal(got, []string{"DKS4001", "DKS5001"}) {
		t.Errorf("closed %v (stderr %s)", got, errOut)
	}
	if got := compared(c.Remaining); !slices.Equal(got, []string{"DKS5003"}) || len(c.New) != 0 || code != ExitOK {
		t.Errorf("remaining %v new %v exit %d: the .env in both builds is the same finding", got, compared(c.New), code)
	}
}

func TestCompareUsage(t *testing.T) {
	for _, args := range [][]string{
		{"lint", "--compare", "a"},
		{"lint", "--compare", "a", "b", "c"},
		{"lint", "--compare", "--baseline", "x.json", "a", "b"},
		{"lint", "--compare", "--write-baseline", "x.json", "a", "b"},
	} {
		if _, errOut, code := run(t, "", args...); code != ExitError || !strings.Contains(errOut, "--compare") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	writeTree(t, bad, `{"schema": 1, "findings": [{"rule": "DKS4001"}]}`)
	if _, errOut, code := run(t, "", "lint", "--compare", "--baseline", bad, t.TempDir()); code != ExitError || !strings.Contains(errOut, "no fingerprint") {
		t.Errorf("report without fingerprints: exit %d, stderr %q", code, errOut)
	}
}
