// Package secret recognises credentials by variable name and by value.
//
// It is shared by the Dockerfile rules (ARG, ENV, RUN) and the image rules
// (config Env, files in layers), so a secret is judged the same way wherever
// it is found. Nothing here ever returns the secret itself: callers get the
// kind of secret, which is safe to print.
package secret

import (
	"regexp"
	"strings"
	"sync"
)

// nameRE matches variable names that hold credentials. Words are matched
// between underscores (or the ends), so KEYBOARD or MONKEY do not match.
var nameRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|_)(?:passwd|password|passphrase|pass|pwd|pword|secret|secrets|token|apikey|api_key|access_key|secret_key|private_key|privatekey|credential|credentials|auth|authtoken|auth_token|client_secret|key)(?:_|$)`)
})

// publicRE matches names whose value is not a secret even when another word
// in the name looks like one: paths to secret files, public keys, key IDs,
// versions, URLs, hosts and users.
var publicRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|_)(?:file|files|filename|path|dir|directory|public|pub|version|ver|url|uri|endpoint|host|hostname|port|user|username|id|ids|fingerprint|keyring|keyserver|server|name|type|length|size|ttl|timeout|expiry|expires|enabled|enable|disabled|required|method|mode|header|algorithm|alg|env|location|region)(?:_|$)`)
})

// gpgKeyRE matches the names Docker official images use for the
// fingerprints of release signing keys (GPG_KEY, GPG_KEYS, NODE_GPG_KEYS).
var gpgKeyRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|_)(?:gpg|pgp)_?keys?(?:_|$)`)
})

// IsSecretName reports whether an ARG/ENV name says it holds a credential.
func IsSecretName(name string) bool {
	if name == "" || !nameRE().MatchString(name) {
		return false
	}
	if publicRE().MatchString(name) || gpgKeyRE().MatchString(name) {
		return false
	}
	return true
}

// valuePattern is one recognisable credential format.
type valuePattern struct {
	kind string
	re   *regexp.Regexp
}

var valuePatterns = sync.OnceValue(func() []valuePattern {
	return []valuePattern{
		{"private key", regexp.MustCompile(`-----BEGIN[ A-Z0-9]*PRIVATE KEY( BLOCK)?-----`)},
		{"AWS access key ID", regexp.MustCompile(`\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b`)},
		{"GitHub token", regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b`)},
		{"GitLab token", regexp.MustCompile(`\bglpat-[A-Za-z0-9_-]{20,}\b`)},
		{"Slack token", regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`)},
		{"Slack webhook", regexp.MustCompile(`https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+`)},
		{"Google API key", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`)},
		{"Stripe secret key", regexp.MustCompile(`\b[sr]k_live_[0-9A-Za-z]{20,}\b`)},
		{"npm token", regexp.MustCompile(`\bnpm_[A-Za-z0-9]{36}\b`)},
		{"PyPI token", regexp.MustCompile(`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`)},
		{"credentials in URL", regexp.MustCompile(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@'"]+:([^/\s@'"]+)@[^\s/'"]`)},
	}
})

// urlPasswordIsReference matches a URL password that is only a variable
// reference ("$TOKEN", "${TOKEN}"): the secret is not in the text.
var urlPasswordIsReference = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$`)
})

// Match is a recognised secret: its kind, and where in the input it starts
// and ends (byte offsets), so callers can redact without printing it.
type Match struct {
	Kind       string
	Start, End int
}

// FindValue reports the first credential format recognised in s.
func FindValue(s string) (Match, bool) {
	if len(s) < 8 {
		return Match{}, false
	}
	for _, p := range valuePatterns() {
		loc := p.re.FindStringSubmatchIndex(s)
		if loc == nil {
			continue
		}
		if p.kind == "credentials in URL" && len(loc) >= 4 {
			pw := s[loc[2]:loc[3]]
			if urlPasswordIsReference().MatchString(pw) || isPlaceholder(pw) {
				continue
			}
		}
		return Match{Kind: p.kind, Start: loc[0], End: loc[1]}, true
	}
	return Match{}, false
}

// IsPlaceholderValue reports whether a value is clearly not a real secret:
// empty, a variable reference, or a conventional placeholder.
func IsPlaceholderValue(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	if urlPasswordIsReference().MatchString(v) {
		return true
	}
	return isPlaceholder(v)
}

func isPlaceholder(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'<>`)) {
	case "", "changeme", "change-me", "change_me", "xxx", "xxxx", "xxxxxx", "none", "null", "nil",
		"false", "true", "0", "1", "yes", "no", "dummy", "placeholder", "redacted", "secret", "password", "token", "****", "*****", "******":
		return true
	}
	return false
}

// Redact replaces every recognised secret value in s with "[REDACTED]", for
// echoing source text (history lines, RUN snippets) safely.
func Redact(s string) string {
	for range 16 {
		m, ok := FindValue(s)
		if !ok {
			return s
		}
		s = s[:m.Start] + "[REDACTED]" + s[m.End:]
	}
	return s
}
