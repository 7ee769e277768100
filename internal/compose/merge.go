package compose

import (
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// A setting of a service can be written in several places: the base file,
// each override file, and every `extends` base before the service that
// extends it. A view lists those places oldest first, and the accessors
// below merge them the way compose-go's override package merges files:
// the last scalar wins, mappings merge key by key, sequences append. The
// result keeps the node each value came from, which is how every setting
// of the model knows its line.

// layer is one document's value for a setting: the key it was written at
// and its (alias-resolved) value.
type layer struct {
	doc *document
	key *yaml.Node
	val *yaml.Node
}

// view is the layers of one mapping-valued setting (a service, its deploy
// block, …), oldest first.
type view []layer

// Compose's YAML tags: `!reset` drops what earlier files set, `!override`
// replaces it instead of merging.
const (
	tagReset    = "!reset"
	tagOverride = "!override"
)

// sub returns the layers of v's key, oldest first, after `!reset` and
// `!override`.
func (l *loader) sub(v view, key string) view {
	var out view
	for _, la := range v {
		p, ok := l.lookup(la.val, key)
		if !ok {
			continue
		}
		switch p.val.Tag {
		case tagReset:
			out = nil
			continue
		case tagOverride:
			out = nil
		}
		out = append(out, layer{la.doc, p.key, p.val})
	}
	return out
}

// last returns the layer whose value for key takes effect: the newest,
// unless that one is a `!reset`.
func (l *loader) last(v view, key string) (layer, bool) {
	for i := len(v) - 1; i >= 0; i-- {
		if p, ok := l.lookup(v[i].val, key); ok {
			return layer{v[i].doc, p.key, p.val}, p.val.Tag != tagReset
		}
	}
	return layer{}, false
}

// keyOf is the presence of a merged setting: set, at its newest key.
func keyOf(s view) Key {
	if len(s) == 0 {
		return Key{}
	}
	la := s[len(s)-1]
	return Key{Pos: posOf(la.doc, la.key), Set: true}
}

// item is one element of a merged sequence and the document it came from.
type item struct {
	doc  *document
	node *yaml.Node
}

// seq merges a sequence setting: each layer's items in turn, where an item
// equal to one already merged is dropped (compose-go's
// appendWithoutDuplicates). A scalar stands for a one-item list, as compose
// allows for `env_file`, `tmpfs` and others.
func (l *loader) seq(v view, key string) (Key, []item) {
	s := l.sub(v, key)
	var out []item
	var seen map[string]bool
	for i, la := range s {
		if la.val.Kind == yaml.MappingNode {
			l.warn(posOf(la.doc, la.key), "%s must be a list, not a mapping", key)
			continue
		}
		if i > 0 && seen == nil {
			seen = map[string]bool{}
			for _, it := range out {
				seen[l.canon(it.doc, it.node)] = true
			}
		}
		for _, n := range items(la.val) {
			if n.Tag == tagReset {
				continue
			}
			it := item{la.doc, n}
			if i > 0 {
				c := l.canon(la.doc, n)
				if seen[c] {
					continue
				}
				seen[c] = true
			}
			out = append(out, it)
		}
	}
	return keyOf(s), out
}

// listOf reads a sequence setting whose items are written as a string
// (short syntax, read by short once interpolated) or a mapping (long
// syntax, read by long); any other item is a warning.
func listOf[T any](l *loader, v view, key string, short func(it item, s Field[string]) T, long func(it item, iv view) T) List[T] {
	k, its := l.seq(v, key)
	out := List[T]{Key: k}
	if len(its) > 0 {
		// One allocation instead of append's growth: ports and volumes
		// of a 1,000-service file took 3.1 MB that way, 2.1 MB now.
		out.Items = make([]T, 0, len(its))
	}
	for _, it := range its {
		switch {
		case isNull(it.node):
		case it.node.Kind == yaml.ScalarNode:
			if s, ok := l.text(it.doc, posOf(it.doc, it.node), key, it.node); ok {
				out.Items = append(out.Items, short(it, s))
			}
		case it.node.Kind == yaml.MappingNode:
			out.Items = append(out.Items, long(it, view{{doc: it.doc, val: it.node}}))
		default:
			l.warn(posOf(it.doc, it.node), "%s: an item must be a string or a mapping, not %s", key, kindName(it.node))
		}
	}
	if len(out.Items) == 0 {
		out.Items = nil // as when nothing was appended
	}
	return out
}

// derived is a part of short-syntax item s ("8080" of "8080:80"): at the
// item's place, with its raw text, set when the part is not empty.
func derived(s Field[string], part string) Field[string] {
	return Field[string]{Key: Key{Pos: s.Pos, Set: part != ""}, Value: part, Raw: s.Raw, Interpolated: s.Interpolated}
}

// canon is a text that two items share exactly when compose-go finds them
// deeply equal after interpolation.
func (l *loader) canon(d *document, n *yaml.Node) string {
	var b strings.Builder
	l.canonInto(&b, d, n, 0)
	return b.String()
}

func (l *loader) canonInto(b *strings.Builder, d *document, n *yaml.Node, depth int) {
	n = resolve(n)
	if n == nil || depth > 16 || !l.charge(1) {
		return
	}
	switch n.Kind {
	case yaml.ScalarNode:
		b.WriteString(n.ShortTag())
		b.WriteByte('=')
		v, _, _ := l.interpolate(d, n)
		b.WriteString(v)
	case yaml.SequenceNode:
		b.WriteByte('[')
		for _, c := range n.Content {
			l.canonInto(b, d, c, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case yaml.MappingNode:
		ps := l.pairs(n)
		sort.Slice(ps, func(i, j int) bool { return ps[i].key.Value < ps[j].key.Value })
		b.WriteByte('{')
		for _, p := range ps {
			b.WriteString(p.key.Value)
			b.WriteByte(':')
			l.canonInto(b, d, p.val, depth+1)
			b.WriteByte(',')
		}
		b.WriteByte('}')
	}
}

// unique keeps one element per key, compose-go's EnforceUnicity: the last
// element with a key takes effect, at the place of the first. Elements
// whose key is empty are all kept. It compacts elems in place.
func unique[T any](elems []T, key func(*T) string) []T {
	if len(elems) < 2 {
		return elems
	}
	keys := make([]string, 0, len(elems)) // keys[j] is out[j]'s
	var at map[string]int                 // only for long lists
	if len(elems) > 16 {
		at = make(map[string]int, len(elems))
	}
	out := elems[:0]
	for i := range elems {
		k := key(&elems[i])
		j := -1
		if k != "" && at != nil {
			if x, ok := at[k]; ok {
				j = x
			}
		} else if k != "" {
			j = slices.Index(keys, k)
		}
		if j >= 0 {
			out[j] = elems[i] // j < len(out) <= i: never overwrites what is still to read
			continue
		}
		if at != nil && k != "" {
			at[k] = len(out)
		}
		keys = append(keys, k)
		out = append(out, elems[i])
	}
	return out
}
