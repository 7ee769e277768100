package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// TLSVersionInsecure: application code asks for SSLv2, SSLv3, TLS 1.0 or
// 1.1, or wraps a socket without saying which version.
var TLSVersionInsecure = &Rule{
	ID:       "DKS9008",
	Name:     "tls-version-insecure",
	Title:    "Application uses an SSL or early TLS protocol version",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases: []string{
		"B502", "ssl_with_bad_version", "B503", "ssl_with_bad_defaults", "B504", "ssl_with_no_version",
	},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Tampering},
		ATTACK:   []*t.Technique{t.T1557},
		CWE:      []*t.CWE{t.CWE327, t.CWE326},
		Controls: []*t.Control{t.Top10_A02, t.ASVS_V9, t.NIST53_SC8, t.NIST53_SC13},
	},
	Doc: Doc{
		Vulnerability: "Insecure TLS version",
		Mitigation:    "Use TLS 1.2 or later through ssl.create_default_context.",
		Rationale: "SSLv2, SSLv3, TLS 1.0 and TLS 1.1 have practical attacks (DROWN, POODLE, BEAST) and " +
			"are disabled by current clients and servers; a connection that offers or accepts them can " +
			"be downgraded and read or altered in transit. The rule flags `ssl.wrap_socket`, pyOpenSSL's " +
			"`SSL.Context` and any call given such a `ssl_version=` or `method=` (bandit's B502), a " +
			"function whose parameter defaults to one (B503), and `ssl.wrap_socket` without a version " +
			"(B504, **info**: its default negotiated SSLv23 on old Pythons).",
		Impact: "Connections downgraded and read in transit",
		Fix:    "Use `ssl.create_default_context()` (TLS 1.2 or later, certificates verified) and, where needed, `context.minimum_version = ssl.TLSVersion.TLSv1_2`; with pyOpenSSL, `SSL.TLS_METHOD` plus `OP_NO_TLSv1 | OP_NO_TLSv1_1`.",
		Bad: Code(
			"import ssl\nimport socket\n\nconn = ssl.wrap_socket(socket.socket(), ssl_version=ssl.PROTOCOL_TLSv1)\n",
			"from OpenSSL import SSL\n\ndef connect(method=SSL.SSLv3_METHOD):\n    return SSL.Context(method)\n",
		),
		Good: Code(
			"import ssl\n\ncontext = ssl.create_default_context()\ncontext.minimum_version = ssl.TLSVersion.TLSv1_2\n",
		),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/plugins/b502_ssl_with_bad_version.html",
			"https://docs.python.org/3/library/ssl.html#security-considerations",
		},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall, PyFunction}, Check: checkTLSVersionInsecure}},
}

// badTLSVersions are the protocol constants of ssl and pyOpenSSL that
// select SSL or TLS before 1.2.
var badTLSVersions = map[string]bool{
	"PROTOCOL_SSLv2": true, "SSLv2_METHOD": true, "SSLv23_METHOD": true, "PROTOCOL_SSLv3": true,
	"PROTOCOL_TLSv1": true, "SSLv3_METHOD": true, "TLSv1_METHOD": true, "PROTOCOL_TLSv1_1": true, "TLSv1_1_METHOD": true,
}

// tlsVersionName is the constant's name a version argument gives
// (ssl.PROTOCOL_TLSv1 → PROTOCOL_TLSv1), "" when it is not one.
func tlsVersionName(p *CodePass, e python.Expr) string {
	if e == nil {
		return ""
	}
	if s, ok := python.StringValue(e); ok {
		return s
	}
	return lastPart(p.QualifiedName(e))
}

func checkTLSVersionInsecure(p *CodePass, n python.Node) {
	if fn, ok := n.(*python.FunctionDef); ok {
		for _, a := range fn.Args.All() {
			if v := tlsVersionName(p, a.Default); badTLSVersions[v] {
				p.ReportAliasedf(a.Default, []string{"B503", "ssl_with_bad_defaults"}, "parameter %s of %s defaults to %s, an insecure SSL/TLS version", a.Name, fn.Name, v)
				return
			}
		}
		return
	}
	c := n.(*python.Call)
	name := callName(p, c)
	version := c.Keyword("ssl_version")
	if version == nil {
		version = c.Keyword("method")
	}
	if name == "pyOpenSSL.SSL.Context" || name == "OpenSSL.SSL.Context" {
		version = arg(c, 0, "method")
	}
	if v := tlsVersionName(p, version); badTLSVersions[v] {
		p.ReportAliasedf(c, []string{"B502", "ssl_with_bad_version"}, "%s asks for %s, an insecure SSL/TLS version", orCall(name), v)
		return
	}
	if name == "ssl.wrap_socket" && c.Keyword("ssl_version") == nil && len(c.Args) < 6 {
		fd := p.Finding(c, "ssl.wrap_socket without ssl_version negotiates the protocol its Python defaults to; ssl.wrap_socket is also gone since Python 3.12")
		fd.Severity, fd.Aliases = Info, []string{"B504", "ssl_with_no_version"}
		p.Report(fd)
	}
}

// orCall names a call for messages when its name cannot be resolved.
func orCall(name string) string {
	if name == "" {
		return "a call"
	}
	return name
}
