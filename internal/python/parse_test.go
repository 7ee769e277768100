package python

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

func mustParse(t *testing.T, src string) *Module {
	t.Helper()
	m, err := Parse("t.py", []byte(src))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return m
}

// find returns the nodes of type T in source order.
func find[T Node](n Node) []T {
	var out []T
	Inspect(n, func(c Node) bool {
		if x, ok := c.(T); ok {
			out = append(out, x)
		}
		return true
	})
	return out
}

// snippets are small programs with the verdict CPython 3.13 gives them
// (TestSnippetsAgreeWithCPython checks the table against a CPython at
// hand) and, for the invalid ones, the line of the error.
var snippets = []struct {
	src  string
	ok   bool
	line int
}{
	{"x = 1\n", true, 0},
	{"x = 1", true, 0},
	{"", true, 0},
	{"# only a comment", true, 0},
	{"\n\n\n", true, 0},
	{"if x:\n\tpass\n", true, 0},
	{"if x:\n        a\n\tb\n", false, 3},
	{"if x:\n\ta\n\tb\n", true, 0},
	{"x = (1,\n# comment\n 2)\n", true, 0},
	{"x = [\n]\n", true, 0},
	{"x = 1 \\\n  + 2\n", true, 0},
	{"f(**a, *b)\n", false, 1},
	{"f(a=1, b)\n", false, 1},
	{"f(x for x in y, 1)\n", false, 1},
	{"f(x for x in y,)\n", false, 1},
	{"print 'hello'\n", false, 1},
	{"exec 'code'\n", false, 1},
	{"x = 0777\n", false, 1},
	{"x = 1__0\n", false, 1},
	{"x = 1_\n", false, 1},
	{"x = 0x\n", false, 1},
	{"x = `y`\n", false, 1},
	{"x = 1 <> 2\n", false, 1},
	{"def f(a=1, b): pass\n", false, 1},
	{"def f(*): pass\n", false, 1},
	{"def f(**k, a): pass\n", false, 1},
	{"def f(a, /, b, /): pass\n", false, 1},
	{"f() = 1\n", false, 1},
	{"1 = x\n", false, 1},
	{"del f()\n", false, 1},
	{"(a, b) += 1\n", false, 1},
	{"x := 1\n", false, 1},
	{"if x:\npass\n", false, 2},
	{"  x = 1\n", false, 1},
	{"if x:\n    a\n  b\n", false, 3},
	{"if x:\n    a\n  \tb\n", false, 3},
	{"x = (1,\n", false, 1},
	{"x = )\n", false, 1},
	{"x = (]\n", false, 1},
	{"x = 'abc\n", false, 1},
	{"x = '''abc\n\n", false, 1},
	{"x = f'{'\n", false, 1},
	{"x = f'}'\n", false, 1},
	{"x = f'{x!z}'\n", false, 1},
	{"x = f'{}'\n", false, 1},
	{"x = b'\xc3\xa9'\n", false, 1},
	{"x = 'a' b'b'\n", false, 1},
	{"x = 1 if y\n", false, 1},
	{"try:\n    pass\n", false, 2},
	{"try:\n    pass\nexcept* E:\n    pass\nexcept E:\n    pass\n", false, 5},
	{"try:\n    pass\nexcept A, B:\n    pass\n", false, 3},
	{"x = 1\n\\", false, 2},
	{"x = $\n", false, 1},
	{"class C(x for x in y): pass\n", false, 1},
	{"match x:\n    case 1:\n        pass\n", true, 0},
	{"match x:\n    pass\n", false, 2},
	{"match x:\n    case f'{y}':\n        pass\n", true, 0}, // the compiler rejects it, not the parser
	{"match x:\n    case a.b():\n        pass\n    case {**r}:\n        pass\n", true, 0},
	{"match x:\n    case 1 + 1:\n        pass\n", false, 2},
	{"type X = int\n", true, 0},
	{"type X[T] = list[T]\n", true, 0},
	{"def f[](): pass\n", false, 1},
	{"with (a as b, c as d,):\n    pass\n", true, 0},
	{"with (a, b) as c:\n    pass\n", true, 0},
	{"with (a).b as c:\n    pass\n", true, 0},
	{"@x\n@y.z(1)\nclass C: pass\n", true, 0},
	{"@x\nx = 1\n", false, 2},
	{"lambda: (yield)\n", true, 0},
	{"x = yield = 1\n", false, 1},
	{"async def f():\n    async with a as b: pass\n", true, 0},
	{"x = *a\n", true, 0}, // the compiler rejects these, not the parser
	{"*a = 1\n", true, 0},
	{"*a, = 1\n", true, 0},
	{"a[*b] = 1\n", true, 0},
	{"print(f'{x:{y:{z}}}')\n", true, 0},
	{"f'{x=}' f'{y!r:>{w}}'\n", true, 0},
	{"from . import (a, b,)\n", true, 0},
	{"from . import a,\n", false, 1},
	{"from .... import x\n", true, 0},
	{"import a.b as c, d\n", true, 0},
	{"global a, b\n", true, 0},
	{"x = 1; y = 2;\n", true, 0},
	{"x = 1;; y = 2\n", false, 1},
	{"x = \"\\N{EM DASH}\"\n", true, 0},
	{"x\x00 = 1\n", false, 1},
	{"\ufeffx = 1\n", true, 0},
	{"# -*- coding: latin-1 -*-\nx = '\xe9'\n", true, 0},
	{"# coding: bogus-codec\nx = 1\n", false, 1},
	{"x = 1\r\ny = 2\r\n", true, 0},
	{"if x:\r    y\r", true, 0},
	{"(*a)\n", false, 1},
	{"print(*a for a in b)\n", false, 1},
	{"f(**a for a in b)\n", false, 1},
	{"x = (yield) = 1\n", false, 1},
	{"del *a\n", false, 1},
	{"del (*a,)\n", false, 1},
	{"for *a in b: pass\n", true, 0},
	{"a, *b, *c = d\n", true, 0},
	{"[*a] = b\n", true, 0},
	{"f(a for a in b, c=1)\n", false, 1},
	{"class C(a=1, b): pass\n", false, 1},
	{"*a, *b = c\n", true, 0},
	{"x: int = *a, b\n", true, 0},
	{"x += *a, b\n", true, 0},
	{"import a as b.c\n", false, 1},
	{"def f(a, *, b): pass\n", true, 0},
	{"def f(a, *, **b): pass\n", false, 1},
	{"nonlocal x\n", true, 0},
	{"return\n", true, 0},
	{"await x\n", true, 0},
	{"yield x\n", true, 0},
	{"break\n", true, 0},
	{"x = {**a for b in c}\n", false, 1},
	{"{*a: 1}\n", false, 1},
	{"f(a=1, a=2)\n", true, 0},
	{"def f(a, a): pass\n", true, 0},
	{"True = 1\n", false, 1},
	{"f(True=1)\n", false, 1},
	{"None.x = 1\n", true, 0},
	{"x.None = 1\n", false, 1},
	{"(a) = 1\n", true, 0},
	{"(a, b) = [c, d] = 1\n", true, 0},
	{"(x := 1) = 2\n", false, 1},
	{"x = (\n  1,\n  2\n", false, 1},
	{"def f():\n    return\n  x\n", false, 3},
	{"x = 'a' \\\n", false, 1},
}

func TestSnippets(t *testing.T) {
	for _, c := range snippets {
		m, err := Parse("t.py", []byte(c.src))
		switch {
		case c.ok && err != nil:
			t.Errorf("Parse(%q): %v", c.src, err)
		case !c.ok && err == nil:
			t.Errorf("Parse(%q) = %d statements, want an error on line %d", c.src, len(m.Body), c.line)
		case !c.ok:
			var e *Error
			if !errors.As(err, &e) || e.Path != "t.py" || e.Line != c.line || e.Col < 1 || e.Msg == "" {
				t.Errorf("Parse(%q) = %#v, want an *Error on t.py line %d", c.src, err, c.line)
			}
		}
	}
}

// TestSnippetsAgreeWithCPython checks the verdicts of the table above
// against CPython 3.13, when there is one.
func TestSnippetsAgreeWithCPython(t *testing.T) {
	python := newestPython()
	if python == "" || !pythonAtLeast313(python) {
		t.Skip("no CPython 3.13")
	}
	script := `import ast, sys, warnings
warnings.simplefilter("ignore")
for arg in sys.argv[1:]:
    src = bytes.fromhex(arg)
    try:
        ast.parse(src)
        print("ok")
    except (SyntaxError, ValueError) as e:
        print("error", getattr(e, "lineno", 0))
`
	args := []string{"-c", script}
	for _, c := range snippets {
		args = append(args, fmt.Sprintf("%x", c.src))
	}
	out, err := exec.Command(python, args...).Output()
	if err != nil {
		t.Fatal(err)
	}
	verdicts := strings.Split(strings.TrimSpace(string(out)), "\n")
	for i, c := range snippets {
		want := "ok"
		if !c.ok {
			want = fmt.Sprintf("error %d", c.line)
			if verdicts[i] == "error None" || verdicts[i] == "error 0" {
				want = verdicts[i] // an error CPython gives no line (NUL, unknown codec)
			}
		}
		if verdicts[i] != want {
			t.Errorf("%q: table says %q, CPython %q", c.src, want, verdicts[i])
		}
	}
}

// TestInternalPanicIsAnError proves that a bug in the parser (here a nil
// dereference after reading two statements) becomes an error naming the
// line it was reading, not a crash.
func TestInternalPanicIsAnError(t *testing.T) {
	src := []byte("a = 1\nb = 2\nc = 3\n")
	_, err := parseWith("bug.py", src, func(p *parser) []Stmt {
		p.statement(nil)
		p.statement(nil)
		var n *Name
		_ = n.ID
		return nil
	})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v, want *Error", err)
	}
	if e.Path != "bug.py" || e.Line != 3 || !strings.Contains(e.Msg, "internal error") {
		t.Errorf("err = %+v, want an internal error at bug.py:3", e)
	}
}

// TestHostileInput: deep nesting and huge inputs end in a result or an
// error, never a crash or a runaway.
func TestHostileInput(t *testing.T) {
	cases := map[string]string{
		"brackets":       "x = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "\n",
		"unary":          "x = " + strings.Repeat("-", 100000) + "1\n",
		"not":            "x = " + strings.Repeat("not ", 100000) + "1\n",
		"power":          "x = 1" + strings.Repeat(" ** 1", 100000) + "\n",
		"lambda":         "x = " + strings.Repeat("lambda: ", 100000) + "1\n",
		"ifexp":          "x = 1" + strings.Repeat(" if 1 else 1", 100000) + "\n",
		"fstrings":       "x = " + strings.Repeat("f'{", 1000) + strings.Repeat("}'", 1000) + "\n",
		"indent":         nestedIfs(1000),
		"unterminated":   "x = '''" + strings.Repeat("a", 1<<20),
		"long line":      "x = [" + strings.Repeat("1, ", 1<<18) + "]\n",
		"many brackets":  strings.Repeat("[", 199) + strings.Repeat("]", 199) + "\n",
		"call chain":     "x" + strings.Repeat("()", 100000) + "\n",
		"attribute":      "x" + strings.Repeat(".a", 100000) + "\n",
		"string concat":  "x = " + strings.Repeat("'a' ", 100000) + "\n",
		"binary":         "x = 1" + strings.Repeat(" + 1", 100000) + "\n",
		"comparisons":    "x = 1" + strings.Repeat(" < 1", 100000) + "\n",
		"null":           "x = 1\x00\n",
		"invalid utf-8":  "x = '\xff\xfe'\n# \xc3\n",
		"lone surrogate": "x = '\\ud800'\n",
		"dotted import":  "import a" + strings.Repeat(".a", 100000) + "\n",
		"named escapes":  "x = '" + strings.Repeat("\\N{", 100000) + "'\n",
		"match lines":    strings.Repeat("match ("+strings.Repeat("a, ", 100)+")\n", 1000),
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			m, err := Parse("h.py", []byte(src))
			if err == nil && m == nil {
				t.Fatal("no module and no error")
			}
			var e *Error
			if err != nil && (!errors.As(err, &e) || e.Line < 1) {
				t.Fatalf("err = %#v, want *Error with a line", err)
			}
			if err == nil {
				checkTree(t, m)
			}
		})
	}
	// The limits that stop the deep cases are errors, as in CPython.
	for _, name := range []string{"brackets", "unary", "lambda", "indent"} {
		if _, err := Parse("h.py", []byte(cases[name])); err == nil {
			t.Errorf("%s: parsed; want the nesting limit's error", name)
		}
	}
	if _, err := Parse("h.py", make([]byte, MaxSourceBytes+1)); err == nil {
		t.Error("a file over MaxSourceBytes parsed")
	}
}

func nestedIfs(depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", depth) + "pass\n")
	return b.String()
}

// TestLongElifChain: an elif chain nests Ifs, but its length is not a
// nesting limit (generated code has thousands).
func TestLongElifChain(t *testing.T) {
	var b strings.Builder
	b.WriteString("if x == 0:\n    pass\n")
	for i := 1; i < 20000; i++ {
		fmt.Fprintf(&b, "elif x == %d:\n    pass\n", i)
	}
	m := mustParse(t, b.String())
	if n := len(find[*If](m)); n != 20000 {
		t.Errorf("%d If nodes, want 20000", n)
	}
}

func TestModernSyntaxTree(t *testing.T) {
	src, err := os.ReadFile("testdata/syntax/modern.py")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse("modern.py", src)
	if err != nil {
		t.Fatal(err)
	}
	if m.Encoding != "utf-8" {
		t.Errorf("Encoding = %q", m.Encoding)
	}

	fns := map[string]*FunctionDef{}
	for _, f := range find[*FunctionDef](m) {
		fns[f.Name] = f
	}
	params := fns["params"].Args
	if got := argNames(params.PosOnly); got != "a b" {
		t.Errorf("params PosOnly = %q", got)
	}
	if got := argNames(params.Args); got != "c" {
		t.Errorf("params Args = %q", got)
	}
	if params.Vararg == nil || params.Vararg.Name != "args" || params.Kwarg == nil || params.Kwarg.Name != "kwargs" {
		t.Errorf("params varargs = %+v %+v", params.Vararg, params.Kwarg)
	}
	if got := argNames(params.KwOnly); got != "d e" {
		t.Errorf("params KwOnly = %q", got)
	}
	if v, _ := StringValue(params.KwOnly[1].Default); v != "e" || params.KwOnly[0].Default != nil {
		t.Errorf("kw-only defaults = %v, %v", params.KwOnly[0].Default, params.KwOnly[1].Default)
	}
	if v, _ := StringValue(fns["kwonly"].Args.KwOnly[0].Default); v != "secret" {
		t.Errorf("kwonly key default = %q", v)
	}
	if c, ok := params.PosOnly[1].Default.(*Constant); !ok || c.Kind != ConstInt {
		t.Errorf("b default = %#v", params.PosOnly[1].Default)
	}
	if f := fns["first"]; len(f.TypeParams) != 1 || f.TypeParams[0].Name != "T" {
		t.Errorf("first type params = %+v", f.TypeParams)
	}
	if !fns["fetch"].Async {
		t.Error("fetch is not async")
	}
	if d := fns["decorated"]; len(d.Decorators) != 4 || d.Line != 96 {
		t.Errorf("decorated: %d decorators, line %d", len(d.Decorators), d.Line)
	}

	classes := map[string]*ClassDef{}
	for _, c := range find[*ClassDef](m) {
		classes[c.Name] = c
	}
	box := classes["Box"].TypeParams
	if len(box) != 3 || box[0].Kind != TypeVar || box[0].Bound == nil || box[1].Kind != TypeVarTuple || box[2].Kind != ParamSpec {
		t.Errorf("Box type params = %+v", box)
	}
	for _, tp := range classes["Default"].TypeParams {
		if tp.Default == nil {
			t.Errorf("Default's %s has no default", tp.Name)
		}
	}
	if p := classes["Plain"]; len(p.Bases) != 1 || len(p.Keywords) != 2 || p.Keywords[0].Arg != "metaclass" || p.Keywords[1].Arg != "" {
		t.Errorf("Plain bases %d keywords %+v", len(p.Bases), p.Keywords)
	}

	aliases := find[*TypeAlias](m)
	if len(aliases) != 2 || aliases[0].Name.ID != "Alias" || len(aliases[1].TypeParams) != 2 {
		t.Errorf("type aliases = %+v", aliases)
	}
	matches := find[*Match](m)
	if len(matches) != 2 || len(matches[0].Cases) != 15 {
		t.Fatalf("%d match statements", len(matches))
	}
	if _, ok := matches[0].Cases[2].Pattern.(*MatchOr); !ok {
		t.Errorf("case 3 pattern = %T", matches[0].Cases[2].Pattern)
	}
	if g := matches[0].Cases[9].Guard; g == nil {
		t.Error("guarded case has no guard")
	}
	if w, ok := matches[0].Cases[14].Pattern.(*MatchAs); !ok || w.Name != "" || w.Pattern != nil {
		t.Errorf("wildcard = %#v", matches[0].Cases[14].Pattern)
	}
	if _, ok := matches[1].Subject.(*Tuple); !ok {
		t.Errorf("match point, command: subject %T", matches[1].Subject)
	}

	var stars int
	for _, tr := range find[*Try](m) {
		if tr.Star {
			stars++
			if len(tr.Handlers) != 2 || tr.Handlers[0].Name != "eg" {
				t.Errorf("except* handlers = %+v", tr.Handlers)
			}
		}
	}
	if stars != 1 {
		t.Errorf("%d try/except* statements", stars)
	}
	withs := find[*With](m)
	if len(withs[1].Items) != 2 || withs[1].Items[0].OptionalVars == nil || withs[2].Items[0].OptionalVars != nil {
		t.Errorf("parenthesized with items: %+v / %+v", withs[1].Items, withs[2].Items)
	}
	if len(withs[3].Items) != 2 {
		t.Errorf("with (a, b): %d items", len(withs[3].Items))
	}
	if walrus := find[*NamedExpr](m); len(walrus) < 3 || walrus[0].Target.ID != "n" {
		t.Errorf("walrus = %+v", walrus)
	}
}

func argNames(args []*Arg) string {
	var names []string
	for _, a := range args {
		names = append(names, a.Name)
	}
	return strings.Join(names, " ")
}

func TestStrings(t *testing.T) {
	m := mustParse(t, `a = "\x41\101\u00e9\N{BULLET}\t\q" 'b'
b = b"\x00\xff\u1234"
c = r"\n\'" R"\d"
d = f"x{y!r:>{w}}z{{}}" "tail"
e = f"{'\n'.join(l)}"
f = "a" "b" \
    "c"
g = f"{x = }"
h = u"u"
`)
	values := map[string]Expr{}
	for _, as := range find[*Assign](m) {
		values[as.Targets[0].(*Name).ID] = as.Value
	}
	str := func(name string) *Constant {
		c, ok := values[name].(*Constant)
		if !ok {
			t.Fatalf("%s = %T", name, values[name])
		}
		return c
	}
	if c := str("a"); c.Value != "AAé•\t\\qb" || c.Kind != ConstStr || c.Raw != `"\x41\101\u00e9\N{BULLET}\t\q" 'b'` {
		t.Errorf("a = %q (raw %q)", c.Value, c.Raw)
	}
	if c := str("b"); c.Value != "\x00\xff\\u1234" || c.Kind != ConstBytes {
		t.Errorf("b = %q", c.Value)
	}
	if c := str("f"); c.Value != "abc" || c.Line != 6 || c.EndLine != 7 {
		t.Errorf("f = %q lines %d-%d", c.Value, c.Line, c.EndLine)
	}
	if c := str("h"); c.Value != "u" {
		t.Errorf("h = %q", c.Value)
	}
	js, ok := values["d"].(*JoinedStr)
	if !ok || len(js.Values) != 3 {
		t.Fatalf("d = %#v", values["d"])
	}
	if v, _ := StringValue(js.Values[0]); v != "x" {
		t.Errorf("d[0] = %q", v)
	}
	fv := js.Values[1].(*FormattedValue)
	if fv.Conversion != 'r' || fv.FormatSpec == nil || len(fv.FormatSpec.Values) != 2 {
		t.Errorf("d field = %+v", fv)
	}
	if v, _ := StringValue(js.Values[2]); v != "z{}tail" {
		t.Errorf("d[2] = %q", v)
	}
	e := values["e"].(*JoinedStr).Values[0].(*FormattedValue).Value.(*Call)
	if sep, _ := StringValue(e.Func.(*Attribute).Value); sep != "\n" {
		t.Errorf("e separator = %q", sep)
	}
	g := values["g"].(*JoinedStr)
	if v, _ := StringValue(g.Values[0]); v != "x = " || g.Values[1].(*FormattedValue).Conversion != 'r' {
		t.Errorf("g = %+v", g.Values)
	}
	c := values["c"].(*Constant)
	if c.Value != `\n\'\d` {
		t.Errorf("c = %q", c.Value)
	}
}

func TestNumbers(t *testing.T) {
	m := mustParse(t, "x = (0, 1_000, 0x_ff, 0o17, 0b101, 9223372036854775808, 1.5, 1e3, 2j)\n")
	elts := m.Body[0].(*Assign).Value.(*Tuple).Elts
	want := []struct {
		kind ConstKind
		n    int64
		ok   bool
	}{{ConstInt, 0, true}, {ConstInt, 1000, true}, {ConstInt, 255, true}, {ConstInt, 15, true}, {ConstInt, 5, true},
		{ConstInt, 0, false}, {ConstFloat, 0, false}, {ConstFloat, 0, false}, {ConstComplex, 0, false}}
	for i, w := range want {
		c := elts[i].(*Constant)
		n, ok := c.Int()
		if c.Kind != w.kind || n != w.n || ok != w.ok {
			t.Errorf("%s: kind %v Int() = %d, %v", c.Raw, c.Kind, n, ok)
		}
	}
}

// TestIdentifiersAreNFKC: CPython reads identifiers NFKC-normalized, so
// must we (a full-width ｅｖａｌ is eval to the interpreter).
func TestIdentifiersAreNFKC(t *testing.T) {
	m := mustParse(t, "import ｓｕｂｐｒｏｃｅｓｓ\nµ = ｓｕｂｐｒｏｃｅｓｓ.call\n")
	if got := m.Body[0].(*Import).Names[0].Name; got != "subprocess" {
		t.Errorf("import name = %q", got)
	}
	as := m.Body[1].(*Assign)
	if got := as.Targets[0].(*Name).ID; got != "μ" {
		t.Errorf("µ normalizes to %q", got)
	}
	if got := m.QualifiedName(as.Value); got != "subprocess.call" {
		t.Errorf("QualifiedName = %q", got)
	}
}
