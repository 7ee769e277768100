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
	// The password moves to .env: the diff names it, never its value.
	if strings.Contains(out+errOut, "POSTGRES_PASSWORD=password") || !strings.Contains(errOut, ".gitignore") {
		t.Errorf("the diff shows the secret, or does not say .env is not git-ignored:\n%s", errOut)
	}

	dir := filepath.Join(t.TempDir(), "flask-insecure")
	if err := os.CopyFS(dir, os.DirFS(exampleService)); err != nil {
		t.Fatal(err)
	}
	report, errOut, code := run(t, "", "lint", "--fix", "--unsafe-fixes", dir)
	if code == 2 || !strings.Contains(errOut, "fixed ") {
		t.Fatalf("--fix: exit %d\nstderr: %s", code, errOut)
	}
	// The report after fixing judges the Dockerfile against the
	// .dockerignore the fix wrote.
	for _, line := range strings.Split(report, "\n") {
		if strings.Contains(line, "DKS5004") && strings.Contains(line, ".env") {
			t.Errorf("the report after --fix judges the build context as it was: %s", line)
		}
	}
	// postgres:16 starts as root to chown its data and switch user: it
	// is given neither cap_drop: [ALL] nor read_only, and its findings
	// say why.
	if text, err := os.ReadFile(filepath.Join(dir, "docker-compose.yml")); err != nil {
		t.Fatal(err)
	} else if _, db, _ := strings.Cut(string(text), "  db:\n"); strings.Contains(db, "cap_drop") || strings.Contains(db, "read_only") {
		t.Errorf("postgres:16 was given cap_drop or read_only:\n%s", text)
	}
	explained, _, _ := run(t, "", "lint", "--explain", dir)
	if !strings.Contains(explained, "image postgres:16 is not built here and service db sets no user:") {
		t.Errorf("--explain does not say why db's capabilities and root filesystem are not fixed:\n%s", explained)
	}
	out, errOut, code = run(t, "", "lint", "--diff", "--unsafe-fixes", dir)
	if code != 0 || out != "" || !strings.Contains(errOut, "nothing to fix") {
		t.Errorf("fixable findings left after --fix --unsafe-fixes: exit %d\n%s\n%s", code, out, errOut)
	}
	if env, err := os.ReadFile(filepath.Join(dir, ".env")); err != nil || !strings.Contains(string(env), "POSTGRES_PASSWORD=password\n") {
		t.Errorf("--fix did not move the password to .env (%v)", err)
	}
	if ign, err := os.ReadFile(filepath.Join(dir, ".dockerignore")); err != nil || string(ign) != ".env\n" {
		t.Errorf("--fix did not keep .env out of the build context: %q (%v)", ign, err)
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

// TestFixSecretNotInReports: the reports that show fixes show the move of
// the example's password to .env by its name, never its value.
func TestFixSecretNotInReports(t *testing.T) {
	chdirRoot(t)
	for _, format := range []string{"json", "sarif"} {
		out, _, _ := run(t, "", "lint", "--format", format, exampleService)
		if !strings.Contains(out, "move the value of POSTGRES_PASSWORD to .env") {
			t.Errorf("--format %s does not show the fix", format)
		}
		for _, leak := range []string{"POSTGRES_PASSWORD=password", `"password"`} {
			if strings.Contains(out, leak) {
				t.Errorf("--format %s shows %s", format, leak)
			}
		}
	}
}
