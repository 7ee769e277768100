// Which modules a Python statement or call imports, as bandit's import
// blacklists read them: the names an import statement brings in, and the
// module named to __import__ or importlib.import_module.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
)

// importedNames lists the dotted names an import statement brings in:
// "a.b" for import a.b, "m.x" for from m import x, and "x" for a relative
// from . import x (the dots dropped, as bandit drops them).
func importedNames(n python.Node) []string {
	var out []string
	switch s := n.(type) {
	case *python.Import:
		for _, a := range s.Names {
			out = append(out, a.Name)
		}
	case *python.ImportFrom:
		prefix := ""
		if s.Module != "" {
			prefix = s.Module + "."
		}
		for _, a := range s.Names {
			out = append(out, prefix+a.Name)
		}
	}
	return out
}

// importsModule reports whether a statement imports one of the modules
// (or something inside one of them), and which.
func importsModule(n python.Node, modules ...string) (string, bool) {
	for _, name := range importedNames(n) {
		for _, m := range modules {
			if name == m || strings.HasPrefix(name, m+".") {
				return m, true
			}
		}
	}
	return "", false
}

// importedByCall returns the module a call imports by name:
// __import__("m"), importlib.import_module("m") or its name= keyword.
// ok is false for other calls; the module is "" when not a literal.
func importedByCall(p *CodePass, c *python.Call) (string, bool) {
	switch callName(p, c) {
	case "__import__", "importlib.import_module", "importlib.__import__":
	default:
		return "", false
	}
	mod, _ := python.StringValue(arg(c, 0, "name"))
	return mod, true
}
