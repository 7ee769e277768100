package compose

import (
	"iter"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Anchors, aliases and merge keys let a small file describe a huge tree
// ("billion laughs"): yaml.v3 keeps an alias as one node, but anything that
// walks through aliases can be made to visit exponentially many. Lists are
// read one level deep, never expanded; every mapping read through a merge
// key, and every listing of a mapping's keys, charges the loader's budget,
// sized from the input. When it runs out the load stops with an error.

// resolve follows an alias to the node it names.
func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 64; i++ {
		n = n.Alias
	}
	if n != nil && n.Kind == yaml.AliasNode {
		return nil // an alias chain this long is not something a parser builds
	}
	return n
}

// isNull reports a YAML null: `key:`, `key: ~`, `key: null`.
func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// pair is one key and its (alias-resolved) value in a mapping.
type pair struct {
	key, val *yaml.Node
}

// lookup finds key in mapping m: its own keys first (the last of repeated
// keys wins, as compose-go reports repeats), then the mappings its merge
// keys (`<<`) bring in, first source first, as the YAML merge key spec has
// it. It returns false when m is not a mapping or has no such key.
func (l *loader) lookup(m *yaml.Node, key string) (pair, bool) {
	return l.lookupDepth(m, key, 0)
}

func (l *loader) lookupDepth(m *yaml.Node, key string, depth int) (pair, bool) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth || depth > 0 && !l.charge(1+len(m.Content)/2) {
		return pair{}, false
	}
	var found pair
	ok, merges := false, false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		if isMergeKey(k) {
			merges = true
		} else if k.Value == key {
			found, ok = pair{k, resolve(m.Content[i+1])}, true
		}
	}
	if ok || !merges {
		return found, ok
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !isMergeKey(m.Content[i]) {
			continue
		}
		for src := range mergeSources(m.Content[i+1]) {
			if p, ok := l.lookupDepth(src, key, depth+1); ok {
				return p, true
			}
		}
	}
	return pair{}, false
}

// pairs lists the entries of mapping m in source order, merge-key entries
// after m's own keys and only where m does not set the key itself. A
// repeated key is listed once, at its last occurrence's value.
func (l *loader) pairs(m *yaml.Node) []pair {
	out, _ := l.pairsDepth(m, nil, 0)
	return out
}

func (l *loader) pairsDepth(m *yaml.Node, seen *keysSeen, depth int) ([]pair, *keysSeen) {
	m = resolve(m)
	if m == nil || m.Kind != yaml.MappingNode || depth > maxMergeDepth || !l.charge(1+len(m.Content)/2) {
		return nil, seen
	}
	out := make([]pair, 0, len(m.Content)/2)
	// Repeated keys are rare: find them by scanning small mappings, with an
	// index only for large ones.
	var index map[string]int
	if len(m.Content) > 64 {
		index = make(map[string]int, len(m.Content)/2)
	}
	merges := false
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if isMergeKey(k) {
			merges = true
			continue
		}
		if k.Kind != yaml.ScalarNode || seen.has(k.Value) {
			continue
		}
		p := pair{k, resolve(m.Content[i+1])}
		j, ok := -1, false
		if index != nil {
			j, ok = index[k.Value]
		} else {
			for x := range out {
				if out[x].key.Value == k.Value {
					j, ok = x, true
				}
			}
		}
		if ok {
			out[j] = p
			continue
		}
		if index != nil {
			index[k.Value] = len(out)
		}
		out = append(out, p)
	}
	if !merges {
		return out, seen
	}
	if seen == nil {
		seen = &keysSeen{list: make([]string, 0, len(out)+8)}
	}
	for _, p := range out {
		seen.add(p.key.Value)
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if !isMergeKey(m.Content[i]) {
			continue
		}
		for src := range mergeSources(m.Content[i+1]) {
			var more []pair
			more, seen = l.pairsDepth(src, seen, depth+1)
			for _, p := range more {
				seen.add(p.key.Value)
			}
			out = append(out, more...)
		}
	}
	return out, seen
}

// keysSeen is the set of keys pairsDepth has listed while it follows
// merge keys: a slice scanned while it is short, as a service that merges
// its defaults (`<<: *defaults`) has a dozen keys, and a map beyond. A
// map for every such service was 0.7 MB and 6,000 of the 400,000
// allocations of loading a 1,000-service file.
type keysSeen struct {
	list []string
	m    map[string]bool
}

// maxListedKeys is how many keys keysSeen scans before it indexes them.
const maxListedKeys = 32

func (s *keysSeen) has(k string) bool {
	switch {
	case s == nil:
		return false
	case s.m != nil:
		return s.m[k]
	}
	return slices.Contains(s.list, k)
}

func (s *keysSeen) add(k string) {
	switch {
	case s.m != nil:
		s.m[k] = true
	case len(s.list) < maxListedKeys:
		s.list = append(s.list, k)
	default:
		s.m = make(map[string]bool, 2*maxListedKeys)
		for _, x := range s.list {
			s.m[x] = true
		}
		s.m[k] = true
	}
}

// maxMergeDepth bounds chains of merge keys (`<<: *a` where a merges b …).
const maxMergeDepth = 32

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && k.ShortTag() == "!!merge"
}

// mergeSources yields the mappings a merge key's value names: one alias or
// mapping, or a sequence of them.
func mergeSources(v *yaml.Node) iter.Seq[*yaml.Node] {
	return func(yield func(*yaml.Node) bool) {
		v = resolve(v)
		switch {
		case v == nil:
		case v.Kind == yaml.MappingNode:
			yield(v)
		case v.Kind == yaml.SequenceNode:
			for _, c := range v.Content {
				if c = resolve(c); c != nil && c.Kind == yaml.MappingNode && !yield(c) {
					return
				}
			}
		}
	}
}

// items returns the (alias-resolved) items of a sequence node, or the node
// itself for a scalar written where a list is allowed (`env_file: .env`).
func items(n *yaml.Node) []*yaml.Node {
	n = resolve(n)
	switch {
	case n == nil || isNull(n):
		return nil
	case n.Kind == yaml.SequenceNode:
		out := make([]*yaml.Node, 0, len(n.Content))
		for _, c := range n.Content {
			if c = resolve(c); c != nil {
				out = append(out, c)
			}
		}
		return out
	}
	return []*yaml.Node{n}
}

// kindName names a node's kind for messages: "a mapping", "a list", …
func kindName(n *yaml.Node) string {
	switch n = resolve(n); {
	case n == nil:
		return "nothing"
	case n.Kind == yaml.MappingNode:
		return "a mapping"
	case n.Kind == yaml.SequenceNode:
		return "a list"
	case isNull(n):
		return "null"
	}
	return "a scalar"
}
