package python

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/lazyre"
	"golang.org/x/text/encoding/charmap"
)

// Error is why a file could not be parsed. Line and Col (1-based, byte
// column) point at the offending token.
type Error struct {
	Path string
	Line int
	Col  int
	Msg  string
}

func (e *Error) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.Path, e.Line, e.Col, e.Msg)
}

// Comment is one # comment. Col is 1-based; Text starts with '#' and
// runs to the end of the line.
type Comment struct {
	Line int
	Col  int
	Text string
}

var codingRE = lazyre.New(`^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)`)

// decodeSource turns file bytes into the text the tokenizer reads: the
// BOM removed, the PEP 263 encoding decoded to UTF-8, \r\n and \r turned
// into \n (as CPython's universal newlines do).
func decodeSource(src []byte) (string, string, error) {
	bom := bytes.HasPrefix(src, []byte("\xef\xbb\xbf"))
	if bom {
		src = src[3:]
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		line := bytes.Count(src[:i], []byte("\n")) + 1
		return "", "", &Error{Line: line, Col: 1, Msg: "source code cannot contain null bytes"}
	}
	enc, line := declaredEncoding(src)
	if enc != "" {
		if bom && enc != "utf-8" {
			return "", "", &Error{Line: line, Col: 1, Msg: fmt.Sprintf("encoding problem: %s with BOM", enc)}
		}
		if enc != "utf-8" {
			decoded, err := transcode(src, enc)
			if err != nil {
				return "", "", &Error{Line: line, Col: 1, Msg: err.Error()}
			}
			src = decoded
		}
	}
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	return string(src), enc, nil
}

// declaredEncoding finds a coding declaration on line 1, or on line 2
// when line 1 is blank or a comment.
func declaredEncoding(src []byte) (string, int) {
	for line := 1; line <= 2 && len(src) > 0; line++ {
		end := bytes.IndexAny(src, "\r\n")
		if end < 0 {
			end = len(src)
		}
		text := src[:end]
		if m := codingRE().FindSubmatch(text); m != nil {
			return normalizeEncoding(string(m[1])), line
		}
		trimmed := bytes.TrimLeft(text, " \t\f")
		if len(trimmed) > 0 && trimmed[0] != '#' {
			break
		}
		src = src[end:]
		if len(src) > 0 && src[0] == '\r' {
			src = src[1:]
		}
		if len(src) > 0 && src[0] == '\n' {
			src = src[1:]
		}
	}
	return "", 0
}

// normalizeEncoding maps Python's spellings of the encodings it is told
// most often to one name, as CPython's get_normal_name does.
func normalizeEncoding(name string) string {
	n := strings.ReplaceAll(strings.ToLower(name), "_", "-")
	switch {
	case n == "utf-8" || strings.HasPrefix(n, "utf-8-") || n == "utf8" || n == "ascii" || n == "us-ascii":
		return "utf-8"
	case n == "latin-1" || n == "iso-8859-1" || n == "iso8859-1" || n == "latin1" || n == "l1" || n == "cp819" ||
		strings.HasPrefix(n, "latin-1-") || strings.HasPrefix(n, "iso-8859-1-") || strings.HasPrefix(n, "iso-latin-1"):
		return "latin-1"
	}
	return n
}

// transcode decodes the 8-bit encodings that Python sources declare in
// practice; others are an error rather than a guess.
func transcode(src []byte, enc string) ([]byte, error) {
	var cm *charmap.Charmap
	switch enc {
	case "latin-1":
		cm = charmap.ISO8859_1
	case "iso-8859-15", "iso8859-15", "latin-9", "latin9":
		cm = charmap.ISO8859_15
	case "iso-8859-2", "iso8859-2", "latin-2", "latin2":
		cm = charmap.ISO8859_2
	case "cp1252", "windows-1252":
		cm = charmap.Windows1252
	case "cp1251", "windows-1251":
		cm = charmap.Windows1251
	case "koi8-r":
		cm = charmap.KOI8R
	default:
		return nil, fmt.Errorf("unknown encoding: %s", enc)
	}
	return cm.NewDecoder().Bytes(src)
}
