package lint_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
)

// realPythonTrees are Python trees Debian installs: the standard library
// and two frameworks (python3-django, python3-flask).
var realPythonTrees = []string{
	"/usr/lib/python3.11",
	"/usr/lib/python3/dist-packages/django",
	"/usr/lib/python3/dist-packages/flask",
}

// cpython is the interpreter whose verdict on a file counts: dockstride
// may call a file unparsable only when CPython rejects it too.
const cpython = "/usr/bin/python3"

// TestRealPythonTrees lints each real Python tree with --code all: no rule
// may fail internally, and a "does not parse" problem is accepted only for
// a file CPython's own parser rejects.
func TestRealPythonTrees(t *testing.T) {
	if testing.Short() {
		t.Skip("lints whole Python trees")
	}
	for _, root := range realPythonTrees {
		t.Run(strings.TrimPrefix(root, "/usr/lib/"), func(t *testing.T) {
			if _, err := os.Stat(root); err != nil {
				t.Skipf("%s is absent", root)
			}
			res, err := lint.Run(context.Background(), lint.Request{
				Paths:  []string{root},
				Policy: lint.FixedPolicy(lint.Options{Code: lint.CodeAll}),
			})
			if err != nil {
				t.Fatal(err)
			}
			files := 0
			for _, in := range res.Inputs {
				if strings.HasSuffix(in, ".py") {
					files++
				}
			}
			if files == 0 {
				t.Fatalf("no Python file of %s was linted", root)
			}
			// The standard library's venv package is code, not a virtual
			// environment (it has no pyvenv.cfg).
			if venv := filepath.Join(root, "venv", "__init__.py"); fileExists(venv) && !slices.Contains(res.Inputs, venv) {
				t.Errorf("%s was not linted", venv)
			}
			t.Logf("%d Python files, %d findings, %d problems", files, len(res.Findings), len(res.Problems))
			for _, p := range res.Problems {
				switch {
				case p.Internal:
					t.Errorf("internal error: %s", p)
				case strings.Contains(p.Message, "does not parse"):
					if cpythonAccepts(t, p.File) {
						t.Errorf("CPython parses it: %s", p)
					} else {
						t.Logf("rejected by CPython too: %s", p)
					}
				default:
					t.Errorf("problem: %s", p)
				}
			}
		})
	}
}

// cpythonAccepts says whether CPython's parser accepts the file; without
// the interpreter nobody can vouch for it, so the file counts as accepted.
func cpythonAccepts(t *testing.T, path string) bool {
	t.Helper()
	if _, err := os.Stat(cpython); err != nil {
		return true
	}
	cmd := exec.Command(cpython, "-c", "import ast, sys; ast.parse(open(sys.argv[1], 'rb').read(), sys.argv[1])", path)
	return cmd.Run() == nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
