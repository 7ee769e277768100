package lint_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// FuzzLint feeds arbitrary text to the whole Dockerfile path: BuildKit's
// parser, the model, the shell model and every rule. Nothing may panic
// (the engine would report it as an internal error), and every problem
// must name the file and a line.
//
// Seeds: every rule fixture and example in the repository, plus
// testdata/fuzz/FuzzLint (a sample of the shared corpus and every crasher
// found so far). CI runs the seeds only; to fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz FuzzLint -parallel=1 -fuzztime 15m
func FuzzLint(f *testing.F) {
	addDockerfileSeeds(f)
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, src []byte) {
		const path = "fuzz.Dockerfile"
		res := e.Lint(path, src)
		lines := strings.Count(string(src), "\n") + 1
		for _, p := range res.Problems {
			if p.Internal || strings.Contains(p.Message, "internal error") || strings.Contains(p.Message, "parser failed") {
				t.Fatalf("internal error: %s", p)
			}
			if p.File != path || p.Line < 1 || p.Line > lines {
				t.Fatalf("problem does not name the file and a line in 1..%d: %s", lines, p)
			}
		}
		for _, fd := range res.Findings {
			if fd.File != path || fd.Line < 1 || fd.Line > lines || fd.EndLine < fd.Line {
				t.Fatalf("finding %s at %s:%d-%d is outside the file (1..%d): %s", fd.Rule.ID, fd.File, fd.Line, fd.EndLine, lines, fd.Message)
			}
		}
	})
}

// FuzzLintCompose feeds a base compose file, an override (also the
// `extends` file common.yaml and the `include`d inc.yaml) and a `.env` to
// the whole compose path: the model, every compose rule and the YAML
// suppressions. Nothing may panic, a load failure is one problem with a
// file and a line, every finding points into a file that was read, and no
// finding quotes a value that only the `.env` holds.
//
// Seeds: the compose rule fixtures and examples, and
// testdata/fuzz/FuzzLintCompose. CI runs the seeds only; to fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz FuzzLintCompose -parallel=1 -fuzztime 15m
func FuzzLintCompose(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/rules/*/*.yml")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src, []byte("services:\n  web:\n    user: root\n"), []byte("PASSWORD=Sx9fQ2wLm4\nTAG=latest\n"))
		}
	}
	for _, r := range rules.All() {
		for _, ex := range append(append([]rules.Example(nil), r.Doc.Bad...), r.Doc.Good...) {
			if ex.Input == rules.InputCompose {
				f.Add([]byte(ex.Text), []byte("services:\n  web:\n    privileged: true\n"), []byte(nil))
			}
		}
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, base, override, dotenv []byte) {
		files := map[string][]byte{
			"compose.yaml": base, "compose.override.yaml": override,
			"common.yaml": override, "inc.yaml": override, ".env": dotenv,
		}
		read := func(p string) ([]byte, error) {
			if b, ok := files[filepath.Clean(p)]; ok {
				return b, nil
			}
			return nil, fs.ErrNotExist
		}
		res := e.LintCompose(context.Background(), compose.Options{Files: []string{"compose.yaml", "compose.override.yaml"}, Dir: ".", ReadFile: read})
		for _, p := range res.Problems {
			if p.Internal {
				t.Fatalf("internal error: %s", p)
			}
			if _, ok := files[p.File]; !ok || p.Line < 0 {
				t.Fatalf("problem does not name a file read: %s", p)
			}
		}
		envValues := dotenvValues(dotenv)
		for _, fd := range append(res.Findings, suppressedFindings(res.Suppressed)...) {
			src, ok := files[filepath.Clean(fd.File)]
			if !ok {
				t.Fatalf("finding %s in %q, a file that was not read: %s", fd.Rule.ID, fd.File, fd.Message)
			}
			if n := strings.Count(string(src), "\n") + 1; fd.Line < 0 || fd.Line > n || fd.EndLine < fd.Line && fd.EndLine != 0 {
				t.Fatalf("finding %s at %s:%d-%d is outside the file (1..%d): %s", fd.Rule.ID, fd.File, fd.Line, fd.EndLine, n, fd.Message)
			}
			for _, v := range envValues {
				if strings.Contains(fd.Message, v) && !bytes.Contains(base, []byte(v)) && !bytes.Contains(override, []byte(v)) {
					t.Fatalf("finding %s quotes a value from .env: %s", fd.Rule.ID, fd.Message)
				}
			}
		}
	})
}

// dotenvValues are the values of NAME=value lines long enough that a
// message would not hold them by chance.
func dotenvValues(src []byte) []string {
	var out []string
	for _, l := range strings.Split(string(src), "\n") {
		if _, v, ok := strings.Cut(l, "="); ok && len(v) >= 8 && !strings.ContainsAny(v, " :#\"'$") {
			out = append(out, v)
		}
	}
	return out
}

func suppressedFindings(s []lint.Suppressed) []rules.Finding {
	out := make([]rules.Finding, len(s))
	for i := range s {
		out[i] = s[i].Finding
	}
	return out
}

// addDockerfileSeeds seeds a fuzz target with every Dockerfile rule
// fixture and example in the repository.
func addDockerfileSeeds(f *testing.F) {
	for _, pattern := range []string{"../../testdata/rules/*/*.Dockerfile", "../../testdata/examples/*.Dockerfile"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			if src, err := os.ReadFile(p); err == nil {
				f.Add(src)
			}
		}
	}
}
