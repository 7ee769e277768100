package report_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/rules"
)

func TestFindSourceRoot(t *testing.T) {
	repo := t.TempDir()
	for _, d := range []string{".git", "svc/api", "vendored/mod"} {
		if err := os.MkdirAll(filepath.Join(repo, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	// A submodule or worktree has a .git file.
	if err := os.WriteFile(filepath.Join(repo, "vendored", "mod", ".git"), []byte("gitdir: ../../.git/modules/mod\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	df := filepath.Join(repo, "svc", "api", "Dockerfile")
	if err := os.WriteFile(df, []byte("FROM scratch\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		inputs []string
		wd     string
		want   string
	}{
		{[]string{"api/Dockerfile"}, filepath.Join(repo, "svc"), repo},
		{[]string{"alpine:3.20", df}, "/", repo},
		{[]string{"mod"}, filepath.Join(repo, "vendored"), filepath.Join(repo, "vendored", "mod")},
		{[]string{"alpine:3.20"}, filepath.Join(repo, "svc"), repo},
		{[]string{"-"}, t.TempDir(), ""},
	} {
		if got := report.FindSourceRoot(c.inputs, c.wd); got != c.want {
			t.Errorf("%v from %s: %q, want %q", c.inputs, c.wd, got, c.want)
		}
	}
}

// From a subdirectory, SARIF paths are relative to the repository root
// that %SRCROOT% names; files outside it are absolute file: URIs.
func TestSARIFSourceRoot(t *testing.T) {
	root := filepath.FromSlash("/work/repo")
	fd := func(file string) rules.Finding {
		return rules.Finding{Rule: rules.RunsAsRoot, Severity: rules.Warning, Message: "m",
			Location: rules.Location{Target: rules.TargetDockerfile, File: file, Line: 2}}
	}
	rep := &report.Report{Findings: []rules.Finding{fd("api/Dockerfile"), fd("../web/Dockerfile"), fd("/elsewhere/Dockerfile")},
		Problems: []lint.Problem{{File: "broken/Dockerfile", Line: 1, Message: "bad"}, {File: "registry.local:5000/app:1", Message: "unreachable"}}}
	m := testMeta()
	m.SourceRoot, m.WorkDir = root, filepath.Join(root, "svc")
	var buf bytes.Buffer
	if err := report.SARIF(&buf, rep, m); err != nil {
		t.Fatal(err)
	}
	checkSARIF(t, buf.Bytes())
	var log struct {
		Runs []struct {
			OriginalURIBaseIDs map[string]struct{ URI string } `json:"originalUriBaseIds"`
			Invocations        []struct {
				ExecutionSuccessful        bool `json:"executionSuccessful"`
				ToolExecutionNotifications []struct {
					Locations []struct {
						PhysicalLocation struct {
							ArtifactLocation struct{ URI, URIBaseID string } `json:"artifactLocation"`
						} `json:"physicalLocation"`
					} `json:"locations"`
				} `json:"toolExecutionNotifications"`
			} `json:"invocations"`
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if got := run.OriginalURIBaseIDs["%SRCROOT%"].URI; got != "file:///work/repo/" {
		t.Errorf("%%SRCROOT%% = %q", got)
	}
	var uris []string
	for _, r := range run.Results {
		a := r.Locations[0].PhysicalLocation.ArtifactLocation
		uris = append(uris, a.URIBaseID+" "+a.URI)
	}
	want := []string{"%SRCROOT% svc/api/Dockerfile", "%SRCROOT% web/Dockerfile", " file:///elsewhere/Dockerfile"}
	if len(uris) != 3 || uris[0] != want[0] || uris[1] != want[1] || uris[2] != want[2] {
		t.Errorf("result URIs %q, want %q", uris, want)
	}
	inv := run.Invocations[0]
	if inv.ExecutionSuccessful || len(inv.ToolExecutionNotifications) != 2 {
		t.Fatalf("an input failed: executionSuccessful %v, %d notifications", inv.ExecutionSuccessful, len(inv.ToolExecutionNotifications))
	}
	if got := inv.ToolExecutionNotifications[0].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "svc/broken/Dockerfile" {
		t.Errorf("notification URI %q", got)
	}
	if got := inv.ToolExecutionNotifications[1].Locations[0].PhysicalLocation.ArtifactLocation.URI; got != "registry.local%3A5000/app%3A1" {
		t.Errorf("an image reference in a notification: %q", got)
	}

	buf.Reset()
	rep.Problems = nil
	if err := report.SARIF(&buf, rep, m); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(buf.Bytes(), []byte(`"executionSuccessful": true`)) {
		t.Error("a run with no problem must be successful")
	}
}
