// The application-code input (InputCode, TargetCode): the Python modules
// and other text files a container ships. Its checks are PythonCheck
// (nodes of a parsed module), SourceTextCheck (a text file read whole) and
// AppCheck (the application as a whole); they report through a CodePass.
// The engine runs the same checks on the source files of an image's
// layers, whose findings are TargetImageLayer findings with a line.

package rules

import (
	"fmt"

	"github.com/dockstride/dockstride/internal/python"
	"github.com/dockstride/dockstride/internal/secret"
)

// PythonNode is a kind of Python syntax node a PythonCheck is called with.
type PythonNode int

// Python node kinds.
const (
	// PyCall is a *python.Call.
	PyCall PythonNode = iota + 1
	// PyImport is a *python.Import or a *python.ImportFrom.
	PyImport
	// PyAssign is a *python.Assign or a *python.AnnAssign.
	PyAssign
	// PyFunction is a *python.FunctionDef.
	PyFunction
	// PyString is a str *python.Constant, the parts of f-strings included.
	PyString
	// PyCompare is a *python.Compare.
	PyCompare
	// PyDict is a *python.Dict.
	PyDict
	// PyBinOp is a *python.BinOp.
	PyBinOp
	// PyJoinedStr is a *python.JoinedStr (an f-string).
	PyJoinedStr
	// NumPythonNodes sizes tables indexed by PythonNode.
	NumPythonNodes
)

// KindOf returns the kind of n, or 0 for a node no check can ask for.
func KindOf(n python.Node) PythonNode {
	switch n := n.(type) {
	case *python.Call:
		return PyCall
	case *python.Import, *python.ImportFrom:
		return PyImport
	case *python.Assign, *python.AnnAssign:
		return PyAssign
	case *python.FunctionDef:
		return PyFunction
	case *python.Constant:
		if n.Kind == python.ConstStr {
			return PyString
		}
	case *python.Compare:
		return PyCompare
	case *python.Dict:
		return PyDict
	case *python.BinOp:
		return PyBinOp
	case *python.JoinedStr:
		return PyJoinedStr
	}
	return 0
}

// codeTargets are what the code checks read: source files given to lint,
// and the same files in an image's layers.
var codeTargets = []Target{TargetCode, TargetImageLayer}

// PythonCheck inspects each node of the listed kinds of every Python
// module the run checks. The engine walks each module once for all rules.
type PythonCheck struct {
	Nodes []PythonNode
	Check func(p *CodePass, n python.Node)
	// KeepRemoved keeps, in an image, the findings about a file that a
	// later layer removed or replaced: a credential in it still ships.
	// Otherwise they are dropped, since that code no longer runs.
	KeepRemoved bool
}

// Targets implements Check.
func (PythonCheck) Targets() []Target { return codeTargets }

// SourceTextCheck reads each source file whose name Want accepts, Python
// or not, as text (credentials in configuration and JavaScript files).
type SourceTextCheck struct {
	Want  func(name string) bool
	Check func(p *CodePass, text []byte)
	// KeepRemoved is PythonCheck.KeepRemoved.
	KeepRemoved bool
}

// Targets implements Check.
func (SourceTextCheck) Targets() []Target { return codeTargets }

// AppCheck inspects an application as a whole: the Python modules one
// Dockerfile ships, those below a directory without a Dockerfile, or those
// in one image. Scan reads each module and returns what Check needs of it,
// which must be small (anchors, flags): the module's tree is gone when
// Check runs, once, with every module's value in file order. A zero value
// says the module holds nothing for Check, which then gets nil for it (the
// engine keeps no more of such a module than its findings).
type AppCheck struct {
	Scan  func(p *CodePass, m *python.Module) any
	Check func(p *AppPass, kept []any)
}

// Targets implements Check.
func (AppCheck) Targets() []Target { return codeTargets }

// CodePass is what a code check receives: one file, the settings and the
// means to report. A CodePass belongs to one rule and one file.
type CodePass struct {
	Rule *Rule
	// Module is the parsed file; nil when a SourceTextCheck reads a file
	// that is not Python.
	Module   *python.Module
	Settings *Settings
	// Where locates the file: TargetCode and File for a file given to
	// lint, TargetImageLayer and the image, layer and path for a file in
	// an image. Lines are set per finding. Set by the engine.
	Where Location
	// Parents are the ancestors of the node a PythonCheck is called with,
	// outermost first (the statement holding it is among them). Set by the
	// engine during its walk; only valid during the call.
	Parents []python.Node
	// Report receives each finding; set by the engine.
	Report func(Finding)
	// File is the engine's index of the file in its application, which
	// anchors carry; set by the engine.
	File int
}

// Parent returns the node holding the node being checked, or nil for a
// top-level statement.
func (p *CodePass) Parent() python.Node {
	if len(p.Parents) == 0 {
		return nil
	}
	return p.Parents[len(p.Parents)-1]
}

// EnclosingFunction returns the innermost def holding the node being
// checked, or nil at module or class level.
func (p *CodePass) EnclosingFunction() *python.FunctionDef {
	for i := len(p.Parents) - 1; i >= 0; i-- {
		if f, ok := p.Parents[i].(*python.FunctionDef); ok {
			return f
		}
	}
	return nil
}

// QualifiedName resolves a name or attribute chain through the module's
// imports (python.Module.QualifiedName): "subprocess.Popen" for sp.Popen
// after "import subprocess as sp".
func (p *CodePass) QualifiedName(e python.Expr) string {
	if p.Module == nil {
		return ""
	}
	return p.Module.QualifiedName(e)
}

// Finding makes a finding of the pass's rule at node n (its lines and
// column), with the rule's severity; the caller may change its severity
// or aliases before reporting it.
func (p *CodePass) Finding(n python.Node, format string, args ...any) Finding {
	sp := n.Extent()
	loc := p.Where
	loc.Line, loc.EndLine, loc.Column = sp.Line, max(sp.EndLine, sp.Line), sp.Col
	return Finding{Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...), Location: loc}
}

// Reportf reports a finding at node n.
func (p *CodePass) Reportf(n python.Node, format string, args ...any) {
	p.Report(p.Finding(n, format, args...))
}

// ReportAliasedf reports a finding at n of a rule with AliasesPerFinding
// that stands for the given peer IDs (bandit's B105 and its test name).
func (p *CodePass) ReportAliasedf(n python.Node, aliases []string, format string, args ...any) {
	fd := p.Finding(n, format, args...)
	fd.Aliases = aliases
	p.Report(fd)
}

// ReportLinef reports a finding on one line of a text file.
func (p *CodePass) ReportLinef(line int, format string, args ...any) {
	loc := p.Where
	loc.Line, loc.EndLine, loc.Column = line, line, 1
	p.Report(Finding{Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...), Location: loc})
}

// Secrets is the secret-detection policy (nil is the built-in detection).
func (p *CodePass) Secrets() *secret.Policy {
	if p.Settings == nil {
		return nil
	}
	return p.Settings.Secrets
}

// Anchor records where node n is, for an AppCheck to report there once
// the module's tree is gone.
func (p *CodePass) Anchor(n python.Node) Anchor {
	fd := p.Finding(n, "")
	return Anchor{File: p.File, Location: fd.Location}
}

// Anchor is a place in one file of an application that an AppCheck may
// report at.
type Anchor struct {
	// File is the file's index in the application (CodePass.File).
	File int
	Location
}

// AppPass is what an AppCheck's Check receives: the rule, the settings
// and the means to report at anchors.
type AppPass struct {
	Rule     *Rule
	Settings *Settings
	// Report receives each finding with the anchor's file; set by the
	// engine.
	Report func(file int, fd Finding)
}

// ReportAtf reports a finding at an anchor.
func (p *AppPass) ReportAtf(at Anchor, format string, args ...any) {
	p.Report(at.File, Finding{Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...), Location: at.Location})
}

// Code makes application-code examples: complete Python modules, linted
// as app.py.
func Code(texts ...string) []Example {
	out := make([]Example, len(texts))
	for i, t := range texts {
		out[i] = Example{Input: InputCode, Text: t}
	}
	return out
}
