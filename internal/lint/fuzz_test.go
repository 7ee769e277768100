package lint_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// FuzzLint feeds arbitrary text to the whole Dockerfile path: BuildKit's
// parser, the model, the shell model and every rule. Nothing may panic
// (the engine would report it as an internal error), and every problem
// must name the file and a line.
//
// Seeds: every rule fixture and example in the repository, plus
// testdata/fuzz/FuzzLint (a sample of the shared corpus and every crasher
// found so far). CI runs the seeds only; to fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz FuzzLint -parallel=1 -fuzztime 15m
func FuzzLint(f *testing.F) {
	for _, pattern := range []string{"../../testdata/rules/*/*.Dockerfile", "../../testdata/examples/*.Dockerfile"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "fuzz.Dockerfile"
		res := e.Lint(path, src)
		lines := strings.Count(string(src), "\n") + 1
		for _, p := range res.Problems {
			if p.Internal || strings.Contains(p.Message, "internal error") || strings.Contains(p.Message, "parser failed") {
				t.Fatalf("internal error: %s", p)
			}
			if p.File != path || p.Line < 1 || p.Line > lines {
				t.Fatalf("problem does not name the file and a line in 1..%d: %s", lines, p)
			}
		}
		for _, fd := range res.Findings {
			if fd.File != path || fd.Line < 1 || fd.Line > lines || fd.EndLine < fd.Line {
				t.Fatalf("finding %s at %s:%d-%d is outside the file (1..%d): %s", fd.Rule.ID, fd.File, fd.Line, fd.EndLine, lines, fd.Message)
			}
		}
	})
}
