package python

// Span is where a node is in the source. Lines are 1-based. Columns are
// 1-based byte offsets in the line's UTF-8 text (CPython's col_offset and
// end_col_offset plus one); EndCol is just past the node's last byte, so a
// one-character name at the start of a line has Col 1 and EndCol 2. Spans
// are CPython's: a parenthesized expression's own span excludes the
// parentheses, the expression around it includes them; a decorated def
// or class starts at its def or class keyword.
type Span struct {
	Line, Col       int
	EndLine, EndCol int
}

// Extent returns the span; every node has it through its embedded Span.
func (s *Span) Extent() Span { return *s }

// Node is any node of the tree: a statement, an expression, a pattern, or
// one of the helper nodes (Arguments, Arg, Keyword, Alias, WithItem,
// ExceptHandler, MatchCase, Comprehension, TypeParam).
type Node interface {
	Extent() Span
}

// Stmt is a statement.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// Pattern is a pattern of a match statement's case.
type Pattern interface {
	Node
	patternNode()
}

// Ctx says whether an expression is read (Load), assigned (Store) or
// deleted (Del); it is set on Name, Attribute, Subscript, Starred, List
// and Tuple, as in CPython.
type Ctx uint8

// Expression contexts.
const (
	Load Ctx = iota
	Store
	Del
)

// ---------------------------------------------------------------------
// Statements.

// FunctionDef is a def or async def. Line is that of def (or async), not
// of the first decorator.
type FunctionDef struct {
	Span
	Name       string
	TypeParams []*TypeParam
	Args       *Arguments
	Returns    Expr // nil without '->'
	Body       []Stmt
	Decorators []Expr
	Async      bool
	HeaderEnd  int // last line of the header (its ':')
}

// ClassDef is a class statement.
type ClassDef struct {
	Span
	Name       string
	TypeParams []*TypeParam
	Bases      []Expr
	Keywords   []*Keyword
	Body       []Stmt
	Decorators []Expr
	HeaderEnd  int
}

// Return is return [value].
type Return struct {
	Span
	Value Expr // nil for a bare return
}

// Delete is del targets.
type Delete struct {
	Span
	Targets []Expr
}

// Assign is targets[0] = targets[1] = ... = value. Each target is a Name,
// Attribute, Subscript, or a Tuple/List of targets (with Starred), in
// Store context.
type Assign struct {
	Span
	Targets []Expr
	Value   Expr
}

// AugAssign is target op= value.
type AugAssign struct {
	Span
	Target Expr
	Op     Operator
	Value  Expr
}

// AnnAssign is target: annotation [= value]. Simple is true when the
// target is a bare name (not parenthesized).
type AnnAssign struct {
	Span
	Target     Expr
	Annotation Expr
	Value      Expr // nil when only annotated
	Simple     bool
}

// TypeAlias is type Name[params] = value (3.12).
type TypeAlias struct {
	Span
	Name       *Name
	TypeParams []*TypeParam
	Value      Expr
}

// For is [async] for target in iter: body else: orelse.
type For struct {
	Span
	Target    Expr
	Iter      Expr
	Body      []Stmt
	Else      []Stmt
	Async     bool
	HeaderEnd int
}

// While is while test: body else: orelse.
type While struct {
	Span
	Test      Expr
	Body      []Stmt
	Else      []Stmt
	HeaderEnd int
}

// If is if test: body, with elif chains as a single If in Else (as in
// CPython).
type If struct {
	Span
	Test      Expr
	Body      []Stmt
	Else      []Stmt
	HeaderEnd int
}

// With is [async] with items: body.
type With struct {
	Span
	Items     []*WithItem
	Body      []Stmt
	Async     bool
	HeaderEnd int
}

// Match is a match statement (3.10).
type Match struct {
	Span
	Subject   Expr
	Cases     []*MatchCase
	HeaderEnd int
}

// Raise is raise [exc [from cause]].
type Raise struct {
	Span
	Exc   Expr
	Cause Expr
}

// Try is a try statement; Star is true for except* handlers (3.11).
type Try struct {
	Span
	Body     []Stmt
	Handlers []*ExceptHandler
	Else     []Stmt
	Finally  []Stmt
	Star     bool
}

// Assert is assert test [, msg].
type Assert struct {
	Span
	Test Expr
	Msg  Expr
}

// Import is import a.b [as c], ...
type Import struct {
	Span
	Names []*Alias
}

// ImportFrom is from [.]*module import names. Module is "" for
// "from . import x"; Level counts the leading dots.
type ImportFrom struct {
	Span
	Module string
	Names  []*Alias
	Level  int
}

// Global is global names.
type Global struct {
	Span
	Names []string
}

// Nonlocal is nonlocal names.
type Nonlocal struct {
	Span
	Names []string
}

// ExprStmt is an expression used as a statement (CPython's Expr).
type ExprStmt struct {
	Span
	Value Expr
}

// Pass is pass.
type Pass struct{ Span }

// Break is break.
type Break struct{ Span }

// Continue is continue.
type Continue struct{ Span }

// ---------------------------------------------------------------------
// Expressions.

// BoolOp is values[0] op values[1] op ...; a chain of one operator.
type BoolOp struct {
	Span
	Op     BoolOperator
	Values []Expr
}

// NamedExpr is target := value.
type NamedExpr struct {
	Span
	Target *Name
	Value  Expr
}

// BinOp is left op right; "..." % x and "..." + x are BinOps with a
// string Constant on the left.
type BinOp struct {
	Span
	Left  Expr
	Op    Operator
	Right Expr
}

// UnaryOp is op operand.
type UnaryOp struct {
	Span
	Op      UnaryOperator
	Operand Expr
}

// Lambda is lambda args: body.
type Lambda struct {
	Span
	Args *Arguments
	Body Expr
}

// IfExp is body if test else orelse.
type IfExp struct {
	Span
	Test, Body, Else Expr
}

// Dict is {k: v, **m}; a nil key marks a **m entry, whose mapping is the
// value.
type Dict struct {
	Span
	Keys   []Expr
	Values []Expr
}

// Set is {a, b}.
type Set struct {
	Span
	Elts []Expr
}

// ListComp is [elt for ...].
type ListComp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

// SetComp is {elt for ...}.
type SetComp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

// DictComp is {key: value for ...}.
type DictComp struct {
	Span
	Key, Value Expr
	Generators []*Comprehension
}

// GeneratorExp is (elt for ...).
type GeneratorExp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

// Await is await value.
type Await struct {
	Span
	Value Expr
}

// Yield is yield [value].
type Yield struct {
	Span
	Value Expr
}

// YieldFrom is yield from value.
type YieldFrom struct {
	Span
	Value Expr
}

// Compare is left ops[0] comparators[0] ops[1] comparators[1] ...
type Compare struct {
	Span
	Left        Expr
	Ops         []CmpOperator
	Comparators []Expr
}

// Call is fn(args, keywords). *x arguments are Starred entries of Args;
// **m arguments are Keywords with an empty Arg.
type Call struct {
	Span
	Func     Expr
	Args     []Expr
	Keywords []*Keyword
}

// FormattedValue is one replacement field of an f-string. Conversion is
// -1, 's', 'r' or 'a'.
type FormattedValue struct {
	Span
	Value      Expr
	Conversion int
	FormatSpec *JoinedStr // nil without a spec
}

// JoinedStr is an f-string (with any strings implicitly concatenated to
// it): its Values are str Constants and FormattedValues in order. Raw is
// the source text of the whole literal.
type JoinedStr struct {
	Span
	Values []Expr
	Raw    string
}

// Constant is a literal: a string or bytes (implicitly concatenated parts
// are one Constant), a number, None, True, False or '...'.
type Constant struct {
	Span
	Kind ConstKind
	// Value is the decoded text of a str (UTF-8; a lone surrogate escape
	// such as \ud800 is kept as its three bytes) or the bytes of a bytes
	// constant; for other kinds it is empty.
	Value string
	// Raw is the source text: for strings the prefixes, quotes and
	// escapes as written, from the first part to the last (with what lies
	// between them); for numbers the literal as written.
	Raw string
}

// Attribute is value.attr.
type Attribute struct {
	Span
	Value Expr
	Attr  string
	Ctx   Ctx
}

// Subscript is value[slice]; a[1:2, 3] has a Tuple of a Slice and a
// Constant.
type Subscript struct {
	Span
	Value Expr
	Slice Expr
	Ctx   Ctx
}

// Starred is *value.
type Starred struct {
	Span
	Value Expr
	Ctx   Ctx
}

// Name is an identifier.
type Name struct {
	Span
	ID  string
	Ctx Ctx
}

// List is [elts].
type List struct {
	Span
	Elts []Expr
	Ctx  Ctx
}

// Tuple is (elts) or elts, ...; its span includes parentheses written
// around it.
type Tuple struct {
	Span
	Elts []Expr
	Ctx  Ctx
}

// Slice is lower:upper:step inside a subscript; absent parts are nil.
type Slice struct {
	Span
	Lower, Upper, Step Expr
}

// ---------------------------------------------------------------------
// Patterns (match statements).

// MatchValue matches a literal or a dotted name's value.
type MatchValue struct {
	Span
	Value Expr
}

// MatchSingleton matches None, True or False: Value is ConstNone,
// ConstTrue or ConstFalse.
type MatchSingleton struct {
	Span
	Value ConstKind
}

// MatchSequence is [p, ...] or (p, ...).
type MatchSequence struct {
	Span
	Patterns []Pattern
}

// MatchMapping is {key: p, ..., **rest}.
type MatchMapping struct {
	Span
	Keys     []Expr
	Patterns []Pattern
	Rest     string
}

// MatchClass is cls(p, ..., kw=p, ...).
type MatchClass struct {
	Span
	Cls         Expr
	Patterns    []Pattern
	KwdAttrs    []string
	KwdPatterns []Pattern
}

// MatchStar is *name in a sequence pattern; Name is "" for *_.
type MatchStar struct {
	Span
	Name string
}

// MatchAs is a capture (Pattern nil), the wildcard _ (both empty), or
// pattern as name.
type MatchAs struct {
	Span
	Pattern Pattern
	Name    string
}

// MatchOr is p | q | ...
type MatchOr struct {
	Span
	Patterns []Pattern
}

// ---------------------------------------------------------------------
// Helper nodes.

// Arguments are the parameters of a def or lambda. Each Arg carries its
// own default, so "the defaults of the keyword-only parameters" is the
// Default of each KwOnly entry.
type Arguments struct {
	Span    // from the first parameter to the last; zero when there are none
	PosOnly []*Arg
	Args    []*Arg
	Vararg  *Arg // *args; nil if absent
	KwOnly  []*Arg
	Kwarg   *Arg // **kwargs; nil if absent
}

// All returns every parameter in order: positional-only, positional,
// *args, keyword-only, **kwargs.
func (a *Arguments) All() []*Arg {
	if a == nil {
		return nil
	}
	out := make([]*Arg, 0, len(a.PosOnly)+len(a.Args)+len(a.KwOnly)+2)
	out = append(out, a.PosOnly...)
	out = append(out, a.Args...)
	if a.Vararg != nil {
		out = append(out, a.Vararg)
	}
	out = append(out, a.KwOnly...)
	if a.Kwarg != nil {
		out = append(out, a.Kwarg)
	}
	return out
}

// Arg is one parameter. Its span covers the name and the annotation (not
// the default, as in CPython).
type Arg struct {
	Span
	Name       string
	Annotation Expr // nil if absent
	Default    Expr // nil if absent
}

// Keyword is name=value in a call or class bases; Arg is "" for **value.
type Keyword struct {
	Span
	Arg   string
	Value Expr
}

// Alias is one name of an import: Name may be dotted (a.b.c) or "*";
// AsName is "" without as.
type Alias struct {
	Span
	Name   string
	AsName string
}

// WithItem is expr [as vars]. Its span is the context expression's
// through the target's (CPython gives it none).
type WithItem struct {
	Span
	ContextExpr  Expr
	OptionalVars Expr // nil without as
}

// ExceptHandler is except [type [as name]]: body.
type ExceptHandler struct {
	Span
	Type      Expr
	Name      string
	Body      []Stmt
	HeaderEnd int
}

// MatchCase is case pattern [if guard]: body. Its span runs from case to
// the end of the body (CPython gives it none).
type MatchCase struct {
	Span
	Pattern   Pattern
	Guard     Expr
	Body      []Stmt
	HeaderEnd int
}

// Comprehension is one "[async] for target in iter if cond ..." clause.
// Its span runs from for (or async) to the last condition.
type Comprehension struct {
	Span
	Target Expr
	Iter   Expr
	Ifs    []Expr
	Async  bool
}

// TypeParamKind tells a TypeVar (T), a TypeVarTuple (*Ts) and a ParamSpec
// (**P) apart.
type TypeParamKind uint8

// Type parameter kinds.
const (
	TypeVar TypeParamKind = iota
	TypeVarTuple
	ParamSpec
)

// TypeParam is one parameter of def f[T: int = str] (3.12, defaults 3.13).
type TypeParam struct {
	Span
	Kind    TypeParamKind
	Name    string
	Bound   Expr // TypeVar only; nil if absent
	Default Expr // nil if absent
}

// ---------------------------------------------------------------------
// Operators and constant kinds.

// Operator is a binary (or augmented-assignment) operator.
type Operator uint8

// Binary operators.
const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

var operatorNames = [...]string{"+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//"}

// String returns the operator as written.
func (o Operator) String() string { return operatorNames[o] }

// BoolOperator is and or or.
type BoolOperator uint8

// Boolean operators.
const (
	And BoolOperator = iota
	Or
)

// String returns the operator as written.
func (o BoolOperator) String() string {
	if o == And {
		return "and"
	}
	return "or"
}

// UnaryOperator is ~, not, + or -.
type UnaryOperator uint8

// Unary operators.
const (
	Invert UnaryOperator = iota
	Not
	UAdd
	USub
)

var unaryNames = [...]string{"~", "not", "+", "-"}

// String returns the operator as written.
func (o UnaryOperator) String() string { return unaryNames[o] }

// CmpOperator is a comparison operator.
type CmpOperator uint8

// Comparison operators.
const (
	Eq CmpOperator = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

var cmpNames = [...]string{"==", "!=", "<", "<=", ">", ">=", "is", "is not", "in", "not in"}

// String returns the operator as written.
func (o CmpOperator) String() string { return cmpNames[o] }

// ConstKind is the type of a Constant.
type ConstKind uint8

// Constant kinds.
const (
	ConstStr ConstKind = iota
	ConstBytes
	ConstInt
	ConstFloat
	ConstComplex
	ConstNone
	ConstTrue
	ConstFalse
	ConstEllipsis
)

var constKindNames = [...]string{"str", "bytes", "int", "float", "complex", "None", "True", "False", "Ellipsis"}

// String returns the Python name of the kind.
func (k ConstKind) String() string { return constKindNames[k] }

// ---------------------------------------------------------------------

func (*FunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()    {}
func (*Return) stmtNode()      {}
func (*Delete) stmtNode()      {}
func (*Assign) stmtNode()      {}
func (*AugAssign) stmtNode()   {}
func (*AnnAssign) stmtNode()   {}
func (*TypeAlias) stmtNode()   {}
func (*For) stmtNode()         {}
func (*While) stmtNode()       {}
func (*If) stmtNode()          {}
func (*With) stmtNode()        {}
func (*Match) stmtNode()       {}
func (*Raise) stmtNode()       {}
func (*Try) stmtNode()         {}
func (*Assert) stmtNode()      {}
func (*Import) stmtNode()      {}
func (*ImportFrom) stmtNode()  {}
func (*Global) stmtNode()      {}
func (*Nonlocal) stmtNode()    {}
func (*ExprStmt) stmtNode()    {}
func (*Pass) stmtNode()        {}
func (*Break) stmtNode()       {}
func (*Continue) stmtNode()    {}

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*JoinedStr) exprNode()      {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}
