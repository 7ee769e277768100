package dockerfile

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// TestScopeStrideLookup checks the stride index of long Scope lists against
// a plain walk, over a random tree of declarations.
func TestScopeStrideLookup(t *testing.T) {
	naive := func(s *Scope, name string) (Var, bool) {
		for c := s; c != nil; c = c.parent {
			if c.parent != nil && c.v.Name == name {
				return c.v, true
			}
		}
		return Var{}, false
	}
	r := rand.New(rand.NewPCG(3, 3))
	scopes := []*Scope{newRootScope(NewLex('\\'))}
	for i := range 5000 {
		parent := scopes[len(scopes)-1]
		if r.IntN(10) == 0 {
			parent = scopes[r.IntN(len(scopes))]
		}
		scopes = append(scopes, parent.With(Var{Name: "V" + strconv.Itoa(r.IntN(300)), Value: strconv.Itoa(i), Known: true}))
	}
	for i, s := range scopes {
		if i%7 != 0 {
			continue
		}
		for k := range 310 {
			name := "V" + strconv.Itoa(k)
			got, ok := s.Lookup(name)
			want, wantOK := naive(s, name)
			if got != want || ok != wantOK {
				t.Fatalf("scope %d: Lookup(%s) = %+v, %v; want %+v, %v", i, name, got, ok, want, wantOK)
			}
		}
	}
}
