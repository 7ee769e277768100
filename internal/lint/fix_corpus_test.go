package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// checkFixed holds one fixed text to the guarantees of --fix: BuildKit
// still parses it (and finds no more errors than before), fixing it again
// changes nothing, and no fix failed inside dockstride.
func checkFixed(t *testing.T, e *lint.Engine, path string, src []byte) *lint.Fixed {
	t.Helper()
	res, fixed := e.FixContext(context.Background(), path, src, lint.FixMode{Unsafe: true})
	for _, p := range res.Problems {
		if p.Internal {
			t.Fatalf("%s: internal problem: %s", path, p)
		}
	}
	if fixed == nil {
		return nil
	}
	if _, err := parser.Parse(strings.NewReader(string(fixed.After))); err != nil {
		t.Fatalf("%s: BuildKit cannot parse the fixed file: %v", path, err)
	}
	before, _ := dockerfile.Parse(path, src)
	after, err := dockerfile.Parse(path, fixed.After)
	if err != nil || (before != nil && len(after.Errors) > len(before.Errors)) {
		t.Fatalf("%s: the fixed file parses worse: %v", path, err)
	}
	_, again := e.FixContext(context.Background(), path, fixed.After, lint.FixMode{Unsafe: true})
	if again != nil {
		t.Fatalf("%s: fixing the fixed file changed it again (%d fixes, first %s %q at line %d)", path,
			len(again.Applied), again.Applied[0].Rule.ID, again.Applied[0].Title, again.Applied[0].Line)
	}
	return fixed
}

// TestFixCorpus runs `--fix --unsafe-fixes` with every rule over the
// whole shared corpus, in memory (nothing is written): every fixed file
// parses, is stable under a second fix, and no fix fails.
func TestFixCorpus(t *testing.T) {
	files := corpusFiles(t)
	e := lint.New(lint.Options{Rules: rules.All()})
	changed, fixes := 0, 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if fixed := checkFixed(t, e, filepath.Base(p), src); fixed != nil {
			changed++
			fixes += len(fixed.Applied)
		}
	}
	t.Logf("%d of %d files fixed, %d fixes", changed, len(files), fixes)
	if changed == 0 {
		t.Error("no file of the corpus was fixed")
	}
}

// FuzzFix: for any text, fixing never fails inside dockstride, the fixed
// text parses as well as the original and fixing it again changes
// nothing. Seeds: the rule fixtures, the examples and
// testdata/fuzz/FuzzFix (a sample of the shared corpus).
//
//	go test ./internal/lint -run '^$' -fuzz '^FuzzFix$' -parallel=1 -fuzztime 15m
func FuzzFix(f *testing.F) {
	addDockerfileSeeds(f)
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFixed(t, e, "fuzz.Dockerfile", src)
	})
}
