package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
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

// identifyPlain is occurrences.identify's fingerprint written plainly:
// the hex of the first 8 bytes of the SHA-256 of rule, file, image and
// source hash (or layer, path and message) joined by newlines, then the
// occurrence of that key so far.
func identifyPlain(seen map[string]int, f rules.Finding, withImage bool) string {
	file, image, layer := "", "", ""
	if withImage {
		image, layer = f.Image, f.Layer
	}
	if f.File != "" {
		file = filepath.ToSlash(f.File)
	}
	what := f.SourceHash
	if what == "" {
		what = strings.Join([]string{layer, f.Path, f.Message}, "\n")
	}
	sum := sha256.Sum256([]byte(strings.Join([]string{f.Rule.ID, file, image, what}, "\n")))
	key := hex.EncodeToString(sum[:8])
	fp := fmt.Sprintf("%s:%d", key, seen[key])
	seen[key]++
	return fp
}

// The fingerprint, built in one buffer with an array-keyed count, is the
// plain definition's, for source and image findings, long texts and
// repeated findings alike.
func TestFingerprintPlain(t *testing.T) {
	long := strings.Repeat("x/é\n", 200)
	var findings []rules.Finding
	for _, r := range []*rules.Rule{rules.UnusedSuppression, {ID: ""}, {ID: long}} {
		for _, loc := range []rules.Location{{}, {File: "a/Dockerfile"}, {File: long}, {Image: "img:1", Layer: "sha256:ab", Path: "/etc/x"}, {Image: long, Layer: long, Path: long}} {
			for _, hash := range []string{"", "f2c233bd0e09aea726a37e6818625c24", long} {
				f := rules.Finding{Rule: r, Location: loc, SourceHash: hash, Message: "m " + hash}
				findings = append(findings, f, f, f)
			}
		}
	}
	for _, withImage := range []bool{true, false} {
		occ, seen := occurrences{}, map[string]int{}
		for i, f := range findings {
			if got, want := occ.identify(f, "", withImage).Fingerprint, identifyPlain(seen, f, withImage); got != want {
				t.Fatalf("finding %d (withImage %v): fingerprint %s, want %s", i, withImage, got, want)
			}
		}
	}
}
