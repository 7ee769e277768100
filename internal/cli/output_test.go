package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Several formats in one run: one to stdout, the others to their files.
func TestLintSeveralFormats(t *testing.T) {
	chdirRoot(t)
	dir := t.TempDir()
	sarif, md := filepath.Join(dir, "out.sarif"), filepath.Join(dir, "THREATS.md")
	out, errOut, code := run(t, "", "lint", "--format", "gnu", "--format", "sarif="+sarif, "--format", "threat-model="+md,
		"testdata/examples/insecure.Dockerfile")
	if code != ExitFindings {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "testdata/examples/insecure.Dockerfile:") || !strings.Contains(out, ": warning: ") {
		t.Errorf("stdout is not the gnu format:\n%s", out)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Results []json.RawMessage `json:"results"`
		} `json:"runs"`
	}
	src, err := os.ReadFile(sarif)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(src, &log); err != nil || log.Version != "2.1.0" || len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Errorf("SARIF file: err %v, %+v", err, log)
	}
	mdSrc, err := os.ReadFile(md)
	if err != nil || !bytes.Contains(mdSrc, []byte("## 2. STRIDE Analysis")) {
		t.Errorf("threat model file: err %v\n%s", err, mdSrc)
	}
	if bytes.Contains(src, []byte("\x1b[")) || bytes.Contains(mdSrc, []byte("\x1b[")) {
		t.Error("a file got terminal colours")
	}
}

func TestLintFormatErrors(t *testing.T) {
	chdirRoot(t)
	for _, args := range [][]string{
		{"--format", "gnu", "--format", "json"},      // two formats on stdout
		{"--format", "sarif="},                       // no file name
		{"--format", "sarif=x", "--format", "gnu=x"}, // one file twice
		{"--format", "yaml=x"},                       // unknown format
	} {
		_, errOut, code := run(t, "", append(append([]string{"lint"}, args...), "testdata/examples/hardened.Dockerfile")...)
		if code != ExitError || !strings.Contains(errOut, "--format") {
			t.Errorf("%v: exit %d, stderr %q", args, code, errOut)
		}
	}
}

// Colour only on a terminal, and never with NO_COLOR or --no-color.
func TestLintColour(t *testing.T) {
	chdirRoot(t)
	lint := func(env map[string]string, tty bool, extra ...string) string {
		var out bytes.Buffer
		sys := IO{In: strings.NewReader(""), Out: &out, Err: io.Discard,
			Getenv: func(k string) string { return env[k] }, IsTerminal: func(io.Writer) bool { return tty }}
		Execute(context.Background(), append([]string{"lint", "testdata/examples/insecure.Dockerfile"}, extra...), sys)
		return out.String()
	}
	if s := lint(nil, true); !strings.Contains(s, "\x1b[") {
		t.Error("no colour on a terminal")
	}
	for name, s := range map[string]string{
		"piped":      lint(nil, false),
		"NO_COLOR":   lint(map[string]string{"NO_COLOR": "1"}, true),
		"--no-color": lint(nil, true, "--no-color"),
	} {
		if strings.Contains(s, "\x1b[") {
			t.Errorf("%s: output has colour", name)
		}
	}
}
