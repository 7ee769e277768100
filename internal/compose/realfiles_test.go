package compose

import (
	"path/filepath"
	"testing"

	"github.com/dockstride/dockstride/internal/testcorpus"
)

// realComposeFiles lists the compose files of the Go module cache
// (testcorpus.ComposeFiles), or skips.
func realComposeFiles(t *testing.T) []string {
	t.Helper()
	files := testcorpus.ComposeFiles()
	if len(files) == 0 {
		t.Skip("no compose files in the module cache")
	}
	return files
}

// TestRealFiles loads every compose file of the module cache. None may
// panic; Load may fail only on a file compose-go also refuses (not YAML, or
// not a mapping); and on every file compose-go accepts the two models must
// agree.
func TestRealFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the module cache")
	}
	files := realComposeFiles(t)
	var loaded, failed, warned, accepted int
	for _, f := range files {
		dir := filepath.Dir(f)
		p, err := Load(Options{Files: []string{f}, Dir: dir})
		_, refErr := referenceSummary(t, []string{f}, dir, nil)
		switch {
		case err != nil:
			failed++
			t.Logf("%s: %v", f, err)
			if refErr == nil {
				t.Errorf("%s: compose-go loads it; Load: %v", f, err)
			}
		default:
			loaded++
			if len(p.Warnings) > 0 {
				warned++
			}
		}
		if refErr == nil {
			accepted++
			compareWithReference(t, []string{f}, dir, nil)
		}
	}
	t.Logf("%d files: %d loaded (%d with warnings), %d errors; compose-go accepted %d, each compared", len(files), loaded, warned, failed, accepted)
}
