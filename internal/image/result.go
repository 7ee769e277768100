package image

import (
	"hash/maphash"
	"math/bits"
	"path"
)

// Kinds recorded per path. Entries are split into directories and everything
// else because a later directory does not hide an earlier directory (their
// contents merge) while any other later entry replaces what was there.
// Whiteouts are kept in a separate, usually tiny, table so the big entry
// table stays at two bitsets per path.
const (
	kindDir      = iota // entries table
	kindOther           // entries table
	kindWhiteout        // removals table: a ".wh.NAME" marker deleted the path
	kindOpaque          // removals table: a ".wh..wh..opq" marker hid the directory's lower contents
)

// Result is what a Walk learned about the final filesystem: which visited
// entries survive once whiteouts, opaque directories and replacements by
// later layers are applied.
//
// It keeps no path strings. Each distinct path is reduced to a 64-bit
// maphash under a random per-walk seed (so a hostile image cannot aim for
// collisions; an accidental one among a million paths has odds of about
// 1 in 3*10^7), mapped to bitsets with one bit per layer: directory and other
// entries for every path, whiteout and opaque markers for the few paths that
// have them. Up to 64 layers that is 16 bytes of bitsets and a 12-byte map
// slot per path, about 40 bytes with map and slice slack (TestResultMemory).
type Result struct {
	// Layers is the number of layers walked.
	Layers int
	// Entries counts the tar entries visited, whiteout markers included.
	Entries int64
	// Paths is the number of distinct paths recorded.
	Paths int
	// Checks holds one LayerCheck per layer read, bottom layer first; a
	// walk that stopped early holds those it reached, the last one being
	// the layer that failed.
	Checks []LayerCheck

	seed     maphash.Seed
	entries  pathBits // kindDir, kindOther
	removals pathBits // kindWhiteout, kindOpaque
}

func newResult(layers int) *Result {
	w := max((layers+63)/64, 1)
	return &Result{
		Layers:   layers,
		seed:     maphash.MakeSeed(),
		entries:  pathBits{words: w, idx: map[uint64]uint32{}},
		removals: pathBits{words: w, idx: map[uint64]uint32{}},
	}
}

func (r *Result) hash(p string) uint64 { return maphash.String(r.seed, p) }

func (r *Result) table(kind int) (*pathBits, int) {
	if kind >= kindWhiteout {
		return &r.removals, kind - kindWhiteout
	}
	return &r.entries, kind
}

// set records that path hash h has kind in layer.
func (r *Result) set(h uint64, kind, layer int) {
	t, k := r.table(kind)
	if t.set(h, k, layer) {
		r.Paths++
	}
}

func (r *Result) has(h uint64, kind, layer int) bool {
	t, k := r.table(kind)
	b := t.bitset(h, k)
	return b != nil && b[layer/64]&(1<<(layer%64)) != 0
}

// next returns the lowest layer > after where h has kind, or -1.
func (r *Result) next(h uint64, kind, after int) int {
	t, k := r.table(kind)
	b := t.bitset(h, k)
	for l := after + 1; b != nil && l < r.Layers; {
		w := b[l/64] >> (l % 64)
		if w != 0 {
			return l + bits.TrailingZeros64(w)
		}
		l = (l/64 + 1) * 64
	}
	return -1
}

// last returns the highest layer where h has kind, or -1.
func (r *Result) last(h uint64, kind int) int {
	t, k := r.table(kind)
	b := t.bitset(h, k)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != 0 {
			return i*64 + 63 - bits.LeadingZeros64(b[i])
		}
	}
	return -1
}

// pathBits maps a path hash to two per-layer bitsets stored back to back in
// one slab, so there is one allocation for all paths rather than one each.
type pathBits struct {
	words int               // uint64 words per bitset
	idx   map[uint64]uint32 // path hash -> offset of its bitsets in slab
	slab  []uint64
}

// set sets the bit and reports whether h was new.
func (t *pathBits) set(h uint64, kind, layer int) bool {
	off, ok := t.idx[h]
	if !ok {
		off = uint32(len(t.slab))
		t.slab = append(t.slab, make([]uint64, 2*t.words)...)
		t.idx[h] = off
	}
	t.slab[int(off)+kind*t.words+layer/64] |= 1 << (layer % 64)
	return !ok
}

func (t *pathBits) bitset(h uint64, kind int) []uint64 {
	off, ok := t.idx[h]
	if !ok {
		return nil
	}
	return t.slab[int(off)+kind*t.words : int(off)+(kind+1)*t.words]
}

// DeletedIn reports whether the entry at path seen in layer is gone from the
// final filesystem, and which later layer removed it. Removal is any of: a
// whiteout of the path or of a parent directory, an opaque marker on a parent
// directory, a parent directory replaced by a file or symlink, or the path
// itself replaced by a later entry (a later directory over a directory is not
// a replacement: their contents merge). When several layers qualify the
// lowest is returned. path is an Entry.Path; ok is false when the entry
// survives (or was not seen in layer).
func (r *Result) DeletedIn(p string, layer int) (deletedBy int, ok bool) {
	if layer < 0 || layer >= r.Layers {
		return 0, false
	}
	p = cleanAbs(p)
	best := -1
	upd := func(m int) {
		if m >= 0 && (best < 0 || m < best) {
			best = m
		}
	}
	h := r.hash(p)
	upd(r.next(h, kindOther, layer))
	if !(r.has(h, kindDir, layer) && !r.has(h, kindOther, layer)) {
		upd(r.next(h, kindDir, layer))
	}
	upd(r.next(h, kindWhiteout, layer))
	for a := p; a != "/"; {
		a = path.Dir(a)
		ha := r.hash(a)
		upd(r.next(ha, kindOpaque, layer))
		if a != "/" {
			upd(r.next(ha, kindWhiteout, layer))
			upd(r.next(ha, kindOther, layer))
		}
	}
	if best < 0 {
		return 0, false
	}
	return best, true
}

// Exists reports whether path is present in the final filesystem: the last
// layer that added it is not followed by anything that removes it. The root
// always exists.
func (r *Result) Exists(p string) bool {
	p = cleanAbs(p)
	if p == "/" {
		return true
	}
	h := r.hash(p)
	l := max(r.last(h, kindDir), r.last(h, kindOther))
	if l < 0 {
		return false
	}
	_, gone := r.DeletedIn(p, l)
	return !gone
}
