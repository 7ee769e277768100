package python

// Inspect walks the tree below node in source order, as go/ast.Inspect
// does: it calls f(n) for each node n; if f returns true, Inspect visits
// n's children and then calls f(nil). Nil children (an absent default or
// else branch) are skipped.
func Inspect(node Node, f func(Node) bool) {
	if node == nil || !f(node) {
		return
	}
	eachChild(node, func(c Node) { Inspect(c, f) })
	f(nil)
}

func eachExpr(list []Expr, f func(Node)) {
	for _, e := range list {
		if e != nil {
			f(e)
		}
	}
}

func eachStmt(list []Stmt, f func(Node)) {
	for _, s := range list {
		f(s)
	}
}

func eachPattern(list []Pattern, f func(Node)) {
	for _, p := range list {
		f(p)
	}
}

func opt(e Expr, f func(Node)) {
	if e != nil {
		f(e)
	}
}

func optPattern(p Pattern, f func(Node)) {
	if p != nil {
		f(p)
	}
}

func eachTypeParam(list []*TypeParam, f func(Node)) {
	for _, t := range list {
		f(t)
	}
}

// eachChild calls f on n's direct children in source order.
func eachChild(n Node, f func(Node)) {
	switch n := n.(type) {
	case *Module:
		eachStmt(n.Body, f)
	case *FunctionDef:
		eachExpr(n.Decorators, f)
		eachTypeParam(n.TypeParams, f)
		f(n.Args)
		opt(n.Returns, f)
		eachStmt(n.Body, f)
	case *ClassDef:
		eachExpr(n.Decorators, f)
		eachTypeParam(n.TypeParams, f)
		eachExpr(n.Bases, f)
		for _, k := range n.Keywords {
			f(k)
		}
		eachStmt(n.Body, f)
	case *Return:
		opt(n.Value, f)
	case *Delete:
		eachExpr(n.Targets, f)
	case *Assign:
		eachExpr(n.Targets, f)
		f(n.Value)
	case *AugAssign:
		f(n.Target)
		f(n.Value)
	case *AnnAssign:
		f(n.Target)
		f(n.Annotation)
		opt(n.Value, f)
	case *TypeAlias:
		f(n.Name)
		eachTypeParam(n.TypeParams, f)
		f(n.Value)
	case *For:
		f(n.Target)
		f(n.Iter)
		eachStmt(n.Body, f)
		eachStmt(n.Else, f)
	case *While:
		f(n.Test)
		eachStmt(n.Body, f)
		eachStmt(n.Else, f)
	case *If:
		f(n.Test)
		eachStmt(n.Body, f)
		eachStmt(n.Else, f)
	case *With:
		for _, it := range n.Items {
			f(it)
		}
		eachStmt(n.Body, f)
	case *Match:
		f(n.Subject)
		for _, c := range n.Cases {
			f(c)
		}
	case *Raise:
		opt(n.Exc, f)
		opt(n.Cause, f)
	case *Try:
		eachStmt(n.Body, f)
		for _, h := range n.Handlers {
			f(h)
		}
		eachStmt(n.Else, f)
		eachStmt(n.Finally, f)
	case *Assert:
		f(n.Test)
		opt(n.Msg, f)
	case *Import:
		for _, a := range n.Names {
			f(a)
		}
	case *ImportFrom:
		for _, a := range n.Names {
			f(a)
		}
	case *ExprStmt:
		f(n.Value)
	case *Global, *Nonlocal, *Pass, *Break, *Continue:

	case *BoolOp:
		eachExpr(n.Values, f)
	case *NamedExpr:
		f(n.Target)
		f(n.Value)
	case *BinOp:
		f(n.Left)
		f(n.Right)
	case *UnaryOp:
		f(n.Operand)
	case *Lambda:
		f(n.Args)
		f(n.Body)
	case *IfExp:
		// Source order: body if test else orelse.
		f(n.Body)
		f(n.Test)
		f(n.Else)
	case *Dict:
		for i, v := range n.Values {
			opt(n.Keys[i], f)
			f(v)
		}
	case *Set:
		eachExpr(n.Elts, f)
	case *ListComp:
		f(n.Elt)
		eachComp(n.Generators, f)
	case *SetComp:
		f(n.Elt)
		eachComp(n.Generators, f)
	case *GeneratorExp:
		f(n.Elt)
		eachComp(n.Generators, f)
	case *DictComp:
		f(n.Key)
		f(n.Value)
		eachComp(n.Generators, f)
	case *Await:
		f(n.Value)
	case *Yield:
		opt(n.Value, f)
	case *YieldFrom:
		f(n.Value)
	case *Compare:
		f(n.Left)
		eachExpr(n.Comparators, f)
	case *Call:
		f(n.Func)
		eachExpr(n.Args, f)
		for _, k := range n.Keywords {
			f(k)
		}
	case *FormattedValue:
		f(n.Value)
		if n.FormatSpec != nil {
			f(n.FormatSpec)
		}
	case *JoinedStr:
		eachExpr(n.Values, f)
	case *Attribute:
		f(n.Value)
	case *Subscript:
		f(n.Value)
		f(n.Slice)
	case *Starred:
		f(n.Value)
	case *List:
		eachExpr(n.Elts, f)
	case *Tuple:
		eachExpr(n.Elts, f)
	case *Slice:
		opt(n.Lower, f)
		opt(n.Upper, f)
		opt(n.Step, f)
	case *Constant, *Name:

	case *MatchValue:
		f(n.Value)
	case *MatchSequence:
		eachPattern(n.Patterns, f)
	case *MatchMapping:
		for i, k := range n.Keys {
			f(k)
			f(n.Patterns[i])
		}
	case *MatchClass:
		f(n.Cls)
		eachPattern(n.Patterns, f)
		eachPattern(n.KwdPatterns, f)
	case *MatchAs:
		optPattern(n.Pattern, f)
	case *MatchOr:
		eachPattern(n.Patterns, f)
	case *MatchStar, *MatchSingleton:

	case *Arguments:
		for _, a := range n.All() {
			f(a)
		}
	case *Arg:
		opt(n.Annotation, f)
		opt(n.Default, f)
	case *Keyword:
		f(n.Value)
	case *Alias:
	case *WithItem:
		f(n.ContextExpr)
		opt(n.OptionalVars, f)
	case *ExceptHandler:
		opt(n.Type, f)
		eachStmt(n.Body, f)
	case *MatchCase:
		f(n.Pattern)
		opt(n.Guard, f)
		eachStmt(n.Body, f)
	case *Comprehension:
		f(n.Target)
		f(n.Iter)
		eachExpr(n.Ifs, f)
	case *TypeParam:
		opt(n.Bound, f)
		opt(n.Default, f)
	}
}

func eachComp(list []*Comprehension, f func(Node)) {
	for _, c := range list {
		f(c)
	}
}
