package python

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse feeds arbitrary bytes to Parse. It must return a module or an
// *Error with a line, never panic (Parse would turn a panic into an
// "internal error", which fails here too), and every node of a module
// must have a sane span inside the file.
//
// Seeds: testdata/fuzz/FuzzParse, the snippets of parse_test.go and the
// files of testdata/syntax.
//
//	go test ./internal/python -run '^$' -fuzz '^FuzzParse$' -fuzztime 15m -parallel 1
func FuzzParse(f *testing.F) {
	for _, c := range snippets {
		f.Add([]byte(c.src))
	}
	files, _ := filepath.Glob("testdata/syntax/*.py")
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse("f.py", src)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Line < 1 || e.Col < 1 || e.Path != "f.py" {
				t.Fatalf("error without a position: %#v", err)
			}
			if strings.HasPrefix(e.Msg, "internal error") {
				t.Fatal(err)
			}
			return
		}
		checkTree(t, m)
	})
}

// checkTree checks every span of m and exercises the Module helpers.
// StmtLines and QualifiedName cost the node's depth, so a big tree (a
// hostile input) has them checked on its statements only.
func checkTree(t *testing.T, m *Module) {
	t.Helper()
	lines := len(m.lines())
	nodes := 0
	Inspect(m, func(n Node) bool {
		nodes++
		return true
	})
	Inspect(m, func(n Node) bool {
		if n == nil {
			return false
		}
		sp := n.Extent()
		if _, isArgs := n.(*Arguments); isArgs && sp == (Span{}) {
			return true // a def or lambda without parameters
		}
		if sp.Line < 1 || sp.Col < 1 || sp.EndLine < sp.Line || sp.EndLine == sp.Line && sp.EndCol < sp.Col || sp.EndLine > lines+1 {
			t.Fatalf("%T has span %+v in a %d-line file", n, sp, lines)
		}
		_ = m.Source(n)
		_, isStmt := n.(Stmt)
		if _, ok := n.(*Module); ok || nodes >= 10000 && !isStmt {
			return true
		}
		first, last := m.StmtLines(n)
		if first < 1 || last < first {
			t.Fatalf("StmtLines(%T) = %d, %d", n, first, last)
		}
		if e, ok := n.(Expr); ok {
			_ = m.QualifiedName(e)
		}
		return true
	})
}
