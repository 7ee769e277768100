package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
)

// TestReadFilesKeepsOrderAndErrors: files are read concurrently, but each
// Input is at its path's index, with its own content or error.
func TestReadFilesKeepsOrderAndErrors(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 100 {
		p := filepath.Join(dir, fmt.Sprintf("f%03d.Dockerfile", i))
		switch i {
		case 17:
			p = filepath.Join(dir, "missing.Dockerfile")
		case 42:
			// A sparse file over the size cap: refused without being read.
			if err := os.WriteFile(p, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Truncate(p, lint.MaxFileBytes+1); err != nil {
				t.Fatal(err)
			}
		default:
			if err := os.WriteFile(p, fmt.Appendf(nil, "FROM x%d\n", i), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		paths = append(paths, p)
	}
	inputs := lint.ReadFiles(paths)
	if len(inputs) != len(paths) {
		t.Fatalf("%d inputs for %d paths", len(inputs), len(paths))
	}
	for i, in := range inputs {
		if in.Path != paths[i] {
			t.Fatalf("input %d is %s, want %s", i, in.Path, paths[i])
		}
		switch i {
		case 17:
			if in.Err == nil || in.Src != nil {
				t.Errorf("missing file: err %v, %d bytes", in.Err, len(in.Src))
			}
		case 42:
			if in.Err == nil || !strings.Contains(in.Err.Error(), "larger than") || in.Src != nil {
				t.Errorf("oversized file: err %v, %d bytes", in.Err, len(in.Src))
			}
		default:
			if in.Err != nil || string(in.Src) != fmt.Sprintf("FROM x%d\n", i) {
				t.Errorf("input %d: err %v, content %q", i, in.Err, in.Src)
			}
		}
	}
}
