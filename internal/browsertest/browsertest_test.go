//go:build unix

package browsertest

import (
	"bytes"
	"context"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// The checks a report test relies on can fail: a console error, an
// exception and a request to another address are all reported, and the
// page's values and screenshot come back.
func TestRenderReportsWhatThePageDid(t *testing.T) {
	bin, ok := Find()
	if !ok {
		t.Skip("no chromium on PATH (CI installs Debian's chromium)")
	}
	page := filepath.Join(t.TempDir(), "page.html")
	src := `<!DOCTYPE html><html><body style="background:#c62828"><p id="x">hello</p>` +
		`<img src="http://127.0.0.1:9/pixel.png"><script>console.error("boom"); undefinedFunction();</script></body></html>`
	if err := os.WriteFile(page, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	b, err := Start(ctx, bin)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	p, err := b.Render("file://"+page, Options{Width: 320, Height: 200, Eval: []string{
		`document.getElementById("x").textContent`, `1 + 2`,
	}})
	if err != nil {
		t.Fatal(err)
	}
	var text string
	var sum int
	if len(p.Values) != 2 || json.Unmarshal(p.Values[0], &text) != nil || json.Unmarshal(p.Values[1], &sum) != nil || text != "hello" || sum != 3 {
		t.Errorf("values %s", p.Values)
	}
	errs := strings.Join(p.Errors, "\n")
	if !strings.Contains(errs, "console.error: boom") || !strings.Contains(errs, "exception:") {
		t.Errorf("errors %q, want the console error and the exception", p.Errors)
	}
	if !slices.Contains(p.Requests, "http://127.0.0.1:9/pixel.png") || p.Requests[0] != "file://"+page {
		t.Errorf("requests %q", p.Requests)
	}
	img, err := png.Decode(bytes.NewReader(p.Screenshot))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 320 || b.Dy() != 200 {
		t.Errorf("screenshot is %v, want 320x200", b)
	}
	if r, g, b, _ := img.At(300, 190).RGBA(); r>>8 < 0xb0 || g>>8 > 0x40 || b>>8 > 0x40 {
		t.Errorf("screenshot pixel (%d,%d,%d), want the page's red background", r>>8, g>>8, b>>8)
	}

	// The same browser renders the next page in a new tab, reporting
	// that page's errors and requests alone.
	clean := filepath.Join(t.TempDir(), "clean.html")
	if err := os.WriteFile(clean, []byte(`<!DOCTYPE html><p id="x">second</p>`), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err = b.Render("file://"+clean, Options{Width: 100, Height: 100, Eval: []string{`document.getElementById("x").textContent`}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Errors) != 0 || !slices.Equal(p.Requests, []string{"file://" + clean}) || string(p.Values[0]) != `"second"` {
		t.Errorf("second page: errors %q, requests %q, values %s", p.Errors, p.Requests, p.Values)
	}
}

// A context that ends stops the browser and the call.
func TestRenderHonoursContext(t *testing.T) {
	bin, ok := Find()
	if !ok {
		t.Skip("no chromium on PATH")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, bin, "about:blank", Options{Width: 100, Height: 100}); err == nil {
		t.Error("a cancelled context rendered a page")
	}
}
