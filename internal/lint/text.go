package lint

import (
	"bytes"
	"fmt"
	"unicode/utf8"
)

// textSniffBytes is how much of a file notText reads: enough to tell a
// binary or UTF-16 file from a Dockerfile, little enough to cost nothing.
const textSniffBytes = 1 << 10

// notText says why src is not UTF-8 text, judging by its first KiB, and
// on which line, or "" when it is text. A Dockerfile is UTF-8 text; a
// binary (or UTF-16) file parsed as one yields nonsense findings about its
// bytes, so it is named for what it is instead.
func notText(src []byte) (why string, line int) {
	head := src[:min(len(src), textSniffBytes)]
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return "is UTF-16 text, not UTF-8", 1
	}
	lineOf := func(off int) int { return 1 + bytes.Count(head[:off], []byte{'\n'}) }
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fmt.Sprintf("is not a text file (NUL byte at offset %d)", i), lineOf(i)
	}
	for i := 0; i < len(head); {
		r, n := utf8.DecodeRune(head[i:])
		if r == utf8.RuneError && n == 1 {
			if len(src) > len(head) && !utf8.FullRune(head[i:]) {
				// A character cut in two by the end of the sniffed KiB.
				break
			}
			return fmt.Sprintf("is not a text file (invalid UTF-8 at offset %d)", i), lineOf(i)
		}
		i += n
	}
	return "", 0
}
