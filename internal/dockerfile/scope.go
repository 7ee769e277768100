package dockerfile

import (
	"errors"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/shell"
)

// Var is one ARG or ENV variable in scope.
type Var struct {
	Name string
	// Value is the expanded value; meaningful only when Known.
	Value string
	// Known is false for an ARG declared without a default (its value comes
	// from --build-arg at build time) or a value that used unknown variables.
	Known bool
	// Env is true for ENV, false for ARG.
	Env bool
	// Line is where the variable was (last) declared; 0 for builder-provided
	// platform ARGs.
	Line int
}

// Scope is the set of ARG and ENV variables visible at a point of a stage.
//
// It is a persistent linked list: declaring a variable makes a new head and
// never copies, so giving every instruction its own snapshot costs O(1).
// A stage built FROM another shares its ENV chain, so a chain of stages
// makes a long list; every scopeStride-th node therefore indexes the names
// declared in the stride it closes, and a lookup walks at most one stride
// node by node and then jumps stride by stride (10,000 chained stages
// that each look up an undeclared name: quadratic without it).
type Scope struct {
	parent *Scope
	v      Var
	lex    *Lex
	depth  int // nodes between this one and the root
	// stride, on nodes whose depth is a multiple of scopeStride, holds the
	// newest declaration of each name among this node and the
	// scopeStride-1 above it; skip is the node above those.
	stride map[string]Var
	skip   *Scope
}

// scopeStride is the length of an indexed run of a Scope list.
const scopeStride = 32

// newRootScope returns an empty scope expanding with lex (one per file:
// a Lex holds a 1 KiB scanner buffer).
func newRootScope(lex *Lex) *Scope {
	return &Scope{lex: lex}
}

// Lex is BuildKit's shell.Lex refusing the words it cannot take safely
// from a hostile Dockerfile: longer than MaxExpandBytes (the lexer recurses
// once per nested ${a:-${b:-…}}, ~1.3 KiB of stack a level, and a stack
// overflow is fatal, beyond any recover) or holding a NUL (the lexer's
// text/scanner prints "invalid character NUL" on the process's stderr).
// Rules that expand words themselves use it instead of shell.NewLex.
type Lex struct {
	escape rune
	lex    *shell.Lex // made on first use: most words need no expansion
}

// NewLex returns a Lex for the file's escape token.
func NewLex(escape rune) *Lex { return &Lex{escape: escape} }

// shell is BuildKit's lexer, made on first use (it holds a 1 KiB buffer).
func (l *Lex) shell() *shell.Lex {
	if l.lex == nil {
		l.lex = shell.NewLex(l.escape)
	}
	return l.lex
}

// Lex is the file's shared Lex (a Lex holds a 1 KiB scanner buffer, and
// rules expand words in every file). Like a Lex, it is not safe for
// concurrent use: the rules of one file run one after another.
func (f *File) Lex() *Lex {
	if f.global == nil {
		return NewLex(f.EscapeToken)
	}
	return f.global.lex
}

// ErrUnexpandable is returned for a word Lex refuses.
var ErrUnexpandable = errors.New("word too long or holding a NUL byte; not expanded")

// Expandable reports whether Lex will expand word.
func Expandable(word string) bool {
	return len(word) <= MaxExpandBytes && strings.IndexByte(word, 0) < 0
}

// ProcessWord is shell.Lex.ProcessWord for an expandable word.
func (l *Lex) ProcessWord(word string, env shell.EnvGetter) (string, map[string]struct{}, error) {
	if !Expandable(word) {
		return word, nil, ErrUnexpandable
	}
	return l.shell().ProcessWord(word, env)
}

// ProcessWordWithMatches is shell.Lex.ProcessWordWithMatches for an
// expandable word.
func (l *Lex) ProcessWordWithMatches(word string, env shell.EnvGetter) (shell.ProcessWordResult, error) {
	if !Expandable(word) {
		return shell.ProcessWordResult{Result: word}, ErrUnexpandable
	}
	return l.shell().ProcessWordWithMatches(word, env)
}

// With returns a scope with v declared on top of s.
func (s *Scope) With(v Var) *Scope {
	n := &Scope{}
	n.link(s, v)
	return n
}

// withAll is With of each of vs in turn, the nodes allocated together:
// every file's FROM scope declares the nine platform ARGs, one allocation
// each.
func (s *Scope) withAll(vs []Var) *Scope {
	if len(vs) == 0 {
		return s
	}
	nodes := make([]Scope, len(vs))
	for i, v := range vs {
		nodes[i].link(s, v)
		s = &nodes[i]
	}
	return s
}

// link makes n the node declaring v on top of parent.
func (n *Scope) link(parent *Scope, v Var) {
	*n = Scope{parent: parent, v: v, lex: parent.lex, depth: parent.depth + 1}
	if n.depth%scopeStride == 0 {
		n.stride = make(map[string]Var, scopeStride)
		c := n
		for range scopeStride {
			if _, newer := n.stride[c.v.Name]; !newer {
				n.stride[c.v.Name] = c.v
			}
			c = c.parent
		}
		n.skip = c
	}
}

// Lookup finds the innermost declaration of name.
func (s *Scope) Lookup(name string) (Var, bool) {
	c := s
	for c != nil && c.stride == nil {
		if c.parent != nil && c.v.Name == name {
			return c.v, true
		}
		c = c.parent
	}
	for ; c != nil && c.stride != nil; c = c.skip {
		if v, ok := c.stride[name]; ok {
			return v, true
		}
	}
	// Below the last stride only the root is left, which declares nothing.
	return Var{}, false
}

// Vars lists the visible variables, innermost declaration of each name,
// in declaration order.
func (s *Scope) Vars() []Var {
	seen := map[string]bool{}
	var rev []Var
	for c := s; c != nil && c.parent != nil; c = c.parent {
		if !seen[c.v.Name] {
			seen[c.v.Name] = true
			rev = append(rev, c.v)
		}
	}
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	return rev
}

// MaxExpandBytes is the longest word Expand substitutes variables in.
const MaxExpandBytes = 64 << 10

// Expansion is the result of substituting variables in a word.
type Expansion struct {
	Value string
	// Resolved is true when every variable used had a known value.
	Resolved bool
	// Unmatched names the variables used but not declared at all.
	Unmatched []string
	// Unknown names the variables declared without a known value.
	Unknown []string
}

// Expand substitutes $VAR and ${VAR…} in word the way BuildKit does.
// On a syntax error, or a word Lex refuses, the word is returned unchanged
// and unresolved.
func (s *Scope) Expand(word string) Expansion {
	if !strings.ContainsAny(word, "$\"'\\`") {
		// Nothing to substitute, unquote or unescape: most words.
		return Expansion{Value: word, Resolved: true}
	}
	if exp, ok := s.expandPlain(word); ok {
		return exp
	}
	return s.expandWithLexer(word)
}

// expandWithLexer is Expand through BuildKit's lexer.
func (s *Scope) expandWithLexer(word string) Expansion {
	g := &scopeEnv{s: s}
	res, err := s.lex.ProcessWordWithMatches(word, g)
	if err != nil {
		return Expansion{Value: word}
	}
	exp := Expansion{Value: res.Result, Resolved: len(res.Unmatched) == 0 && len(g.unknown) == 0}
	for name := range res.Unmatched {
		exp.Unmatched = append(exp.Unmatched, name)
	}
	exp.Unknown = g.unknown
	return exp
}

// expandPlain is Expand for the common word whose only specials are
// $NAME and ${NAME} in ASCII text (an image tag, a PATH), done without
// BuildKit's lexer, which allocates a map and a scanner per word; ok is
// false for any other word. The result is the lexer's: the same value,
// the undeclared or valueless names in Unmatched (in order of first use,
// where the lexer's map gives any order) and the valueless ones in
// Unknown (once per use). TestExpandPlain and FuzzExpandPlain hold it
// to the lexer.
func (s *Scope) expandPlain(word string) (Expansion, bool) {
	if len(word) > MaxExpandBytes {
		return Expansion{}, false
	}
	var out strings.Builder
	var exp Expansion
	for i := 0; i < len(word); {
		c := word[i]
		switch {
		case c == '$':
		case c == 0 || c >= 0x80 || c == '\'' || c == '"' || c == '\\' || c == '`' || c == '<':
			// Quotes, escapes and heredoc markers are the lexer's; a NUL
			// or non-ASCII text takes its refusal or its rune handling.
			return Expansion{}, false
		default:
			out.WriteByte(c)
			i++
			continue
		}
		name, end := plainReference(word, i)
		if name == "" {
			return Expansion{}, false
		}
		i = end
		v, ok := s.Lookup(name)
		switch {
		case ok && v.Known:
			out.WriteString(v.Value)
			continue
		case ok:
			exp.Unknown = append(exp.Unknown, name)
		}
		if !slices.Contains(exp.Unmatched, name) {
			exp.Unmatched = append(exp.Unmatched, name)
		}
	}
	exp.Value = out.String()
	exp.Resolved = len(exp.Unmatched) == 0 && len(exp.Unknown) == 0
	return exp, true
}

// plainReference reads the $NAME or ${NAME} at word[i] (NAME a letter or
// _ then letters, digits and _), returning the name and where the
// reference ends; "" for any other use of $ ($1, $@, ${A:-b}, a lone $).
func plainReference(word string, i int) (name string, end int) {
	i++ // the $
	braced := i < len(word) && word[i] == '{'
	if braced {
		i++
	}
	start := i
	for i < len(word) && (isNameByte(word[i]) || i > start && '0' <= word[i] && word[i] <= '9') {
		i++
	}
	if i == start {
		return "", 0
	}
	name = word[start:i]
	if braced {
		if i >= len(word) || word[i] != '}' {
			return "", 0
		}
		i++
	}
	return name, i
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_'
}

// scopeEnv adapts a Scope to BuildKit's shell.EnvGetter, remembering which
// declared-but-valueless variables the word used.
type scopeEnv struct {
	s       *Scope
	unknown []string
}

func (e *scopeEnv) Get(key string) (string, bool) {
	v, ok := e.s.Lookup(key)
	if !ok {
		return "", false
	}
	if !v.Known {
		e.unknown = append(e.unknown, key)
		return "", false
	}
	return v.Value, true
}

func (e *scopeEnv) Keys() []string {
	vars := e.s.Vars()
	keys := make([]string, 0, len(vars))
	for _, v := range vars {
		if v.Known {
			keys = append(keys, v.Name)
		}
	}
	return keys
}

// PlatformArgs are the ARGs BuildKit defines automatically. They are
// visible in FROM lines; inside a stage they must be declared with ARG.
var PlatformArgs = []string{
	"BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT",
	"TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT",
	"TARGETSTAGE",
}

// ProxyArgs are the predefined proxy ARGs BuildKit accepts without an ARG
// instruction.
var ProxyArgs = []string{
	"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy",
	"FTP_PROXY", "ftp_proxy", "NO_PROXY", "no_proxy", "ALL_PROXY", "all_proxy",
}
