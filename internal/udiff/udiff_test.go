package udiff

import (
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnifiedEqual(t *testing.T) {
	if got := Unified("a/x", "b/x", []byte("same\n"), []byte("same\n")); got != "" {
		t.Errorf("equal texts gave %q", got)
	}
}

func TestUnified(t *testing.T) {
	a := "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y curl\nCMD run\n"
	b := "FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\nUSER 10001\nCMD [\"run\"]\n"
	want := `--- a/Dockerfile
+++ b/Dockerfile
@@ -1,4 +1,5 @@
 FROM debian:12
 RUN apt-get update
-RUN apt-get install -y curl
-CMD run
+RUN apt-get install -y --no-install-recommends curl
+USER 10001
+CMD ["run"]
`
	if got := Unified("a/Dockerfile", "b/Dockerfile", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestUnifiedSeparateHunksAndNoNewline(t *testing.T) {
	var a, b strings.Builder
	for i := range 20 {
		line := "line " + string(rune('a'+i)) + "\n"
		a.WriteString(line)
		if i == 2 {
			line = "changed\n"
		}
		b.WriteString(line)
	}
	a.WriteString("last")
	b.WriteString("last\n")
	want := `--- a
+++ b
@@ -1,6 +1,6 @@
 line a
 line b
-line c
+changed
 line d
 line e
 line f
@@ -18,4 +18,4 @@
 line r
 line s
 line t
-last
\ No newline at end of file
+last
`
	if got := Unified("a", "b", []byte(a.String()), []byte(b.String())); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestUnifiedPatchApplies checks random edits against patch(1): the diff
// applied to the old text must give the new one.
func TestUnifiedPatchApplies(t *testing.T) {
	patch, err := exec.LookPath("patch")
	if err != nil {
		t.Skip("patch(1) is not installed")
	}
	rng := rand.New(rand.NewPCG(1, 2))
	words := []string{"FROM x\n", "RUN a\n", "RUN b\n", "CMD c\n", "\n", "# note\n", "USER 1\n"}
	for round := range 30 {
		var a []string
		for range rng.IntN(30) {
			a = append(a, words[rng.IntN(len(words))])
		}
		b := append([]string(nil), a...)
		for range rng.IntN(6) + 1 {
			switch at := rng.IntN(len(b) + 1); rng.IntN(3) {
			case 0:
				b = append(b[:at], append([]string{words[rng.IntN(len(words))]}, b[at:]...)...)
			case 1:
				if at < len(b) {
					b = append(b[:at], b[at+1:]...)
				}
			default:
				if at < len(b) {
					b[at] = "changed " + b[at]
				}
			}
		}
		old, new := strings.Join(a, ""), strings.Join(b, "")
		d := Unified("a/f", "b/f", []byte(old), []byte(new))
		if old == new {
			continue
		}
		dir := t.TempDir()
		f := filepath.Join(dir, "f")
		if err := os.WriteFile(f, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(patch, "-s", "-p1", "-d", dir)
		cmd.Stdin = strings.NewReader(d)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("round %d: patch failed: %v\n%s\ndiff:\n%s", round, err, out, d)
		}
		got, _ := os.ReadFile(f)
		if string(got) != new {
			t.Fatalf("round %d: patched text differs\nold %q\nnew %q\ngot %q\ndiff:\n%s", round, old, new, got, d)
		}
	}
}

// TestUnifiedBounded: past maxEditDistance the middle is replaced whole,
// so a rewritten file still diffs quickly and correctly.
func TestUnifiedBounded(t *testing.T) {
	var a, b strings.Builder
	for i := range 3 * maxEditDistance {
		a.WriteString("a" + strings.Repeat("x", i%7) + "\n")
		b.WriteString("b" + strings.Repeat("x", i%5) + "\n")
	}
	d := Unified("a", "b", []byte(a.String()), []byte(b.String()))
	if got, want := strings.Count(d, "\n-"), 3*maxEditDistance; got != want {
		t.Errorf("%d lines removed, want %d", got, want)
	}
	if got, want := strings.Count(d, "\n+"), 3*maxEditDistance+1; got != want { // +1: the "+++" header
		t.Errorf("%d lines added, want %d", got, want)
	}
}
