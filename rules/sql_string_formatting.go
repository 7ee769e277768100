package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SQLStringFormatting: an SQL statement built by string formatting or
// concatenation.
var SQLStringFormatting = &Rule{
	ID:                "DKS9011",
	Name:              "sql-string-formatting",
	Title:             "SQL statement built by string formatting",
	Severity:          Warning,
	Since:             "0.2.0",
	Aliases:           []string{"B608", "hardcoded_sql_expressions"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1190},
		CWE:      []*t.CWE{t.CWE89},
		Controls: []*t.Control{t.Top10_A03, t.ASVS_V5, t.NIST53_SI10},
	},
	Doc: Doc{
		Vulnerability: "SQL built by string formatting",
		Mitigation:    "Pass values as query parameters.",
		Rationale: "A query built with `%`, `+`, `.format()`, `.replace()` or an f-string " +
			"(`f\"SELECT * FROM users WHERE name = '{name}'\"`) sends whatever the value holds to the " +
			"database as SQL: `' OR '1'='1` reads every row, `'; DROP TABLE users; --` changes data " +
			"(bandit's B608). A formatted string counts when it starts with a statement (`SELECT`, `INSERT`, " +
			"`UPDATE`, `DELETE`, `WITH`, after blanks, parentheses and SQL comments): a message that only quotes " +
			"one is not a query. Severity: **error** when the value comes from the request being answered, " +
			"**warning** otherwise (the check cannot see where every value comes from).",
		Impact: "Database read or changed through crafted input",
		Fix:    "Pass values as query parameters and let the driver quote them: `cur.execute(\"SELECT * FROM users WHERE name = %s\", (name,))`, or use an ORM's query builder. Table and column names cannot be parameters: pick them from a fixed list.",
		Bad: Code(
			"from flask import request\n\ndef find(cur):\n    name = request.args[\"name\"]\n    cur.execute(f\"SELECT * FROM users WHERE name = '{name}'\")\n",
		),
		Good: Code(
			"from flask import request\n\ndef find(cur):\n    cur.execute(\"SELECT * FROM users WHERE name = %s\", (request.args[\"name\"],))\n",
		),
		Refs: []string{"https://bandit.readthedocs.io/en/latest/plugins/b608_hardcoded_sql_expressions.html", "https://cwe.mitre.org/data/definitions/89.html"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyBinOp, PyCall, PyJoinedStr}, Check: checkSQLStringFormatting}},
}

// sqlRE recognises the start of an SQL statement, as bandit does.
var sqlRE = lazyre.New(`(?is)(select\s.*from\s|delete\s+from\s|insert\s+into\s.*values[\s(]|update\s.*set\s)`)

// statementWords are the words an SQL statement (or a PL/SQL block, or
// a query plan request) starts with.
var statementWords = []string{
	"select", "insert", "update", "delete", "with", "replace", "merge", "upsert", "explain", "declare", "begin",
}

// startsStatement reports whether text, the literal parts of a formatted
// string, starts with an SQL statement (after blanks, opening
// parentheses and SQL comments), as every query does. A message that
// only quotes one ('Cannot determine PostGIS version for database "%s"
// using command "SELECT postgis_lib_version()". Was the database created
// from a template?', django's PostGIS backend) matches the statement
// pattern somewhere in its middle but sends nothing to a database.
func startsStatement(text string) bool {
	for {
		text = strings.TrimLeft(text, " \t\r\n(")
		switch {
		case strings.HasPrefix(text, "--"):
			_, text, _ = strings.Cut(text, "\n")
			continue
		case strings.HasPrefix(text, "/*"):
			_, text, _ = strings.Cut(text, "*/")
			continue
		}
		break
	}
	end := strings.IndexFunc(text, func(r rune) bool { return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z') })
	if end < 0 {
		end = len(text)
	}
	word := text[:end]
	for _, w := range statementWords {
		if strings.EqualFold(word, w) {
			return true
		}
	}
	return false
}

func checkSQLStringFormatting(p *CodePass, n python.Node) {
	var text string
	var at python.Node = n
	switch x := n.(type) {
	case *python.BinOp:
		if parent, ok := p.Parent().(*python.BinOp); ok && (parent.Op == python.Mod || parent.Op == python.Add) {
			return // the chain is judged once, at its top
		}
		if x.Op != python.Mod && x.Op != python.Add {
			return
		}
		var parts []string
		constant := true
		var first python.Node
		var walk func(e python.Expr)
		walk = func(e python.Expr) {
			switch y := e.(type) {
			case *python.BinOp:
				if y.Op == python.Mod || y.Op == python.Add {
					walk(y.Left)
					walk(y.Right)
					return
				}
			case *python.Constant:
				if y.Kind == python.ConstStr {
					parts = append(parts, y.Value)
					if first == nil {
						first = y
					}
					return
				}
			}
			constant = false
		}
		walk(x)
		if constant || first == nil {
			return
		}
		text, at = strings.Join(parts, " "), first
	case *python.Call:
		a, ok := x.Func.(*python.Attribute)
		if !ok || (a.Attr != "format" && a.Attr != "replace") {
			return
		}
		s, ok := python.StringValue(a.Value)
		if !ok || len(x.Args)+len(x.Keywords) == 0 {
			return
		}
		text, at = s, a.Value
	case *python.JoinedStr:
		if isLiteralString(x) {
			return
		}
		var b strings.Builder
		for _, v := range x.Values {
			if s, ok := python.StringValue(v); ok {
				b.WriteString(s)
			}
		}
		text = b.String()
	}
	if !sqlRE().MatchString(text) || !startsStatement(text) {
		return
	}
	fd := p.Finding(at, "SQL statement built by string formatting: a value with a quote in it changes the query")
	fd.Aliases = []string{"B608", "hardcoded_sql_expressions"}
	if e, ok := n.(python.Expr); ok && fromRequest(p, e) {
		fd.Severity = Error
		fd.Message = "SQL statement built from request data by string formatting: SQL injection"
	}
	p.Report(fd)
}
