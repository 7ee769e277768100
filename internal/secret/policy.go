package secret

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dockstride/dockstride/internal/glob"
)

// Allow lists what a team has decided is not a secret.
type Allow struct {
	// Names are variable names (ARG, ENV) that never hold a credential,
	// case-insensitive, with * and ? wildcards: "*_TOKEN_URL".
	Names []string
	// Values are values that are known not to be secrets (documented
	// example keys, test fixtures), with * and ? wildcards. A recognised
	// credential whose text matches one is skipped.
	Values []string
	// Paths are file paths (in an image, or COPY sources) that are not
	// secrets even if their name or content looks like one, as globs with
	// "**": "/usr/share/doc/**", "testdata/**".
	Paths []string
}

// Pattern is an extra credential format a team wants recognised.
type Pattern struct {
	// Name is the kind reported in messages ("Acme API token"); it must
	// not contain the secret.
	Name string
	// Regex is a Go regular expression (RE2 syntax).
	Regex string
}

// Policy recognises secrets with a team's allow-lists and extra patterns
// on top of the built-in rules. It is immutable once built and safe for
// concurrent use. A nil *Policy behaves exactly like the package-level
// functions, so callers need no special case when nothing is configured.
type Policy struct {
	names  []string
	values []string
	paths  []string
	extra  []valuePattern
}

// NewPolicy builds a Policy; it fails on a pattern that does not compile
// or has no name, and on a malformed glob.
func NewPolicy(allow Allow, patterns []Pattern) (*Policy, error) {
	p := &Policy{}
	for _, n := range allow.Names {
		if !glob.Valid(n) {
			return nil, fmt.Errorf("allowed name %q is not a valid wildcard pattern", n)
		}
		p.names = append(p.names, strings.ToLower(n))
	}
	for _, v := range allow.Values {
		if !glob.Valid(v) {
			return nil, fmt.Errorf("allowed value pattern is not a valid wildcard pattern")
		}
		p.values = append(p.values, v)
	}
	for _, path := range allow.Paths {
		if !glob.Valid(path) {
			return nil, fmt.Errorf("allowed path %q is not a valid glob", path)
		}
		p.paths = append(p.paths, path)
	}
	for _, pat := range patterns {
		if strings.TrimSpace(pat.Name) == "" {
			return nil, fmt.Errorf("pattern %q needs a name", pat.Regex)
		}
		re, err := regexp.Compile(pat.Regex)
		if err != nil {
			return nil, fmt.Errorf("pattern %q: %v", pat.Name, err)
		}
		if re.MatchString("") {
			return nil, fmt.Errorf("pattern %q matches the empty string", pat.Name)
		}
		p.extra = append(p.extra, valuePattern{kind: pat.Name, re: func() *regexp.Regexp { return re }})
	}
	return p, nil
}

// IsSecretName is IsSecretName with the allowed names removed.
func (p *Policy) IsSecretName(name string) bool {
	if !IsSecretName(name) {
		return false
	}
	return p == nil || !p.allowedName(name)
}

func (p *Policy) allowedName(name string) bool {
	lower := strings.ToLower(name)
	for _, n := range p.names {
		if matchWord(n, lower) {
			return true
		}
	}
	return false
}

// FindValue is FindValue with the extra patterns added and allowed values
// skipped: it reports the first recognised credential in s that is not
// allowed.
func (p *Policy) FindValue(s string) (Match, bool) {
	if p == nil {
		return FindValue(s)
	}
	// Scan left to right so an allowed example early in s does not hide a
	// real secret later in it.
	for off := 0; off < len(s); {
		m, ok := p.findOne(s[off:])
		if !ok {
			return Match{}, false
		}
		m.Start += off
		m.End += off
		if !p.allowedValue(s[m.Start:m.End]) {
			return m, true
		}
		off = max(m.End, m.Start+1)
	}
	return Match{}, false
}

func (p *Policy) findOne(s string) (Match, bool) {
	best, found := FindValue(s)
	for _, vp := range p.extra {
		if loc := vp.re().FindStringIndex(s); loc != nil && (!found || loc[0] < best.Start) {
			best, found = Match{Kind: vp.kind, Start: loc[0], End: loc[1]}, true
		}
	}
	return best, found
}

func (p *Policy) allowedValue(v string) bool {
	for _, a := range p.values {
		if matchWord(a, v) {
			return true
		}
	}
	return false
}

// AllowedPath reports whether a file path was declared not to be a secret.
func (p *Policy) AllowedPath(path string) bool {
	if p == nil {
		return false
	}
	for _, a := range p.paths {
		if glob.Match(a, path) {
			return true
		}
	}
	return false
}

// Redact is Redact with the policy's patterns and allowed values.
func (p *Policy) Redact(s string) string {
	if p == nil {
		return Redact(s)
	}
	for range 16 {
		m, ok := p.FindValue(s)
		if !ok {
			return s
		}
		s = s[:m.Start] + "[REDACTED]" + s[m.End:]
	}
	return s
}

// matchWord matches a whole string against a wildcard pattern in which
// "/" is an ordinary character (values and names are not paths).
func matchWord(pattern, s string) bool {
	return glob.Match(strings.ReplaceAll(pattern, "/", "\x00"), strings.ReplaceAll(s, "/", "\x00"))
}
