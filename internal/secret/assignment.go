package secret

import (
	"slices"
	"strings"
	"unicode/utf8"
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
		if !isCodeLiteral(value) || !isCodeSecretName(name) || namesItself(name, value) || isPrompt(value) ||
			namesSomethingElse(name, value) {
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

// namesItself reports whether a value is the name it is assigned to
// (with - or . for _: consumer_secret="consumer.secret"), the name
// without its last word when that says it names the value, or one of its
// words when the name says it holds a name (PASSWORD_FIELD =
// "password", TOKEN_HEADER = "token"): a form field's, a column's or a
// header's name, not a credential. SECRET_KEY = "secret" is a credential.
func namesItself(name, value string) bool {
	v := strings.NewReplacer("-", "_", ".", "_").Replace(strings.ToLower(strings.TrimSpace(value)))
	n := strings.ToLower(name)
	if v == n {
		return true
	}
	words := strings.Split(n, "_")
	if last := len(words) - 1; last > 0 && v == strings.Join(words[:last], "_") &&
		(words[last] == "key" && !wordIn(words[last-1], qualifierWords) || wordIn(words[last], nameWords)) {
		// The key a value is stored under: refresh_token_key =
		// "refresh_token" (oauthlib). After a qualifier the key is the
		// credential: SECRET_KEY = "secret" is one.
		return true
	}
	return slices.Contains(words, v) && slices.ContainsFunc(words, func(w string) bool { return wordIn(w, nameWords) })
}

// nameWords say that a variable holds the name of something.
var nameWords = []string{"field", "name", "column", "col", "param", "label", "attr", "attribute", "input", "header", "prompt", "var", "env"}

// textWords say that a secret-named variable holds text about the secret
// or a piece of its format, not the secret: REASON_BAD_TOKEN = "CSRF token
// missing or incorrect.", UNUSABLE_PASSWORD_PREFIX = "!",
// SECRET_KEY_INSECURE_PREFIX = "django-insecure-" (Django's own).
var textWords = []string{
	"reason", "message", "messages", "msg", "error", "errors", "err", "warning", "help", "hint", "text",
	"description", "desc", "title", "prefix", "suffix",
}

// namesSomethingElse reports the shapes of literal that a secret-looking
// name in code is given for something other than a credential, seen on
// Django and the standard library (issue 16):
//   - the name holds text about the secret or a part of its format
//     (textWords);
//   - the value is a private name (an identifier with a leading
//     underscore): a session or cache key's name, as in Django's
//     SESSION_KEY = "_auth_user_id" and CSRF_SESSION_KEY = "_csrftoken";
//   - the value is an OID or a version, numbers joined by dots
//     (ssl.Purpose's CLIENT_AUTH = "1.3.6.1.5.5.7.3.2");
//   - the name is a parser's token (token, next_token, tok) and the value
//     a token type: a Python keyword or several (token == "lambda", token
//     = "not in"), an upper-case identifier (a SQL keyword such as
//     "COLLATE", a sentinel such as "NOTPROVIDED") or operator punctuation
//     ("@").
//
// A credential has none of these shapes; bandit's own examples ("root",
// "class_password", "this cool password", "1234") keep theirs.
func namesSomethingElse(name, value string) bool {
	v := strings.TrimSpace(value)
	return anyWordIn(name, textWords) || isPrivateName(v) || isDottedNumber(v) ||
		isParserTokenName(name) && isTokenType(v) ||
		utf8.RuneCountInString(v) == 1 || isAuthScheme(v) || isRegexp(v) || isMaskedValue(v)
}

// isAuthScheme matches an HTTP authentication scheme's name, which code
// passes where a token's type goes (oauthlib's default_token='Bearer').
func isAuthScheme(v string) bool {
	return slices.ContainsFunc([]string{"Bearer", "Basic", "Digest", "MAC", "Negotiate", "NTLM", "OAuth", "HOBA"},
		func(s string) bool { return strings.EqualFold(s, v) })
}

// isRegexp matches a regular expression: one with a class escape (\w,
// \d, \s), a group's extension ((?:, (?=, (?P<) or a negated class, or
// a bracketed class with a range alone (babel's NUMBER_TOKEN = r'[0-9@#.,E+]').
func isRegexp(v string) bool {
	for _, s := range []string{`\w`, `\d`, `\s`, `\W`, `\D`, `\S`, "(?:", "(?=", "(?!", "(?P<", "[^"} {
		if strings.Contains(v, s) {
			return true
		}
	}
	inner, ok := strings.CutPrefix(strings.TrimRight(v, "*+?"), "[")
	return ok && len(inner) > 1 && strings.IndexByte(inner, ']') == len(inner)-1 && strings.ContainsAny(inner, `-\`)
}

// isMaskedValue matches a redacted value shown in place of a secret: no
// letter or digit, and a run of asterisks (pip's password = ":****").
func isMaskedValue(v string) bool {
	return strings.Contains(v, "**") && strings.IndexFunc(v, func(r rune) bool {
		return r >= 0x80 || r < 0x80 && (isLetter(byte(r)) || isDigit(byte(r)))
	}) < 0
}

// isPrivateName matches _name, __name and _snake_case_name.
func isPrivateName(v string) bool {
	i := 0
	for i < len(v) && v[i] == '_' {
		i++
	}
	if i == 0 || i == len(v) || !isLetter(v[i]) {
		return false
	}
	for _, c := range []byte(v[i:]) {
		if !isLetter(c) && !isDigit(c) && c != '_' {
			return false
		}
	}
	return true
}

// isDottedNumber matches three or more numbers joined by dots: an OID
// (1.3.6.1.5.5.7.3.2) or a version (3.11.2).
func isDottedNumber(v string) bool {
	parts := strings.Split(v, ".")
	if len(parts) < 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || strings.TrimFunc(p, func(r rune) bool { return r >= '0' && r <= '9' }) != "" {
			return false
		}
	}
	return true
}

// isParserTokenName reports whether a name's only credential word is
// "token" (or "tok"), with no word that makes it an access token (auth,
// access, api, bearer…): token, next_token, csrf_token, tokens.
func isParserTokenName(name string) bool {
	seen := false
	var buf [8]string
	for _, w := range splitName(buf[:0], name) {
		switch {
		case wordIn(w, []string{"token", "tokens", "tok"}):
			seen = true
		case wordIn(w, secretWords), wordIn(w, qualifierWords):
			return false
		}
	}
	return seen
}

// isTokenType matches what a parser compares a token with: Python
// keywords (one or several: "is not"), one upper-case identifier
// ("COLLATE", "NOTPROVIDED") or punctuation alone ("@", "->").
func isTokenType(v string) bool {
	if v == "" {
		return false
	}
	if isPunctuation(v) {
		return true
	}
	words := strings.Fields(v)
	if len(words) == 1 && isUpperIdentifier(words[0]) {
		return true
	}
	for _, w := range words {
		if !slices.Contains(pythonKeywords, w) {
			return false
		}
	}
	return true
}

// isPunctuation reports whether v is ASCII punctuation alone, an
// operator's spelling.
func isPunctuation(v string) bool {
	for _, c := range []byte(v) {
		if c <= ' ' || c >= 0x7f || isLetter(c) || isDigit(c) {
			return false
		}
	}
	return true
}

// isUpperIdentifier matches an identifier of upper-case letters, digits
// and underscores that starts with a letter: COLLATE, NOT_PROVIDED.
func isUpperIdentifier(w string) bool {
	if w == "" || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for _, c := range []byte(w) {
		if !(c >= 'A' && c <= 'Z' || isDigit(c) || c == '_') {
			return false
		}
	}
	return true
}

// pythonKeywords are Python's keywords and soft keywords (keyword.kwlist
// and keyword.softkwlist of Python 3.12).
var pythonKeywords = []string{
	"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
	"del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
	"lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
	"_", "case", "match", "type",
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

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
