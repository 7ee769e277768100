package lint_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
)

// TestReadFilesKeepsOrderAndErrors: each Input is at its path's index,
// with its own content or error.
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

// TestOpenFilesReadsWhenLinted: OpenFiles reads nothing up front; LintAll
// reads each file as it lints it, and a missing one is that file's
// problem alone.
func TestOpenFilesReadsWhenLinted(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(good, []byte("FROM alpine:3.20\nRUN echo hi\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "gone.Dockerfile")
	inputs := lint.OpenFiles([]string{missing, good})
	for _, in := range inputs {
		if in.Src != nil || in.Err != nil || in.Load == nil {
			t.Fatalf("%s: read up front (src %d bytes, err %v)", in.Path, len(in.Src), in.Err)
		}
	}
	res := lint.New(lint.Options{}).LintAll(inputs)
	if len(res[0].Problems) != 1 || !strings.Contains(res[0].Problems[0].Message, "gone.Dockerfile") && !strings.Contains(res[0].Problems[0].Message, "no such file") {
		t.Errorf("missing file: problems %v", res[0].Problems)
	}
	if len(res[1].Problems) != 0 || res[1].File != good {
		t.Errorf("readable file: %+v", res[1])
	}
}
