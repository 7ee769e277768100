package lint

import (
	"fmt"
	"path"
	"reflect"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
)

// The application-code half of the engine: each source file is parsed
// (Python) or read as text, walked once for every rule's PythonCheck and
// SourceTextCheck, and its findings wait, with the file's pragmas, until
// the AppChecks of its application have run; then the file's
// suppressions apply. Which files are checked is code_discover.go's.

// CodeMode says which application code a run checks (--code, `code:`).
type CodeMode int

// Code modes.
const (
	// CodeShipped checks the source files a Dockerfile's COPY and ADD
	// bring from the build context into the stage that ships, and every
	// source file below a directory that holds no Dockerfile.
	CodeShipped CodeMode = iota
	// CodeNone checks no application code.
	CodeNone
	// CodeAll checks every source file below each build context and
	// directory, shipped or not.
	CodeAll
)

var codeModeNames = [...]string{CodeShipped: "shipped", CodeNone: "none", CodeAll: "all"}

// String returns the mode's name, as ParseCodeMode reads it.
func (m CodeMode) String() string {
	if m >= 0 && int(m) < len(codeModeNames) {
		return codeModeNames[m]
	}
	return fmt.Sprintf("CodeMode(%d)", int(m))
}

// ParseCodeMode reads "shipped", "none" or "all".
func ParseCodeMode(s string) (CodeMode, error) {
	for i, n := range codeModeNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return CodeMode(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not none, shipped or all", s)
}

// textExts are the text files besides Python whose credentials the code
// checks look for.
var textExts = []string{".js", ".mjs", ".cjs", ".ts", ".json", ".yaml", ".yml", ".ini", ".cfg", ".toml", ".env", ".properties", ".conf"}

// IsPythonFile reports whether a file name is a Python module.
func IsPythonFile(name string) bool { return strings.HasSuffix(strings.ToLower(name), ".py") }

// IsCodeFile reports whether a file name is application source the code
// checks read: a Python module, or a configuration or JavaScript file
// (.env and .env.* included).
func IsCodeFile(name string) bool {
	base := strings.ToLower(path.Base(strings.ReplaceAll(name, `\`, "/")))
	if IsPythonFile(base) || base == ".env" || strings.HasPrefix(base, ".env.") {
		return true
	}
	// Dockerfile.env is a Dockerfile, which the Dockerfile rules read.
	return slices.Contains(textExts, path.Ext(base)) && !IsDockerfileName(base)
}

// codeChecks are the dispatch tables of the code checks.
type codeChecks struct {
	byNode [rules.NumPythonNodes][]ruleCheck[rules.PythonCheck]
	text   []ruleCheck[rules.SourceTextCheck]
	app    []ruleCheck[rules.AppCheck]
	// keepRemoved marks rules whose findings stay when a later image layer
	// removes the file.
	keepRemoved map[*rules.Rule]bool
}

// add files a code check; false means c is not one.
func (cc *codeChecks) add(r *rules.Rule, c rules.Check) bool {
	keep := false
	switch c := c.(type) {
	case rules.PythonCheck:
		for _, k := range c.Nodes {
			cc.byNode[k] = append(cc.byNode[k], ruleCheck[rules.PythonCheck]{r, c})
		}
		keep = c.KeepRemoved
	case rules.SourceTextCheck:
		cc.text = append(cc.text, ruleCheck[rules.SourceTextCheck]{r, c})
		keep = c.KeepRemoved
	case rules.AppCheck:
		cc.app = append(cc.app, ruleCheck[rules.AppCheck]{r, c})
	default:
		return false
	}
	if keep {
		if cc.keepRemoved == nil {
			cc.keepRemoved = map[*rules.Rule]bool{}
		}
		cc.keepRemoved[r] = true
	}
	return true
}

// any reports whether some code check runs.
func (cc *codeChecks) any() bool {
	if len(cc.text) > 0 || len(cc.app) > 0 {
		return true
	}
	for _, l := range cc.byNode {
		if len(l) > 0 {
			return true
		}
	}
	return false
}

// lineSpan is an inclusive range of lines.
type lineSpan struct{ first, last int }

// codeFile is one checked source file whose findings wait for its
// application's checks before its suppressions apply.
type codeFile struct {
	Result
	engine *Engine
	where  rules.Location
	// pending are the findings so far, each with the statement it is in.
	pending []pendingFinding
	sup     *suppressions
	// stmts maps each line to the statement holding it (Python files).
	stmts []lineSpan
	// lines are the file's lines, for fingerprints of app findings.
	lines []string
	// kept is what each AppCheck's Scan returned for this file.
	kept map[*rules.Rule]any
}

type pendingFinding struct {
	fd   rules.Finding
	stmt lineSpan
}

// checkCode parses and checks one source file, name, at where (its File,
// or the image, layer and path), as file index in its application. The
// findings wait in the result for finishCode.
func (e *Engine) checkCode(where rules.Location, name string, src []byte, index int) *codeFile {
	cf := &codeFile{Result: Result{File: name}, engine: e, where: where}
	var m *python.Module
	if IsPythonFile(name) {
		var err error
		if m, err = python.Parse(name, src); err != nil {
			line, msg := 0, err.Error()
			if pe, ok := err.(*python.Error); ok {
				line, msg = pe.Line, pe.Msg
			}
			cf.Problems = append(cf.Problems, Problem{File: name, Line: line, Message: "Python source does not parse: " + msg})
			return cf
		}
	}
	cf.lines = strings.Split(strings.ReplaceAll(string(src), "\r\n", "\n"), "\n")
	cf.stmts = statementLines(m, len(cf.lines))
	report := func(fd rules.Finding) {
		if !e.adjust(fd.Rule, &fd) {
			return
		}
		// A safety net, as for Dockerfiles: no rule means to quote a
		// credential, but a message built from source text might.
		fd.Message = secret.Redact(fd.Message)
		stmt := cf.stmtOf(fd.Line)
		fd.SourceHash = SourceHash(cf.text(stmt))
		cf.pending = append(cf.pending, pendingFinding{fd, stmt})
	}
	passes := make([]rules.CodePass, len(e.all))
	pass := func(r *rules.Rule) *rules.CodePass {
		p := &passes[e.pos[r]]
		if p.Rule == nil {
			*p = rules.CodePass{Rule: r, Module: m, Settings: &e.settings, Where: where, Report: report, File: index}
		}
		return p
	}
	if m != nil {
		e.walkPython(m, pass, &cf.Result)
		for _, rc := range e.code.app {
			e.guard(rc.rule, name, 1, &cf.Result, func() {
				v := rc.check.Scan(pass(rc.rule), m)
				if cf.kept == nil {
					cf.kept = map[*rules.Rule]any{}
				}
				cf.kept[rc.rule] = v
			})
		}
	}
	for _, rc := range e.code.text {
		if rc.check.Want != nil && rc.check.Want(path.Base(name)) {
			e.guard(rc.rule, name, 1, &cf.Result, func() { rc.check.Check(pass(rc.rule), src) })
		}
	}
	if m != nil && !e.noInline {
		cf.sup = parseCodeSuppressions(m, cf.stmts, e.now())
	}
	cf.compact()
	return cf
}

// compact lets go of what the file's findings will not need once the run
// has checked every file: a run holds all its files until their
// application's checks are done, and the text and line tables of a whole
// tree (13 MiB of source and two tables for the 400,000 lines of the
// standard library) were most of the peak memory of `lint --code all`.
// The lines and statement table stay for a file that an AppCheck may
// report in (what its Scan kept is not the zero value) or that holds
// pragmas (an unused one is reported with its line's hash).
func (cf *codeFile) compact() {
	if cf.sup != nil && len(cf.sup.all) == 0 {
		cf.sup = nil
	}
	for r, v := range cf.kept {
		if v == nil || reflect.ValueOf(v).IsZero() {
			delete(cf.kept, r)
		}
	}
	if len(cf.kept) == 0 && cf.sup == nil {
		cf.lines, cf.stmts = nil, nil
	}
}

// walkPython runs the PythonChecks over every node of m, in source order.
func (e *Engine) walkPython(m *python.Module, pass func(*rules.Rule) *rules.CodePass, res *Result) {
	var stack []python.Node
	python.Inspect(m, func(n python.Node) bool {
		if n == nil {
			stack = stack[:len(stack)-1]
			return false
		}
		if k := rules.KindOf(n); k != 0 {
			for _, rc := range e.code.byNode[k] {
				p := pass(rc.rule)
				p.Parents = stack
				e.guard(rc.rule, res.File, n.Extent().Line, res, func() { rc.check.Check(p, n) })
			}
		}
		stack = append(stack, n)
		return true
	})
}

// stmtOf is the statement holding line (the line alone outside any).
func (cf *codeFile) stmtOf(line int) lineSpan {
	if line >= 1 && line < len(cf.stmts) && cf.stmts[line].first != 0 {
		return cf.stmts[line]
	}
	return lineSpan{line, line}
}

// text is the source of the lines of s.
func (cf *codeFile) text(s lineSpan) string {
	if s.first < 1 || s.first > len(cf.lines) {
		return ""
	}
	return strings.Join(cf.lines[s.first-1:min(s.last, len(cf.lines))], "\n")
}

// statementLines maps each line (1-based index) of a module to the
// statement a pragma there speaks for: the simple statement holding it,
// or the header of the compound statement or clause (a decorator's lines
// belong to its def). Lines outside every statement map to {0, 0}.
func statementLines(m *python.Module, nlines int) []lineSpan {
	table := make([]lineSpan, nlines+2)
	if m == nil {
		return table
	}
	set := func(first, last int) {
		first, last = max(first, 1), min(last, nlines+1)
		for l := first; l <= last; l++ {
			table[l] = lineSpan{first, last}
		}
	}
	var visit func(body []python.Stmt)
	visit = func(body []python.Stmt) {
		for _, s := range body {
			sp := s.Extent()
			switch s := s.(type) {
			case *python.FunctionDef:
				first := sp.Line
				if len(s.Decorators) > 0 {
					first = min(first, s.Decorators[0].Extent().Line)
				}
				set(first, s.HeaderEnd)
				visit(s.Body)
			case *python.ClassDef:
				first := sp.Line
				if len(s.Decorators) > 0 {
					first = min(first, s.Decorators[0].Extent().Line)
				}
				set(first, s.HeaderEnd)
				visit(s.Body)
			case *python.If:
				set(sp.Line, s.HeaderEnd)
				visit(s.Body)
				visit(s.Else)
			case *python.For:
				set(sp.Line, s.HeaderEnd)
				visit(s.Body)
				visit(s.Else)
			case *python.While:
				set(sp.Line, s.HeaderEnd)
				visit(s.Body)
				visit(s.Else)
			case *python.With:
				set(sp.Line, s.HeaderEnd)
				visit(s.Body)
			case *python.Match:
				set(sp.Line, s.HeaderEnd)
				for _, c := range s.Cases {
					set(c.Line, c.HeaderEnd)
					visit(c.Body)
				}
			case *python.Try:
				set(sp.Line, sp.Line)
				visit(s.Body)
				for _, h := range s.Handlers {
					set(h.Line, h.HeaderEnd)
					visit(h.Body)
				}
				visit(s.Else)
				visit(s.Finally)
			default:
				set(sp.Line, sp.EndLine)
			}
		}
	}
	visit(m.Body)
	return table
}

// finishCode applies the file's suppressions to its findings (those of
// its own checks and of its application's), reports its unused
// dockstride pragmas and sorts what remains. unused says whether unused
// pragmas are reported (not for code in an image, which the image's user
// may not own).
func (cf *codeFile) finish(unused bool) Result {
	e := cf.engine
	res := cf.Result
	overrides := e.fileOverrides(cf.File)
	for _, pf := range cf.pending {
		fd := pf.fd
		if !overrides.apply(&fd) {
			continue
		}
		if cf.sup != nil {
			if by, ok := cf.sup.apply(&fd); ok {
				res.Suppressed = append(res.Suppressed, Suppressed{Finding: fd, By: *by})
				continue
			}
		}
		res.Findings = append(res.Findings, fd)
	}
	ran := func(r *rules.Rule) bool { return e.enabled[r] && !overrides.ignoresRule(r) }
	if unused && cf.sup != nil && ran(rules.UnusedSuppression) {
		cf.engine.reportUnused(cf.sup, ran, &res, func(line int) (rules.Location, string) {
			loc := cf.where
			loc.Line, loc.EndLine, loc.Column = line, line, 1
			return loc, SourceHash(cf.text(lineSpan{line, line}))
		})
	}
	Sort(res.Findings)
	return res
}

// runAppChecks runs e's AppChecks on the application whose files are
// members (indexes into files, which anchors use too), with what each
// file's Scan kept, and files their findings with the files they point at
// (once, when two applications share a file).
func runAppChecks(e *Engine, members []int, files []*codeFile) {
	for _, rc := range e.code.app {
		kept := make([]any, len(members))
		for i, m := range members {
			kept[i] = files[m].kept[rc.rule]
		}
		p := &rules.AppPass{Rule: rc.rule, Settings: &e.settings}
		p.Report = func(i int, fd rules.Finding) {
			if i < 0 || i >= len(files) {
				return
			}
			cf := files[i]
			if !cf.engine.enabled[fd.Rule] || !cf.engine.adjust(fd.Rule, &fd) {
				return
			}
			stmt := cf.stmtOf(fd.Line)
			fd.SourceHash = SourceHash(cf.text(stmt))
			for _, pf := range cf.pending {
				if pf.fd.Rule == fd.Rule && pf.fd.Line == fd.Line && pf.fd.Message == fd.Message {
					return
				}
			}
			cf.pending = append(cf.pending, pendingFinding{fd, stmt})
		}
		if len(members) == 0 {
			continue
		}
		first := files[members[0]]
		e.guard(rc.rule, first.File, 0, &first.Result, func() { rc.check.Check(p, kept) })
	}
}

// LintCode checks one source file (Python, or a configuration or script
// file by its name) as an application of its own, as Run checks the code a
// Dockerfile ships: for tests, fuzzing and library users.
func (e *Engine) LintCode(path string, src []byte) Result {
	where := rules.Location{Target: rules.TargetCode, File: path}
	files := []*codeFile{e.checkCode(where, path, src, 0)}
	runAppChecks(e, []int{0}, files)
	return files[0].finish(true)
}
