package packaging

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The dockstride-fix hook, run as pre-commit runs it, fails a commit whose
// staged file has fixes, printing them as a diff that `git apply` takes;
// once applied, the commit goes through. A Dockerfile and a compose file,
// the two kinds of file the hook's pattern selects that have safe fixes.
func TestPreCommitFixHookPrintsAppliableDiff(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin := binary(t)
	h := loadHookID(t, "dockstride-fix")
	if h.Files != loadHook(t).Files || !strings.HasPrefix(h.Entry, "dockstride lint --diff") {
		t.Fatalf("hook = %+v: want the dockstride hook's files and the entry dockstride lint --diff", h)
	}
	t.Setenv("PATH", filepath.Dir(bin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	for _, tc := range []struct {
		path, content, fixed string
	}{
		{"svc/Dockerfile", "FROM alpine:3.20\nUSER 10001\nHEALTHCHECK NONE\nCMD run app\n", `CMD ["run", "app"]`},
		{"svc/compose.yaml", "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n", "no-new-privileges:true"},
	} {
		t.Run(filepath.Base(tc.path), func(t *testing.T) {
			repo := repoWithHook(t, h)
			file := filepath.Join(repo, tc.path)
			os.MkdirAll(filepath.Dir(file), 0o755)
			if err := os.WriteFile(file, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			git(t, repo, "add", tc.path)
			out, err := git(t, repo, "commit", "-q", "-m", "fixable")
			if err == nil {
				t.Fatalf("commit with fixes pending succeeded:\n%s", out)
			}
			start := strings.Index(out, "--- a/"+tc.path)
			end := strings.Index(out, "dockstride: would fix")
			if start < 0 || end < start {
				t.Fatalf("hook output has no diff:\n%s", out)
			}
			patch := filepath.Join(t.TempDir(), "fix.patch")
			os.WriteFile(patch, []byte(out[start:end]), 0o644)
			if out, err := git(t, repo, "apply", patch); err != nil {
				t.Fatalf("git apply refused the diff: %v\n%s", err, out)
			}
			git(t, repo, "add", tc.path)
			if out, err := git(t, repo, "commit", "-q", "-m", "fixed"); err != nil {
				t.Errorf("commit after applying the diff failed: %v\n%s", err, out)
			}
			got, _ := os.ReadFile(file)
			if !strings.Contains(string(got), tc.fixed) {
				t.Errorf("applied file has no %q:\n%s", tc.fixed, got)
			}
		})
	}
}
