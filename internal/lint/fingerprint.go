package lint

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// SourceHash hashes Dockerfile source text for Finding.SourceHash. The text
// is normalised first: line continuations are joined and runs of white
// space collapse to one space, so re-indenting or re-wrapping an
// instruction keeps its findings' fingerprints, while any change to what
// the instruction says produces a new one.
func SourceHash(src string) string {
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
