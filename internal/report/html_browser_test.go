//go:build unix

package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/browsertest"
	"github.com/dockstride/dockstride/internal/report"
)

// domProbe is evaluated in the rendered page: the text of the three
// tables, the matrix, the before-and-after tables, every in-page link
// that leads nowhere, and whether the pictures fit the page.
const domProbe = `JSON.stringify((() => {
  const rows = sel => [...document.querySelectorAll(sel + ' tr')].slice(1).map(r => [...r.cells].map(c => c.textContent.trim()));
  const main = document.querySelector('main').getBoundingClientRect();
  const inside = sel => { const e = document.querySelector(sel); if (!e) return false; const b = e.getBoundingClientRect(); return b.left >= main.left && b.right <= main.right; };
  return {
    stride: rows('#stride-table'), attack: rows('#attack-table'), controls: rows('#controls-table'),
    compareStride: rows('#compare-stride'), compareAttack: rows('#compare-attack'),
    tactics: [...document.querySelectorAll('#attack-matrix .tactic h4')].map(h => h.textContent.trim()),
    cells: [...document.querySelectorAll('#attack-matrix .tech')].map(a => ({id: a.id, href: a.getAttribute('href') || '', cls: a.className})),
    heat: rows('#stride-heat'),
    dangling: [...document.querySelectorAll('a[href^="#"]')].map(a => a.getAttribute('href')).filter(h => !document.getElementById(h.slice(1))),
    fits: inside('#attack-matrix') && inside('#stride-heat') && inside('#stride-table'),
  };
})())`

type domView struct {
	STRIDE, ATTACK, Controls [][]string
	CompareStride            [][]string `json:"compareStride"`
	CompareAttack            [][]string `json:"compareAttack"`
	Tactics                  []string
	Cells                    []struct{ ID, Href, Cls string }
	Heat                     [][]string
	Dangling                 []string
	Fits                     bool
}

// chromium is the browser the HTML tests share: starting one is most of
// a test's time.
var chromium struct {
	once   sync.Once
	b      *browsertest.Browser
	err    error
	cancel context.CancelFunc
}

// TestMain stops the shared browser once the tests are done.
func TestMain(m *testing.M) {
	code := m.Run()
	if chromium.b != nil {
		chromium.b.Close()
		chromium.cancel()
	}
	os.Exit(code)
}

// sharedBrowser starts the shared browser on first use, or skips the test
// when there is no chromium. A hung browser is killed after five minutes.
func sharedBrowser(t *testing.T) *browsertest.Browser {
	t.Helper()
	bin, ok := browsertest.Find()
	if !ok {
		t.Skip("no chromium on PATH (CI installs Debian's chromium)")
	}
	chromium.once.Do(func() {
		var ctx context.Context
		ctx, chromium.cancel = context.WithTimeout(context.Background(), 5*time.Minute)
		chromium.b, chromium.err = browsertest.Start(ctx, bin)
	})
	if chromium.err != nil {
		t.Fatal(chromium.err)
	}
	return chromium.b
}

// renderInChromium writes the report's HTML to a file, loads it in the
// headless Chromium and returns the probe's view and the page.
func renderInChromium(t *testing.T, rep *report.Report, name string) (domView, *browsertest.Page) {
	t.Helper()
	b := sharedBrowser(t)
	file := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(file, render(t, "html", rep, testMeta()), 0o644); err != nil {
		t.Fatal(err)
	}
	page, err := b.Render("file://"+file, browsertest.Options{Width: 1400, Height: 1500, Eval: []string{domProbe}})
	if err != nil {
		t.Fatal(err)
	}
	var raw string
	var v domView
	if err := json.Unmarshal(page.Values[0], &raw); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatal(err)
	}
	if len(page.Errors) > 0 {
		t.Errorf("console errors: %q", page.Errors)
	}
	if len(page.Requests) != 1 || page.Requests[0] != "file://"+file {
		t.Errorf("requests %q, want the page alone", page.Requests)
	}
	if len(v.Dangling) > 0 {
		t.Errorf("links to nothing: %q", v.Dangling)
	}
	if !v.Fits {
		t.Error("the matrix, the STRIDE picture or the STRIDE table spills out of the page")
	}
	if dir := os.Getenv("DOCKSTRIDE_SCREENSHOT_DIR"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, strings.TrimSuffix(name, ".html")+".png"), page.Screenshot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return v, page
}

// domDoc reads the rendered tables back into the shape checkSeedRows
// checks, so the page is held to every row of the seed as the JSON is.
func domDoc(t *testing.T, v domView) tmDoc {
	t.Helper()
	var doc tmDoc
	for _, r := range v.STRIDE {
		doc.STRIDE = append(doc.STRIDE, struct{ Category, Vulnerability, Impact, Mitigation string }{r[0], r[1], r[2], r[3]})
	}
	for _, r := range v.ATTACK {
		doc.ATTACK = append(doc.ATTACK, struct {
			Tactic          string   `json:"tactic"`
			TechniqueID     string   `json:"technique_id"`
			Vulnerabilities []string `json:"vulnerabilities"`
		}{r[0], r[1], strings.Split(r[3], "; ")})
	}
	split := func(s string) []string {
		if s == "—" {
			return nil
		}
		return strings.Split(s, ", ")
	}
	for _, r := range v.Controls {
		doc.Controls = append(doc.Controls, struct {
			Vulnerability         string
			CWE, CIS, OWASP, NIST []string
		}{r[0], split(r[1]), split(r[2]), split(r[3]), split(r[4])})
	}
	return doc
}

// The example service's report, rendered by Chromium: every seed row in
// the tables, the ATT&CK matrix with a column per tactic and its cells
// linked to their rows, no console error, no request but the page.
func TestHTMLInChromium(t *testing.T) {
	v, page := renderInChromium(t, loadInputFile(t, "testdata/in-service.json"), "service.html")
	checkSeedRows(t, domDoc(t, v))
	if want := []string{"Initial Access", "Execution", "Persistence", "Privilege Escalation", "Defense Evasion",
		"Credential Access", "Discovery", "Lateral Movement", "Command and Control", "Impact"}; !slices.Equal(v.Tactics, want) {
		t.Errorf("matrix columns %q", v.Tactics)
	}
	shaded := map[string]string{}
	for _, c := range v.Cells {
		if !strings.Contains(c.Cls, "l0") {
			shaded[strings.TrimPrefix(c.ID, "cell-")] = c.Href
		}
	}
	for _, id := range []string{"T1190", "T1609", "T1078", "T1611", "T1070", "T1552.001", "T1046", "T1499", "T1021.004"} {
		if shaded[id] != "#tech-"+strings.ReplaceAll(id, ".", "-") {
			t.Errorf("matrix cell %s: shaded %v, link %q", id, shaded[id] != "", shaded[id])
		}
	}
	if len(v.Heat) != 6 || v.Heat[0][0] != "Spoofing" || v.Heat[0][1] != "2" {
		t.Errorf("STRIDE × severity rows %q, want Spoofing with 2 errors first", v.Heat)
	}
	checkScreenshot(t, page.Screenshot)
}

// checkScreenshot holds the picture to what the page draws: the
// viewport's size, a white page, and the matrix's and heat map's red
// shades covering a fair area (an unstyled page has none).
func checkScreenshot(t *testing.T, data []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != 1400 || b.Dy() != 1500 {
		t.Errorf("screenshot is %v, want 1400x1500", b)
	}
	white, red := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl := rgb(img, x, y)
			switch {
			case r > 0xf0 && g > 0xf0 && bl > 0xf0:
				white++
			case r > 0xb0 && g < 0xb0 && bl < 0xb0 && r-g > 0x30:
				red++
			}
		}
	}
	total := (b.Dx() / 2) * (b.Dy() / 2)
	if white < total/3 {
		t.Errorf("only %d of %d sampled pixels are white: the page is not drawn as designed", white, total)
	}
	if red < 2000 {
		t.Errorf("%d red pixels sampled: the heat map and the matrix are not shaded", red)
	}
}

func rgb(img image.Image, x, y int) (r, g, b uint32) {
	r, g, b, _ = img.At(x, y).RGBA()
	return r >> 8, g >> 8, b >> 8
}

// With --compare, the page shows each seed row closed, and the matrix
// frames the closed techniques.
func TestHTMLCompareInChromium(t *testing.T) {
	v, _ := renderInChromium(t, compareService(t), "compare.html")
	status := map[string]string{}
	for _, r := range v.CompareStride {
		status[r[0]] = r[1]
	}
	if status["Spoofing"] != "closed" || status["Elevation of Privilege"] != "closed" || status["Denial of Service"] != "changed" {
		t.Errorf("before-and-after statuses %v", status)
	}
	framed := framedCells(v)
	for _, id := range []string{"T1190", "T1609", "T1078", "T1611", "T1070", "T1552.001", "T1046"} {
		if framed[id] != "closed" {
			t.Errorf("matrix cell %s is %q, want closed", id, framed[id])
		}
	}
	if framed["T1499"] != "changed" {
		t.Errorf("T1499 is %q, want changed (the memory limit is new)", framed["T1499"])
	}
}

// The example service's before-and-after page, from a real lint of the
// twins: the seed's techniques that the Dockerfile and compose rules find
// are framed closed in the matrix, and the page loads nothing.
func TestHTMLFlaskCompareInChromium(t *testing.T) {
	v, _ := renderInChromium(t, compareExamples(t), "flask-compare.html")
	framed := framedCells(v)
	for _, id := range []string{"T1190", "T1609", "T1078", "T1611", "T1552.001", "T1046", "T1499"} {
		if framed[id] != "closed" {
			t.Errorf("matrix cell %s is %q, want closed", id, framed[id])
		}
	}
	if len(v.CompareStride) != 6 {
		t.Errorf("before-and-after rows %q, want the six STRIDE categories", v.CompareStride)
	}
}

// framedCells maps each matrix cell a comparison frames (class st-STATUS)
// to its status.
func framedCells(v domView) map[string]string {
	framed := map[string]string{}
	for _, c := range v.Cells {
		for _, cls := range strings.Fields(c.Cls) {
			if s, ok := strings.CutPrefix(cls, "st-"); ok {
				framed[strings.TrimPrefix(c.ID, "cell-")] = s
			}
		}
	}
	return framed
}
