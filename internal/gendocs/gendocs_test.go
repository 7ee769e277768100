package gendocs

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

const repoRoot = "../.."

// The committed docs are what the generator writes today. When this fails
// after changing a rule or a command, run `go generate ./...` and commit
// the result.
func TestDocsUpToDate(t *testing.T) {
	files, err := Generate(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		got, err := os.ReadFile(filepath.Join(repoRoot, filepath.FromSlash(p)))
		switch {
		case os.IsNotExist(err):
			problems = append(problems, p+" is missing")
		case err != nil:
			t.Fatal(err)
		case !bytes.Equal(got, files[p]):
			problems = append(problems, p+" is out of date")
		}
	}
	stale, err := staleFiles(repoRoot, files)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range stale {
		problems = append(problems, p+" is no longer generated")
	}
	if len(problems) > 0 {
		t.Errorf("generated docs are stale; run `go generate ./...` and commit the result:\n  %s", strings.Join(problems, "\n  "))
	}
}

// write then Generate round-trips: a fresh tree holds exactly the generated
// files, and a stale page left behind is removed.
func TestWriteRemovesStale(t *testing.T) {
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "docs", "rules"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(filepath.Join(root, "testdata", "examples"), os.DirFS(filepath.Join(repoRoot, "testdata", "examples"))); err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(root, "docs", "rules", "DKS0000.md")
	if err := os.WriteFile(old, []byte("gone"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(root); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(old); !os.IsNotExist(err) {
		t.Errorf("stale page survived: %v", err)
	}
	files, _ := Generate(repoRoot)
	stale, err := staleFiles(root, files)
	if err != nil || len(stale) > 0 {
		t.Errorf("after write: stale %v, err %v", stale, err)
	}
	for p, want := range files {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(p)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s not written as generated (err %v)", p, err)
		}
	}
}
