package dockerfile

import (
	"reflect"
	"slices"
	"testing"
)

// expandScope declares a known value, a valueless ARG, an empty value, a
// value with a space and names with digits and underscores.
func expandScope() *Scope {
	sc := newRootScope(NewLex('\\'))
	for _, v := range []Var{
		{Name: "A", Value: "1", Known: true}, {Name: "B"}, {Name: "C", Known: true},
		{Name: "D", Value: "x y", Known: true}, {Name: "LONG_NAME_2", Value: "v", Known: true},
		{Name: "_u", Value: "under", Known: true}, {Name: "A", Value: "2", Known: true},
	} {
		sc = sc.With(v)
	}
	return sc
}

// samePlainExpansion fails when expandPlain reads word and gives other
// than BuildKit's lexer does (Unmatched compared as a set: the lexer's
// comes out of a map).
func samePlainExpansion(t *testing.T, sc *Scope, word string) (plain bool) {
	t.Helper()
	got, ok := sc.expandPlain(word)
	if !ok {
		return false
	}
	want := sc.expandWithLexer(word)
	slices.Sort(want.Unmatched)
	gotSorted := Expansion{Value: got.Value, Resolved: got.Resolved, Unmatched: slices.Sorted(slices.Values(got.Unmatched)), Unknown: got.Unknown}
	if len(got.Unmatched) == 0 {
		gotSorted.Unmatched = nil
	}
	if !reflect.DeepEqual(gotSorted, want) {
		t.Errorf("expandPlain(%q) = %+v, BuildKit's lexer gives %+v", word, got, want)
	}
	return true
}

var expandWords = []string{
	"$A", "${A}", "x$A", "$A/y", "${A}y", "$Ay", "$B", "${B}", "$C", "$D", "$Z", "${Z}", "$A$B$Z$A$Z$B",
	"$LONG_NAME_2", "$_u", "${_u}x", "a:$A-$B.tgz", "$", "$1", "${1}", "$@", "$$", "${A:-x}", "${A", "${}", "${ A}",
	"$A\"", "'$A'", "\\$A", "`$A`", "<$A", "é$A", "$A\x00", "$A b", "${A}}", "{$A}",
}

// TestExpandPlain holds the lexer-free expansion to BuildKit's lexer and
// checks it takes the ordinary words.
func TestExpandPlain(t *testing.T) {
	sc := expandScope()
	plain := 0
	for _, w := range expandWords {
		if samePlainExpansion(t, sc, w) {
			plain++
		}
	}
	for _, w := range []string{"$A", "${A}", "a:$A-$B.tgz", "$A$B$Z$A$Z$B"} {
		if _, ok := sc.expandPlain(w); !ok {
			t.Errorf("expandPlain leaves %q to the lexer", w)
		}
	}
	if plain < 10 {
		t.Errorf("only %d words took the plain path", plain)
	}
}

// FuzzExpandPlain holds the lexer-free expansion to BuildKit's lexer on
// arbitrary words. To fuzz:
//
//	go test ./internal/dockerfile -run '^$' -fuzz FuzzExpandPlain -parallel=1 -fuzztime 5m
func FuzzExpandPlain(f *testing.F) {
	for _, w := range expandWords {
		f.Add(w)
	}
	sc := expandScope()
	f.Fuzz(func(t *testing.T, word string) {
		samePlainExpansion(t, sc, word)
	})
}
