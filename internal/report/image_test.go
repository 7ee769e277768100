package report_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
)

// Real image findings (config, history and layer origins, no lines) from the
// seeded bad image, through every format: SARIF validates, and no format
// prints a line number for them or fails on them.
func TestImageFindingsEveryFormat(t *testing.T) {
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
	e := lint.New(lint.Options{})
	res := e.ScanImage(context.Background(), im, lint.ImageOptions{})
	if len(res.Findings) == 0 {
		t.Fatal("the seeded bad image has no findings")
	}
	rep := &report.Report{Findings: res.Findings, Problems: res.Problems, Images: 1, Inputs: []string{res.Image}, Rules: e.Rules()}
	for _, f := range rep.Findings {
		if !f.InImage() || f.Line != 0 {
			t.Errorf("image finding %s: target %v, line %d", f.Rule.ID, f.Target, f.Line)
		}
	}
	checkSARIF(t, render(t, "sarif", rep, testMeta()))
	for _, format := range report.Names() {
		out := string(render(t, format, rep, testMeta()))
		if strings.Contains(out, res.Image+":0") {
			t.Errorf("%s prints a line 0 for an image finding", format)
		}
	}
	md := string(render(t, "threat-model", rep, testMeta()))
	if !strings.Contains(md, "## 2. STRIDE Analysis") || !strings.Contains(md, res.Image) {
		t.Errorf("threat model of the image lacks its findings:\n%s", md)
	}
}
