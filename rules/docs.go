// Shorthands for documentation and threat references that several rules
// share.

package rules

import (
	t "github.com/dockstride/dockstride/internal/threat"
)

// hygiene is the threat mapping most pure style rules share: a coding
// standard (CWE-710) whose lapse makes review less reliable.
func hygiene() t.Ref {
	return t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	}
}

func buildKitDoc(slug string) string {
	return "https://docs.docker.com/reference/build-checks/" + slug + "/"
}

func hadolintDoc(id string) string { return "https://github.com/hadolint/hadolint/wiki/" + id }
