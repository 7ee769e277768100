// Shell variable declarations (export X=…, X=… cmd) in RUN scripts, with
// their literal values, read by the TLS, signature, cache and secret rules.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"mvdan.cc/sh/v3/syntax"
)

// declAssign is one NAME=value of a declaration command (export, declare,
// readonly, typeset, local), with the value's syntax.
type declAssign struct {
	name  string
	value *syntax.Word
}

// declAssigns is walkDecls of a RUN's script, walked once for the rules
// that ask (TLS, signatures, secrets) and only when the RUN's text has a
// declaration keyword at all: the walk visits the whole syntax tree, and
// nearly no RUN needs it.
func declAssigns(f *dockerfile.File, in dockerfile.Instruction, s *dockerfile.Script) []declAssign {
	type key struct{}
	return s.Memo(key{}, func() any {
		if !hasDeclaration(f.Source(in.Range())) {
			return []declAssign(nil)
		}
		return walkDecls(s)
	}).([]declAssign)
}

// hasDeclaration reports whether src uses a declaration builtin (export,
// declare, readonly, typeset, local) as a word followed by a blank or the
// end of a line ("local x=1", not "/usr/local/bin"). A plain search: a
// regexp here costs more than the rules it spares.
func hasDeclaration(src string) bool {
	for _, kw := range []string{"export", "declare", "readonly", "typeset", "local"} {
		for i := 0; ; {
			j := strings.Index(src[i:], kw)
			if j < 0 {
				break
			}
			at, end := i+j, i+j+len(kw)
			before := at == 0 || strings.IndexByte(" \t\n;&|(`{", src[at-1]) >= 0
			if before && (end == len(src) || strings.IndexByte(" \t\n", src[end]) >= 0) {
				return true
			}
			i = end
		}
	}
	return false
}

// walkDecls lists the NAME=value assignments of the declaration commands
// of a script.
func walkDecls(s *dockerfile.Script) []declAssign {
	var out []declAssign
	for _, f := range s.Files {
		syntax.Walk(f, func(n syntax.Node) bool {
			d, ok := n.(*syntax.DeclClause)
			if !ok {
				return true
			}
			for _, a := range d.Args {
				if a.Name != nil && a.Value != nil {
					out = append(out, declAssign{name: a.Name.Value, value: a.Value})
				}
			}
			return true
		})
	}
	return out
}

// wordText renders a word, literal parts unquoted.
func wordText(w *syntax.Word) string {
	var b strings.Builder
	for _, part := range w.Parts {
		switch x := part.(type) {
		case *syntax.Lit:
			b.WriteString(x.Value)
		case *syntax.SglQuoted:
			b.WriteString(x.Value)
		case *syntax.DblQuoted:
			for _, dp := range x.Parts {
				if lit, ok := dp.(*syntax.Lit); ok {
					b.WriteString(lit.Value)
				}
			}
		}
	}
	return b.String()
}
