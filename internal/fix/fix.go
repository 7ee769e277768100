// Package fix applies suggested edits to a source text: byte-range
// replacements grouped into fixes that apply whole or not at all, as
// go/analysis's SuggestedFix and TextEdit do. A Set accepts fixes one by
// one, refusing any that overlaps one it already holds, and applies them
// all at once against the offsets of the text they were computed on (the
// effect of applying them bottom-up: no edit moves another).
//
// The package knows nothing of Dockerfiles or rules: callers turn
// findings into edits and decide which fixes to offer.
package fix

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Edit replaces the bytes [Start, End) of a source with New. Start == End
// inserts New before the byte at Start.
type Edit struct {
	Start, End int
	New        string
}

// String renders the edit for messages and test failures.
func (e Edit) String() string { return fmt.Sprintf("[%d,%d)→%q", e.Start, e.End, e.New) }

// conflicts reports whether two edits cannot both apply: their ranges
// overlap (an insertion inside a replaced range included), or they start
// at the same offset, where the order of two insertions, or of an
// insertion and a replacement, would be a guess. An insertion at the very
// end of another edit's range does not conflict: it goes after the
// replaced text.
func conflicts(a, b Edit) bool {
	return a.Start == b.Start || (a.Start < b.End && b.Start < a.End)
}

func byStart(a, b Edit) int { return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End)) }

// Check reports whether edits are well formed against a source of n bytes:
// each range inside it, none reversed, and no two conflicting.
func Check(edits []Edit, n int) error {
	for _, e := range edits {
		if e.Start < 0 || e.End < e.Start || e.End > n {
			return fmt.Errorf("edit %v is outside a source of %d bytes", e, n)
		}
	}
	sorted := slices.SortedFunc(slices.Values(edits), byStart)
	// Sorted by start, a conflict always shows between neighbours.
	for i := 1; i < len(sorted); i++ {
		if conflicts(sorted[i-1], sorted[i]) {
			return fmt.Errorf("edits %v and %v overlap", sorted[i-1], sorted[i])
		}
	}
	return nil
}

// Set is the fixes accepted for one pass over one source.
type Set struct {
	n int
	// edits are the accepted edits, sorted by start and never conflicting.
	edits []Edit
	// fixes are the accepted fixes by their edits, so that the same fix
	// offered twice (by two findings of one problem) applies once.
	fixes map[string]bool
}

// NewSet starts a set of fixes for a source of n bytes.
func NewSet(n int) *Set { return &Set{n: n, fixes: map[string]bool{}} }

// Add accepts a fix, all of its edits together, unless one of them is
// malformed or conflicts with an edit already accepted; it reports
// whether the fix will apply. A fix whose edits equal those of a fix
// already accepted is that fix, and applies once.
func (s *Set) Add(edits []Edit) bool {
	if !s.Fits(edits) {
		return false
	}
	key := fixKey(edits)
	if s.fixes[key] {
		return true
	}
	for _, e := range edits {
		i, _ := slices.BinarySearchFunc(s.edits, e, byStart)
		s.edits = slices.Insert(s.edits, i, e)
	}
	s.fixes[key] = true
	return true
}

// Fits reports whether Add would accept the fix, without adding it: a
// caller with more to do for a fix (write another file) asks first.
func (s *Set) Fits(edits []Edit) bool {
	if len(edits) == 0 || Check(edits, s.n) != nil {
		return false
	}
	if s.fixes[fixKey(edits)] {
		return true
	}
	for _, e := range edits {
		i, _ := slices.BinarySearchFunc(s.edits, e, byStart)
		if (i > 0 && conflicts(s.edits[i-1], e)) || (i < len(s.edits) && conflicts(s.edits[i], e)) {
			return false
		}
	}
	return true
}

func fixKey(edits []Edit) string {
	var b strings.Builder
	for _, e := range slices.SortedFunc(slices.Values(edits), byStart) {
		fmt.Fprintf(&b, "%d:%d:%d:%s;", e.Start, e.End, len(e.New), e.New)
	}
	return b.String()
}

// Len is the number of edits accepted.
func (s *Set) Len() int { return len(s.edits) }

// Apply returns src with every accepted edit made. src must be the source
// of the length the set was made for.
func (s *Set) Apply(src []byte) ([]byte, error) {
	if len(src) != s.n {
		return nil, fmt.Errorf("fixes were made for a source of %d bytes, not %d", s.n, len(src))
	}
	return apply(src, s.edits), nil
}

// Apply returns src with the edits made, or an error when they are
// malformed or overlap (see Check). The edits may come in any order;
// every offset refers to src as given.
func Apply(src []byte, edits []Edit) ([]byte, error) {
	if err := Check(edits, len(src)); err != nil {
		return nil, err
	}
	return apply(src, slices.SortedFunc(slices.Values(edits), byStart)), nil
}

// apply makes sorted, non-conflicting edits in one pass front to back
// into one allocation: the result of making them bottom-up in place,
// without moving the tail for each edit.
func apply(src []byte, sorted []Edit) []byte {
	size := len(src)
	for _, e := range sorted {
		size += len(e.New) - (e.End - e.Start)
	}
	out := make([]byte, 0, size)
	at := 0
	for _, e := range sorted {
		out = append(out, src[at:e.Start]...)
		out = append(out, e.New...)
		at = e.End
	}
	return append(out, src[at:]...)
}
