// LABEL key/value pairs as the label rules read them.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// provenance is the threat mapping of the label rules: metadata that says
// who built an image from what, whose absence or corruption weakens
// traceability.
func provenance() t.Ref {
	return t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SR4, t.NIST53_CM2},
	}
}

// label is one key=value of a LABEL instruction, variables expanded.
type label struct {
	key, value string
	rawKey     string
	// known is false when the key or value uses a variable with no known
	// value, which the rules cannot judge.
	known bool
}

// labels returns a LABEL's pairs.
func labels(in dockerfile.Instruction) []label {
	l, ok := in.(*dockerfile.Label)
	if !ok {
		return nil
	}
	var out []label
	for _, kv := range l.Cmd.Labels {
		lb := label{key: kv.Key, value: kv.Value, rawKey: kv.Key, known: true}
		if sc := in.Scope(); sc != nil {
			k, v := sc.Expand(kv.Key), sc.Expand(kv.Value)
			lb.key, lb.value = k.Value, v.Value
			lb.known = (k.Resolved || !strings.Contains(kv.Key, "$")) && (v.Resolved || !strings.Contains(kv.Value, "$"))
		}
		out = append(out, lb)
	}
	return out
}
