package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// sourceHashPlain is SourceHash's definition written plainly: continuation
// marks dropped, white space collapsed, lines joined by one space.
func sourceHashPlain(src string) string {
	var b strings.Builder
	for _, line := range strings.Split(src, "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), "\\"))
		if line == "" {
			continue
		}
		b.WriteString(strings.Join(strings.Fields(line), " "))
		b.WriteByte(' ')
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(b.String())))
	return hex.EncodeToString(sum[:16])
}

func TestSourceHashNormalisation(t *testing.T) {
	for _, src := range []string{
		"", "\n", "RUN a", "RUN  a \\\n   && b\n", "RUN a\u00a0b\u0085", "\\", " \\ \n\\\n", "RUN \xff\xfe x",
		strings.Repeat("RUN apt-get install -y curl \\\n", 100),
	} {
		if got, want := SourceHash(src), sourceHashPlain(src); got != want {
			t.Errorf("SourceHash(%q) = %s, want %s", src, got, want)
		}
	}
}

func FuzzSourceHash(f *testing.F) {
	f.Add("RUN a \\\n  b")
	f.Fuzz(func(t *testing.T, src string) {
		if got, want := SourceHash(src), sourceHashPlain(src); got != want {
			t.Fatalf("SourceHash(%q) = %s, want %s", src, got, want)
		}
	})
}
