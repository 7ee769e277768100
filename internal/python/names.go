package python

import (
	"sort"
	"strings"
)

// binding is one name an import statement binds: at line/col (where the
// import is), local stands for the dotted name target.
type binding struct {
	line, col int
	target    string
}

// bindImports records what each import statement binds, in source order
// (the parser lists them as it meets them, wherever they are: module
// level, function or class body, try/except).
func (m *Module) bindImports(imports []Stmt) {
	for _, st := range imports {
		switch n := st.(type) {
		case *Import:
			for _, a := range n.Names {
				if a.AsName != "" {
					m.bind(a.AsName, a.Name, n.Span)
				} else {
					first, _, _ := strings.Cut(a.Name, ".")
					m.bind(first, first, n.Span)
				}
			}
		case *ImportFrom:
			prefix := strings.Repeat(".", n.Level) + n.Module
			if n.Module != "" {
				prefix += "."
			}
			for _, a := range n.Names {
				if a.Name == "*" {
					continue
				}
				local := a.AsName
				if local == "" {
					local = a.Name
				}
				m.bind(local, prefix+a.Name, n.Span)
			}
		}
	}
}

func (m *Module) bind(local, target string, at Span) {
	if m.bindings == nil {
		m.bindings = make(map[string][]binding)
	}
	m.bindings[local] = append(m.bindings[local], binding{at.Line, at.Col, target})
}

// Imported returns the dotted name that an import binds to local as seen
// from line and col (1-based): the nearest import of that name above the
// position, or else the first one below it (a function body runs after
// the module's later imports). ok is false when no import binds local.
func (m *Module) Imported(local string, line, col int) (name string, ok bool) {
	bs := m.bindings[local] // in source order
	if len(bs) == 0 {
		return "", false
	}
	after := sort.Search(len(bs), func(i int) bool {
		return bs[i].line > line || bs[i].line == line && bs[i].col > col
	})
	if after == 0 {
		return bs[0].target, true
	}
	return bs[after-1].target, true
}

// QualifiedName resolves a Name or an Attribute chain on a Name through
// the file's imports, as bandit does: after "import subprocess as sp",
// sp.Popen is "subprocess.Popen"; after "from os import system as s", s
// is "os.system"; a name no import binds is itself ("eval"). Any other
// expression (a call, a subscript, ...) in the chain gives "".
// Relative imports keep their dots ("from .db import q" makes q ".db.q").
func (m *Module) QualifiedName(e Expr) string {
	var attrs []string
	for {
		switch x := e.(type) {
		case *Attribute:
			attrs = append(attrs, x.Attr)
			e = x.Value
			continue
		case *Name:
			base := x.ID
			if target, ok := m.Imported(x.ID, x.Line, x.Col); ok {
				base = target
			}
			if len(attrs) == 0 {
				return base
			}
			var b strings.Builder
			b.WriteString(base)
			for i := len(attrs) - 1; i >= 0; i-- {
				b.WriteByte('.')
				b.WriteString(attrs[i])
			}
			return b.String()
		}
		return ""
	}
}
