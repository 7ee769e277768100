package python

import (
	"strings"
	"testing"
)

func TestQualifiedName(t *testing.T) {
	m := mustParse(t, `import subprocess as sp
from os import system as s, popen
import os.path
import xml.etree.ElementTree as ET
from . import local
from ..pkg import thing as other

def later():
    yaml.load(data)

sp.Popen("x", shell=True)
s("ls")
popen("ls")
os.path.join("a")
ET.parse(f)
eval(code)
ｅｖａｌ(code)
local.run()
other()
sp.Popen("x").communicate()
get()[0].x()
import yaml
import pickle as sp
sp.loads(b)
`)
	want := []string{
		"yaml.load", "subprocess.Popen", "os.system", "os.popen", "os.path.join",
		"xml.etree.ElementTree.parse", "eval", "eval", ".local.run", "..pkg.thing",
		"", "subprocess.Popen", "", "get", "pickle.loads",
	}
	var got []string
	for _, c := range find[*Call](m) {
		got = append(got, m.QualifiedName(c.Func))
	}
	if len(got) != len(want) {
		t.Fatalf("calls = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("call %d: %q, want %q", i, got[i], want[i])
		}
	}
	if name, ok := m.Imported("sp", 1, 1); !ok || name != "subprocess" {
		t.Errorf("Imported(sp) at 1:1 = %q, %v", name, ok)
	}
	if _, ok := m.Imported("json", 30, 1); ok {
		t.Error("json is not imported")
	}
}

func TestPragmaLines(t *testing.T) {
	src := `import subprocess  # nosec B404
subprocess.call(  # nosec B602
    cmd,
    shell=True,  # dockstride ignore=DKS1
)
if subprocess.call(
        cmd, shell=True):  # nosec
    x = eval(code)
@decorator(
    password="secret")
def f(
    a,
):
    return a
try:
    pass
except Exception as e:  # nosec
    pass
`
	m := mustParse(t, src)
	calls := find[*Call](m)
	cases := []struct {
		node        Node
		first, last int
	}{
		{m.Body[0], 1, 1},
		{calls[0], 2, 5},
		{calls[0].Keywords[0], 2, 5},
		{calls[1], 6, 7},
		{calls[2], 8, 8},
		{calls[3], 9, 13},
		{find[*FunctionDef](m)[0], 11, 13},
		{find[*Return](m)[0], 14, 14},
		{find[*ExceptHandler](m)[0].Type, 17, 17},
	}
	for i, c := range cases {
		first, last := m.StmtLines(c.node)
		if first != c.first || last != c.last {
			t.Errorf("case %d (%T): lines %d-%d, want %d-%d", i, c.node, first, last, c.first, c.last)
		}
	}
	var texts []string
	for _, c := range m.CommentsIn(2, 5) {
		texts = append(texts, c.Text)
	}
	if len(texts) != 2 || texts[0] != "# nosec B602" || texts[1] != "# dockstride ignore=DKS1" {
		t.Errorf("CommentsIn(2, 5) = %q", texts)
	}
	if n := len(m.CommentsIn(100, 200)); n != 0 {
		t.Errorf("CommentsIn past the end = %d", n)
	}
}

func TestParentsAndSource(t *testing.T) {
	m := mustParse(t, "class C:\n    def f(self):\n        return g(lambda: h(1))\n\nx = é(\n  'a')\n")
	calls := find[*Call](m)
	inner := calls[1]
	if fn := m.EnclosingFunction(inner); fn == nil || fn.Name != "f" {
		t.Errorf("EnclosingFunction(h(1)) = %v", fn)
	}
	if st, ok := m.EnclosingStmt(inner).(*Return); !ok || st.Line != 3 {
		t.Errorf("EnclosingStmt(h(1)) = %#v", m.EnclosingStmt(inner))
	}
	if _, ok := m.Parent(inner).(*Lambda); !ok {
		t.Errorf("Parent(h(1)) = %T", m.Parent(inner))
	}
	if m.Parent(m.Body[0]) != nil {
		t.Error("a top-level statement has a parent")
	}
	if m.EnclosingFunction(calls[2]) != nil {
		t.Error("module-level call is in a function")
	}
	if got := m.Source(calls[0]); got != "g(lambda: h(1))" {
		t.Errorf("Source = %q", got)
	}
	if got := m.Source(calls[2]); got != "é(\n  'a')" {
		t.Errorf("Source = %q", got)
	}
	if got := m.Line(5); got != "x = é(" {
		t.Errorf("Line(5) = %q", got)
	}
	if kw := (&Call{}).Keyword("shell"); kw != nil {
		t.Error("Keyword on an empty call")
	}
}

// TestInspectOrder: Inspect visits in source order and pairs each node
// with its f(nil).
func TestInspectOrder(t *testing.T) {
	m := mustParse(t, "x = a if b else c\nf(d, *e, k=g, **h)\n")
	var names []string
	depth := 0
	Inspect(m, func(n Node) bool {
		if n == nil {
			depth--
			return false
		}
		depth++
		if nm, ok := n.(*Name); ok {
			names = append(names, nm.ID)
		}
		return true
	})
	if depth != 0 {
		t.Errorf("unbalanced: %d", depth)
	}
	if got := strings.Join(names, " "); got != "x a b c f d e g h" {
		t.Errorf("order = %s", got)
	}
}
