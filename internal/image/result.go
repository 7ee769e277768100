package image

import (
	"hash/maphash"
	"math/bits"
	"path"
)

// Kinds recorded per path. Entries are split into directories and everything
// else because a later directory does not hide an earlier directory (their
// contents merge) while any other later entry replaces what was there.
const (
	kindDir = iota
	kindOther
	kindWhiteout // a ".wh.NAME" marker deleted the path
	kindOpaque   // a ".wh..wh..opq" marker hid the directory's lower contents
	numKinds
)

// Result is what a Walk learned about the final filesystem: which visited
// entries survive once whiteouts, opaque directories and replacements by
// later layers are applied.
//
// It keeps no path strings. Each distinct path is reduced to a 64-bit
// maphash under a random per-walk seed (so a hostile image cannot aim for
// collisions; an accidental one among a million paths has odds of about
// 1 in 3*10^7), mapped to a bitset with one bit per layer for each of four
// kinds: directory, other entry, whiteout, opaque marker. With up to 64
// layers that is 32 bytes of bitsets plus about 12 bytes of map slot per path.
type Result struct {
	// Layers is the number of layers walked.
	Layers int
	// Entries counts the tar entries visited, whiteout markers included.
	Entries int64
	// Paths is the number of distinct paths recorded.
	Paths int

	seed  maphash.Seed
	words int               // uint64 words per kind bitset
	idx   map[uint64]uint32 // path hash -> offset of its bitsets in slab
	slab  []uint64
}

func newResult(layers int) *Result {
	w := (layers + 63) / 64
	if w == 0 {
		w = 1
	}
	return &Result{Layers: layers, seed: maphash.MakeSeed(), words: w, idx: map[uint64]uint32{}}
}

func (r *Result) hash(p string) uint64 { return maphash.String(r.seed, p) }

// set records that path hash h has kind in layer.
func (r *Result) set(h uint64, kind, layer int) {
	off, ok := r.idx[h]
	if !ok {
		off = uint32(len(r.slab))
		r.slab = append(r.slab, make([]uint64, numKinds*r.words)...)
		r.idx[h] = off
		r.Paths++
	}
	r.slab[int(off)+kind*r.words+layer/64] |= 1 << (layer % 64)
}

func (r *Result) bitset(h uint64, kind int) []uint64 {
	off, ok := r.idx[h]
	if !ok {
		return nil
	}
	return r.slab[int(off)+kind*r.words : int(off)+(kind+1)*r.words]
}

func (r *Result) has(h uint64, kind, layer int) bool {
	b := r.bitset(h, kind)
	return b != nil && b[layer/64]&(1<<(layer%64)) != 0
}

// next returns the lowest layer > after where h has kind, or -1.
func (r *Result) next(h uint64, kind, after int) int {
	b := r.bitset(h, kind)
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
	b := r.bitset(h, kind)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] != 0 {
			return i*64 + 63 - bits.LeadingZeros64(b[i])
		}
	}
	return -1
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
