package compose

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzLoad feeds a base file and an override (which also serves as the
// `extends` file common.yaml, the `include`d inc.yaml and the `.env`) to
// Load, all in memory: it must return a model or one *Error, never panic,
// within bounded time, and every position in the model must point into a
// file it read, at a line the file has.
//
// Seeds: the fixture projects, the KICS cases when shared/conformance is
// present, and testdata/fuzz/FuzzLoad (hand-written hostile inputs and
// every crasher found so far). CI runs the seeds only; to fuzz:
//
//	go test ./internal/compose -run '^$' -fuzz FuzzLoad -parallel 1 -fuzztime 10m
func FuzzLoad(f *testing.F) {
	_ = filepath.WalkDir("testdata/projects", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".yaml") {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src, []byte("services:\n  web:\n    ports: !override [\"80:80\"]\n"))
			}
		}
		return nil
	})
	if conformanceDir(f) != "" {
		for _, c := range kicsCases(f) {
			f.Add([]byte(c.Compose), []byte(nil))
		}
	}
	f.Fuzz(func(t *testing.T, base, override []byte) {
		files := map[string][]byte{
			"compose.yaml": base, "compose.override.yaml": override,
			"common.yaml": override, "inc.yaml": override, ".env": override,
		}
		read := func(p string) ([]byte, error) {
			if b, ok := files[filepath.Clean(p)]; ok {
				return b, nil
			}
			return nil, fs.ErrNotExist
		}
		start := time.Now()
		p, err := Load(Options{Files: []string{"compose.yaml", "compose.override.yaml"}, Dir: ".",
			Env: map[string]string{"A": "1"}, ReadFile: read})
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("Load took %v", d)
		}
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.File == "" || e.Line < 1 {
				t.Fatalf("error %v is not an *Error with file and line", err)
			}
			return
		}
		checkPositions(t, p, files)
	})
}

// checkPositions fails when a position of p is outside the files it read.
func checkPositions(t *testing.T, p *Project, files map[string][]byte) {
	t.Helper()
	lines := map[string]int{}
	for name, src := range files {
		lines[name] = strings.Count(string(src), "\n") + 1
	}
	eachPos(p, func(pos Pos) {
		if pos.Line == 0 {
			return
		}
		if n, ok := lines[filepath.Clean(pos.File)]; !ok || pos.Line > n || pos.Col < 0 {
			t.Fatalf("position %v is outside the files read", pos)
		}
	})
}
