package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// InsecureRandom: application code draws values from the random module,
// whose generator is predictable.
var InsecureRandom = &Rule{
	ID:                "DKS9010",
	Name:              "insecure-random",
	Title:             "Application uses the predictable random module",
	Severity:          Info,
	Since:             "0.2.0",
	Aliases:           []string{"B311", "random"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE338, t.CWE330},
		Controls: []*t.Control{t.Top10_A02, t.ASVS_V6},
	},
	Doc: Doc{
		Vulnerability: "Insecure random for secrets",
		Mitigation:    "Use the secrets module for tokens and keys.",
		Rationale: "Python's `random` module is a Mersenne Twister: 624 outputs reveal its state and every " +
			"later value (bandit's B311). Shuffling a playlist with it is fine; a session token, password, " +
			"reset code or nonce made with it can be predicted. The rule cannot see every use, so a call " +
			"is **info**, and **warning** when its value is assigned to a name that says it is a secret " +
			"(token, password, key, salt, nonce, otp).",
		Impact: "Predictable tokens and passwords",
		Fix:    "Use the `secrets` module for anything an attacker must not guess: `secrets.token_urlsafe(32)`, `secrets.choice(alphabet)`, `secrets.randbelow(n)`.",
		Bad:    Code("import random\nimport string\n\nreset_token = \"\".join(random.choice(string.ascii_letters) for _ in range(20))\n"),
		Good:   Code("import secrets\n\nreset_token = secrets.token_urlsafe(20)\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b311-random", "https://docs.python.org/3/library/secrets.html"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkInsecureRandom}},
}

// randomFuncs are the random module's generators bandit lists.
var randomFuncs = map[string]bool{
	"random.Random": true, "random.random": true, "random.randrange": true, "random.randint": true,
	"random.choice": true, "random.choices": true, "random.uniform": true, "random.triangular": true,
	"random.randbytes": true, "random.sample": true, "random.getrandbits": true, "random.shuffle": true,
}

func checkInsecureRandom(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	name := callName(p, c)
	if !randomFuncs[name] {
		return
	}
	fd := p.Finding(c, "%s is predictable: do not use it for tokens, passwords or keys", name)
	fd.Aliases = []string{"B311", "random"}
	if target := assignedName(p); target != "" && (p.Secrets().IsSecretName(target) || isSecretWord(target)) {
		fd.Severity = Warning
		fd.Message = name + " makes " + target + ", which looks like a secret, from a predictable generator; use the secrets module"
	}
	p.Report(fd)
}

// assignedName is the name the statement holding the node being checked
// assigns to, "" when it assigns nothing.
func assignedName(p *CodePass) string {
	for i := len(p.Parents) - 1; i >= 0; i-- {
		switch s := p.Parents[i].(type) {
		case *python.Assign:
			if len(s.Targets) > 0 {
				return targetName(s.Targets[0])
			}
			return ""
		case *python.AnnAssign:
			return targetName(s.Target)
		case *python.Return:
			if fn := p.EnclosingFunction(); fn != nil {
				return fn.Name
			}
			return ""
		case python.Stmt:
			return ""
		}
	}
	return ""
}

// unpredictableWords name values that must be unpredictable besides the
// credentials secret.IsSecretName knows.
var unpredictableWords = []string{"salt", "nonce", "otp", "pin", "session", "csrf", "sid"}

// isSecretWord reports whether one of a name's words (split at "_") is one
// of unpredictableWords.
func isSecretWord(name string) bool {
	for w := range strings.SplitSeq(strings.ToLower(name), "_") {
		if slices.Contains(unpredictableWords, w) {
			return true
		}
	}
	return false
}
