package cli

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Without shellcheck on PATH the ShellCheck rule is skipped, and --verbose
// says so once.
func TestShellCheckMissingIsANote(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(df, []byte("FROM alpine:3.20\nRUN echo $HOME\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, _ := run(t, "", "lint", "-v", "--no-config", "--format", "json", df)
	if n := strings.Count(errOut, "shellcheck not found on PATH"); n != 1 {
		t.Errorf("note printed %d times; stderr:\n%s", n, errOut)
	}
	if strings.Contains(out, `"rule": "DKS3900"`) {
		t.Errorf("DKS3900 reported without shellcheck:\n%s", out)
	}
	if _, errOut, code := run(t, "", "lint", "--no-config", "--ignore", "SC2086", df); code == ExitError {
		t.Errorf("--ignore SC2086 refused: %s", errOut)
	}
}

// With shellcheck on PATH, its codes are findings that pragmas and
// --ignore reach one code at a time.
func TestShellCheckFindings(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH (CI installs it)")
	}
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	src := "FROM alpine:3.20\nRUN echo $HOME; cd /tmp\n# hadolint ignore=SC2164\nRUN echo $HOME; cd /tmp\n"
	if err := os.WriteFile(df, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	lintWithPath := func(args ...string) string {
		var out, errb bytes.Buffer
		sys := IO{
			In: strings.NewReader(""), Out: &out, Err: &errb,
			Getenv: func(k string) string {
				if k == "PATH" {
					return filepath.Dir(bin)
				}
				return ""
			},
			IsTerminal: func(io.Writer) bool { return false },
		}
		Execute(context.Background(), append([]string{"lint", "--no-config", "--format", "json"}, append(args, df)...), sys)
		return out.String()
	}
	out := lintWithPath()
	for _, want := range []string{`"SC2086"`, `"SC2164"`, `"line": 2`, `"line": 4`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
	if n := strings.Count(out, `"SC2164"`); n != 1 {
		t.Errorf("SC2164 reported %d times, want once (line 4 is suppressed)", n)
	}
	if out := lintWithPath("--ignore", "SC2086"); strings.Contains(out, `"SC2086"`) || !strings.Contains(out, `"SC2164"`) {
		t.Errorf("--ignore SC2086 must drop only SC2086:\n%s", out)
	}
}
