package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// `lint DIR` with nothing to lint fails (a mistyped path must not pass CI)
// unless --allow-empty; a binary found by its name is a note on stderr.
func TestLintNothingToLint(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, "", "lint", dir)
	if code != ExitError || !strings.Contains(stderr, "no Dockerfile or other input found under "+dir+"; pass a file, or --allow-empty") {
		t.Errorf("empty dir: exit %d, stderr %q; want 2 and the reason", code, stderr)
	}
	stdout, stderr, code := run(t, "", "lint", "--allow-empty", dir)
	if code != ExitOK || !strings.Contains(stdout, "0 files") {
		t.Errorf("--allow-empty: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}

	bin := filepath.Join(dir, "Dockerfile.tools")
	if err := os.WriteFile(bin, []byte("\x7fELF\x02\x01\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "Dockerfile"), []byte("FROM alpine:3.22\nUSER 1000\nHEALTHCHECK NONE\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	stdout, stderr, code = run(t, "", "lint", dir)
	if code != ExitOK || !strings.Contains(stderr, "dockstride: note: "+bin+":1: is not a text file (NUL byte at offset 7); skipped") || !strings.Contains(stdout, "1 file:") {
		t.Errorf("binary beside a Dockerfile: exit %d, stdout %q, stderr %q; want 0, one file and a note", code, stdout, stderr)
	}
	stdout, _, code = run(t, "", "lint", bin)
	if code != ExitError || !strings.Contains(stdout, "is not a text file") || strings.Contains(stdout, "DKS") {
		t.Errorf("binary named: exit %d, stdout %q; want 2 and no findings about its bytes", code, stdout)
	}
}
