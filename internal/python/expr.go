package python

// startsExpr reports whether the current token can begin an expression
// (or a starred one).
func (p *parser) startsExpr() bool {
	switch p.tok.kind {
	case tName, tNumber, tString, tFStringStart, tLPar, tLSqb, tLBrace,
		tMinus, tPlus, tTilde, tNot, tAwait, tLambda, tNone, tTrue, tFalse,
		tEllipsis, tStar:
		return true
	}
	return false
}

// starExpressions is a comma list of (starred) expressions: a Tuple when
// there is a comma.
func (p *parser) starExpressions() Expr {
	s := p.start()
	e := p.starExpression()
	if p.tok.kind != tComma {
		return e
	}
	elts := []Expr{e}
	for p.got(tComma) && p.startsExpr() {
		elts = append(elts, p.starExpression())
	}
	return &Tuple{Span: p.span(s), Elts: elts}
}

func (p *parser) starExpression() Expr {
	if p.tok.kind == tStar {
		s := p.start()
		p.next()
		v := p.bitwiseOr()
		return &Starred{Span: p.span(s), Value: v}
	}
	return p.expression()
}

func (p *parser) starNamedExpression() Expr {
	if p.tok.kind == tStar {
		s := p.start()
		p.next()
		v := p.bitwiseOr()
		return &Starred{Span: p.span(s), Value: v}
	}
	return p.namedExpression()
}

func (p *parser) namedExpression() Expr {
	if p.tok.kind == tName && p.peek(1).kind == tWalrus {
		s := p.start()
		target := &Name{ID: p.name(p.tok), Ctx: Store}
		p.next()
		target.Span = p.span(s)
		p.next()
		v := p.expression()
		return &NamedExpr{Span: p.span(s), Target: target, Value: v}
	}
	return p.expression()
}

func (p *parser) expression() Expr {
	if p.tok.kind == tLambda {
		return p.lambda()
	}
	s := p.start()
	e := p.disjunction()
	if p.tok.kind != tIf {
		return e
	}
	p.next()
	test := p.disjunction()
	if p.tok.kind != tElse {
		p.errorf("expected 'else' after 'if' expression")
	}
	p.next()
	p.enter()
	orelse := p.expression()
	p.leave()
	return &IfExp{Span: p.span(s), Test: test, Body: e, Else: orelse}
}

func (p *parser) lambda() Expr {
	s := p.start()
	p.next()
	p.enter()
	defer p.leave()
	args := p.params(tColon, false)
	p.expect(tColon)
	body := p.expression()
	return &Lambda{Span: p.span(s), Args: args, Body: body}
}

func (p *parser) disjunction() Expr {
	s := p.start()
	e := p.conjunction()
	if p.tok.kind != tOr {
		return e
	}
	values := []Expr{e}
	for p.got(tOr) {
		values = append(values, p.conjunction())
	}
	return &BoolOp{Span: p.span(s), Op: Or, Values: values}
}

func (p *parser) conjunction() Expr {
	s := p.start()
	e := p.inversion()
	if p.tok.kind != tAnd {
		return e
	}
	values := []Expr{e}
	for p.got(tAnd) {
		values = append(values, p.inversion())
	}
	return &BoolOp{Span: p.span(s), Op: And, Values: values}
}

func (p *parser) inversion() Expr {
	if p.tok.kind != tNot {
		return p.comparison()
	}
	s := p.start()
	p.next()
	p.enter()
	operand := p.inversion()
	p.leave()
	return &UnaryOp{Span: p.span(s), Op: Not, Operand: operand}
}

func (p *parser) comparison() Expr {
	s := p.start()
	left := p.bitwiseOr()
	var n *Compare
	for {
		var op CmpOperator
		switch p.tok.kind {
		case tEqEqual:
			op = Eq
		case tNotEqual:
			op = NotEq
		case tLess:
			op = Lt
		case tLessEqual:
			op = LtE
		case tGreater:
			op = Gt
		case tGreaterEqual:
			op = GtE
		case tIn:
			op = In
		case tIs:
			op = Is
			if p.peek(1).kind == tNot {
				p.next()
				op = IsNot
			}
		case tNot:
			if p.peek(1).kind != tIn {
				p.syntaxError()
			}
			p.next()
			op = NotIn
		default:
			if n == nil {
				return left
			}
			n.Span = p.span(s)
			return n
		}
		p.next()
		if n == nil {
			n = &Compare{Left: left}
		}
		n.Ops = append(n.Ops, op)
		n.Comparators = append(n.Comparators, p.bitwiseOr())
	}
}

// binaryOp gives a binary operator token's operator and precedence (0:
// not a binary operator). Precedence climbing replaces the grammar's six
// rule levels (bitwise_or down to term).
func binaryOp(k tokKind) (Operator, int) {
	switch k {
	case tVBar:
		return BitOr, 1
	case tCircumflex:
		return BitXor, 2
	case tAmper:
		return BitAnd, 3
	case tLShift:
		return LShift, 4
	case tRShift:
		return RShift, 4
	case tPlus:
		return Add, 5
	case tMinus:
		return Sub, 5
	case tStar:
		return Mult, 6
	case tSlash:
		return Div, 6
	case tDoubleSlash:
		return FloorDiv, 6
	case tPercent:
		return Mod, 6
	case tAt:
		return MatMult, 6
	}
	return 0, 0
}

func (p *parser) bitwiseOr() Expr { return p.binary(1) }

func (p *parser) binary(minPrec int) Expr {
	s := p.start()
	left := p.factor()
	for {
		op, prec := binaryOp(p.tok.kind)
		if prec < minPrec {
			return left
		}
		p.next()
		right := p.binary(prec + 1)
		left = &BinOp{Span: p.span(s), Left: left, Op: op, Right: right}
	}
}

func (p *parser) factor() Expr {
	var op UnaryOperator
	switch p.tok.kind {
	case tPlus:
		op = UAdd
	case tMinus:
		op = USub
	case tTilde:
		op = Invert
	default:
		return p.power()
	}
	s := p.start()
	p.next()
	p.enter()
	operand := p.factor()
	p.leave()
	return &UnaryOp{Span: p.span(s), Op: op, Operand: operand}
}

func (p *parser) power() Expr {
	s := p.start()
	e := p.awaitPrimary()
	if p.tok.kind != tDoubleStar {
		return e
	}
	p.next()
	p.enter()
	right := p.factor()
	p.leave()
	return &BinOp{Span: p.span(s), Left: e, Op: Pow, Right: right}
}

func (p *parser) awaitPrimary() Expr {
	if p.tok.kind != tAwait {
		return p.primary()
	}
	s := p.start()
	p.next()
	v := p.primary()
	return &Await{Span: p.span(s), Value: v}
}

func (p *parser) primary() Expr {
	s := p.start()
	e := p.atom()
	for {
		switch p.tok.kind {
		case tDot:
			p.next()
			attr := p.ident()
			a := p.attrs.new()
			*a = Attribute{Span: p.span(s), Value: e, Attr: attr}
			e = a
		case tLPar:
			e = p.call(e, s)
		case tLSqb:
			p.next()
			slice := p.slices()
			p.expect(tRSqb)
			e = &Subscript{Span: p.span(s), Value: e, Slice: slice}
		default:
			return e
		}
	}
}

func (p *parser) call(fn Expr, s pos) *Call {
	lpar := p.start()
	p.next()
	p.enter()
	args, kws, gen := p.arguments()
	p.leave()
	p.expect(tRPar)
	if gen != nil {
		// A generator expression as the only argument takes the
		// call's parentheses as its own.
		gen.Span = p.span(lpar)
	}
	c := p.calls.new()
	*c = Call{Span: p.span(s), Func: fn, Args: args, Keywords: kws}
	return c
}

// arguments parses call arguments (or class bases) up to ')'. gen is an
// unparenthesized generator expression, which must be the only argument.
func (p *parser) arguments() (args []Expr, kws []*Keyword, gen *GeneratorExp) {
	sawKeyword, sawDoubleStar := false, false
	for p.tok.kind != tRPar {
		s := p.start()
		switch {
		case p.tok.kind == tStar:
			p.next()
			v := p.expression()
			if sawDoubleStar {
				p.errorAt(p.prev, "iterable argument unpacking follows keyword argument unpacking")
			}
			args = append(args, &Starred{Span: p.span(s), Value: v})
		case p.tok.kind == tDoubleStar:
			p.next()
			v := p.expression()
			kws = append(kws, &Keyword{Span: p.span(s), Value: v})
			sawDoubleStar = true
		case p.tok.kind == tName && p.peek(1).kind == tEqual:
			name := p.name(p.tok)
			p.next()
			p.next()
			v := p.expression()
			kws = append(kws, &Keyword{Span: p.span(s), Arg: name, Value: v})
			sawKeyword = true
		default:
			e := p.namedExpression()
			if p.tok.kind == tFor || p.tok.kind == tAsync {
				g := &GeneratorExp{Elt: e, Generators: p.comprehensions()}
				g.Span = p.span(s)
				if len(args) > 0 || len(kws) > 0 || p.tok.kind != tRPar {
					p.errorAtSpan(g, "Generator expression must be parenthesized")
				}
				gen = g
				e = g
			} else if p.tok.kind == tEqual {
				p.errorAtSpan(e, "expression cannot contain assignment, perhaps you meant \"==\"?")
			}
			if sawDoubleStar {
				p.errorAtSpan(e, "positional argument follows keyword argument unpacking")
			}
			if sawKeyword {
				p.errorAtSpan(e, "positional argument follows keyword argument")
			}
			args = append(args, e)
		}
		if !p.got(tComma) {
			break
		}
	}
	return args, kws, gen
}

func (p *parser) slices() Expr {
	s := p.start()
	first := p.slice()
	if p.tok.kind != tComma {
		if st, ok := first.(*Starred); ok {
			// a[*b] indexes with a one-element tuple.
			return &Tuple{Span: st.Span, Elts: []Expr{st}}
		}
		return first
	}
	elts := []Expr{first}
	for p.got(tComma) && p.tok.kind != tRSqb {
		elts = append(elts, p.slice())
	}
	return &Tuple{Span: p.span(s), Elts: elts}
}

func (p *parser) slice() Expr {
	s := p.start()
	if p.tok.kind == tStar {
		p.next()
		v := p.bitwiseOr()
		return &Starred{Span: p.span(s), Value: v}
	}
	n := &Slice{}
	if p.tok.kind != tColon {
		lower := p.namedExpression()
		if p.tok.kind != tColon {
			return lower
		}
		n.Lower = lower
	}
	p.next()
	if k := p.tok.kind; k != tColon && k != tComma && k != tRSqb {
		n.Upper = p.expression()
	}
	if p.got(tColon) {
		if k := p.tok.kind; k != tComma && k != tRSqb {
			n.Step = p.expression()
		}
	}
	n.Span = p.span(s)
	return n
}

func (p *parser) atom() Expr {
	s := p.start()
	switch p.tok.kind {
	case tName:
		n := p.names.new()
		n.ID = p.name(p.tok)
		p.next()
		n.Span = p.span(s)
		return n
	case tNumber:
		t := p.tok
		p.next()
		c := p.consts.new()
		*c = Constant{Span: p.span(s), Kind: numberKind(p.text(t)), Raw: p.text(t)}
		return c
	case tString, tFStringStart:
		return p.strings()
	case tNone, tTrue, tFalse, tEllipsis:
		kind := ConstEllipsis
		switch p.tok.kind {
		case tNone:
			kind = ConstNone
		case tTrue:
			kind = ConstTrue
		case tFalse:
			kind = ConstFalse
		}
		t := p.tok
		p.next()
		return &Constant{Span: p.span(s), Kind: kind, Raw: p.text(t)}
	case tLPar:
		return p.parenAtom()
	case tLSqb:
		return p.listAtom()
	case tLBrace:
		return p.braceAtom()
	}
	if p.tok.kind == tYield {
		p.errorf("'yield' outside parentheses must be the whole right-hand side")
	}
	p.syntaxError()
	return nil
}

// numberKind tells an int, a float and an imaginary literal apart.
func numberKind(lit string) ConstKind {
	last := lit[len(lit)-1] | 0x20
	if last == 'j' {
		return ConstComplex
	}
	if len(lit) > 1 && lit[0] == '0' && (lit[1]|0x20 == 'x' || lit[1]|0x20 == 'o' || lit[1]|0x20 == 'b') {
		return ConstInt
	}
	for i := 0; i < len(lit); i++ {
		if c := lit[i]; c == '.' || c|0x20 == 'e' {
			return ConstFloat
		}
	}
	return ConstInt
}

func (p *parser) parenAtom() Expr {
	s := p.start()
	p.next()
	p.enter()
	defer p.leave()
	if p.got(tRPar) {
		return &Tuple{Span: p.span(s)}
	}
	if p.tok.kind == tYield {
		e := p.yieldExpr()
		p.expect(tRPar)
		return e
	}
	first := p.starNamedExpression()
	switch p.tok.kind {
	case tFor, tAsync:
		g := &GeneratorExp{Elt: first, Generators: p.comprehensions()}
		p.expect(tRPar)
		g.Span = p.span(s)
		return g
	case tComma:
		elts := []Expr{first}
		for p.got(tComma) && p.tok.kind != tRPar {
			elts = append(elts, p.starNamedExpression())
		}
		p.expect(tRPar)
		return &Tuple{Span: p.span(s), Elts: elts}
	}
	p.expect(tRPar)
	if st, ok := first.(*Starred); ok {
		p.errorAtSpan(st, "cannot use starred expression here")
	}
	return first
}

func (p *parser) listAtom() Expr {
	s := p.start()
	p.next()
	p.enter()
	defer p.leave()
	if p.got(tRSqb) {
		return &List{Span: p.span(s)}
	}
	first := p.starNamedExpression()
	if p.tok.kind == tFor || p.tok.kind == tAsync {
		c := &ListComp{Elt: first, Generators: p.comprehensions()}
		p.expect(tRSqb)
		c.Span = p.span(s)
		return c
	}
	elts := []Expr{first}
	for p.got(tComma) && p.tok.kind != tRSqb {
		elts = append(elts, p.starNamedExpression())
	}
	p.expect(tRSqb)
	return &List{Span: p.span(s), Elts: elts}
}

func (p *parser) braceAtom() Expr {
	s := p.start()
	p.next()
	p.enter()
	defer p.leave()
	if p.got(tRBrace) {
		return &Dict{Span: p.span(s)}
	}
	var key, value Expr
	switch p.tok.kind {
	case tDoubleStar:
		p.next()
		value = p.bitwiseOr()
	case tStar:
		return p.setRest(s, p.starNamedExpression())
	default:
		key = p.namedExpression()
		if p.tok.kind != tColon {
			return p.setRest(s, key)
		}
		p.next()
		value = p.expression()
		if p.tok.kind == tFor || p.tok.kind == tAsync {
			c := &DictComp{Key: key, Value: value, Generators: p.comprehensions()}
			p.expect(tRBrace)
			c.Span = p.span(s)
			return c
		}
	}
	d := &Dict{Keys: []Expr{key}, Values: []Expr{value}}
	for p.got(tComma) && p.tok.kind != tRBrace {
		if p.got(tDoubleStar) {
			d.Keys = append(d.Keys, nil)
			d.Values = append(d.Values, p.bitwiseOr())
			continue
		}
		d.Keys = append(d.Keys, p.expression())
		p.expect(tColon)
		d.Values = append(d.Values, p.expression())
	}
	p.expect(tRBrace)
	d.Span = p.span(s)
	return d
}

// setRest finishes a set display or set comprehension after its first
// element.
func (p *parser) setRest(s pos, first Expr) Expr {
	if p.tok.kind == tFor || p.tok.kind == tAsync {
		c := &SetComp{Elt: first, Generators: p.comprehensions()}
		p.expect(tRBrace)
		c.Span = p.span(s)
		return c
	}
	elts := []Expr{first}
	for p.got(tComma) && p.tok.kind != tRBrace {
		elts = append(elts, p.starNamedExpression())
	}
	p.expect(tRBrace)
	return &Set{Span: p.span(s), Elts: elts}
}

func (p *parser) comprehensions() []*Comprehension {
	var out []*Comprehension
	for p.tok.kind == tFor || p.tok.kind == tAsync {
		s := p.start()
		c := &Comprehension{Async: p.got(tAsync)}
		p.expect(tFor)
		c.Target = p.starTargets()
		p.expect(tIn)
		c.Iter = p.disjunction()
		for p.got(tIf) {
			c.Ifs = append(c.Ifs, p.disjunction())
		}
		c.Span = p.span(s)
		out = append(out, c)
	}
	return out
}

// starTargets parses the target list of a for statement or a
// comprehension (stopping before 'in').
func (p *parser) starTargets() Expr {
	s := p.start()
	first := p.starTarget()
	if p.tok.kind != tComma {
		return first
	}
	elts := []Expr{first}
	for p.got(tComma) && p.tok.kind != tIn {
		elts = append(elts, p.starTarget())
	}
	return &Tuple{Span: p.span(s), Elts: elts, Ctx: Store}
}

func (p *parser) starTarget() Expr {
	var e Expr
	if p.tok.kind == tStar {
		s := p.start()
		p.next()
		v := p.bitwiseOr()
		e = &Starred{Span: p.span(s), Value: v}
	} else {
		e = p.bitwiseOr()
	}
	p.setCtx(e, Store)
	return e
}

func (p *parser) yieldExpr() Expr {
	s := p.start()
	p.next()
	if p.got(tFrom) {
		v := p.expression()
		return &YieldFrom{Span: p.span(s), Value: v}
	}
	n := &Yield{}
	if p.startsExpr() {
		n.Value = p.starExpressions()
	}
	n.Span = p.span(s)
	return n
}
