package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// FuzzLintCode feeds arbitrary bytes, as the app.py a Dockerfile ships,
// through both of the engine's code paths: `dockstride lint` of the build
// context (discovery of what COPY ships, the Python front end, every code
// rule, the application's checks, the pragmas) and `dockstride image` of
// an image whose layer holds the file (the streamed walk, the overlay, the
// same rules). Nothing may panic; a file that does not parse is one
// problem naming the file and a line in it; every finding points into the
// file; and both paths find the same problems at the same lines.
//
// Seeds: the code rule fixtures (testdata/rules/*/*.py), the example
// services' app.py and testdata/fuzz/FuzzLintCode. CI runs the seeds only;
// to fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz '^FuzzLintCode$' -parallel=1 -fuzztime 2m
func FuzzLintCode(f *testing.F) {
	for _, pattern := range []string{"../../testdata/rules/*/*.py", "../../testdata/examples/*/app.py"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	e := lint.New(lint.Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		app := filepath.Join(dir, "app.py")
		for name, text := range map[string]string{"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD [\"python\", \"app.py\"]\n", "app.py": string(src)} {
			if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		// Python ends a line at \r\n, \n or a lone \r.
		lines := strings.Count(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n") + strings.Count(strings.ReplaceAll(string(src), "\r\n", ""), "\r") + 1
		res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{})})
		if err != nil {
			t.Fatal(err)
		}
		parses := true
		for _, p := range res.Problems {
			if p.Internal || strings.Contains(p.Message, "internal error") {
				t.Fatalf("internal error: %s", p)
			}
			if p.File != app || p.Line < 1 || p.Line > lines {
				t.Fatalf("problem does not name app.py and a line in 1..%d: %s", lines, p)
			}
			parses = false
		}
		var fromLint []string
		for _, fd := range res.Findings {
			if fd.File != app {
				continue
			}
			if fd.Line < 1 || fd.Line > lines || fd.EndLine < fd.Line {
				t.Fatalf("finding %s at app.py:%d-%d is outside the file (1..%d): %s", fd.Rule.ID, fd.Line, fd.EndLine, lines, fd.Message)
			}
			// Unused pragmas are reported for code the user lints, not
			// for an image's.
			if fd.Rule != rules.UnusedSuppression {
				fromLint = append(fromLint, fmt.Sprintf("%s:%d", fd.Rule.ID, fd.Line))
			}
		}

		if int64(len(src)) > lint.DefaultImageFileBytes {
			return // the image path does not read a file that long
		}
		img := imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, imagetest.File("app/app.py", string(src))))}, nil)
		cf, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		ir := e.ScanImage(context.Background(), &image.Image{Name: "fuzz", Digest: "sha256:0", Config: cf, Img: img}, lint.ImageOptions{})
		for _, p := range ir.Problems {
			if p.Internal || strings.Contains(p.Message, "internal error") {
				t.Fatalf("image: internal error: %s", p)
			}
			if p.File != "fuzz:/app/app.py" || p.Line < 1 || p.Line > lines {
				t.Fatalf("image: problem does not name the file and a line in 1..%d: %s", lines, p)
			}
			if parses {
				t.Fatalf("image: %s, where lint of the same file had no problem", p)
			}
		}
		var fromImage []string
		for _, fd := range ir.Findings {
			if fd.Path != "/app/app.py" {
				continue
			}
			if fd.Line < 1 || fd.Line > lines || fd.EndLine < fd.Line {
				t.Fatalf("image: finding %s at line %d-%d is outside the file (1..%d): %s", fd.Rule.ID, fd.Line, fd.EndLine, lines, fd.Message)
			}
			fromImage = append(fromImage, fmt.Sprintf("%s:%d", fd.Rule.ID, fd.Line))
		}
		slices.Sort(fromLint)
		slices.Sort(fromImage)
		if !slices.Equal(fromLint, fromImage) {
			t.Fatalf("lint and image disagree on app.py:\nlint  %v\nimage %v", fromLint, fromImage)
		}
	})
}
