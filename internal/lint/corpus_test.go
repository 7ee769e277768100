package lint_test

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// raceSampleEvery thins the corpus under the race detector: the whole corpus
// takes ~25 s there on a busy 2-core machine, one file in 16 (plus every
// unusual one) ~4 s. .ci/run also runs TestCorpus without -race over all
// files (~1 s), so CI covers both.
const raceSampleEvery = 16

// corpusInputs reads the shared corpus (a deterministic sample of it under
// the race detector), or skips the test when it is not beside the
// repository.
func corpusInputs(tb testing.TB) []lint.Input {
	tb.Helper()
	dir, ok := testcorpus.Dir()
	if !ok {
		tb.Skip("shared corpus not found (../shared/corpus beside the repository, or $" + testcorpus.EnvVar + ")")
	}
	files, err := testcorpus.Files(dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(files) == 0 {
		tb.Fatalf("no files under %s/dockerfiles", dir)
	}
	if raceEnabled {
		files = testcorpus.Sample(dir, files, raceSampleEvery)
	}
	inputs := lint.ReadFiles(files)
	for _, in := range inputs {
		if in.Err != nil {
			tb.Fatalf("%s: %v", in.Path, in.Err)
		}
	}
	return inputs
}

// TestCorpus lints every real-world Dockerfile of the shared corpus with
// every rule, optional ones included: nothing may panic or fail
// internally, and every parse error must name its file and a line.
//
// Under -race it lints a sample (see raceSampleEvery), so the race detector
// still watches LintAll's workers over real input.
func TestCorpus(t *testing.T) {
	inputs := corpusInputs(t)
	e := lint.New(lint.Options{Rules: rules.All()})
	results := e.LintAll(inputs)

	var parseErrs []lint.Problem
	filesWithErrs := 0
	findings := 0
	for i, res := range results {
		path := inputs[i].Path
		if res.File != path {
			t.Errorf("result %d is for %q, want %q: LintAll must keep input order", i, res.File, path)
		}
		findings += len(res.Findings)
		if len(res.Problems) > 0 {
			filesWithErrs++
		}
		for _, p := range res.Problems {
			switch {
			case p.Internal, strings.Contains(p.Message, "internal error"), strings.Contains(p.Message, "parser failed"):
				t.Errorf("internal error: %s", p)
			case p.File != path:
				t.Errorf("%s: problem names file %q: %s", path, p.File, p)
			case p.Line < 1:
				t.Errorf("%s: problem has no line: %s", path, p)
			case p.Line > lineCount(inputs[i].Src)+1:
				t.Errorf("%s: problem line %d is past the end of the file (%d lines): %s", path, p.Line, lineCount(inputs[i].Src), p)
			}
			parseErrs = append(parseErrs, p)
		}
	}
	t.Logf("%d files, %d findings, %d parse errors in %d files", len(inputs), findings, len(parseErrs), filesWithErrs)
	shown := map[string]bool{}
	for _, p := range parseErrs {
		if len(shown) < 8 && !shown[p.File] {
			shown[p.File] = true
			t.Logf("  e.g. %s", p)
		}
	}
}

// TestLintAllOrder checks that the concurrent LintAll gives exactly what a
// serial loop over Lint gives, on a slice of the corpus.
func TestLintAllOrder(t *testing.T) {
	inputs := corpusInputs(t)
	inputs = inputs[:min(len(inputs), 60)]
	e := lint.New(lint.Options{Rules: rules.All()})
	got := e.LintAll(inputs)
	for i, in := range inputs {
		want := e.Lint(in.Path, in.Src)
		if !sameResult(got[i], want) {
			t.Fatalf("%s: LintAll result differs from Lint", in.Path)
		}
	}
}

func sameResult(a, b lint.Result) bool { return reflect.DeepEqual(a, b) }

func lineCount(src []byte) int { return strings.Count(string(src), "\n") + 1 }

// TestCorpusDirLayout guards testcorpus.Dir against finding a folder that
// is not the corpus.
func TestCorpusDirLayout(t *testing.T) {
	dir, ok := testcorpus.Dir()
	if !ok {
		t.Skip("shared corpus not found")
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST.tsv")); err != nil {
		t.Errorf("corpus at %s has no MANIFEST.tsv: %v", dir, err)
	}
}
