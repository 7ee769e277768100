package rules

import (
	"maps"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
)

// TestVarEnvLayers checks the layered varEnv against plain map copies over
// random trees of clones (chains long enough to merge several levels).
func TestVarEnvLayers(t *testing.T) {
	type node struct {
		env  *varEnv
		want map[string]string
		keys []string
	}
	r := rand.New(rand.NewPCG(7, 7))
	nodes := []node{{env: newVarEnv(), want: map[string]string{}}}
	for i := range 3000 {
		parent := nodes[len(nodes)-1]
		if r.IntN(5) == 0 {
			parent = nodes[r.IntN(len(nodes))]
		}
		n := node{env: parent.env.clone(), want: maps.Clone(parent.want), keys: slices.Clone(parent.keys)}
		for range r.IntN(3) {
			k, v := "V"+strconv.Itoa(r.IntN(400)), strconv.Itoa(i)
			if _, ok := n.want[k]; !ok {
				n.keys = append(n.keys, k)
			}
			n.env.set(k, v)
			n.want[k] = v
		}
		nodes = append(nodes, n)
	}
	for i, n := range nodes {
		if got := n.env.Keys(); !slices.Equal(got, n.keys) {
			t.Fatalf("node %d: keys %v, want %v", i, got, n.keys)
		}
		for k := range 400 {
			name := "V" + strconv.Itoa(k)
			got, ok := n.env.Get(name)
			want, wantOK := n.want[name]
			if got != want || ok != wantOK {
				t.Fatalf("node %d: Get(%s) = %q, %v; want %q, %v", i, name, got, ok, want, wantOK)
			}
		}
	}
}
