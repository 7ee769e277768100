package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// WeakHash: application code uses MD4, MD5 or SHA-1 (or a weak crypt
// method) without saying it is not for security.
var WeakHash = &Rule{
	ID:                "DKS9009",
	Name:              "weak-hash",
	Title:             "Application hashes with MD5, SHA-1 or a weak crypt method",
	Severity:          Warning,
	Since:             "0.2.0",
	Aliases:           []string{"B324", "hashlib"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE328, t.CWE327},
		Controls: []*t.Control{t.Top10_A02, t.ASVS_V6, t.NIST53_SC13},
	},
	Doc: Doc{
		Vulnerability: "Weak hash used for security",
		Mitigation:    "Use SHA-256 or better; hash passwords with a KDF.",
		Rationale: "MD4 and MD5 collide in seconds and SHA-1 in hours of GPU time: a signature, token, " +
			"password hash or integrity check built on them can be forged (bandit's B324). " +
			"`crypt.crypt` with `METHOD_CRYPT`, `METHOD_MD5` or `METHOD_BLOWFISH` gives password hashes " +
			"that are cheap to crack. Python 3.9 lets code say a hash is not for security " +
			"(`hashlib.md5(data, usedforsecurity=False)`: a cache key, a checksum against accidents); " +
			"such calls are not reported.",
		Impact: "Forged signatures or cracked password hashes",
		Fix:    "Use `hashlib.sha256` (or `blake2b`) for integrity, `hmac` with SHA-256 for authentication, and a password hash (`argon2`, `bcrypt`, `hashlib.scrypt`) for passwords; pass `usedforsecurity=False` where MD5 is only a checksum.",
		Bad:    Code("import hashlib\n\ntoken = hashlib.md5(secret_key + user_id).hexdigest()\n"),
		Good:   Code("import hashlib\n\ncache_key = hashlib.md5(url.encode(), usedforsecurity=False).hexdigest()\ndigest = hashlib.sha256(payload).hexdigest()\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b324_hashlib.html"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkWeakHash}},
}

// weakHashes are hashlib's broken algorithms.
var weakHashes = []string{"md4", "md5", "sha", "sha1"}

// weakCryptMethods are crypt's weak password hash methods.
var weakCryptMethods = []string{"METHOD_CRYPT", "METHOD_MD5", "METHOD_BLOWFISH"}

func checkWeakHash(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	name := callName(p, c)
	if name == "" {
		return
	}
	fn := lastPart(name)
	switch {
	case hasPart(name, "hashlib"):
		algo := ""
		switch {
		case isWeakHash(fn):
			algo = fn
		case fn == "new":
			if s, ok := python.StringValue(arg(c, 0, "name")); ok && isWeakHash(strings.ToLower(s)) {
				algo = strings.ToLower(s)
			}
		}
		if algo == "" {
			return
		}
		if u := c.Keyword("usedforsecurity"); u != nil && isConst(u, python.ConstFalse) {
			return
		}
		p.ReportAliasedf(c, []string{"B324", "hashlib"}, "%s hashes with %s, which is broken; pass usedforsecurity=False if it only checks for accidents", name, strings.ToUpper(algo))
	case hasPart(name, "crypt") && (fn == "crypt" || fn == "mksalt"):
		method := arg(c, 1, "salt")
		if fn == "mksalt" {
			method = arg(c, 0, "method")
		}
		if m := lastPart(p.QualifiedName(method)); method != nil && isWeakCrypt(m) {
			p.ReportAliasedf(c, []string{"B324", "hashlib"}, "%s uses crypt.%s, a weak password hash", name, m)
		}
	}
}

func isWeakHash(s string) bool {
	for _, w := range weakHashes {
		if s == w {
			return true
		}
	}
	return false
}

func isWeakCrypt(s string) bool {
	for _, w := range weakCryptMethods {
		if s == w {
			return true
		}
	}
	return false
}
