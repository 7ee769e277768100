package python

// patterns parses a case's pattern: an open sequence (a, *b) without
// brackets is a MatchSequence.
func (p *parser) patterns() Pattern {
	s := p.start()
	first := p.maybeStarPattern()
	if p.tok.kind != tComma {
		if _, star := first.(*MatchStar); star {
			p.errorAtSpan(first, "invalid syntax")
		}
		return first
	}
	elts := []Pattern{first}
	for p.got(tComma) && p.tok.kind != tColon && p.tok.kind != tIf {
		elts = append(elts, p.maybeStarPattern())
	}
	return &MatchSequence{Span: p.span(s), Patterns: elts}
}

func (p *parser) maybeStarPattern() Pattern {
	if p.tok.kind != tStar {
		return p.pattern()
	}
	s := p.start()
	p.next()
	name := p.ident()
	if name == "_" {
		name = ""
	}
	return &MatchStar{Span: p.span(s), Name: name}
}

// pattern is an or-pattern, optionally "as name".
func (p *parser) pattern() Pattern {
	p.enter()
	defer p.leave()
	s := p.start()
	pat := p.closedPattern()
	if p.tok.kind == tVBar {
		alts := []Pattern{pat}
		for p.got(tVBar) {
			alts = append(alts, p.closedPattern())
		}
		pat = &MatchOr{Span: p.span(s), Patterns: alts}
	}
	if p.got(tAs) {
		name := p.ident()
		if name == "_" {
			p.errorAt(p.prev, "cannot use '_' as a target")
		}
		pat = &MatchAs{Span: p.span(s), Pattern: pat, Name: name}
	}
	return pat
}

func (p *parser) closedPattern() Pattern {
	s := p.start()
	switch p.tok.kind {
	case tNone, tTrue, tFalse:
		c := p.atom().(*Constant)
		return &MatchSingleton{Span: c.Span, Value: c.Kind}
	case tNumber, tMinus:
		v := p.signedNumber()
		return &MatchValue{Span: p.span(s), Value: v}
	case tString, tFStringStart:
		// CPython's compiler, not its parser, rejects an f-string here.
		v := p.strings()
		return &MatchValue{Span: p.span(s), Value: v}
	case tLPar:
		p.next()
		if p.got(tRPar) {
			return &MatchSequence{Span: p.span(s)}
		}
		first := p.maybeStarPattern()
		if p.tok.kind != tComma {
			p.expect(tRPar)
			if _, star := first.(*MatchStar); star {
				p.errorAtSpan(first, "invalid syntax")
			}
			return first // a group: (pattern)
		}
		elts := []Pattern{first}
		for p.got(tComma) && p.tok.kind != tRPar {
			elts = append(elts, p.maybeStarPattern())
		}
		p.expect(tRPar)
		return &MatchSequence{Span: p.span(s), Patterns: elts}
	case tLSqb:
		p.next()
		var elts []Pattern
		for p.tok.kind != tRSqb {
			elts = append(elts, p.maybeStarPattern())
			if !p.got(tComma) {
				break
			}
		}
		p.expect(tRSqb)
		return &MatchSequence{Span: p.span(s), Patterns: elts}
	case tLBrace:
		return p.mappingPattern()
	case tName:
		return p.namePattern()
	}
	p.syntaxError()
	return nil
}

// signedNumber is a number pattern: -1, 1.5, 1+2j, -1-2j.
func (p *parser) signedNumber() Expr {
	s := p.start()
	var e Expr
	if p.tok.kind == tMinus {
		p.next()
		n := p.number()
		e = &UnaryOp{Span: p.span(s), Op: USub, Operand: n}
	} else {
		e = p.number()
	}
	if p.tok.kind == tPlus || p.tok.kind == tMinus {
		op := Add
		if p.tok.kind == tMinus {
			op = Sub
		}
		p.next()
		imag := p.number()
		if imag.Kind != ConstComplex {
			p.errorAtSpan(imag, "imaginary number required in complex literal")
		}
		e = &BinOp{Span: p.span(s), Left: e, Op: op, Right: imag}
	}
	return e
}

func (p *parser) number() *Constant {
	if p.tok.kind != tNumber {
		p.syntaxError()
	}
	return p.atom().(*Constant)
}

// dottedValue parses name(.name)* as a Name or Attribute chain.
func (p *parser) dottedValue() Expr {
	s := p.start()
	var e Expr = p.atom()
	for p.got(tDot) {
		attr := p.ident()
		e = &Attribute{Span: p.span(s), Value: e, Attr: attr}
	}
	return e
}

// namePattern is a capture, the wildcard, a value (a.b) or a class
// pattern (a.b(...)).
func (p *parser) namePattern() Pattern {
	s := p.start()
	v := p.dottedValue()
	if p.tok.kind == tLPar {
		return p.classPattern(s, v)
	}
	if n, ok := v.(*Name); ok {
		if n.ID == "_" {
			return &MatchAs{Span: n.Span}
		}
		return &MatchAs{Span: n.Span, Name: n.ID}
	}
	return &MatchValue{Span: p.span(s), Value: v}
}

func (p *parser) classPattern(s pos, cls Expr) Pattern {
	p.next()
	n := &MatchClass{Cls: cls}
	for p.tok.kind != tRPar {
		if p.tok.kind == tName && p.peek(1).kind == tEqual {
			n.KwdAttrs = append(n.KwdAttrs, p.ident())
			p.next()
			n.KwdPatterns = append(n.KwdPatterns, p.pattern())
		} else {
			if len(n.KwdAttrs) > 0 {
				p.errorf("positional patterns follow keyword patterns")
			}
			n.Patterns = append(n.Patterns, p.pattern())
		}
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRPar)
	n.Span = p.span(s)
	return n
}

func (p *parser) mappingPattern() Pattern {
	s := p.start()
	p.next()
	n := &MatchMapping{}
	for p.tok.kind != tRBrace {
		if p.got(tDoubleStar) {
			n.Rest = p.ident()
			p.got(tComma)
			break
		}
		var key Expr
		switch p.tok.kind {
		case tNumber, tMinus:
			key = p.signedNumber()
		case tString:
			key = p.strings()
		case tNone, tTrue, tFalse:
			key = p.atom()
		case tName:
			key = p.dottedValue()
			if _, ok := key.(*Attribute); !ok {
				p.errorAtSpan(key, "mapping pattern keys may only match literals and attribute lookups")
			}
		default:
			p.syntaxError()
		}
		p.expect(tColon)
		n.Keys = append(n.Keys, key)
		n.Patterns = append(n.Patterns, p.pattern())
		if !p.got(tComma) {
			break
		}
	}
	p.expect(tRBrace)
	n.Span = p.span(s)
	return n
}
