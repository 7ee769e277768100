package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// GNU writes one line per finding in the GNU Coding Standards' form that
// editors (Emacs compilation mode, Vim's quickfix) jump to:
//
//	file:line: severity: message [ID name]
//	file:line-endline: severity: message [ID name]
//
// Image findings use the image (and the path inside it) as the file.
func GNU(w io.Writer, r *Report, _ Meta) error {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%s: %s: %s [%s %s]\n", gnuLocation(f), f.Severity, oneLine(Message(f)), f.Rule.ID, f.Rule.Name)
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "%s: error: %s\n", oneLine(problemLocation(p.File, p.Line)), oneLine(p.Message))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func gnuLocation(f rules.Finding) string {
	if f.InImage() || f.Line <= 0 {
		return oneLine(f.Location.String())
	}
	loc := fmt.Sprintf("%s:%d", oneLine(f.File), f.Line)
	if f.Column > 0 {
		loc += fmt.Sprintf(".%d", f.Column)
	}
	if f.EndLine > f.Line {
		loc += fmt.Sprintf("-%d", f.EndLine)
	}
	return loc
}
