package threat

import (
	"cmp"
	"strings"
)

// naturalCompare orders strings the way the frameworks number their entries:
// digit runs compare as numbers, so "4.9" < "4.10", "AC-3" < "AC-17" and
// "V2" < "V10". Everything else compares byte-wise.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := isDigit(a[0]), isDigit(b[0])
		if da && db {
			na, ra := splitDigits(a)
			nb, rb := splitDigits(b)
			na, nb = strings.TrimLeft(na, "0"), strings.TrimLeft(nb, "0")
			if len(na) != len(nb) {
				return cmp.Compare(len(na), len(nb))
			}
			if c := strings.Compare(na, nb); c != 0 {
				return c
			}
			a, b = ra, rb
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(int(a[0]), int(b[0]))
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func splitDigits(s string) (digits, rest string) {
	i := 0
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return s[:i], s[i:]
}

// find returns the first catalogue entry match accepts, or nil. Lookups scan
// the lists instead of indexing them in maps: the lists hold tens of entries,
// and building maps would be work at package init (or a sync.Once) for no
// measurable gain.
func find[T any](list []*T, match func(*T) bool) *T {
	for _, v := range list {
		if match(v) {
			return v
		}
	}
	return nil
}

// compareControls is the catalogue order of Controls: framework, then ID.
func compareControls(a, b *Control) int {
	if c := naturalCompare(a.Framework, b.Framework); c != 0 {
		return c
	}
	return naturalCompare(a.ID, b.ID)
}
