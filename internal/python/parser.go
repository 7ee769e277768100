package python

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// maxDepth bounds the parser's recursion (nested expressions, blocks,
// unary operators, elif chains), as CPython's MAXSTACK does, so hostile
// input cannot exhaust the stack. CPython 3.12 gives up at about the same
// nesting of "not not ... x" (it counts several rule frames per level).
const maxDepth = 1000

// parser is a recursive-descent parser over the lexer's tokens. Syntax
// errors panic with *Error and are recovered by Parse.
type parser struct {
	lx    lexer
	src   string
	buf   []token // tokens read ahead; buf[i] is the current one
	i     int
	tok   token
	prev  token // the last token consumed but NEWLINE, INDENT, DEDENT: its end is a node's end
	marks int   // open backtracking marks: buf must not be recycled
	depth int

	imports []Stmt // the Import and ImportFrom statements, in order

	// The most frequent nodes come from slabs: one allocation per 64.
	names  slab[Name]
	consts slab[Constant]
	attrs  slab[Attribute]
	calls  slab[Call]
}

// slab hands out pointers into chunks of Ts. The chunks live as long as
// the tree does, which holds every node anyway.
type slab[T any] struct{ free []T }

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, 64)
	}
	n := &s.free[0]
	s.free = s.free[1:]
	return n
}

// pos is where a node starts (0-based column).
type pos struct{ line, col int32 }

func (p *parser) init(src string) {
	p.src = src
	p.lx.init(src)
	p.buf = append(p.buf[:0], p.lx.next())
	p.i = 0
	p.tok = p.buf[0]
}

func (p *parser) next() {
	if p.tok.kind > tDedent {
		p.prev = p.tok
	}
	p.i++
	if p.i == len(p.buf) {
		if p.marks == 0 {
			p.buf = p.buf[:0]
			p.i = 0
		}
		p.buf = append(p.buf, p.lx.next())
	}
	p.tok = p.buf[p.i]
}

// peek returns the token n places after the current one.
func (p *parser) peek(n int) token {
	for p.i+n >= len(p.buf) {
		p.buf = append(p.buf, p.lx.next())
	}
	return p.buf[p.i+n]
}

func (p *parser) start() pos { return pos{p.tok.line, p.tok.col} }

// span runs from s to the end of the last consumed token.
func (p *parser) span(s pos) Span {
	return Span{Line: int(s.line), Col: int(s.col) + 1, EndLine: int(p.prev.endLine), EndCol: int(p.prev.endCol) + 1}
}

func (p *parser) errorAt(t token, format string, args ...any) {
	panic(&Error{Line: int(t.line), Col: int(t.col) + 1, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) errorf(format string, args ...any) { p.errorAt(p.tok, format, args...) }

// syntaxError reports the current token as unexpected, in CPython's
// words where they are simple.
func (p *parser) syntaxError() {
	switch p.tok.kind {
	case tIndent:
		p.errorf("unexpected indent")
	case tEOF:
		p.errorf("unexpected EOF while parsing")
	}
	p.errorf("invalid syntax")
}

func (p *parser) expect(k tokKind) token {
	if p.tok.kind != k {
		if k == tColon || k == tRPar || k == tRSqb || k == tRBrace || k == tIn || k == tImport {
			if p.tok.kind == tIndent || p.tok.kind == tEOF {
				p.syntaxError()
			}
			p.errorf("expected %s", k)
		}
		p.syntaxError()
	}
	t := p.tok
	p.next()
	return t
}

func (p *parser) got(k tokKind) bool {
	if p.tok.kind == k {
		p.next()
		return true
	}
	return false
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.errorf("too many nested parentheses, blocks or operators (more than %d)", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

func (p *parser) text(t token) string { return p.src[t.off:t.end] }

// name is the identifier a NAME token spells: NFKC-normalized, as
// CPython reads it, so ｅｖａｌ is eval.
func (p *parser) name(t token) string {
	if t.nonASCII {
		return norm.NFKC.String(p.text(t))
	}
	return p.text(t)
}

func (p *parser) ident() string {
	if p.tok.kind != tName {
		p.syntaxError()
	}
	s := p.name(p.tok)
	p.next()
	return s
}

func (p *parser) isSoft(word string) bool {
	return p.tok.kind == tName && p.text(p.tok) == word
}

// tryParse runs f with the token position marked; on a syntax error it
// rewinds and reports false. Only with statements need it.
func (p *parser) tryParse(f func()) (ok bool) {
	mark, prev, depth := p.i, p.prev, p.depth
	p.marks++
	defer func() {
		p.marks--
		if r := recover(); r != nil {
			if _, syntax := r.(*Error); !syntax {
				panic(r)
			}
			p.i, p.prev, p.depth = mark, prev, depth
			p.tok = p.buf[p.i]
			ok = false
		}
	}()
	f()
	return true
}

// ---------------------------------------------------------------------
// Statements.

func (p *parser) file() []Stmt {
	var body []Stmt
	for p.tok.kind != tEOF {
		body = p.statement(body)
	}
	return body
}

func (p *parser) statement(list []Stmt) []Stmt {
	switch p.tok.kind {
	case tDef, tClass, tIf, tWhile, tFor, tTry, tWith, tAt, tAsync:
		return append(list, p.compound())
	case tName:
		if p.isSoft("match") && p.isMatchStmt() {
			return append(list, p.matchStmt())
		}
	case tIndent, tDedent, tNewline:
		p.syntaxError()
	}
	return p.simpleStmts(list)
}

// block parses ": NEWLINE INDENT statements DEDENT" or ": simple; ...".
// It returns the body and the line of the colon.
func (p *parser) block() ([]Stmt, int) {
	colon := p.expect(tColon)
	p.enter()
	defer p.leave()
	if p.tok.kind != tNewline {
		return p.simpleStmts(nil), int(colon.line)
	}
	p.next()
	if p.tok.kind != tIndent {
		p.errorAt(p.tok, "expected an indented block after line %d", colon.line)
	}
	p.next()
	var body []Stmt
	for p.tok.kind != tDedent && p.tok.kind != tEOF {
		body = p.statement(body)
	}
	p.expect(tDedent)
	return body, int(colon.line)
}

func (p *parser) simpleStmts(list []Stmt) []Stmt {
	for {
		list = append(list, p.simpleStmt())
		if p.tok.kind != tSemi {
			break
		}
		p.next()
		if p.tok.kind == tNewline {
			break
		}
	}
	if p.tok.kind != tNewline {
		p.syntaxError()
	}
	p.next()
	return list
}

func (p *parser) atStmtEnd() bool {
	return p.tok.kind == tNewline || p.tok.kind == tSemi || p.tok.kind == tEOF
}

func (p *parser) simpleStmt() Stmt {
	s := p.start()
	switch p.tok.kind {
	case tPass:
		p.next()
		return &Pass{p.span(s)}
	case tBreak:
		p.next()
		return &Break{p.span(s)}
	case tContinue:
		p.next()
		return &Continue{p.span(s)}
	case tReturn:
		p.next()
		n := &Return{}
		if !p.atStmtEnd() {
			n.Value = p.starExpressions()
		}
		n.Span = p.span(s)
		return n
	case tRaise:
		p.next()
		n := &Raise{}
		if !p.atStmtEnd() {
			n.Exc = p.expression()
			if p.got(tFrom) {
				n.Cause = p.expression()
			}
		}
		n.Span = p.span(s)
		return n
	case tGlobal, tNonlocal:
		kind := p.tok.kind
		p.next()
		names := []string{p.ident()}
		for p.got(tComma) {
			names = append(names, p.ident())
		}
		if kind == tGlobal {
			return &Global{Span: p.span(s), Names: names}
		}
		return &Nonlocal{Span: p.span(s), Names: names}
	case tDel:
		p.next()
		n := &Delete{}
		for {
			t := p.bitwiseOr()
			p.setCtx(t, Del)
			n.Targets = append(n.Targets, t)
			if !p.got(tComma) || p.atStmtEnd() {
				break
			}
		}
		n.Span = p.span(s)
		return n
	case tAssert:
		p.next()
		n := &Assert{Test: p.expression()}
		if p.got(tComma) {
			n.Msg = p.expression()
		}
		n.Span = p.span(s)
		return n
	case tImport:
		return p.importStmt()
	case tFrom:
		return p.importFrom()
	case tName:
		if p.isSoft("type") && p.peek(1).kind == tName {
			return p.typeAlias()
		}
	}
	return p.exprStmt()
}

// rhs is the right side of an assignment: a yield or star_expressions.
func (p *parser) rhs() Expr {
	if p.tok.kind == tYield {
		return p.yieldExpr()
	}
	return p.starExpressions()
}

func (p *parser) exprStmt() Stmt {
	s := p.start()
	parenthesized := p.tok.kind == tLPar
	first := p.rhs()
	switch k := p.tok.kind; {
	case k == tEqual:
		targets := []Expr{first}
		for p.got(tEqual) {
			targets = append(targets, p.rhs())
		}
		value := targets[len(targets)-1]
		targets = targets[:len(targets)-1]
		for _, t := range targets {
			p.setCtx(t, Store)
		}
		return &Assign{Span: p.span(s), Targets: targets, Value: value}
	case k == tColon:
		if !isSingleTarget(first) {
			p.errorAtSpan(first, "only single target (not %s) can be annotated", describe(first))
		}
		p.setCtx(first, Store)
		p.next()
		n := &AnnAssign{Target: first, Annotation: p.expression()}
		_, isName := first.(*Name)
		n.Simple = isName && !parenthesized
		if p.got(tEqual) {
			n.Value = p.rhs()
		}
		n.Span = p.span(s)
		return n
	case k >= tPlusEq && k <= tAtEq:
		if !isSingleTarget(first) {
			p.errorAtSpan(first, "'%s' is an illegal expression for augmented assignment", describe(first))
		}
		p.setCtx(first, Store)
		op := augOps[k-tPlusEq]
		p.next()
		return &AugAssign{Target: first, Op: op, Value: p.rhs(), Span: p.span(s)}
	}
	return &ExprStmt{Span: p.span(s), Value: first}
}

// augOps maps tPlusEq..tAtEq (in token order) to their operators.
var augOps = [...]Operator{Add, Sub, Mult, Div, FloorDiv, Mod, Pow, BitAnd, BitOr, BitXor, LShift, RShift, MatMult}

func isSingleTarget(e Expr) bool {
	switch e.(type) {
	case *Name, *Attribute, *Subscript:
		return true
	}
	return false
}

func (p *parser) errorAtSpan(n Node, format string, args ...any) {
	sp := n.Extent()
	panic(&Error{Line: sp.Line, Col: sp.Col, Msg: fmt.Sprintf(format, args...)})
}

// describe names an expression the way CPython's error messages do.
func describe(e Expr) string {
	switch e := e.(type) {
	case *Call:
		return "function call"
	case *Constant:
		return "literal"
	case *JoinedStr:
		return "f-string expression"
	case *Compare:
		return "comparison"
	case *BinOp, *UnaryOp, *BoolOp:
		return "expression"
	case *Lambda:
		return "lambda"
	case *IfExp:
		return "conditional expression"
	case *NamedExpr:
		return "named expression"
	case *Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Dict:
		return "dict literal"
	case *Set:
		return "set display"
	case *ListComp:
		return "list comprehension"
	case *SetComp:
		return "set comprehension"
	case *DictComp:
		return "dict comprehension"
	case *GeneratorExp:
		return "generator expression"
	case *Await:
		return "await expression"
	case *Yield, *YieldFrom:
		return "yield expression"
	case *Starred:
		return "starred"
	case *Name:
		return "name " + e.ID
	}
	return "expression"
}

// setCtx marks e as an assignment (Store) or del (Del) target, rejecting
// what cannot be one.
func (p *parser) setCtx(e Expr, ctx Ctx) {
	switch e := e.(type) {
	case *Name:
		e.Ctx = ctx
	case *Attribute:
		e.Ctx = ctx
	case *Subscript:
		e.Ctx = ctx
	case *Starred:
		if ctx == Del {
			p.errorAtSpan(e, "cannot delete starred")
		}
		e.Ctx = ctx
		p.setCtx(e.Value, ctx)
	case *Tuple:
		e.Ctx = ctx
		for _, x := range e.Elts {
			p.setCtx(x, ctx)
		}
	case *List:
		e.Ctx = ctx
		for _, x := range e.Elts {
			p.setCtx(x, ctx)
		}
	default:
		verb := "assign to"
		if ctx == Del {
			verb = "delete"
		}
		p.errorAtSpan(e, "cannot %s %s", verb, describe(e))
	}
}

func (p *parser) dottedName() string {
	name := p.ident()
	if p.tok.kind != tDot {
		return name
	}
	parts := []string{name}
	for p.got(tDot) {
		parts = append(parts, p.ident())
	}
	return strings.Join(parts, ".")
}

func (p *parser) importStmt() Stmt {
	s := p.start()
	p.next()
	n := &Import{}
	for {
		n.Names = append(n.Names, p.alias(true))
		if !p.got(tComma) {
			break
		}
	}
	n.Span = p.span(s)
	p.imports = append(p.imports, n)
	return n
}

// alias parses "name [as asname]"; an import's name may be dotted.
func (p *parser) alias(dotted bool) *Alias {
	s := p.start()
	a := &Alias{}
	if dotted {
		a.Name = p.dottedName()
	} else {
		a.Name = p.ident()
	}
	if p.got(tAs) {
		a.AsName = p.ident()
	}
	a.Span = p.span(s)
	return a
}

func (p *parser) importFrom() Stmt {
	s := p.start()
	p.next()
	n := &ImportFrom{}
	for p.tok.kind == tDot || p.tok.kind == tEllipsis {
		if p.tok.kind == tDot {
			n.Level++
		} else {
			n.Level += 3
		}
		p.next()
	}
	if p.tok.kind != tImport {
		n.Module = p.dottedName()
	}
	p.expect(tImport)
	if p.tok.kind == tStar {
		as := p.start()
		p.next()
		n.Names = []*Alias{{Name: "*", Span: p.span(as)}}
		n.Span = p.span(s)
		p.imports = append(p.imports, n)
		return n
	}
	paren := p.got(tLPar)
	for {
		n.Names = append(n.Names, p.alias(false))
		if !p.got(tComma) {
			break
		}
		if paren && p.tok.kind == tRPar {
			break
		}
		if !paren && p.atStmtEnd() {
			p.errorf("trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren {
		p.expect(tRPar)
	}
	n.Span = p.span(s)
	p.imports = append(p.imports, n)
	return n
}

func (p *parser) typeAlias() Stmt {
	s := p.start()
	p.next()
	ns := p.start()
	name := &Name{ID: p.ident(), Ctx: Store}
	name.Span = p.span(ns)
	n := &TypeAlias{Name: name}
	if p.tok.kind == tLSqb {
		n.TypeParams = p.typeParams()
	}
	p.expect(tEqual)
	n.Value = p.expression()
	n.Span = p.span(s)
	return n
}

func (p *parser) typeParams() []*TypeParam {
	p.expect(tLSqb)
	var out []*TypeParam
	for p.tok.kind != tRSqb {
		s := p.start()
		tp := &TypeParam{}
		switch p.tok.kind {
		case tStar:
			p.next()
			tp.Kind = TypeVarTuple
		case tDoubleStar:
			p.next()
			tp.Kind = ParamSpec
		}
		tp.Name = p.ident()
		if p.tok.kind == tColon {
			if tp.Kind != TypeVar {
				p.errorf("cannot use bound with TypeVarTuple or ParamSpec")
			}
			p.next()
			tp.Bound = p.expression()
		}
		if p.got(tEqual) {
			if tp.Kind == TypeVarTuple {
				tp.Default = p.starExpression()
			} else {
				tp.Default = p.expression()
			}
		}
		tp.Span = p.span(s)
		out = append(out, tp)
		if !p.got(tComma) {
			break
		}
	}
	if len(out) == 0 {
		p.errorf("Type parameter list cannot be empty")
	}
	p.expect(tRSqb)
	return out
}

// compound parses a compound statement (or a decorated definition).
func (p *parser) compound() Stmt {
	p.enter()
	defer p.leave()
	switch p.tok.kind {
	case tIf:
		return p.ifStmt()
	case tWhile:
		return p.whileStmt()
	case tFor:
		return p.forStmt(p.start(), false)
	case tTry:
		return p.tryStmt()
	case tWith:
		return p.withStmt(p.start(), false)
	case tDef:
		return p.funcDef(p.start(), nil, false)
	case tClass:
		return p.classDef(nil)
	case tAt:
		var decorators []Expr
		for p.tok.kind == tAt {
			p.next()
			decorators = append(decorators, p.namedExpression())
			p.expect(tNewline)
		}
		switch p.tok.kind {
		case tDef:
			return p.funcDef(p.start(), decorators, false)
		case tClass:
			return p.classDef(decorators)
		case tAsync:
			s := p.start()
			p.next()
			if p.tok.kind != tDef {
				p.syntaxError()
			}
			return p.funcDef(s, decorators, true)
		}
		p.syntaxError()
	case tAsync:
		s := p.start()
		p.next()
		switch p.tok.kind {
		case tDef:
			return p.funcDef(s, nil, true)
		case tWith:
			return p.withStmt(s, true)
		case tFor:
			return p.forStmt(s, true)
		}
	}
	p.syntaxError()
	return nil
}

func (p *parser) ifStmt() *If {
	s := p.start()
	p.next()
	n := &If{Test: p.namedExpression()}
	n.Body, n.HeaderEnd = p.block()
	switch p.tok.kind {
	case tElif:
		n.Else = []Stmt{p.ifStmt()}
	case tElse:
		p.next()
		n.Else, _ = p.block()
	}
	n.Span = p.span(s)
	return n
}

func (p *parser) whileStmt() *While {
	s := p.start()
	p.next()
	n := &While{Test: p.namedExpression()}
	n.Body, n.HeaderEnd = p.block()
	if p.got(tElse) {
		n.Else, _ = p.block()
	}
	n.Span = p.span(s)
	return n
}

func (p *parser) forStmt(s pos, async bool) *For {
	p.expect(tFor)
	n := &For{Async: async, Target: p.starTargets()}
	p.expect(tIn)
	n.Iter = p.starExpressions()
	n.Body, n.HeaderEnd = p.block()
	if p.got(tElse) {
		n.Else, _ = p.block()
	}
	n.Span = p.span(s)
	return n
}

func (p *parser) withStmt(s pos, async bool) *With {
	p.expect(tWith)
	n := &With{Async: async}
	if p.tok.kind == tLPar {
		// with (a as b, c): a parenthesized item list, unless the
		// parenthesis turns out to open the first expression.
		p.tryParse(func() {
			p.next()
			var items []*WithItem
			for {
				items = append(items, p.withItem())
				if !p.got(tComma) || p.tok.kind == tRPar {
					break
				}
			}
			p.expect(tRPar)
			if p.tok.kind != tColon {
				p.syntaxError()
			}
			n.Items = items
		})
	}
	if n.Items == nil {
		for {
			n.Items = append(n.Items, p.withItem())
			if !p.got(tComma) {
				break
			}
		}
	}
	n.Body, n.HeaderEnd = p.block()
	n.Span = p.span(s)
	return n
}

func (p *parser) withItem() *WithItem {
	s := p.start()
	it := &WithItem{ContextExpr: p.expression()}
	if p.got(tAs) {
		it.OptionalVars = p.starTarget()
		if k := p.tok.kind; k != tComma && k != tRPar && k != tColon {
			p.syntaxError()
		}
	}
	it.Span = p.span(s)
	return it
}

func (p *parser) tryStmt() *Try {
	s := p.start()
	p.next()
	n := &Try{}
	n.Body, _ = p.block()
	for p.tok.kind == tExcept {
		hs := p.start()
		p.next()
		star := p.got(tStar)
		if len(n.Handlers) > 0 && star != n.Star {
			p.errorf("cannot have both 'except' and 'except*' on the same 'try'")
		}
		n.Star = star
		h := &ExceptHandler{}
		if p.tok.kind != tColon {
			h.Type = p.expression()
			if p.tok.kind == tComma {
				p.errorf("multiple exception types must be parenthesized")
			}
			if p.got(tAs) {
				h.Name = p.ident()
			}
		} else if star {
			p.errorf("expected one or more exception types")
		}
		h.Body, h.HeaderEnd = p.block()
		h.Span = p.span(hs)
		n.Handlers = append(n.Handlers, h)
	}
	if p.tok.kind == tElse {
		if len(n.Handlers) == 0 {
			p.syntaxError()
		}
		p.next()
		n.Else, _ = p.block()
	}
	if p.got(tFinally) {
		n.Finally, _ = p.block()
	} else if len(n.Handlers) == 0 {
		p.errorAt(p.prev, "expected 'except' or 'finally' block")
	}
	n.Span = p.span(s)
	return n
}

func (p *parser) funcDef(s pos, decorators []Expr, async bool) *FunctionDef {
	p.expect(tDef)
	n := &FunctionDef{Name: p.ident(), Decorators: decorators, Async: async}
	if p.tok.kind == tLSqb {
		n.TypeParams = p.typeParams()
	}
	p.expect(tLPar)
	n.Args = p.params(tRPar, true)
	p.expect(tRPar)
	if p.got(tArrow) {
		n.Returns = p.expression()
	}
	n.Body, n.HeaderEnd = p.block()
	n.Span = p.span(s)
	return n
}

func (p *parser) classDef(decorators []Expr) *ClassDef {
	s := p.start()
	p.expect(tClass)
	n := &ClassDef{Name: p.ident(), Decorators: decorators}
	if p.tok.kind == tLSqb {
		n.TypeParams = p.typeParams()
	}
	if p.got(tLPar) {
		var gen *GeneratorExp
		n.Bases, n.Keywords, gen = p.arguments()
		if gen != nil {
			p.errorAtSpan(gen, "invalid syntax")
		}
		p.expect(tRPar)
	}
	n.Body, n.HeaderEnd = p.block()
	n.Span = p.span(s)
	return n
}

// params parses a def's (annotated) or a lambda's parameters up to end.
func (p *parser) params(end tokKind, annotated bool) *Arguments {
	a := &Arguments{}
	s := p.start()
	seenSlash, seenStar, seenDefault, nonEmpty := false, false, false, false
	for p.tok.kind != end {
		nonEmpty = true
		switch p.tok.kind {
		case tSlash:
			if seenSlash || seenStar {
				p.errorf("/ must be ahead of *")
			}
			if len(a.Args) == 0 {
				p.errorf("at least one argument must precede /")
			}
			seenSlash = true
			a.PosOnly, a.Args = a.Args, nil
			p.next()
		case tStar:
			if seenStar {
				p.errorf("* argument may appear only once")
			}
			seenStar = true
			p.next()
			if p.tok.kind == tName {
				a.Vararg = p.param(annotated, true)
				if p.tok.kind == tEqual {
					p.errorf("var-positional argument cannot have default value")
				}
			} else if p.tok.kind != tComma {
				p.errorf("named arguments must follow bare *")
			} else if k := p.peek(1).kind; k == end || k == tDoubleStar {
				p.errorf("named arguments must follow bare *")
			}
		case tDoubleStar:
			p.next()
			a.Kwarg = p.param(annotated, false)
			if p.tok.kind == tEqual {
				p.errorf("var-keyword argument cannot have default value")
			}
			p.got(tComma)
			if p.tok.kind != end {
				p.errorf("arguments cannot follow var-keyword argument")
			}
			a.Span = p.span(s)
			return a
		default:
			arg := p.param(annotated, false)
			if p.got(tEqual) {
				arg.Default = p.expression()
				if !seenStar {
					seenDefault = true
				}
			} else if seenDefault && !seenStar {
				p.errorAtSpan(arg, "parameter without a default follows parameter with a default")
			}
			if seenStar {
				a.KwOnly = append(a.KwOnly, arg)
			} else {
				a.Args = append(a.Args, arg)
			}
		}
		if !p.got(tComma) {
			break
		}
	}
	if nonEmpty {
		a.Span = p.span(s)
	}
	return a
}

func (p *parser) param(annotated, star bool) *Arg {
	s := p.start()
	arg := &Arg{Name: p.ident()}
	if annotated && p.got(tColon) {
		if star && p.tok.kind == tStar {
			arg.Annotation = p.starExpression()
		} else {
			arg.Annotation = p.expression()
		}
	}
	arg.Span = p.span(s)
	return arg
}

// isMatchStmt decides whether the soft keyword match at the current token
// opens a match statement: what follows must start an expression, and
// the logical line must end with the block's ':'.
func (p *parser) isMatchStmt() bool {
	switch p.peek(1).kind {
	case tName, tNumber, tString, tFStringStart, tLPar, tLSqb, tLBrace,
		tMinus, tPlus, tTilde, tStar, tNot, tAwait, tLambda, tNone, tTrue,
		tFalse, tEllipsis:
	default:
		return false
	}
	last := tEOF
	for i := 1; ; i++ {
		k := p.peek(i).kind
		if k == tNewline || k == tEOF {
			return last == tColon
		}
		last = k
	}
}

func (p *parser) matchStmt() *Match {
	s := p.start()
	p.next()
	ss := p.start()
	subject := p.starNamedExpression()
	if p.tok.kind == tComma {
		elts := []Expr{subject}
		for p.got(tComma) && p.tok.kind != tColon {
			elts = append(elts, p.starNamedExpression())
		}
		subject = &Tuple{Span: p.span(ss), Elts: elts}
	}
	n := &Match{Subject: subject}
	colon := p.expect(tColon)
	n.HeaderEnd = int(colon.line)
	p.expect(tNewline)
	if p.tok.kind != tIndent {
		p.errorf("expected an indented block after 'match' statement on line %d", s.line)
	}
	p.next()
	for p.tok.kind != tDedent && p.tok.kind != tEOF {
		if !p.isSoft("case") {
			p.syntaxError()
		}
		cs := p.start()
		p.next()
		c := &MatchCase{Pattern: p.patterns()}
		if p.got(tIf) {
			c.Guard = p.namedExpression()
		}
		c.Body, c.HeaderEnd = p.block()
		c.Span = p.span(cs)
		n.Cases = append(n.Cases, c)
	}
	p.expect(tDedent)
	n.Span = p.span(s)
	return n
}
