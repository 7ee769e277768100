package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RequestWithoutTimeout: an outgoing HTTP request that may wait forever.
var RequestWithoutTimeout = &Rule{
	ID:                "DKS9012",
	Name:              "request-without-timeout",
	Title:             "Outgoing HTTP request without a timeout",
	Severity:          Warning,
	Since:             "0.2.0",
	Aliases:           []string{"B113", "request_without_timeout"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_SC5, t.ASVS_V14},
	},
	Doc: Doc{
		Vulnerability: "HTTP request without timeout",
		Mitigation:    "Give every outgoing request a timeout.",
		Rationale: "`requests` waits forever by default: a `requests.get(url)` to a peer that accepts the " +
			"connection and never answers holds the worker (a gunicorn process, a thread) until it is " +
			"killed, and a few such calls take the whole service down (bandit's B113). httpx has a " +
			"default timeout, which `timeout=None` removes.",
		Impact: "Workers hang and the service stops answering",
		Fix:    "Pass a timeout to every call (`requests.get(url, timeout=(3.05, 27))`), or set one on the client (`httpx.Client(timeout=10)`).",
		Bad:    Code("import requests\n\nresp = requests.get(\"https://api.example.com/v1/items\")\n"),
		Good:   Code("import requests\n\nresp = requests.get(\"https://api.example.com/v1/items\", timeout=10)\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b113_request_without_timeout.html", "https://requests.readthedocs.io/en/latest/user/advanced/#timeouts"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkRequestWithoutTimeout}},
}

func checkRequestWithoutTimeout(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	name := callName(p, c)
	if !isHTTPClientCall(name) {
		return
	}
	timeout := c.Keyword("timeout")
	switch {
	case timeout != nil && isConst(timeout, python.ConstNone):
		p.ReportAliasedf(c, []string{"B113", "request_without_timeout"}, "%s(timeout=None) may wait forever", name)
	case timeout == nil && strings.HasPrefix(name, "requests.") && !hasKwargs(c):
		p.ReportAliasedf(c, []string{"B113", "request_without_timeout"}, "%s has no timeout and may wait forever", name)
	}
}

// hasKwargs reports whether a call passes **mapping, which may hold any
// keyword.
func hasKwargs(c *python.Call) bool {
	for _, k := range c.Keywords {
		if k.Arg == "" {
			return true
		}
	}
	return false
}
