package lint

import (
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/python"
	"github.com/dockstride/dockstride/rules"
)

// Pragmas in Python comments. bandit's "# nosec" (anywhere in a comment:
// "# type: ignore # nosec B602") silences the findings of the statement
// the comment is on, those it names or, when it names no rule dockstride
// knows, all of them, as bandit reads it. dockstride's own
// "# dockstride ignore=ID[,ID] [until=…] [-- reason]" is written on the
// statement (as a trailing comment, on any of its lines) or on the comment
// lines directly above it; "# dockstride global ignore=…" covers the file.
// Unused dockstride pragmas are reported, bandit's never.

// nosecRE finds bandit's pragma and the rule list after it, which runs to
// the next '#'.
var nosecRE = lazyre.New(`#\s*nosec\b:?([^#]*)`)

// nosecWordRE picks the words of a nosec list: bandit's test IDs and names
// (B602, subprocess_popen_with_shell_equals_true) and dockstride's keys.
var nosecWordRE = lazyre.New(`[A-Za-z0-9_-]+`)

// codePragmaRE finds dockstride's pragma inside a comment.
var codePragmaRE = lazyre.New(`#\s*dockstride\s`)

// parseCodeSuppressions reads the pragmas of a module's comments; stmts
// is statementLines' table of the module.
func parseCodeSuppressions(m *python.Module, stmts []lineSpan, now time.Time) *suppressions {
	s := &suppressions{owner: make([]int, len(stmts)), now: now}
	for l, sp := range stmts {
		s.owner[l] = sp.first
	}
	stmtAt := func(l int) lineSpan {
		if l >= 1 && l < len(stmts) {
			return stmts[l]
		}
		return lineSpan{}
	}
	for _, c := range m.Comments {
		stmt := stmtAt(c.Line)
		if loc := nosecRE().FindStringSubmatchIndex(c.Text); loc != nil {
			// bandit reads a nosec only on the lines of a statement.
			if stmt.first != 0 {
				p := &Suppression{Line: c.Line, Scope: ScopeStatement, Tool: ToolBandit, Text: strings.TrimSpace(c.Text[loc[0]:])}
				for _, w := range nosecWordRE().FindAllString(c.Text[loc[2]:loc[3]], -1) {
					if len(rules.Lookup(w)) > 0 {
						p.Keys = append(p.Keys, w)
					}
				}
				p.blanket = len(p.Keys) == 0
				p.from, p.to = stmt.first, stmt.last
				s.all = append(s.all, p)
			}
		}
		loc := codePragmaRE().FindStringIndex(c.Text)
		if loc == nil {
			continue
		}
		p, ok := parsePragma(c.Text[loc[0]:], c.Line)
		if !ok || p.Tool != ToolDockstride {
			continue
		}
		switch p.Scope {
		case ScopeFile:
		case ScopeStage:
			p.setProblem("is a Dockerfile stage pragma; in Python use a global pragma or one on the statement")
		default:
			p.Scope = ScopeStatement
			if stmt.first == 0 && strings.HasPrefix(strings.TrimSpace(m.Line(c.Line)), "#") {
				stmt = stmtBelow(m, stmts, c.Line)
			}
			if stmt.first == 0 {
				p.setProblem("is not on a statement nor directly above one")
			}
			p.from, p.to = stmt.first, stmt.last
		}
		s.all = append(s.all, &p)
	}
	return s
}

// stmtBelow is the statement that starts right after the comment lines
// beginning at line, or the zero span when a blank line or code that
// starts no statement comes first.
func stmtBelow(m *python.Module, stmts []lineSpan, line int) lineSpan {
	next := line + 1
	for next < len(stmts) && strings.HasPrefix(strings.TrimSpace(m.Line(next)), "#") {
		next++
	}
	if next < len(stmts) && stmts[next].first == next {
		return stmts[next]
	}
	return lineSpan{}
}
