package secret

import (
	"slices"
	"strings"
)

// Where says where a name=value assignment is written, which decides what
// counts as a secret there.
type Where int

// Places an assignment may be written.
const (
	// InBuildArg is an ARG: the value is a default or one passed with
	// --build-arg, recorded in the image history either way, so even an
	// empty default of a secret-named argument is reported.
	InBuildArg Where = iota + 1
	// InEnv is an ENV (or an image config's environment): an empty value
	// sets nothing.
	InEnv
	// InScript is a shell assignment in a RUN (X=… cmd, export X=…): only
	// a literal counts, since a reference ($TOKEN), a placeholder or a path
	// holds no secret.
	InScript
	// InCode is a string literal in application source: assigned to a
	// variable, attribute or key, passed as a keyword argument, given as a
	// parameter's default or an environment variable's fallback, or
	// compared with a variable. What the code holds is what runs, so a
	// placeholder such as "changeme" is the password in use; only empty
	// strings, masks ("****"), templates ("{password}", "%s", "${PASS}"),
	// paths, flags and fingerprints hold no secret.
	InCode
)

// Verdict is the judgement of one assignment that holds a secret.
type Verdict struct {
	// Kind is the recognised credential format of the value ("GitHub
	// token"); "" when only the variable's name says it is a secret.
	Kind string
}

// Assignment judges name=value written at where: it holds a secret when
// the value is in a recognised credential format whatever the name, or
// when the name looks like a secret and the value is not a path (where a
// secret lives), a flag (a setting about it) or a fingerprint (a public
// key's name) or a stand-in (precompile_placeholder, dummy), nor, in a
// script, anything but a literal; a placeholder default of an ARG
// (changeme) is no secret either. One level of quotes around the value is
// the shell's, not the value's. A nil *Policy
// judges with the built-in detection. The verdict never carries the value.
func (p *Policy) Assignment(name, value string, where Where) (Verdict, bool) {
	if m, ok := p.FindValue(value); ok {
		return Verdict{Kind: m.Kind}, true
	}
	value = unquote(strings.TrimSpace(value))
	if !p.IsSecretName(name) || IsPathValue(value) || IsFlagValue(value) || IsFingerprint(value) || IsStandIn(value) {
		return Verdict{}, false
	}
	switch where {
	case InEnv:
		// A default credential (changeme) in ENV ships with the image
		// and works until someone changes it: still a secret there.
		if value == "" {
			return Verdict{}, false
		}
	case InBuildArg:
		// An empty default is still reported (the real value is passed
		// with --build-arg and recorded); a placeholder default only
		// says "pass one".
		if value != "" && IsPlaceholderValue(value) {
			return Verdict{}, false
		}
	case InScript:
		if !IsLiteralValue(value) {
			return Verdict{}, false
		}
	case InCode:
		if !isCodeLiteral(value) || !isCodeSecretName(name) || namesItself(name, value) || isPrompt(value) {
			return Verdict{}, false
		}
	}
	return Verdict{}, true
}

// genericWords are secret words that, alone, name too many things in code
// to say a credential: a dict's "key", a cache_key, a sort key, an auth
// backend's name.
var genericWords = []string{"key", "keys", "auth"}

// qualifierWords make a generic word a credential: api_key, private_key,
// client_auth.
var qualifierWords = []string{
	"api", "access", "secret", "private", "signing", "sign", "encryption", "encrypt", "client", "master",
	"app", "license", "jwt", "hmac", "aes", "ssh", "service", "account", "admin", "bot", "webhook", "deploy",
	"basic", "bearer", "stripe", "aws", "gcp", "azure", "openai", "session", "cookie", "crypto",
}

// isCodeSecretName refines IsSecretName for names in code: a name whose
// only secret word is generic (key, auth) needs a qualifier word.
func isCodeSecretName(name string) bool {
	var buf [8]string
	words := splitName(buf[:0], name)
	generic, qualified := false, false
	for _, w := range words {
		switch {
		case wordIn(w, genericWords):
			generic = true
		case wordIn(w, secretWords):
			return true
		case wordIn(w, qualifierWords):
			qualified = true
		}
	}
	return !generic || qualified || knownSecretNames[strings.ToUpper(name)]
}

// namesItself reports whether a value is the name it is assigned to, or
// one of its words when the name says it holds a name (PASSWORD_FIELD =
// "password", TOKEN_HEADER = "token"): a form field's, a column's or a
// header's name, not a credential. SECRET_KEY = "secret" is a credential.
func namesItself(name, value string) bool {
	v := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(value)), "-", "_")
	n := strings.ToLower(name)
	if v == n {
		return true
	}
	words := strings.Split(n, "_")
	return slices.Contains(words, v) && slices.ContainsFunc(words, func(w string) bool { return wordIn(w, nameWords) })
}

// nameWords say that a variable holds the name of something.
var nameWords = []string{"field", "name", "column", "col", "param", "label", "attr", "attribute", "input", "header", "prompt", "var", "env"}

// isPrompt reports whether a value is a prompt or a label shown to a user
// ("Enter your password: "), which ends with a colon.
func isPrompt(value string) bool { return strings.HasSuffix(strings.TrimSpace(value), ":") }

// isCodeLiteral reports whether a string literal in source code, written
// where a credential goes, is one: not empty, not a mask of one repeated
// character, not a template to be filled ("{password}", "%s", "%(pw)s",
// "${PASS}", "$PASS") and not an <angle-bracket> placeholder.
func isCodeLiteral(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.Trim(v, v[:1]) == "" && strings.ContainsAny(v[:1], "*x#.-_") {
		return false
	}
	if strings.HasPrefix(v, "<") && strings.HasSuffix(v, ">") {
		return false
	}
	if i := strings.IndexByte(v, '{'); i >= 0 && strings.IndexByte(v[i:], '}') > 0 {
		return false
	}
	if strings.Contains(v, "%s") || strings.Contains(v, "%(") {
		return false
	}
	if i := strings.IndexByte(v, '$'); i >= 0 && i+1 < len(v) && (v[i+1] == '{' || v[i+1] == '_' || v[i+1] >= 'A' && v[i+1] <= 'Z') {
		return false
	}
	return true
}

// IsLiteralValue reports whether v, written where a credential goes (a
// password flag, an assignment in a script), is the credential itself: not
// empty, not a variable reference or command substitution, not a
// placeholder, not a path, and not one of the indirections tools accept
// (@file, file:…, env:…).
func IsLiteralValue(v string) bool {
	v = strings.TrimSpace(v)
	return v != "" && !strings.ContainsAny(v, "$`") && !IsPlaceholderValue(v) && !IsPathValue(v) &&
		!strings.HasPrefix(v, "@") && !strings.HasPrefix(v, "file:") && !strings.HasPrefix(v, "env:")
}

// unquote strips one pair of matching quotes around v, which the
// Dockerfile and shell remove before the value is set (PASSWORD="").
func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
