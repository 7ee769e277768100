package lint_test

import (
	"context"
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

// corpusFiles lists the shared corpus (a deterministic sample of it under
// the race detector), or skips the test when it is not beside the
// repository.
func corpusFiles(tb testing.TB) []string {
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
	return files
}

// corpusInputs reads corpusFiles into memory, for benchmarks that leave
// reading out.
func corpusInputs(tb testing.TB) []lint.Input {
	tb.Helper()
	var inputs []lint.Input
	for _, p := range corpusFiles(tb) {
		src, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		inputs = append(inputs, lint.Input{Path: p, Src: src})
	}
	return inputs
}

// runAll runs every rule, optional ones included, over paths as the CLI
// does.
func runAll(tb testing.TB, paths []string) *lint.Results {
	tb.Helper()
	res, err := lint.Run(context.Background(), lint.Request{Paths: paths, Policy: lint.FixedPolicy(lint.Options{Rules: rules.All()})})
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestCorpus lints every real-world Dockerfile of the shared corpus with
// every rule, optional ones included: nothing may panic or fail
// internally, and every parse error must name its file and a line.
//
// Under -race it lints a sample (see raceSampleEvery), so the race detector
// still watches LintAll's workers over real input.
func TestCorpus(t *testing.T) {
	files := corpusFiles(t)
	// The corpus is Dockerfiles only, so no application code: its folders
	// hold many projects' files side by side under flattened names, and a
	// file's COPY . would ship its siblings (buildah's
	// tests__conformance__testdata__Dockerfile.env reads as an .env file)
	// whenever the -race sample leaves them out of the inputs.
	res, err := lint.Run(context.Background(), lint.Request{Paths: files, Policy: lint.FixedPolicy(lint.Options{Rules: rules.All(), Code: lint.CodeNone})})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != len(files) {
		t.Errorf("%d files linted of %d", res.Files, len(files))
	}
	var parseErrs []lint.Problem
	withErrs := map[string]bool{}
	lines := map[string]int{}
	for _, p := range res.Problems {
		if _, ok := lines[p.File]; !ok {
			src, err := os.ReadFile(p.File)
			if err != nil {
				t.Errorf("problem names %q, which is not a corpus file: %s", p.File, p)
				continue
			}
			lines[p.File] = lineCount(src)
		}
		switch {
		case p.Internal, strings.Contains(p.Message, "internal error"), strings.Contains(p.Message, "parser failed"):
			t.Errorf("internal error: %s", p)
		case p.Line < 1:
			t.Errorf("%s: problem has no line: %s", p.File, p)
		case p.Line > lines[p.File]+1:
			t.Errorf("%s: problem line %d is past the end of the file (%d lines): %s", p.File, p.Line, lines[p.File], p)
		}
		withErrs[p.File] = true
		parseErrs = append(parseErrs, p)
	}
	t.Logf("%d files, %d findings, %d parse errors in %d files", len(files), len(res.Findings), len(parseErrs), len(withErrs))
	shown := map[string]bool{}
	for _, p := range parseErrs {
		if len(shown) < 8 && !shown[p.File] {
			shown[p.File] = true
			t.Logf("  e.g. %s", p)
		}
	}
}

// TestRunOrder checks that the concurrent Run gives exactly what a serial
// loop over Lint gives, on a slice of the corpus.
func TestRunOrder(t *testing.T) {
	files := corpusFiles(t)
	files = files[:min(len(files), 60)]
	got := runAll(t, files)
	e := lint.New(lint.Options{Rules: rules.All()})
	var want lint.Result
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		r := e.Lint(p, src)
		want.Findings = append(want.Findings, r.Findings...)
		want.Suppressed = append(want.Suppressed, r.Suppressed...)
	}
	if !reflect.DeepEqual(got.Findings, want.Findings) || !reflect.DeepEqual(got.Suppressed, want.Suppressed) {
		t.Fatal("Run's findings differ from a serial Lint's")
	}
}

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
