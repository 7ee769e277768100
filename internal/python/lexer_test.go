package python

import (
	"errors"
	"strings"
	"testing"
)

// kinds tokenizes src to the end and names each token, with the text of
// names, numbers, strings and f-string parts.
func kinds(t *testing.T, src string) (out string, err error) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	var lx lexer
	lx.init(src)
	var parts []string
	for {
		tok := lx.next()
		s := tok.kind.String()
		switch tok.kind {
		case tName, tNumber, tString, tFStringStart, tFStringMiddle, tFStringEnd:
			s = src[tok.off:tok.end]
		case tEOF:
			return strings.Join(parts, " "), nil
		}
		parts = append(parts, s)
	}
}

func TestLexer(t *testing.T) {
	cases := []struct{ src, want string }{
		{"x = 1\n", "x '=' 1 newline"},
		{"x", "x newline"},
		{"if x:\n    y\nz\n", "'if' x ':' newline indent y newline dedent z newline"},
		{"if x:\n  if y:\n    z\n", "'if' x ':' newline indent 'if' y ':' newline indent z newline dedent dedent"},
		{"x = (1,\n  2)\n", "x '=' '(' 1 ',' 2 ')' newline"},
		{"x = 1 + \\\n  2\n", "x '=' 1 '+' 2 newline"},
		{"# c\n\n  # indented comment\nx\n", "x newline"},
		{"if x:\n\n    # c\n    y\n", "'if' x ':' newline indent y newline dedent"},
		{"f'a{b!r:>{w}}c'", "f' a '{' b '!' r ':' > '{' w '}' '}' c ' newline"},
		{`f"{'\n'.join(x)}"`, `f" '{' '\n' '.' join '(' x ')' '}' " newline`},
		{"f'{x:=5}'", "f' '{' x ':' =5 '}' ' newline"},
		{"f'{(x:=5)}'", "f' '{' '(' x ':=' 5 ')' '}' ' newline"},
		{"f'{a!=b}'", "f' '{' a '!=' b '}' ' newline"},
		{"f'{{}}'", "f' {{}} ' newline"},
		{"rb'\\'' Rb\"x\" BR'y' u'z'", `rb'\'' Rb"x" BR'y' u'z' newline`},
		{"1if x else 2", "1 'if' x 'else' 2 newline"},
		{"0x_ff 1_000.5e-3j .5 5.", "0x_ff 1_000.5e-3j .5 5. newline"},
		{"a->b:=c**=d//=e...f", "a '->' b ':=' c '**=' d '//=' e '...' f newline"},
		{"café = 1", "café '=' 1 newline"},
		{"if x:\n\tpass\n", "'if' x ':' newline indent 'pass' newline dedent"},
	}
	for _, c := range cases {
		got, err := kinds(t, c.src)
		if err != nil {
			t.Errorf("%q: %v", c.src, err)
			continue
		}
		if got != c.want {
			t.Errorf("%q:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

func TestLexerErrors(t *testing.T) {
	cases := map[string]string{
		"x = 'abc\n":             "unterminated string literal",
		"x = )":                  "unmatched ')'",
		"x = (]":                 "does not match",
		"x = (":                  "was never closed",
		"f'{x'":                  "unterminated",
		"f'}'":                   "single '}'",
		"x = 0777":               "leading zeros",
		"if x:\n  a\n b\n":       "unindent does not match",
		"x = 1 \\ y":             "after line continuation",
		"x = ?":                  "invalid syntax",
		"x = \u00a7":             "invalid character",
		strings.Repeat("(", 201): "too many nested parentheses",
	}
	for src, want := range cases {
		_, err := kinds(t, src)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Msg, want) {
			t.Errorf("%q: err = %v, want %q", src, err, want)
		}
	}
}

func TestComments(t *testing.T) {
	var lx lexer
	lx.init("x = 1  # nosec B105\n# dockstride ignore=DKS1\ny = (1, # inside\n 2)\n")
	for lx.next().kind != tEOF {
	}
	want := []Comment{{1, 8, "# nosec B105"}, {2, 1, "# dockstride ignore=DKS1"}, {3, 9, "# inside"}}
	if len(lx.comments) != len(want) {
		t.Fatalf("comments = %+v", lx.comments)
	}
	for i, c := range want {
		if lx.comments[i] != c {
			t.Errorf("comment %d = %+v, want %+v", i, lx.comments[i], c)
		}
	}
}
