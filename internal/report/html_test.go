package report_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// The service's HTML report, pinned.
func TestHTMLServiceGolden(t *testing.T) {
	checkGolden(t, filepath.Join("testdata", "golden.service.html"), render(t, "html", loadInputFile(t, "testdata/in-service.json"), testMeta()))
	checkGolden(t, filepath.Join("testdata", "golden.compare.html"), render(t, "html", compareService(t), testMeta()))
}

// One file, nothing to fetch: no scripts, style sheets, images, frames
// or fonts from anywhere, and a Content-Security-Policy that would block
// them if a browser found one.
func TestHTMLSelfContained(t *testing.T) {
	page := string(render(t, "html", loadInputFile(t, "testdata/in-service.json"), testMeta()))
	if !strings.Contains(page, `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';`) {
		t.Error("no Content-Security-Policy")
	}
	for _, tag := range []string{"<script", "<link", "<img", "<iframe", "<object", "<embed", "@import", "url(", "@font-face"} {
		if strings.Contains(page, tag) {
			t.Errorf("page has %s", tag)
		}
	}
	// The only absolute addresses are links a reader may follow.
	for _, m := range regexp.MustCompile(`(\w+)="(https?:[^"]*)"`).FindAllStringSubmatch(page, -1) {
		if m[1] != "href" || !strings.HasPrefix(m[2], "https://attack.mitre.org/techniques/") {
			t.Errorf("%s=%q", m[1], m[2])
		}
	}
}

// Text from the scanned input is escaped wherever it lands.
func TestHTMLEscapesInput(t *testing.T) {
	rep := loadInputFile(t, "testdata/in-service.json")
	hostile := `<script>alert(1)</script>"'&`
	rep.Inputs = append(rep.Inputs, hostile)
	rep.Findings[0].File = hostile
	rep.Findings[0].Location.Target = rules.TargetDockerfile
	page := string(render(t, "html", rep, testMeta()))
	if strings.Contains(page, "<script>") {
		t.Error("input reached the page unescaped")
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("escaped input not found")
	}
}
