package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// DynamicCodeExecution: application code runs a string as Python with
// eval or exec.
var DynamicCodeExecution = &Rule{
	ID:                "DKS9005",
	Name:              "dynamic-code-execution",
	Title:             "Application runs a string as Python code (eval, exec)",
	Severity:          Error,
	Since:             "0.2.0",
	Aliases:           []string{"B307", "eval", "B102", "exec_used"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.DenialOfService, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_006, t.T1070},
		CWE:      []*t.CWE{t.CWE95, t.CWE94},
		Controls: []*t.Control{t.Top10_A03, t.ASVS_V5, t.NIST53_SI10},
	},
	Doc: Doc{
		Vulnerability: "Unsafe eval or exec",
		Mitigation:    "Replace eval with ast.literal_eval or a real parser.",
		Rationale: "`eval(expr)` and `exec(code)` run their argument as Python with the service's " +
			"privileges (bandit's B307 and B102): `__import__('os').system('…')` in a calculator's " +
			"expression is remote code execution, and `'9'*10**9` a denial of service. Nothing " +
			"in Python makes eval safe on untrusted text; restricted globals are bypassed through " +
			"object introspection.\n\n" +
			"Severity: **error** when the argument comes from the request being answered (exploitable as " +
			"shipped), **warning** for any other non-literal argument, **info** for a literal string.",
		Impact: "Can use eval() to run any code or exhaust the service",
		Fix: "Read data with `ast.literal_eval` (literals only: numbers, strings, tuples, lists, dicts), " +
			"`json.loads` or a real parser for the small language you need; never pass request data to " +
			"`eval` or `exec`.",
		Bad: Code(
			"from flask import request\n\ndef calculate():\n    expr = request.args.get(\"expr\", \"0\")\n    return str(eval(expr))\n",
			"exec(open(\"plugin.py\").read())\n",
		),
		Good: Code(
			"import ast\nfrom flask import request\n\ndef calculate():\n    return str(ast.literal_eval(request.args.get(\"expr\", \"0\")))\n",
		),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b307-eval",
			"https://docs.python.org/3/library/ast.html#ast.literal_eval",
		},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkDynamicCodeExecution}},
}

func checkDynamicCodeExecution(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	var fd Finding
	switch callName(p, c) {
	case "eval":
		fd = p.Finding(c, "eval runs its argument as Python code")
		fd.Aliases = []string{"B307", "eval"}
	case "exec":
		fd = p.Finding(c, "exec runs its argument as Python code")
		fd.Aliases = []string{"B102", "exec_used"}
	default:
		return
	}
	code := arg(c, 0, "")
	switch {
	case fromRequest(p, code):
		fd.Severity = Error
		fd.Message += ", and the argument comes from the request: code injection"
	case code != nil && isLiteralString(code):
		fd.Severity = Info
		fd.Message += "; the argument is a literal today"
	default:
		fd.Severity = Warning
		fd.Message += "; use ast.literal_eval or json.loads for data"
	}
	p.Report(fd)
}
