package lint

import (
	"regexp"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/rules"
)

// Suppressed is a finding an inline pragma silenced, kept so that
// --show-suppressed and SARIF can list it with the reason.
type Suppressed struct {
	Finding rules.Finding
	By      Suppression
}

// Suppression is one pragma that silences rules.
type Suppression struct {
	// Line is the comment's line.
	Line int
	// Scope is "instruction" or "file".
	Scope string
	// Keys are the rule IDs, names or aliases it names.
	Keys []string
	// Reason is the text after "--", if any.
	Reason string
	// Tool is the pragma's dialect: "dockstride" or "hadolint".
	Tool string
}

var pragmaRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^#\s*(dockstride|hadolint)\s+(global\s+)?ignore\s*=\s*([A-Za-z0-9_,\s-]+?)\s*(?:--\s*(.*))?$`)
})

// parsePragma reads one comment line (with its '#').
func parsePragma(line string, lineNo int) (Suppression, bool) {
	m := pragmaRE().FindStringSubmatch(strings.TrimSpace(line))
	if m == nil {
		return Suppression{}, false
	}
	s := Suppression{Line: lineNo, Scope: "instruction", Tool: m[1], Reason: strings.TrimSpace(m[4])}
	if m[2] != "" {
		s.Scope = "file"
	}
	s.Keys = strings.FieldsFunc(m[3], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
	return s, len(s.Keys) > 0
}

// suppressions holds a file's pragmas, indexed for lookup by finding line.
type suppressions struct {
	global []Suppression
	// byLine maps an instruction's start line to the pragmas directly above it.
	byLine map[int][]Suppression
	// owner maps every line of an instruction to its start line.
	owner map[int]int
}

func parseSuppressions(f *dockerfile.File) *suppressions {
	s := &suppressions{byLine: map[int][]Suppression{}, owner: map[int]int{}}
	for i, l := range f.Lines {
		t := strings.TrimSpace(l)
		if !strings.HasPrefix(t, "#") {
			continue
		}
		if p, ok := parsePragma(t, i+1); ok && p.Scope == "file" {
			s.global = append(s.global, p)
		}
	}
	for _, in := range f.Instructions {
		rng := in.Range()
		for l := rng.StartLine; l <= rng.EndLine; l++ {
			s.owner[l] = rng.StartLine
		}
		// Pragmas are the comment block directly above the instruction.
		for l := rng.StartLine - 1; l >= 1; l-- {
			t := strings.TrimSpace(f.Lines[l-1])
			if !strings.HasPrefix(t, "#") {
				break
			}
			if p, ok := parsePragma(t, l); ok && p.Scope == "instruction" {
				s.byLine[rng.StartLine] = append(s.byLine[rng.StartLine], p)
			}
		}
	}
	return s
}

// suppressed reports whether a pragma silences fd.
func (s *suppressions) suppressed(f *dockerfile.File, fd rules.Finding) (Suppression, bool) {
	for _, p := range s.global {
		if p.covers(&fd) {
			return p, true
		}
	}
	start, ok := s.owner[fd.Line]
	if !ok {
		start = fd.Line
	}
	for _, p := range s.byLine[start] {
		if p.covers(&fd) {
			return p, true
		}
	}
	return Suppression{}, false
}

// covers reports whether the pragma names the finding: its rule, or for a
// rule whose findings carry their own peer IDs, one of the finding's.
func (p Suppression) covers(fd *rules.Finding) bool {
	for _, k := range p.Keys {
		if fd.Matches(k) {
			return true
		}
	}
	return false
}
