package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
)

// TestRunReadsEachFile: every file is read, in order, with a missing one
// and one over the size cap each that file's problem alone.
func TestRunReadsEachFile(t *testing.T) {
	dir := t.TempDir()
	var paths, good []string
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
			if err := os.WriteFile(p, fmt.Appendf(nil, "FROM x%d\nUSER 0\n", i), 0o644); err != nil {
				t.Fatal(err)
			}
			good = append(good, p)
		}
		paths = append(paths, p)
	}
	res, err := lint.Run(context.Background(), lint.Request{Paths: paths, Policy: lint.FixedPolicy(lint.Options{Only: []string{"runs-as-root"}})})
	if err != nil {
		t.Fatal(err)
	}
	var fired []string
	for _, f := range res.Findings {
		fired = append(fired, f.File)
	}
	if !slices.Equal(fired, good) {
		t.Errorf("runs-as-root fired on %d files, want the %d readable ones in order", len(fired), len(good))
	}
	if len(res.Problems) != 2 {
		t.Fatalf("problems = %v, want the missing and the oversized file", res.Problems)
	}
	for _, p := range res.Problems {
		switch {
		case strings.HasSuffix(p.File, "missing.Dockerfile"):
			if !strings.Contains(p.Message, "no such file") {
				t.Errorf("missing file: %s", p)
			}
		case strings.HasSuffix(p.File, "f042.Dockerfile"):
			if !strings.Contains(p.Message, "larger than") {
				t.Errorf("oversized file: %s", p)
			}
		default:
			t.Errorf("unexpected problem %s", p)
		}
	}
}
