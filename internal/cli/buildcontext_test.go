package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLintBuildContext: --build-context NAME=VALUE makes COPY --from=NAME
// a named context, not a stage name with a typo; a value without NAME= is
// a usage error.
func TestLintBuildContext(t *testing.T) {
	dir := t.TempDir()
	df := filepath.Join(dir, "Dockerfile")
	src := "FROM alpine:3.20\nCOPY --from=src /app /app\n"
	if err := os.WriteFile(df, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _, _ := run(t, "", "lint", "--no-config", "--only", "DKS1013", "--format", "json", df)
	if !strings.Contains(out, `"rule": "DKS1013"`) {
		t.Fatalf("without --build-context, want DKS1013:\n%s", out)
	}
	out, errOut, code := run(t, "", "lint", "--no-config", "--only", "DKS1013", "--format", "json", "--build-context", "src=../src", df)
	if code != 0 || strings.Contains(out, `"rule": "DKS1013"`) {
		t.Errorf("with --build-context src=../src: exit %d, want 0 and no DKS1013:\n%s%s", code, out, errOut)
	}
	_, errOut, code = run(t, "", "lint", "--no-config", "--build-context", "src", df)
	if code != 2 || !strings.Contains(errOut, "want NAME=VALUE") {
		t.Errorf("--build-context src: exit %d %q, want a usage error", code, errOut)
	}
}

// TestNameValueFlagNeverPrintsValue: a --build-arg with an empty NAME is a
// usage error that names the flag, not the value after '=', which is often
// a token.
func TestNameValueFlagNeverPrintsValue(t *testing.T) {
	df := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(df, []byte("FROM alpine:3.20\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, flag := range []string{"--build-arg", "--build-context"} {
		out, errOut, code := run(t, "", "lint", "--no-config", flag, "=ghp_s3cr3tTokenValue", df)
		if code != 2 || !strings.Contains(errOut, flag) || !strings.Contains(errOut, "want NAME=VALUE") {
			t.Errorf("%s =VALUE: exit %d %q, want a usage error naming the flag", flag, code, errOut)
		}
		if strings.Contains(out+errOut, "s3cr3t") {
			t.Errorf("%s =VALUE printed the value: %q", flag, out+errOut)
		}
	}
}
