package python

import (
	"fmt"
	"sort"
	"strings"
	"sync"
)

// MaxSourceBytes is the largest file Parse reads. The tree costs about
// ten times the source in memory, so this bounds a parse near 1 GiB.
const MaxSourceBytes = 64 << 20

// Module is a parsed file.
type Module struct {
	Path string
	Body []Stmt
	// Comments are every comment of the file in order (several per line
	// cannot happen: a comment runs to the end of its line).
	Comments []Comment
	// Encoding is the PEP 263 declared encoding, normalized ("utf-8",
	// "latin-1", ...), or "" when the file declares none.
	Encoding string

	src        string // the decoded source: UTF-8, "\n" line ends, no BOM
	bindings   map[string][]binding
	lineOnce   sync.Once
	lineStarts []int
	parentOnce sync.Once
	parents    map[Node]Node
}

// Extent spans the whole module, so a Module can be passed to Inspect.
func (m *Module) Extent() Span {
	lines := m.lines()
	last := len(lines)
	return Span{Line: 1, Col: 1, EndLine: last, EndCol: len(m.src) - lines[last-1] + 1}
}

// Parse parses one Python 3 file (the grammar of CPython 3.13). A file it
// cannot read is one *Error naming the line; it never panics, and its
// time and memory are linear in the size of src.
func Parse(path string, src []byte) (*Module, error) {
	return parseWith(path, src, (*parser).file)
}

// parseWith is Parse with the top rule as a parameter, so a test can make
// the parser fail from inside.
func parseWith(path string, src []byte, top func(*parser) []Stmt) (m *Module, err error) {
	if len(src) > MaxSourceBytes {
		return nil, &Error{Path: path, Line: 1, Col: 1, Msg: fmt.Sprintf("file is larger than %d MiB", MaxSourceBytes>>20)}
	}
	text, enc, err := decodeSource(src)
	if err != nil {
		e := err.(*Error)
		e.Path = path
		return nil, e
	}
	p := &parser{}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				// A bug of ours, not of the file: say so, and where.
				e = &Error{Line: max(int(p.tok.line), 1), Col: int(p.tok.col) + 1, Msg: fmt.Sprintf("internal error: %v", r)}
			}
			e.Path = path
			m, err = nil, e
		}
	}()
	p.init(text)
	body := top(p)
	m = &Module{Path: path, Body: body, Comments: p.lx.comments, Encoding: enc, src: text}
	m.bindImports(p.imports)
	return m, nil
}

// lines returns the byte offset of each line's start in the decoded text.
func (m *Module) lines() []int {
	m.lineOnce.Do(func() {
		m.lineStarts = append(m.lineStarts, 0)
		for i := 0; i < len(m.src); i++ {
			if m.src[i] == '\n' && i+1 < len(m.src) {
				m.lineStarts = append(m.lineStarts, i+1)
			}
		}
	})
	return m.lineStarts
}

// offset converts a 1-based line and column to an offset in the text.
func (m *Module) offset(line, col int) int {
	lines := m.lines()
	if line < 1 {
		return 0
	}
	if line > len(lines) {
		return len(m.src)
	}
	return min(lines[line-1]+col-1, len(m.src))
}

// Source returns the text of a node as written (after decoding to UTF-8
// and \n line ends).
func (m *Module) Source(n Node) string {
	sp := n.Extent()
	start, end := m.offset(sp.Line, sp.Col), m.offset(sp.EndLine, sp.EndCol)
	if start > end {
		return ""
	}
	return m.src[start:end]
}

// Line returns the text of a 1-based line, without its newline.
func (m *Module) Line(n int) string {
	lines := m.lines()
	if n < 1 || n > len(lines) {
		return ""
	}
	end := len(m.src)
	if n < len(lines) {
		end = lines[n] - 1
	}
	return strings.TrimSuffix(m.src[lines[n-1]:end], "\n")
}

// CommentsIn returns the comments on lines first through last.
func (m *Module) CommentsIn(first, last int) []Comment {
	i := sort.Search(len(m.Comments), func(i int) bool { return m.Comments[i].Line >= first })
	j := i
	for j < len(m.Comments) && m.Comments[j].Line <= last {
		j++
	}
	return m.Comments[i:j]
}

// StmtLines returns the lines a suppression comment for node n may sit
// on: those of the simple statement holding n, or the header (through its
// ':') of the compound statement, except clause or case clause whose
// header holds n. A decorator's lines extend the range of its def.
func (m *Module) StmtLines(n Node) (first, last int) {
	sp := n.Extent()
	stmt := n
	switch n.(type) {
	case Stmt, *ExceptHandler, *MatchCase:
	default:
		if stmt = m.enclosingStmtOrClause(n); stmt == nil {
			return sp.Line, sp.EndLine
		}
	}
	ss := stmt.Extent()
	first, last = min(ss.Line, sp.Line), ss.EndLine
	if h := headerEnd(stmt); h > 0 {
		last = h
	}
	return first, last
}

// headerEnd is the last header line of a compound statement or clause, 0
// for a simple statement.
func headerEnd(n Node) int {
	switch n := n.(type) {
	case *FunctionDef:
		return n.HeaderEnd
	case *ClassDef:
		return n.HeaderEnd
	case *If:
		return n.HeaderEnd
	case *For:
		return n.HeaderEnd
	case *While:
		return n.HeaderEnd
	case *With:
		return n.HeaderEnd
	case *Match:
		return n.HeaderEnd
	case *Try:
		return n.Line
	case *ExceptHandler:
		return n.HeaderEnd
	case *MatchCase:
		return n.HeaderEnd
	}
	return 0
}

// enclosingStmtOrClause is the nearest statement, except handler or match
// case above n.
func (m *Module) enclosingStmtOrClause(n Node) Node {
	for p := m.Parent(n); p != nil; p = m.Parent(p) {
		switch p.(type) {
		case Stmt, *ExceptHandler, *MatchCase:
			return p
		}
	}
	return nil
}

// Parent returns the node that holds n, or nil for a top-level statement
// and for a node that is not in m. The first call indexes the whole tree;
// later calls are a map look-up. It is safe for concurrent use.
func (m *Module) Parent(n Node) Node {
	m.parentOnce.Do(func() {
		m.parents = make(map[Node]Node)
		var stack []Node
		Inspect(m, func(c Node) bool {
			if c == nil {
				stack = stack[:len(stack)-1]
				return false
			}
			if len(stack) > 0 {
				if _, top := stack[len(stack)-1].(*Module); !top {
					m.parents[c] = stack[len(stack)-1]
				}
			}
			stack = append(stack, c)
			return true
		})
	})
	return m.parents[n]
}

// EnclosingFunction returns the innermost def (not lambda) holding n, or
// nil at module or class level.
func (m *Module) EnclosingFunction(n Node) *FunctionDef {
	for p := m.Parent(n); p != nil; p = m.Parent(p) {
		if f, ok := p.(*FunctionDef); ok {
			return f
		}
	}
	return nil
}

// EnclosingStmt returns the innermost statement holding n (n itself if it
// is a statement), or nil for a node that is not in m.
func (m *Module) EnclosingStmt(n Node) Stmt {
	if s, ok := n.(Stmt); ok {
		return s
	}
	for p := m.Parent(n); p != nil; p = m.Parent(p) {
		if s, ok := p.(Stmt); ok {
			return s
		}
	}
	return nil
}

// StringValue returns the value of a str Constant.
func StringValue(e Expr) (string, bool) {
	if c, ok := e.(*Constant); ok && c.Kind == ConstStr {
		return c.Value, true
	}
	return "", false
}

// Keyword returns the value of the keyword argument name, or nil.
func (c *Call) Keyword(name string) Expr {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k.Value
		}
	}
	return nil
}

// Int returns the value of an int Constant that fits in an int64.
func (c *Constant) Int() (int64, bool) {
	if c.Kind != ConstInt {
		return 0, false
	}
	lit := strings.ReplaceAll(c.Raw, "_", "")
	base := 10
	if len(lit) > 1 && lit[0] == '0' {
		switch lit[1] | 0x20 {
		case 'x':
			base = 16
		case 'o':
			base = 8
		case 'b':
			base = 2
		}
		if base != 10 {
			lit = lit[2:]
		}
	}
	var n int64
	for i := 0; i < len(lit); i++ {
		d := int64(digitVal(lit[i]))
		if n > (1<<63-1-d)/int64(base) {
			return 0, false
		}
		n = n*int64(base) + d
	}
	return n, true
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c|0x20 >= 'a' && c|0x20 <= 'f':
		return int(c|0x20-'a') + 10
	}
	return 0
}
