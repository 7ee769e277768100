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
	// The normalised text is built in one buffer, without the slices and
	// strings of splitting it: every finding is hashed.
	// TestSourceHashNormalisation holds it to the plain definition.
	var stack [512]byte
	buf := stack[:0]
	for rest := src; ; {
		line, more, found := strings.Cut(rest, "\n")
		line = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(line), "\\"))
		for field := range strings.FieldsSeq(line) {
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			buf = append(buf, field...)
		}
		if !found {
			break
		}
		rest = more
	}
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:16])
}
