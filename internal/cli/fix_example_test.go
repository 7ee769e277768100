package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// exampleService is the example service's insecure twin.
const exampleService = "testdata/examples/flask-insecure"

// TestFixExampleService: `--diff --unsafe-fixes` on the insecure example
// is the golden patch; `--fix --unsafe-fixes` on a copy leaves nothing to
// fix, and the fixed Dockerfile still builds as far as BuildKit's parser
// can tell.
func TestFixExampleService(t *testing.T) {
	chdirRoot(t)
	out, errOut, code := run(t, "", "lint", "--diff", "--unsafe-fixes", exampleService)
	if code != 1 || !strings.Contains(errOut, "would fix") {
		t.Fatalf("exit %d, want 1 with something to fix\nstderr: %s", code, errOut)
	}
	golden(t, "flask-insecure-fix.diff", out)

	dir := filepath.Join(t.TempDir(), "flask-insecure")
	if err := os.CopyFS(dir, os.DirFS(exampleService)); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := run(t, "", "lint", "--fix", "--unsafe-fixes", dir); code == 2 || !strings.Contains(errOut, "fixed ") {
		t.Fatalf("--fix: exit %d\nstderr: %s", code, errOut)
	}
	out, errOut, code = run(t, "", "lint", "--diff", "--unsafe-fixes", dir)
	if code != 0 || out != "" || !strings.Contains(errOut, "nothing to fix") {
		t.Errorf("fixable findings left after --fix --unsafe-fixes: exit %d\n%s\n%s", code, out, errOut)
	}
	src, err := os.ReadFile(filepath.Join(dir, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	ast, err := parser.Parse(strings.NewReader(string(src)))
	if err != nil {
		t.Fatalf("BuildKit cannot parse the fixed Dockerfile: %v\n%s", err, src)
	}
	if _, _, err := instructions.Parse(ast.AST, nil); err != nil {
		t.Fatalf("BuildKit rejects the fixed Dockerfile: %v\n%s", err, src)
	}
}
