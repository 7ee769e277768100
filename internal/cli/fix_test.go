package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image/imagetest"
)

const fixable = "FROM alpine:3.22\nUSER 1\nHEALTHCHECK NONE\nrun apk add --no-cache curl=8.9.1-r0\nCMD run app\n"

func TestLintFixWritesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte(fixable), 0o640); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "", "lint", "--fix", path)
	if code != 0 {
		t.Fatalf("exit %d, want 0 (nothing left at warning)\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	got, _ := os.ReadFile(path)
	want := "FROM alpine:3.22\nUSER 1\nHEALTHCHECK NONE\nRUN apk add --no-cache curl=8.9.1-r0\nCMD [\"run\", \"app\"]\n"
	if string(got) != want {
		t.Errorf("file after --fix:\n%s\nwant:\n%s", got, want)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o640 {
		t.Errorf("mode changed to %v", st.Mode().Perm())
	}
	if !strings.Contains(errOut, "fixed 2 findings in 1 file") {
		t.Errorf("stderr does not say what was fixed: %q", errOut)
	}
	if strings.Contains(out, "DKS1003") || strings.Contains(out, "DKS6001") {
		t.Errorf("fixed findings still reported:\n%s", out)
	}
}

func TestLintDiffWritesNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "Dockerfile")
	if err := os.WriteFile(path, []byte(fixable), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := run(t, "", "lint", "--diff", path)
	if code != 1 {
		t.Fatalf("exit %d, want 1\nstderr: %s", code, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != fixable {
		t.Error("--diff changed the file")
	}
	for _, want := range []string{"--- " + path + "\n+++ " + path + "\n", "\n-run apk add --no-cache curl=8.9.1-r0\n-CMD run app\n+RUN apk add --no-cache curl=8.9.1-r0\n+CMD [\"run\", \"app\"]\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("diff lacks %q:\n%s", want, out)
		}
	}
	// Nothing to fix: exit 0, no diff.
	out, _, code = run(t, "FROM alpine:3.22\nUSER 1\nHEALTHCHECK NONE\n", "lint", "--diff", "-")
	if code != 0 || out != "" {
		t.Errorf("clean input: exit %d, diff %q", code, out)
	}
}

func TestLintFixStdinPrintsFile(t *testing.T) {
	out, errOut, code := run(t, fixable, "lint", "--fix", "-", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d\nstderr: %s", code, errOut)
	}
	if want := "FROM alpine:3.22\nUSER 1\nHEALTHCHECK NONE\nRUN apk add --no-cache curl=8.9.1-r0\nCMD [\"run\", \"app\"]\n"; out != want {
		t.Errorf("stdout is not the fixed file:\n%s", out)
	}
	if strings.Contains(out, `"schema"`) || !strings.Contains(errOut, `"schema"`) {
		t.Errorf("the report must go to stderr when stdout holds the file\nstdout: %s\nstderr: %s", out, errOut)
	}
	// Nothing to fix: the file comes back as it was.
	clean := "FROM alpine:3.22\nUSER 1\nHEALTHCHECK NONE\n"
	if out, _, _ := run(t, clean, "lint", "--fix", "-"); out != clean {
		t.Errorf("unchanged standard input not printed back: %q", out)
	}
}

func TestLintUnsafeFixes(t *testing.T) {
	src := "FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nCMD [\"curl\"]\n"
	out, errOut, _ := run(t, src, "lint", "--fix", "-")
	if out != src || !strings.Contains(errOut, "more with --unsafe-fixes") {
		t.Errorf("safe mode applied an unsafe fix or gave no hint\nstdout: %s\nstderr: %s", out, errOut)
	}
	out, _, _ = run(t, src, "lint", "--fix", "--unsafe-fixes", "-")
	for _, want := range []string{"--no-install-recommends", "USER 10001\n", "HEALTHCHECK --interval=30s"} {
		if !strings.Contains(out, want) {
			t.Errorf("--unsafe-fixes did not apply %q:\n%s", want, out)
		}
	}
	if _, errOut, code := run(t, src, "lint", "--unsafe-fixes", "-"); code != 2 || !strings.Contains(errOut, "--unsafe-fixes needs --fix or --diff") {
		t.Errorf("--unsafe-fixes alone: exit %d, %q", code, errOut)
	}
}

// TestLintResolvePinsDigest: with --resolve-digests, the digest comes from
// the registry (go-containerregistry's, in process on 127.0.0.1); the old
// name --resolve still works and says it is deprecated.
func TestLintResolvePinsDigest(t *testing.T) {
	host := imagetest.Registry(t, nil)
	img := imagetest.Image(t, nil, nil)
	imagetest.Push(t, host+"/base:1", img)
	want, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	src := "FROM " + host + "/base:1 AS app\nUSER 1\nHEALTHCHECK NONE\n"
	args := []string{"lint", "--fix", "--unsafe-fixes", "--enable", "base-image-digest-missing", "-"}
	out, _, _ := run(t, src, args...)
	if out != src {
		t.Errorf("pinned without --resolve-digests:\n%s", out)
	}
	out, errOut, code := run(t, src, append(args, "--resolve-digests")...)
	if code != 0 || !strings.HasPrefix(out, "FROM "+host+"/base:1@"+want.String()+" AS app\n") {
		t.Errorf("exit %d, fixed file:\n%s\nwant the digest %s\nstderr: %s", code, out, want, errOut)
	}
	// A reference the registry does not know is left alone.
	missing := "FROM " + host + "/missing:1\nUSER 1\nHEALTHCHECK NONE\n"
	if out, _, _ := run(t, missing, append(args, "--resolve-digests")...); out != missing {
		t.Errorf("pinned an unknown image:\n%s", out)
	}
	old, errOld, _ := run(t, src, append(args, "--resolve")...)
	if old != out || !strings.Contains(errOld, "deprecated") {
		t.Errorf("--resolve: fixed file:\n%s\nstderr: %s", old, errOld)
	}
}

// TestLintShowsFixes: the formats that show fixes get them built; text
// without --explain, the default, builds none.
func TestLintShowsFixes(t *testing.T) {
	out, _, _ := run(t, fixable, "lint", "--format", "json", "-")
	if !strings.Contains(out, `"fix": {`) || !strings.Contains(out, `"safety": "safe"`) {
		t.Errorf("--format json shows no fix:\n%s", out)
	}
	out, _, _ = run(t, fixable, "lint", "--format", "sarif", "-")
	if !strings.Contains(out, `"fixes": [`) {
		t.Errorf("--format sarif shows no fix:\n%s", out)
	}
	out, _, _ = run(t, fixable, "lint", "-")
	if strings.Contains(out, "fixable") {
		t.Errorf("plain text counted fixes it should not have built:\n%s", out)
	}
	out, _, _ = run(t, fixable, "lint", "--explain", "-")
	if !strings.Contains(out, "autofix: write the command in exec form") || !strings.Contains(out, "2 fixable with --fix") {
		t.Errorf("--explain shows no fix:\n%s", out)
	}
}
