package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// baseHistoryImage writes an application image whose base (history
// entries 0-2, up to its CMD) installs an unpinned npm package and whose
// own step installs an unpinned pip package; its config is otherwise clean.
func baseHistoryImage(t *testing.T) string {
	t.Helper()
	img := imagetest.Image(t, nil, func(cf *v1.ConfigFile) {
		cf.Config.User = "10001:10001"
		cf.Config.Entrypoint = []string{"/app/server"}
		cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"CMD", "/app/server", "healthcheck"}}
		cf.History = []v1.History{
			{CreatedBy: "/bin/sh -c #(nop) ADD file:x in / "},
			{CreatedBy: "/bin/sh -c npm install -g express && npm cache clean --force"},
			{CreatedBy: `/bin/sh -c #(nop)  CMD ["python3"]`, EmptyLayer: true},
			{CreatedBy: "RUN /bin/sh -c pip install --no-cache-dir requests # buildkit"},
			{CreatedBy: "USER 10001:10001", EmptyLayer: true},
			{CreatedBy: `ENTRYPOINT ["/app/server"]`, EmptyLayer: true},
		}
	})
	path := filepath.Join(t.TempDir(), "app.tar")
	imagetest.WriteTarball(t, path, "example.com/app:1", img)
	return path
}

// Base-image history findings are info by default (and so do not fail the
// default fail level), keep their severity with keep, and are left out with
// skip; the image's own findings keep theirs. --ignore DL3013 drops the
// image's own (pip) finding so the exit code shows what the base's does.
func TestImageBaseHistory(t *testing.T) {
	path := baseHistoryImage(t)
	dir := t.TempDir()
	keepFile := filepath.Join(dir, "keep.yaml")
	severityFile := filepath.Join(dir, "severity.yaml")
	writeFile(t, keepFile, "image:\n  base-history: keep\n")
	writeFile(t, severityFile, "severity: {DL3016: error}\n")
	const (
		base = "DKS3003 history 1 (RUN, base image): npm install"
		own  = "DKS3003 history 3 (RUN): pip install"
	)
	cases := []struct {
		args []string
		want []string // "SEVERITY finding", sorted
		code int      // exit code with --ignore DL3013
	}{
		{nil, []string{"info " + base, "warning " + own}, ExitOK},
		{[]string{"--base-history", "info"}, []string{"info " + base, "warning " + own}, ExitOK},
		{[]string{"--base-history", "keep"}, []string{"warning " + base, "warning " + own}, ExitFindings},
		{[]string{"--base-history", "skip"}, []string{"warning " + own}, ExitOK},
		{[]string{"--config", keepFile}, []string{"warning " + base, "warning " + own}, ExitFindings},
		// The flag beats the file.
		{[]string{"--config", keepFile, "--base-history", "skip"}, []string{"warning " + own}, ExitOK},
		// A severity the user set for the finding's peer ID wins over info.
		{[]string{"--config", severityFile}, []string{"error " + base, "warning " + own}, ExitFindings},
		// Info findings still fail an info fail level.
		{[]string{"--fail-level", "info"}, []string{"info " + base, "warning " + own}, ExitFindings},
	}
	for _, c := range cases {
		j, errOut, code := scanJSON(t, append(slices.Clone(c.args), path)...)
		var got []string
		for _, f := range j.Findings {
			h := -1
			if f.History != nil {
				h = *f.History
			}
			msg, _, _ := strings.Cut(strings.TrimPrefix(f.Message, fmt.Sprintf("history entry %d ", h)), " without")
			got = append(got, fmt.Sprintf("%s %s %s %d %s", f.Severity, f.Rule, f.Origin, h, msg))
		}
		slices.Sort(got)
		if !slices.Equal(got, c.want) || code != ExitFindings || len(j.Errors) > 0 {
			t.Errorf("%v: exit %d, errors %v, findings\n%s\nwant\n%s\nstderr: %s", c.args, code, j.Errors, strings.Join(got, "\n"), strings.Join(c.want, "\n"), errOut)
		}
		if _, errOut, code := run(t, "", append(append([]string{"image", "--ignore", "DL3013"}, c.args...), path)...); code != c.code {
			t.Errorf("%v --ignore DL3013: exit %d, want %d; stderr %s", c.args, code, c.code, errOut)
		}
	}
	if _, errOut, code := run(t, "", "image", "--base-history", "drop", path); code != ExitError || !strings.Contains(errOut, "--base-history") {
		t.Errorf("--base-history drop: exit %d %s", code, errOut)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
