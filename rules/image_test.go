package rules_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// imageWant is one expectation of an image fixture, written in the txtar
// comment as
//
//	want: ID ORIGIN [history=N] [layer=N] [path=P] ["regexp"]
//
// with ORIGIN config, history or layer.
type imageWant struct {
	id, origin, path string
	history, layer   int // -1: any
	re               *regexp.Regexp
	line             int
	matched          bool
}

var imageWantRE = regexp.MustCompile(`^want:\s*(DKS\d{4})\s+(config|history|layer)((?:\s+[a-z]+=\S+)*)(?:\s+"(.*)")?\s*$`)

func parseImageWants(t *testing.T, path, comment string) []*imageWant {
	t.Helper()
	var ws []*imageWant
	for i, l := range strings.Split(comment, "\n") {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "want") {
			continue
		}
		m := imageWantRE.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("%s:%d: malformed want line %q", path, i+1, l)
		}
		w := &imageWant{id: m[1], origin: m[2], history: -1, layer: -1, line: i + 1}
		for _, kv := range strings.Fields(m[3]) {
			k, v, _ := strings.Cut(kv, "=")
			switch k {
			case "history", "layer":
				n, err := strconv.Atoi(v)
				if err != nil {
					t.Fatalf("%s:%d: bad %s", path, i+1, kv)
				}
				if k == "history" {
					w.history = n
				} else {
					w.layer = n
				}
			case "path":
				w.path = v
			default:
				t.Fatalf("%s:%d: unknown key %q", path, i+1, k)
			}
		}
		if m[4] != "" {
			w.re = regexp.MustCompile(m[4])
		}
		ws = append(ws, w)
	}
	return ws
}

// scanFixture builds the fixture's image and scans it with rule r alone.
func scanFixture(t *testing.T, r *rules.Rule, path string) (lint.ImageResult, []string, string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, comment := imagetest.FromTxtar(t, data)
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	layers, err := image.LayerDigests(img)
	if err != nil {
		t.Fatal(err)
	}
	im := &image.Image{Ref: path, Name: "fixture/" + filepath.Base(path), Digest: d.String(), Config: cf, Img: img}
	res := lint.New(lint.Options{Rules: []*rules.Rule{r}}).ScanImage(context.Background(), im, lint.ImageOptions{})
	return res, layers, comment
}

// TestImageFixtures runs every testdata/rules/<ID>/*.txtar: an image built
// from the archive is scanned with only that rule, each want line must be
// matched by one finding and every finding by one want; ok_*.txtar must
// produce nothing.
func TestImageFixtures(t *testing.T) {
	for _, r := range rules.All() {
		files, _ := filepath.Glob(filepath.Join(fixtureRoot, r.ID, "*.txtar"))
		sort.Strings(files)
		for _, path := range files {
			t.Run(r.ID+"/"+filepath.Base(path), func(t *testing.T) {
				res, layers, comment := scanFixture(t, r, path)
				wants := parseImageWants(t, path, comment)
				if len(wants) == 0 && !strings.HasPrefix(filepath.Base(path), "ok_") {
					t.Fatalf("%s has no want: line; name it ok_*.txtar if no finding is expected", path)
				}
				for _, p := range res.Problems {
					t.Errorf("%s: unexpected problem: %s", path, p)
				}
				for _, f := range res.Findings {
					if !f.InImage() || f.Image == "" || f.Digest == "" || f.Line != 0 {
						t.Errorf("%s: finding %s lacks image fields or has a line: %+v", path, f.Rule.ID, f)
					}
					if f.Target == rules.TargetImageLayer && (f.Layer == "" || f.Path == "") {
						t.Errorf("%s: layer finding %s names no layer or path", path, f.Rule.ID)
					}
					checkFindingAliases(t, path, f)
					if !claimImage(wants, f, layers) {
						t.Errorf("%s: unexpected finding %s (%s history=%d layer=%s path=%s): %s", path, f.Rule.ID, f.Target.Origin(), f.History, f.Layer, f.Path, f.Message)
					}
				}
				for _, w := range wants {
					if !w.matched {
						t.Errorf("%s: want on comment line %d (%s %s) not reported", path, w.line, w.id, w.origin)
					}
				}
			})
		}
	}
}

func claimImage(wants []*imageWant, f rules.Finding, layers []string) bool {
	layer := -1
	for i, d := range layers {
		if d == f.Layer {
			layer = i
		}
	}
	for _, w := range wants {
		if w.matched || w.id != f.Rule.ID || w.origin != f.Target.Origin() {
			continue
		}
		if (w.history >= 0 && (f.Target != rules.TargetImageHistory || w.history != f.History)) ||
			(w.layer >= 0 && w.layer != layer) || (w.path != "" && w.path != f.Path) ||
			(w.re != nil && !w.re.MatchString(f.Message)) {
			continue
		}
		w.matched = true
		return true
	}
	return false
}
