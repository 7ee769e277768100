package report

import (
	"strconv"
	"unicode/utf8"
)

// appendFinding appends jf as JSON indented at the given prefix, the same
// bytes as jsonStream.value(jf, prefix) (encoding/json, HTML not escaped,
// then indentJSON) writes. A corpus report holds ~30,000 findings, and
// encoding/json's reflection plus the second pass to indent were a tenth
// of a whole corpus lint; TestAppendFindingSameBytes and
// FuzzAppendJSONString hold this writer to encoding/json.
func appendFinding(dst []byte, jf *jsonFinding, prefix string) []byte {
	o := jsonObject{dst: dst, prefix: prefix, depth: 1}
	o.dst = append(o.dst, '{')
	o.str("rule", jf.Rule)
	o.str("name", jf.Name)
	o.str("severity", jf.Severity)
	o.str("message", jf.Message)
	o.str("target", jf.Target)
	o.strOmit("file", jf.File)
	o.numOmit("line", jf.Line)
	o.numOmit("end_line", jf.EndLine)
	o.numOmit("column", jf.Column)
	o.strOmit("service", jf.Service)
	o.strOmit("image", jf.Image)
	o.strOmit("digest", jf.Digest)
	o.strOmit("layer", jf.Layer)
	o.strOmit("path", jf.Path)
	o.strOmit("origin", jf.Origin)
	if jf.History != nil {
		o.num("history", *jf.History)
	}
	o.strOmit("source_hash", jf.SourceHash)
	o.strs("aliases", jf.Aliases)
	o.strs("cis", jf.CIS)
	o.strs("cwe", jf.CWE)
	o.strs("stride", jf.STRIDE)
	o.strs("attack", jf.ATTACK)
	o.strs("controls", jf.Controls)
	o.strOmit("fingerprint", jf.Fingerprint)
	if s := jf.Suppressed; s != nil {
		o.key("suppressed")
		in := o.open()
		in.numOmit("line", s.Line)
		in.strOmit("reason", s.Reason)
		in.strOmit("kind", s.Kind)
		in.strOmit("scope", s.Scope)
		in.strOmit("pragma", s.Pragma)
		in.strOmit("until", s.Until)
		o.dst = in.close()
	}
	if fx := jf.Fix; fx != nil {
		o.key("fix")
		in := o.open()
		in.str("safety", fx.Safety)
		in.strOmit("title", fx.Title)
		if len(fx.Edits) > 0 {
			in.key("edits")
			in.dst = append(in.dst, '[')
			for i := range fx.Edits {
				e := &fx.Edits[i]
				if i > 0 {
					in.dst = append(in.dst, ',')
				}
				in.newline(in.depth + 1)
				ed := jsonObject{dst: in.dst, prefix: in.prefix, depth: in.depth + 2}
				ed.dst = append(ed.dst, '{')
				ed.num("start", e.Start)
				ed.num("end", e.End)
				ed.num("line", e.Line)
				ed.num("column", e.Column)
				ed.num("end_line", e.EndLine)
				ed.num("end_column", e.EndColumn)
				ed.str("text", e.Text)
				in.dst = ed.close()
			}
			in.newline(in.depth)
			in.dst = append(in.dst, ']')
		}
		in.strOmit("unavailable", fx.Unavailable)
		o.dst = in.close()
	}
	return o.close()
}

// jsonObject writes the members of one indented JSON object: depth is
// the indentation of its members, one more than that of its braces.
type jsonObject struct {
	dst    []byte
	prefix string
	depth  int
	n      int // members written
}

func (o *jsonObject) newline(depth int) {
	o.dst = append(o.dst, '\n')
	o.dst = append(o.dst, o.prefix...)
	for range depth {
		o.dst = append(o.dst, "  "...)
	}
}

// key starts a member. Keys are ASCII names that need no escaping.
func (o *jsonObject) key(k string) {
	if o.n > 0 {
		o.dst = append(o.dst, ',')
	}
	o.n++
	o.newline(o.depth)
	o.dst = append(o.dst, '"')
	o.dst = append(o.dst, k...)
	o.dst = append(o.dst, `": `...)
}

func (o *jsonObject) str(k, v string) {
	o.key(k)
	o.dst = appendJSONString(o.dst, v)
}

func (o *jsonObject) strOmit(k, v string) {
	if v != "" {
		o.str(k, v)
	}
}

func (o *jsonObject) num(k string, v int) {
	o.key(k)
	o.dst = strconv.AppendInt(o.dst, int64(v), 10)
}

func (o *jsonObject) numOmit(k string, v int) {
	if v != 0 {
		o.num(k, v)
	}
}

// strs writes a list of strings: null when nil, [] when empty, as
// encoding/json does.
func (o *jsonObject) strs(k string, v []string) {
	o.key(k)
	switch {
	case v == nil:
		o.dst = append(o.dst, "null"...)
	case len(v) == 0:
		o.dst = append(o.dst, "[]"...)
	default:
		o.dst = append(o.dst, '[')
		for i, s := range v {
			if i > 0 {
				o.dst = append(o.dst, ',')
			}
			o.newline(o.depth + 1)
			o.dst = appendJSONString(o.dst, s)
		}
		o.newline(o.depth)
		o.dst = append(o.dst, ']')
	}
}

// open starts a nested object as the value of the member just keyed.
func (o *jsonObject) open() jsonObject {
	dst := append(o.dst, '{')
	o.dst = nil
	return jsonObject{dst: dst, prefix: o.prefix, depth: o.depth + 1}
}

// close ends the object and returns the bytes: {} when it has no member.
func (o *jsonObject) close() []byte {
	if o.n > 0 {
		o.newline(o.depth - 1)
	}
	return append(o.dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json does with HTML
// escaping off: quote, backslash and control characters escaped, invalid
// UTF-8 as \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
