// What the Python rules ask of a call and its arguments: names through
// imports, keyword values, literal and built strings, and whether a value
// comes from the request a web service is answering.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
)

// callName is the called function's dotted name through the module's
// imports ("subprocess.Popen"), "" for a call on a call or subscript.
func callName(p *CodePass, c *python.Call) string { return p.QualifiedName(c.Func) }

// lastPart is the last component of a dotted name.
func lastPart(name string) string {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name[i+1:]
	}
	return name
}

// hasPart reports whether one component of a dotted name is part.
func hasPart(name, part string) bool {
	for c := range strings.SplitSeq(name, ".") {
		if c == part {
			return true
		}
	}
	return false
}

// arg returns the call's argument at position pos, or else its keyword
// argument name; nil when it has neither.
func arg(c *python.Call, pos int, name string) python.Expr {
	if pos >= 0 && pos < len(c.Args) {
		if _, star := c.Args[pos].(*python.Starred); !star {
			return c.Args[pos]
		}
		return nil
	}
	if name != "" {
		return c.Keyword(name)
	}
	return nil
}

// keyword returns the keyword argument of the call named name, or nil.
func keyword(c *python.Call, name string) *python.Keyword {
	for _, k := range c.Keywords {
		if k.Arg == name {
			return k
		}
	}
	return nil
}

// pyTruthy says whether a literal argument value is true as bandit judges
// shell=: numbers and containers by their value, None and False false,
// any other expression (a variable, a call) true since it may be.
func pyTruthy(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		switch x.Kind {
		case python.ConstNone, python.ConstFalse:
			return false
		case python.ConstInt, python.ConstFloat:
			n, ok := x.Int()
			return !ok || n != 0
		case python.ConstStr, python.ConstBytes:
			return x.Value != ""
		}
		return true
	case *python.List:
		return len(x.Elts) > 0
	case *python.Tuple:
		return len(x.Elts) > 0
	case *python.Dict:
		return len(x.Keys) > 0
	case *python.Name:
		return x.ID != "False" && x.ID != "None"
	}
	return true
}

// isConst reports whether e is the constant True (kind ConstTrue) and so on.
func isConst(e python.Expr, kind python.ConstKind) bool {
	c, ok := e.(*python.Constant)
	return ok && c.Kind == kind
}

// isLiteralString reports whether e is a string written out in full: a
// str constant, or an f-string without replacement fields.
func isLiteralString(e python.Expr) bool {
	switch x := e.(type) {
	case *python.Constant:
		return x.Kind == python.ConstStr || x.Kind == python.ConstBytes
	case *python.JoinedStr:
		for _, v := range x.Values {
			if _, ok := v.(*python.FormattedValue); ok {
				return false
			}
		}
		return true
	}
	return false
}

// firstWord is the first element of a command given as a list, or the
// command itself.
func firstWord(e python.Expr) python.Expr {
	switch x := e.(type) {
	case *python.List:
		if len(x.Elts) > 0 {
			return x.Elts[0]
		}
		return nil
	case *python.Tuple:
		if len(x.Elts) > 0 {
			return x.Elts[0]
		}
		return nil
	}
	return e
}

// maxTaintDepth bounds how many assignments fromRequest follows back.
const maxTaintDepth = 4

// fromRequest reports whether e carries data from the request a web
// service is answering: Flask's, Django's or Bottle's request object, a
// route function's URL parameter, the command line or standard input, or
// a variable of the enclosing function assigned from one of them.
func fromRequest(p *CodePass, e python.Expr) bool {
	return taintedIn(p, p.EnclosingFunction(), e, maxTaintDepth)
}

func taintedIn(p *CodePass, fn *python.FunctionDef, e python.Expr, depth int) bool {
	if e == nil || depth < 0 {
		return false
	}
	found := false
	python.Inspect(e, func(n python.Node) bool {
		if found || n == nil {
			return false
		}
		switch x := n.(type) {
		case *python.Attribute:
			if isRequestSource(p, x) {
				found = true
				return false
			}
		case *python.Call:
			switch callName(p, x) {
			case "input", "sys.stdin.read", "sys.stdin.readline":
				found = true
				return false
			}
		case *python.Name:
			if x.ID == "request" || isRouteParam(p, fn, x.ID) {
				found = true
				return false
			}
			if fn != nil && assignedFromRequest(p, fn, x, depth-1) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// isRequestSource reports whether an attribute chain reads a web request
// (request.args, flask.request.form, self.request.GET) or the command line
// (sys.argv).
func isRequestSource(p *CodePass, a *python.Attribute) bool {
	name := p.QualifiedName(a)
	if name == "sys.argv" || strings.HasPrefix(name, "sys.argv.") {
		return true
	}
	for x := python.Expr(a); ; {
		at, ok := x.(*python.Attribute)
		if !ok {
			break
		}
		if at.Attr == "request" {
			return true
		}
		x = at.Value
		if n, ok := x.(*python.Name); ok && n.ID == "request" {
			return true
		}
	}
	return strings.HasPrefix(name, "flask.request.") || strings.HasPrefix(name, "bottle.request.")
}

// isRouteParam reports whether name is a parameter of fn that a route
// decorator fills from the URL (Flask's @app.route("/<ip>"), FastAPI's
// @app.get), or a Django view's request.
func isRouteParam(p *CodePass, fn *python.FunctionDef, name string) bool {
	if fn == nil || fn.Args == nil {
		return false
	}
	isParam := false
	for _, a := range fn.Args.All() {
		if a.Name == name {
			isParam = true
		}
	}
	if !isParam {
		return false
	}
	for _, d := range fn.Decorators {
		if c, ok := d.(*python.Call); ok {
			d = c.Func
		}
		switch lastPart(p.QualifiedName(d)) {
		case "route", "get", "post", "put", "patch", "delete", "api_route", "websocket":
			return true
		}
	}
	return false
}

// assignedFromRequest reports whether fn assigns the variable n reads
// from request data before n's line.
func assignedFromRequest(p *CodePass, fn *python.FunctionDef, n *python.Name, depth int) bool {
	if depth < 0 {
		return false
	}
	found := false
	python.Inspect(fn, func(c python.Node) bool {
		if found || c == nil {
			return false
		}
		if c != python.Node(fn) {
			if _, nested := c.(*python.FunctionDef); nested {
				return false
			}
		}
		if c.Extent().Line >= n.Line {
			return false
		}
		var targets []python.Expr
		var value python.Expr
		switch s := c.(type) {
		case *python.Assign:
			targets, value = s.Targets, s.Value
		case *python.AnnAssign:
			targets, value = []python.Expr{s.Target}, s.Value
		case *python.AugAssign:
			targets, value = []python.Expr{s.Target}, s.Value
		case *python.NamedExpr:
			targets, value = []python.Expr{s.Target}, s.Value
		case *python.For:
			targets, value = []python.Expr{s.Target}, s.Iter
		default:
			return true
		}
		for _, t := range targets {
			if bindsName(t, n.ID) && taintedIn(p, fn, value, depth) {
				found = true
				return false
			}
		}
		return true
	})
	return found
}

// bindsName reports whether an assignment target binds name.
func bindsName(t python.Expr, name string) bool {
	switch x := t.(type) {
	case *python.Name:
		return x.ID == name
	case *python.Tuple:
		for _, e := range x.Elts {
			if bindsName(e, name) {
				return true
			}
		}
	case *python.List:
		for _, e := range x.Elts {
			if bindsName(e, name) {
				return true
			}
		}
	case *python.Starred:
		return bindsName(x.Value, name)
	}
	return false
}
