package secret

import "strings"

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
	}
	return Verdict{}, true
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
