package python

import (
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// joined accumulates the parts of an implicitly concatenated string: the
// pending constant text and, once an f-string is seen, the JoinedStr's
// values. A lone part (the common case) is kept without copying.
type joined struct {
	first     string
	more      strings.Builder
	parts     int
	textStart pos
	textEnd   token
	values    []Expr
}

func (j *joined) addText(s string, from pos, to token) {
	switch j.parts {
	case 0:
		j.first = s
		j.textStart = from
	case 1:
		j.more.Reset()
		j.more.WriteString(j.first)
		fallthrough
	default:
		j.more.WriteString(s)
	}
	j.parts++
	j.textEnd = to
}

func (j *joined) text() string {
	if j.parts > 1 {
		return j.more.String()
	}
	return j.first
}

// flush turns the pending text into a str Constant value.
func (j *joined) flush() {
	if j.parts == 0 {
		return
	}
	text := j.text()
	j.parts = 0
	if text == "" {
		return
	}
	c := &Constant{Kind: ConstStr, Value: text}
	c.Span = Span{Line: int(j.textStart.line), Col: int(j.textStart.col) + 1, EndLine: int(j.textEnd.endLine), EndCol: int(j.textEnd.endCol) + 1}
	j.values = append(j.values, c)
}

// strings parses one or more adjacent string literals.
func (p *parser) strings() Expr {
	s := p.start()
	startOff := p.tok.off
	var j joined
	kind := -1 // ConstStr or ConstBytes once known
	fstring := false
	for p.tok.kind == tString || p.tok.kind == tFStringStart {
		t := p.tok
		prefix, _, _ := splitString(p.text(t))
		isBytes := hasPrefixFlag(prefix, 'b')
		k := int(ConstStr)
		if isBytes {
			k = int(ConstBytes)
		}
		if kind >= 0 && kind != k {
			p.errorAt(t, "cannot mix bytes and nonbytes literals")
		}
		kind = k
		tokStart := pos{t.line, t.col}
		if t.kind == tString {
			p.next()
			j.addText(p.decodeString(t), tokStart, t)
			continue
		}
		fstring = true
		p.fstring(&j, hasPrefixFlag(prefix, 'r'))
	}
	raw := p.src[startOff:p.prev.end]
	if !fstring {
		c := p.consts.new()
		*c = Constant{Span: p.span(s), Kind: ConstKind(kind), Raw: raw, Value: j.text()}
		return c
	}
	j.flush()
	return &JoinedStr{Span: p.span(s), Values: j.values, Raw: raw}
}

// fstring parses one f-string from its FSTRING_START, adding its parts to j.
func (p *parser) fstring(j *joined, raw bool) {
	p.next()
	p.enter()
	defer p.leave()
	for {
		switch p.tok.kind {
		case tFStringMiddle:
			p.fstringText(j, raw, true)
		case tLBrace:
			p.field(j, raw)
		case tFStringEnd:
			p.next()
			return
		default:
			p.syntaxError()
		}
	}
}

// fstringText adds an FSTRING_MIDDLE's text to j; doubled braces stand
// for one in an f-string's text, not in a format spec.
func (p *parser) fstringText(j *joined, raw, doubledBraces bool) {
	t := p.tok
	p.next()
	j.addText(decodeEscapes(p.text(t), false, raw, doubledBraces), pos{t.line, t.col}, t)
}

// field adds a replacement field to j: the "expr=" text a '=' asks for,
// then the value.
func (p *parser) field(j *joined, raw bool) {
	debug, fv := p.replacementField(raw)
	if debug != nil {
		end := token{endLine: int32(debug.EndLine), endCol: int32(debug.EndCol - 1)}
		j.addText(debug.Value, pos{int32(debug.Line), int32(debug.Col - 1)}, end)
	}
	j.flush()
	j.values = append(j.values, fv)
}

// replacementField parses {expr[=][!c][:spec]}. debug is the "expr="
// text that a '=' adds before the value, or nil.
func (p *parser) replacementField(raw bool) (debug *Constant, fv *FormattedValue) {
	s := p.start()
	lbrace := p.tok
	p.next()
	if p.tok.kind == tRBrace {
		p.errorf("f-string: valid expression required before '}'")
	}
	var value Expr
	if p.tok.kind == tYield {
		value = p.yieldExpr()
	} else {
		value = p.starExpressions()
	}
	fv = &FormattedValue{Value: value, Conversion: -1}
	if p.tok.kind == tEqual {
		p.next()
		debug = &Constant{Kind: ConstStr, Value: p.src[lbrace.end:p.tok.off]}
		debug.Span = Span{Line: int(lbrace.endLine), Col: int(lbrace.endCol) + 1, EndLine: int(p.tok.line), EndCol: int(p.tok.col) + 1}
		debug.Raw = debug.Value
	}
	if p.tok.kind == tBang {
		p.next()
		if p.tok.kind != tName || p.tok.off != p.prev.end {
			p.errorf("f-string: missing conversion character")
		}
		switch c := p.text(p.tok); c {
		case "s", "r", "a":
			fv.Conversion = int(c[0])
		default:
			p.errorf("f-string: invalid conversion character %q: expected 's', 'r', or 'a'", c)
		}
		p.next()
	}
	if p.tok.kind == tColon {
		cs, colon := p.start(), p.tok
		p.next()
		var spec joined
		for p.tok.kind != tRBrace {
			switch p.tok.kind {
			case tFStringMiddle:
				p.fstringText(&spec, raw, false)
			case tLBrace:
				p.field(&spec, raw)
			default:
				p.errorf("f-string: expecting '}'")
			}
		}
		spec.flush()
		fv.FormatSpec = &JoinedStr{Span: p.span(cs), Values: spec.values, Raw: p.src[colon.off:p.prev.end]}
	}
	if p.tok.kind != tRBrace {
		p.errorf("f-string: expecting '}'")
	}
	p.next()
	if debug != nil && fv.Conversion == -1 && fv.FormatSpec == nil {
		fv.Conversion = 'r'
	}
	fv.Span = p.span(s)
	return debug, fv
}

// splitString splits a string token's text into prefix, quote and body.
func splitString(lit string) (prefix, quote, body string) {
	i := 0
	for i < len(lit) && lit[i] != '\'' && lit[i] != '"' {
		i++
	}
	prefix = lit[:i]
	q := 1
	if len(lit)-i >= 6 && lit[i+1] == lit[i] && lit[i+2] == lit[i] {
		q = 3
	}
	if len(lit)-i < 2*q {
		return prefix, lit[i:], ""
	}
	return prefix, lit[i : i+q], lit[i+q : len(lit)-q]
}

// decodeString returns the value of a plain (not f-) string token.
func (p *parser) decodeString(t token) string {
	prefix, _, body := splitString(p.text(t))
	isBytes := hasPrefixFlag(prefix, 'b')
	if isBytes {
		for i := 0; i < len(body); i++ {
			if body[i] >= utf8.RuneSelf {
				p.errorAt(t, "bytes can only contain ASCII literal characters")
			}
		}
	}
	return decodeEscapes(body, isBytes, hasPrefixFlag(prefix, 'r'), false)
}

// decodeEscapes decodes a string body. In an f-string's literal text
// (fstring) doubled braces stand for one. Unknown escapes are kept as
// written, as CPython does (with a warning).
func decodeEscapes(s string, isBytes, raw, fstring bool) string {
	if strings.IndexByte(s, '\\') < 0 && (!fstring || !strings.ContainsAny(s, "{}")) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if fstring && (c == '{' || c == '}') && i+1 < len(s) && s[i+1] == c {
			b.WriteByte(c)
			i++
			continue
		}
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		if raw {
			// A raw string keeps its backslashes; the tokenizer only
			// used them to skip the quote or newline after them.
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(e)
		case 'a':
			b.WriteByte('\a')
		case 'b':
			b.WriteByte('\b')
		case 'f':
			b.WriteByte('\f')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte('\v')
		case '0', '1', '2', '3', '4', '5', '6', '7':
			n, j := 0, i
			for j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7' {
				n = n*8 + int(s[j]-'0')
				j++
			}
			i = j - 1
			writeCode(&b, n, isBytes)
		case 'x':
			if n, ok := hexAt(s, i+1, 2); ok {
				writeCode(&b, n, isBytes)
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		case 'u', 'U':
			width := 4
			if e == 'U' {
				width = 8
			}
			if n, ok := hexAt(s, i+1, width); ok && !isBytes {
				writeCode(&b, n, false)
				i += width
			} else {
				b.WriteByte('\\')
				b.WriteByte(e)
			}
		case 'N':
			if !isBytes && i+1 < len(s) && s[i+1] == '{' {
				// Unicode names are at most 88 bytes: a bounded search
				// keeps "\N{\N{\N{..." linear.
				if end := strings.IndexByte(s[i:min(len(s), i+100)], '}'); end > 0 {
					if r, ok := runeNamed(s[i+2 : i+end]); ok {
						b.WriteRune(r)
						i += end
						continue
					}
				}
			}
			b.WriteString(`\N`)
		default:
			b.WriteByte('\\')
			if fstring && (e == '{' || e == '}') {
				i-- // the brace is literal text (or a doubled brace) of its own
				continue
			}
			b.WriteByte(e)
		}
	}
	return b.String()
}

// writeCode writes an escaped code: a byte in bytes, a code point in str.
// A lone surrogate (\ud800) is written as its three UTF-8-style bytes, as
// Python's "surrogatepass" would, rather than lost to U+FFFD.
func writeCode(b *strings.Builder, n int, isBytes bool) {
	switch {
	case isBytes:
		b.WriteByte(byte(n))
	case n >= 0xD800 && n < 0xE000:
		b.WriteByte(byte(0xE0 | n>>12))
		b.WriteByte(byte(0x80 | n>>6&0x3F))
		b.WriteByte(byte(0x80 | n&0x3F))
	default:
		b.WriteRune(rune(n))
	}
}

func hexAt(s string, i, width int) (int, bool) {
	if i+width > len(s) {
		return 0, false
	}
	n, err := strconv.ParseUint(s[i:i+width], 16, 32)
	return int(n), err == nil
}

var (
	runeNamesOnce sync.Once
	runesByName   map[string]rune
)

// runeNamed looks a \N{NAME} escape up in the Unicode name table. The
// index is built on first use (few files use \N), and an unknown name
// (CPython also knows aliases) leaves the escape as written.
func runeNamed(name string) (rune, bool) {
	runeNamesOnce.Do(func() {
		runesByName = make(map[string]rune, 40000)
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if r >= 0xD800 && r < 0xE000 {
				continue
			}
			if n := runenames.Name(r); n != "" && n[0] != '<' {
				runesByName[n] = r
			}
		}
	})
	r, ok := runesByName[strings.ToUpper(name)]
	return r, ok
}
