package python

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// Limits CPython's tokenizer also has: bracket nesting (MAXLEVEL) and
// indentation levels (MAXINDENT).
const (
	maxBrackets = 200
	maxIndent   = 100
	tabSize     = 8
)

// fframe is one level of the f-string mode stack. A string frame scans
// literal text; a field frame is a replacement field's expression,
// tokenized normally until its closing brace at depth; a spec frame scans
// a format spec's literal text.
type fframe struct {
	kind   uint8 // frameString, frameField or frameSpec
	quote  byte
	triple bool
	raw    bool
	depth  int // frameField: len(brackets) once its '{' is open
}

const (
	frameString = iota
	frameField
	frameSpec
)

// lexer turns source text into tokens on demand. It keeps the comments it
// passes, and reports the first error by panicking with *Error (the parser
// recovers it).
type lexer struct {
	src       string
	pos       int
	line      int
	lineStart int

	brackets     []byte // open brackets, innermost last
	bracketLines []int32
	indents      []int // indentation columns, tabs to multiples of 8
	altIndents   []int // the same with tabs counted as 1, to detect TabError
	dedents      int   // DEDENT tokens still to emit
	atLineStart  bool
	sawToken     bool // a token of the current logical line was emitted
	fstack       []fframe
	comments     []Comment
}

func (lx *lexer) init(src string) {
	lx.src = src
	lx.line = 1
	lx.atLineStart = true
	lx.indents = append(lx.indents[:0], 0)
	lx.altIndents = append(lx.altIndents[:0], 0)
}

func (lx *lexer) errorAt(line, col int, format string, args ...any) {
	panic(&Error{Line: line, Col: col + 1, Msg: fmt.Sprintf(format, args...)})
}

func (lx *lexer) errorHere(format string, args ...any) {
	lx.errorAt(lx.line, lx.pos-lx.lineStart, format, args...)
}

func (lx *lexer) tok(kind tokKind, off, line, col int) token {
	return token{
		kind: kind, off: int32(off), end: int32(lx.pos),
		line: int32(line), col: int32(col),
		endLine: int32(lx.line), endCol: int32(lx.pos - lx.lineStart),
	}
}

// emptyTok is a zero-width token at the current position (INDENT, DEDENT,
// NEWLINE at end of file, ENDMARKER).
func (lx *lexer) emptyTok(kind tokKind) token {
	return lx.tok(kind, lx.pos, lx.line, lx.pos-lx.lineStart)
}

func (lx *lexer) newline() {
	lx.line++
	lx.lineStart = lx.pos
}

// next returns the next token.
func (lx *lexer) next() token {
	for {
		if lx.dedents > 0 {
			lx.dedents--
			return lx.emptyTok(tDedent)
		}
		if n := len(lx.fstack); n > 0 && lx.fstack[n-1].kind != frameField {
			return lx.fstringPart()
		}
		if lx.atLineStart && len(lx.brackets) == 0 {
			if t, ok := lx.indentation(); ok {
				return t
			}
			continue
		}
		if lx.pos >= len(lx.src) {
			return lx.eof()
		}
		c := lx.src[lx.pos]
		switch c {
		case ' ', '\t', '\f':
			lx.pos++
			continue
		case '#':
			lx.comment()
			continue
		case '\\':
			if lx.pos+1 < len(lx.src) && lx.src[lx.pos+1] == '\n' {
				if lx.pos+2 >= len(lx.src) {
					lx.errorHere("unexpected EOF while parsing")
				}
				lx.pos += 2
				lx.newline()
				continue
			}
			if lx.pos+1 >= len(lx.src) {
				lx.errorHere("unexpected EOF while parsing")
			}
			lx.errorHere("unexpected character after line continuation character")
		case '\n':
			start, col := lx.pos, lx.pos-lx.lineStart
			lx.pos++
			if len(lx.brackets) > 0 {
				// Implicit line joining; this includes a replacement
				// field of a single-quoted f-string (PEP 701).
				lx.newline()
				continue
			}
			t := token{kind: tNewline, off: int32(start), end: int32(lx.pos),
				line: int32(lx.line), col: int32(col), endLine: int32(lx.line), endCol: int32(col + 1)}
			lx.newline()
			lx.atLineStart = true
			lx.sawToken = false
			return t
		}
		lx.sawToken = true
		if isIdentStart(c) {
			return lx.nameOrString()
		}
		if c >= '0' && c <= '9' || c == '.' && lx.pos+1 < len(lx.src) && isDigit(lx.src[lx.pos+1]) {
			return lx.number()
		}
		if c == '"' || c == '\'' {
			return lx.str(lx.pos, lx.pos)
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
			if isIdentStartRune(r) {
				return lx.nameOrString()
			}
			if r == utf8.RuneError && size == 1 {
				lx.errorHere("invalid non-UTF-8 byte 0x%02x", c)
			}
			lx.errorHere("invalid character '%c' (U+%04X)", r, r)
		}
		return lx.operator()
	}
}

// eof ends the token stream: a NEWLINE if the last line had tokens, one
// DEDENT per open indentation level, then ENDMARKER.
func (lx *lexer) eof() token {
	if len(lx.fstack) > 0 {
		lx.errorHere("unterminated f-string literal")
	}
	if len(lx.brackets) > 0 {
		n := len(lx.brackets) - 1
		lx.errorAt(int(lx.bracketLines[n]), 0, "'%c' was never closed", lx.brackets[n])
	}
	if lx.sawToken {
		lx.sawToken = false
		return lx.emptyTok(tNewline)
	}
	if len(lx.indents) > 1 {
		lx.indents = lx.indents[:len(lx.indents)-1]
		lx.altIndents = lx.altIndents[:len(lx.altIndents)-1]
		return lx.emptyTok(tDedent)
	}
	return lx.emptyTok(tEOF)
}

// indentation measures the indentation of a new line. A blank or
// comment-only line is skipped (ok is false); otherwise the line's
// INDENT or first DEDENT is returned, or ok is false when the level is
// unchanged.
func (lx *lexer) indentation() (token, bool) {
	col, alt := 0, 0
	for lx.pos < len(lx.src) {
		switch lx.src[lx.pos] {
		case ' ':
			col++
			alt++
		case '\t':
			col = (col/tabSize + 1) * tabSize
			alt++
		case '\f':
			col, alt = 0, 0
		default:
			goto measured
		}
		lx.pos++
	}
measured:
	if lx.pos >= len(lx.src) {
		lx.atLineStart = false
		return token{}, false
	}
	switch lx.src[lx.pos] {
	case '#':
		lx.comment()
		return token{}, false
	case '\n':
		lx.pos++
		lx.newline()
		return token{}, false
	}
	lx.atLineStart = false
	top := len(lx.indents) - 1
	switch {
	case col == lx.indents[top]:
		if alt != lx.altIndents[top] {
			lx.errorHere("inconsistent use of tabs and spaces in indentation")
		}
		return token{}, false
	case col > lx.indents[top]:
		if len(lx.indents) > maxIndent {
			lx.errorHere("too many levels of indentation")
		}
		if alt <= lx.altIndents[top] {
			lx.errorHere("inconsistent use of tabs and spaces in indentation")
		}
		lx.indents = append(lx.indents, col)
		lx.altIndents = append(lx.altIndents, alt)
		t := lx.emptyTok(tIndent)
		t.col = 0
		return t, true
	default:
		for top > 0 && col < lx.indents[top] {
			top--
			lx.dedents++
		}
		if col != lx.indents[top] {
			lx.errorHere("unindent does not match any outer indentation level")
		}
		if alt != lx.altIndents[top] {
			lx.errorHere("inconsistent use of tabs and spaces in indentation")
		}
		lx.indents = lx.indents[:top+1]
		lx.altIndents = lx.altIndents[:top+1]
		lx.dedents--
		return lx.emptyTok(tDedent), true
	}
}

func (lx *lexer) comment() {
	start := lx.pos
	end := start
	for end < len(lx.src) && lx.src[end] != '\n' {
		end++
	}
	lx.comments = append(lx.comments, Comment{Line: lx.line, Col: start - lx.lineStart + 1, Text: lx.src[start:end]})
	lx.pos = end
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isIdentStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

func isIdentChar(c byte) bool { return isIdentStart(c) || isDigit(c) }

// isIdentStartRune and isIdentRune approximate XID_Start and XID_Continue.
func isIdentStartRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r)
}

func isIdentRune(r rune) bool {
	return isIdentStartRune(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r)
}

// nameOrString scans an identifier, a keyword, or a string whose prefix
// it turns out to be.
func (lx *lexer) nameOrString() token {
	start, col := lx.pos, lx.pos-lx.lineStart
	nonASCII := false
	for lx.pos < len(lx.src) {
		c := lx.src[lx.pos]
		if isIdentChar(c) {
			lx.pos++
			continue
		}
		if c < utf8.RuneSelf {
			break
		}
		r, size := utf8.DecodeRuneInString(lx.src[lx.pos:])
		if !isIdentRune(r) {
			break
		}
		lx.pos += size
		nonASCII = true
	}
	if lx.pos < len(lx.src) && (lx.src[lx.pos] == '"' || lx.src[lx.pos] == '\'') && isStringPrefix(lx.src[start:lx.pos]) {
		return lx.str(start, lx.pos)
	}
	word := lx.src[start:lx.pos]
	kind := tName
	if len(word) >= 2 && len(word) <= 8 {
		if k, ok := keywords[word]; ok {
			kind = k
		}
	}
	t := lx.tok(kind, start, lx.line, col)
	t.nonASCII = nonASCII
	return t
}

// isStringPrefix reports whether p is a valid string prefix: any case of
// r, u, b, f, br, rb, fr, rf.
func isStringPrefix(p string) bool {
	switch len(p) {
	case 1:
		switch p[0] | 0x20 {
		case 'r', 'u', 'b', 'f':
			return true
		}
	case 2:
		a, b := p[0]|0x20, p[1]|0x20
		return a == 'r' && (b == 'b' || b == 'f') || b == 'r' && (a == 'b' || a == 'f')
	}
	return false
}

func hasPrefixFlag(prefix string, flag byte) bool {
	for i := 0; i < len(prefix); i++ {
		if prefix[i]|0x20 == flag {
			return true
		}
	}
	return false
}

// str scans a string literal whose prefix starts at start and whose quote
// is at quotePos. An f-string yields its FSTRING_START and pushes a frame.
func (lx *lexer) str(start, quotePos int) token {
	line, col := lx.line, start-lx.lineStart
	prefix := lx.src[start:quotePos]
	q := lx.src[quotePos]
	triple := quotePos+2 < len(lx.src) && lx.src[quotePos+1] == q && lx.src[quotePos+2] == q
	raw := hasPrefixFlag(prefix, 'r')
	if hasPrefixFlag(prefix, 'f') {
		lx.pos = quotePos + 1
		if triple {
			lx.pos += 2
		}
		lx.fstack = append(lx.fstack, fframe{kind: frameString, quote: q, triple: triple, raw: raw})
		if len(lx.fstack) > maxBrackets {
			lx.errorHere("too many nested f-strings")
		}
		return lx.tok(tFStringStart, start, line, col)
	}
	lx.pos = quotePos + 1
	if triple {
		lx.pos += 2
	}
	src := lx.src
	for {
		if lx.pos >= len(src) {
			if triple {
				lx.errorAt(line, col, "unterminated triple-quoted string literal (detected at line %d)", lx.line)
			}
			lx.errorAt(line, col, "unterminated string literal (detected at line %d)", line)
		}
		c := src[lx.pos]
		switch c {
		case '\\':
			lx.pos++
			if lx.pos < len(src) {
				if src[lx.pos] == '\n' {
					lx.pos++
					lx.newline()
				} else {
					lx.pos++
				}
			}
			continue
		case '\n':
			if !triple {
				lx.errorAt(line, col, "unterminated string literal (detected at line %d)", line)
			}
			lx.pos++
			lx.newline()
			continue
		case q:
			if !triple {
				lx.pos++
				return lx.tok(tString, start, line, col)
			}
			if lx.pos+2 < len(src) && src[lx.pos+1] == q && src[lx.pos+2] == q {
				lx.pos += 3
				return lx.tok(tString, start, line, col)
			}
		}
		lx.pos++
	}
}

// fstringPart scans in a string or spec frame: literal text
// (FSTRING_MIDDLE), a replacement field's '{', the '}' that ends a spec,
// or the closing quote (FSTRING_END).
func (lx *lexer) fstringPart() token {
	f := &lx.fstack[len(lx.fstack)-1]
	outer := f
	if f.kind == frameSpec {
		for i := len(lx.fstack) - 2; i >= 0; i-- {
			if lx.fstack[i].kind == frameString {
				outer = &lx.fstack[i]
				break
			}
		}
	}
	start, line, col := lx.pos, lx.line, lx.pos-lx.lineStart
	src := lx.src
	for {
		if lx.pos >= len(src) {
			if outer.triple {
				lx.errorAt(line, col, "unterminated triple-quoted f-string literal")
			}
			lx.errorAt(line, col, "unterminated f-string literal")
		}
		c := src[lx.pos]
		switch c {
		case '\\':
			next := byte(0)
			if lx.pos+1 < len(src) {
				next = src[lx.pos+1]
			}
			switch {
			case next == '{' || next == '}':
				lx.pos++
			case next == 'N' && !outer.raw && lx.pos+2 < len(src) && src[lx.pos+2] == '{':
				lx.pos += 3
				for lx.pos < len(src) && src[lx.pos] != '}' && src[lx.pos] != '\n' && src[lx.pos] != outer.quote {
					lx.pos++
				}
				if lx.pos < len(src) && src[lx.pos] == '}' {
					lx.pos++
				}
			case next == '\n':
				lx.pos += 2
				lx.newline()
			case next == 0:
				lx.pos++
			default:
				lx.pos += 2
			}
			continue
		case '\n':
			if !outer.triple {
				lx.errorAt(line, col, "unterminated f-string literal (detected at line %d)", lx.line)
			}
			lx.pos++
			lx.newline()
			continue
		case '{':
			if f.kind == frameString && lx.pos+1 < len(src) && src[lx.pos+1] == '{' {
				lx.pos += 2
				continue
			}
			if lx.pos > start {
				return lx.tok(tFStringMiddle, start, line, col)
			}
			lx.pos++
			lx.openBracket('{', line)
			lx.fstack = append(lx.fstack, fframe{kind: frameField, depth: len(lx.brackets)})
			return lx.tok(tLBrace, start, line, col)
		case '}':
			if f.kind == frameString {
				if lx.pos+1 < len(src) && src[lx.pos+1] == '}' {
					lx.pos += 2
					continue
				}
				lx.errorHere("f-string: single '}' is not allowed")
			}
			if lx.pos > start {
				return lx.tok(tFStringMiddle, start, line, col)
			}
			// The end of the spec is the end of its field.
			lx.fstack = lx.fstack[:len(lx.fstack)-1]
			return lx.closeField()
		case outer.quote:
			if outer.triple && !(lx.pos+2 < len(src) && src[lx.pos+1] == c && src[lx.pos+2] == c) {
				break
			}
			if f.kind == frameSpec {
				lx.errorHere("f-string: expecting '}'")
			}
			if lx.pos > start {
				return lx.tok(tFStringMiddle, start, line, col)
			}
			lx.pos++
			if outer.triple {
				lx.pos += 2
			}
			lx.fstack = lx.fstack[:len(lx.fstack)-1]
			return lx.tok(tFStringEnd, start, line, col)
		}
		lx.pos++
	}
}

// closeField consumes the '}' at lx.pos that closes the innermost field.
func (lx *lexer) closeField() token {
	start, col := lx.pos, lx.pos-lx.lineStart
	lx.pos++
	lx.brackets = lx.brackets[:len(lx.brackets)-1]
	lx.bracketLines = lx.bracketLines[:len(lx.bracketLines)-1]
	lx.fstack = lx.fstack[:len(lx.fstack)-1]
	return lx.tok(tRBrace, start, lx.line, col)
}

func (lx *lexer) openBracket(c byte, line int) {
	if len(lx.brackets) >= maxBrackets {
		lx.errorHere("too many nested parentheses")
	}
	lx.brackets = append(lx.brackets, c)
	lx.bracketLines = append(lx.bracketLines, int32(line))
}

func (lx *lexer) closeBracket(c byte) {
	open := byte('(')
	switch c {
	case ']':
		open = '['
	case '}':
		open = '{'
	}
	if len(lx.brackets) == 0 {
		lx.errorHere("unmatched '%c'", c)
	}
	n := len(lx.brackets) - 1
	if lx.brackets[n] != open {
		if int(lx.bracketLines[n]) != lx.line {
			lx.errorHere("closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, lx.brackets[n], lx.bracketLines[n])
		}
		lx.errorHere("closing parenthesis '%c' does not match opening parenthesis '%c'", c, lx.brackets[n])
	}
	lx.brackets = lx.brackets[:n]
	lx.bracketLines = lx.bracketLines[:n]
}

// number scans a numeric literal, rejecting the malformed ones CPython
// rejects (leading zeros, misplaced underscores, empty digits).
func (lx *lexer) number() token {
	start, col := lx.pos, lx.pos-lx.lineStart
	src := lx.src
	digits := func(ok func(byte) bool) int {
		n := 0
		for lx.pos < len(src) {
			c := src[lx.pos]
			if ok(c) {
				lx.pos++
				n++
				continue
			}
			if c == '_' && lx.pos+1 < len(src) && ok(src[lx.pos+1]) && n > 0 {
				lx.pos++
				continue
			}
			break
		}
		return n
	}
	bad := func() { lx.errorAt(lx.line, col, "invalid %s literal", "decimal") }
	if src[lx.pos] == '0' && lx.pos+1 < len(src) {
		var ok func(byte) bool
		name := ""
		switch src[lx.pos+1] | 0x20 {
		case 'x':
			ok, name = func(c byte) bool { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'f' }, "hexadecimal"
		case 'o':
			ok, name = func(c byte) bool { return c >= '0' && c <= '7' }, "octal"
		case 'b':
			ok, name = func(c byte) bool { return c == '0' || c == '1' }, "binary"
		}
		if ok != nil {
			lx.pos += 2
			if lx.pos < len(src) && src[lx.pos] == '_' {
				lx.pos++
			}
			if digits(ok) == 0 || lx.pos < len(src) && (isIdentChar(src[lx.pos]) && !lx.keywordFollows() || isDigit(src[lx.pos])) {
				lx.errorAt(lx.line, col, "invalid %s literal", name)
			}
			return lx.tok(tNumber, start, lx.line, col)
		}
	}
	intDigits := digits(isDigit)
	isFloat := false
	if lx.pos < len(src) && src[lx.pos] == '.' {
		isFloat = true
		lx.pos++
		digits(isDigit)
	}
	if intDigits > 0 || isFloat {
		if lx.pos < len(src) && src[lx.pos]|0x20 == 'e' {
			save := lx.pos
			lx.pos++
			if lx.pos < len(src) && (src[lx.pos] == '+' || src[lx.pos] == '-') {
				lx.pos++
			}
			if digits(isDigit) == 0 {
				if lx.keywordAt(save) {
					lx.pos = save
				} else {
					bad()
				}
			} else {
				isFloat = true
			}
		}
	}
	if lx.pos < len(src) && src[lx.pos]|0x20 == 'j' {
		lx.pos++
		isFloat = true
	}
	if !isFloat && intDigits > 1 && src[start] == '0' {
		for _, c := range []byte(src[start:lx.pos]) {
			if c != '0' && c != '_' {
				lx.errorAt(lx.line, col, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
			}
		}
	}
	if lx.pos < len(src) && (src[lx.pos] == '_' || isIdentChar(src[lx.pos]) && !lx.keywordFollows()) {
		bad()
	}
	return lx.tok(tNumber, start, lx.line, col)
}

// keywordFollows reports whether a keyword that may touch a number
// (1if x else y, 0x1for ...) starts at lx.pos.
func (lx *lexer) keywordFollows() bool { return lx.keywordAt(lx.pos) }

func (lx *lexer) keywordAt(pos int) bool {
	for _, kw := range [...]string{"and", "else", "for", "if", "in", "is", "not", "or"} {
		if len(lx.src)-pos >= len(kw) && lx.src[pos:pos+len(kw)] == kw {
			return true
		}
	}
	return false
}

// operator scans an operator or delimiter.
func (lx *lexer) operator() token {
	start, line, col := lx.pos, lx.line, lx.pos-lx.lineStart
	src := lx.src
	c := src[lx.pos]
	var c1, c2 byte
	if lx.pos+1 < len(src) {
		c1 = src[lx.pos+1]
	}
	if lx.pos+2 < len(src) {
		c2 = src[lx.pos+2]
	}
	kind, n := tEOF, 1
	switch c {
	case '(':
		lx.openBracket('(', line)
		kind = tLPar
	case '[':
		lx.openBracket('[', line)
		kind = tLSqb
	case '{':
		lx.openBracket('{', line)
		kind = tLBrace
	case ')':
		lx.closeBracket(')')
		kind = tRPar
	case ']':
		lx.closeBracket(']')
		kind = tRSqb
	case '}':
		if fn := len(lx.fstack); fn > 0 && lx.fstack[fn-1].depth == len(lx.brackets) {
			return lx.closeField()
		}
		lx.closeBracket('}')
		kind = tRBrace
	case ':':
		if fn := len(lx.fstack); fn > 0 && lx.fstack[fn-1].depth == len(lx.brackets) {
			lx.pos++
			lx.fstack = append(lx.fstack, fframe{kind: frameSpec})
			return lx.tok(tColon, start, line, col)
		}
		kind = tColon
		if c1 == '=' {
			kind, n = tWalrus, 2
		}
	case ',':
		kind = tComma
	case ';':
		kind = tSemi
	case '.':
		kind = tDot
		if c1 == '.' && c2 == '.' {
			kind, n = tEllipsis, 3
		}
	case '~':
		kind = tTilde
	case '!':
		kind = tBang
		if c1 == '=' {
			kind, n = tNotEqual, 2
		} else if fn := len(lx.fstack); fn == 0 || lx.fstack[fn-1].depth != len(lx.brackets) {
			lx.errorHere("invalid syntax")
		}
	case '=':
		kind = tEqual
		if c1 == '=' {
			kind, n = tEqEqual, 2
		}
	case '<':
		switch c1 {
		case '=':
			kind, n = tLessEqual, 2
		case '<':
			kind, n = tLShift, 2
			if c2 == '=' {
				kind, n = tLShiftEq, 3
			}
		case '>':
			lx.errorHere("invalid syntax ('<>' is not an operator)")
		default:
			kind = tLess
		}
	case '>':
		switch c1 {
		case '=':
			kind, n = tGreaterEqual, 2
		case '>':
			kind, n = tRShift, 2
			if c2 == '=' {
				kind, n = tRShiftEq, 3
			}
		default:
			kind = tGreater
		}
	case '-':
		kind = tMinus
		if c1 == '>' {
			kind, n = tArrow, 2
		} else if c1 == '=' {
			kind, n = tMinusEq, 2
		}
	case '*':
		kind = tStar
		if c1 == '*' {
			kind, n = tDoubleStar, 2
			if c2 == '=' {
				kind, n = tDoubleStarEq, 3
			}
		} else if c1 == '=' {
			kind, n = tStarEq, 2
		}
	case '/':
		kind = tSlash
		if c1 == '/' {
			kind, n = tDoubleSlash, 2
			if c2 == '=' {
				kind, n = tDoubleSlashEq, 3
			}
		} else if c1 == '=' {
			kind, n = tSlashEq, 2
		}
	case '+':
		kind, n = opOrAug(c1, tPlus, tPlusEq)
	case '%':
		kind, n = opOrAug(c1, tPercent, tPercentEq)
	case '&':
		kind, n = opOrAug(c1, tAmper, tAmperEq)
	case '|':
		kind, n = opOrAug(c1, tVBar, tVBarEq)
	case '^':
		kind, n = opOrAug(c1, tCircumflex, tCircumflexEq)
	case '@':
		kind, n = opOrAug(c1, tAt, tAtEq)
	case '`':
		lx.errorHere("invalid syntax (backquotes are Python 2)")
	case '$', '?':
		lx.errorHere("invalid syntax")
	case 0:
		lx.errorHere("source code cannot contain null bytes")
	default:
		lx.errorHere("invalid character '%c' (U+%04X)", c, c)
	}
	lx.pos += n
	return lx.tok(kind, start, line, col)
}

// opOrAug picks an operator or, when '=' follows, its augmented twin.
func opOrAug(next byte, op, aug tokKind) (tokKind, int) {
	if next == '=' {
		return aug, 2
	}
	return op, 1
}
