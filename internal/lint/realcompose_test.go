package lint_test

import (
	"os"
	"testing"

	"github.com/dockstride/dockstride/internal/testcorpus"
)

// TestRealComposeFiles lints every real compose file on this machine (the
// module cache's, testcorpus.ComposeFiles), each as a project of its own,
// with every rule: no rule may fail internally, and every finding and
// problem must point into a file that was read, at a line it has.
func TestRealComposeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the module cache")
	}
	files := testcorpus.ComposeFiles()
	if len(files) == 0 {
		t.Skip("no compose files in the module cache")
	}
	res := runAll(t, files)
	lines := map[string]int{}
	lineOK := func(file string, line int) bool {
		n, ok := lines[file]
		if !ok {
			src, err := os.ReadFile(file)
			if err != nil {
				return false
			}
			n = lineCount(src)
			lines[file] = n
		}
		return line >= 1 && line <= n
	}
	for _, p := range res.Problems {
		switch {
		case p.Internal:
			t.Errorf("internal error: %s", p)
		case p.File == "":
			t.Errorf("problem names no file: %s", p)
		case p.Line != 0 && !lineOK(p.File, p.Line):
			t.Errorf("problem at a line the file does not have: %s", p)
		}
	}
	services := 0
	for _, f := range res.Findings {
		if !lineOK(f.File, f.Line) {
			t.Errorf("%s at %s:%d, a line the file does not have: %s", f.Rule.ID, f.File, f.Line, f.Message)
		}
		if f.Service != "" {
			services++
		}
	}
	// Real files publish ports, run without limits, mount host paths: a
	// run that finds nothing judged nothing.
	if services < len(files) {
		t.Errorf("%d findings name a service over %d files: the services were not judged", services, len(files))
	}
	t.Logf("%d compose files: %d findings (%d naming a service), %d problems", len(files), len(res.Findings), services, len(res.Problems))
}
