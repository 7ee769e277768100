package lint

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNotText(t *testing.T) {
	long := strings.Repeat("# comment\n", textSniffBytes/10) // just under a KiB
	cases := []struct {
		name, src, want string
		line            int
	}{
		{"dockerfile", "FROM alpine:3.20\nRUN echo héllo ✓\n", "", 0},
		{"empty", "", "", 0},
		{"utf-8 bom", "\xef\xbb\xbfFROM alpine\n", "", 0},
		{"elf", "\x7fELF\x02\x01\x01\x00rest", "NUL byte at offset 7", 1},
		{"latin-1", "FROM alpine\n# caf\xe9\n", "invalid UTF-8 at offset 17", 2},
		{"utf-16le", "\xff\xfeF\x00R\x00", "UTF-16", 1},
		{"utf-16be", "\xfe\xff\x00F\x00R", "UTF-16", 1},
		// A character cut by the end of the sniffed KiB is not a fault,
		// nor is anything after it.
		{"rune across the KiB", long + strings.Repeat("x", textSniffBytes-len(long)-1) + "é\x00", "", 0},
		{"truncated rune at the end", "FROM alpine\n\xc3", "invalid UTF-8 at offset 12", 2},
	}
	for _, c := range cases {
		got, line := notText([]byte(c.src))
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) || line != c.line {
			t.Errorf("%s: notText = %q, line %d; want %q, line %d", c.name, got, line, c.want, c.line)
		}
	}
}

// A binary file is one clear problem when named, a note when a directory
// walk found it by its name; a directory with nothing to lint fails a run
// that requires input, and names what was skipped.
func TestBinaryAndEmptyInputs(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "Dockerfile")
	good := filepath.Join(dir, "app", "Dockerfile")
	empty := filepath.Join(dir, "empty")
	for p, body := range map[string]string{bin: "\x7fELF\x00\x00binary", good: "FROM alpine:3.20\nUSER 1000\n"} {
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(req Request) (*Results, error) {
		req.Policy = FixedPolicy(Options{})
		return Run(context.Background(), req)
	}

	res, err := run(Request{Paths: []string{dir}, RequireInput: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 0 || res.Files != 1 || len(res.Inputs) != 1 || res.Inputs[0] != good {
		t.Errorf("walk: problems %v, files %d, inputs %v; want only %s linted", res.Problems, res.Files, res.Inputs, good)
	}
	if len(res.Skipped) != 1 || res.Skipped[0].File != bin || !strings.Contains(res.Skipped[0].Message, "not a text file (NUL byte at offset 4)") {
		t.Errorf("walk: skipped %v, want %s as not text", res.Skipped, bin)
	}

	for _, req := range []Request{
		{Paths: []string{bin}},
		{Paths: []string{"-"}, Stdin: strings.NewReader("\x00\x01"), StdinName: bin},
	} {
		res, err := run(req)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Skipped) != 0 || len(res.Problems) != 1 || res.Problems[0].Internal || !strings.Contains(res.Problems[0].Message, "is not a text file") {
			t.Errorf("%v named: problems %v, skipped %v; want one input problem", req.Paths, res.Problems, res.Skipped)
		}
	}

	for _, paths := range [][]string{{empty}, {filepath.Join(dir, "bin")}} {
		_, err := run(Request{Paths: paths, RequireInput: true})
		var nothing *NothingToLintError
		if !errors.As(err, &nothing) || !strings.Contains(err.Error(), "no Dockerfile or other input found under "+paths[0]) {
			t.Errorf("%v: err %v, want a NothingToLintError", paths, err)
		}
		res, err := run(Request{Paths: paths})
		if err != nil || res.Files != 0 || len(res.Problems) != 0 {
			t.Errorf("%v without RequireInput: %v, %+v; want an empty run", paths, err, res)
		}
	}
	_, err = run(Request{Paths: []string{filepath.Join(dir, "bin")}, RequireInput: true})
	if err == nil || !strings.Contains(err.Error(), "1 skipped: "+bin) {
		t.Errorf("err %v does not name the skipped file", err)
	}
	// A compose project is something to lint, without any Dockerfile.
	compose := filepath.Join(dir, "compose")
	if err := os.Mkdir(compose, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(compose, "compose.yaml"), []byte("services:\n  web:\n    image: nginx:1.27\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if res, err := run(Request{Paths: []string{compose}, RequireInput: true}); err != nil || len(res.Inputs) != 1 {
		t.Errorf("compose only: err %v, inputs %v; want the compose file linted", err, res)
	}
	// A missing path is already a problem (exit 2): no second error.
	res, err = run(Request{Paths: []string{filepath.Join(dir, "nope")}, RequireInput: true})
	if err != nil || len(res.Problems) != 1 {
		t.Errorf("missing path: err %v, problems %v; want one problem", err, res.Problems)
	}
}
