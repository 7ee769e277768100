package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// DocsURL is where each rule's generated page lives; SARIF helpUri and the
// threat model link to DocsURL + ID + ".md".
const DocsURL = "https://github.com/dockstride/dockstride/blob/main/docs/rules/"

// RuleURL is the documentation page of a rule.
func RuleURL(r *rules.Rule) string { return DocsURL + r.ID + ".md" }

// reportRules is every rule a report mentions: the rules that ran plus the
// rules of the findings and suppressed findings (so a consumer never sees a
// rule ID it cannot look up), sorted by ID.
func reportRules(r *Report) []*rules.Rule {
	seen := map[string]bool{}
	var out []*rules.Rule
	add := func(rl *rules.Rule) {
		if rl != nil && !seen[rl.ID] {
			seen[rl.ID] = true
			out = append(out, rl)
		}
	}
	for _, rl := range r.Rules {
		add(rl)
	}
	for _, f := range r.Findings {
		add(f.Rule)
	}
	for _, s := range r.Suppressed {
		add(s.Finding.Rule)
	}
	slices.SortFunc(out, func(a, b *rules.Rule) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Message is a finding's message as people read it: led by the compose
// service it belongs to, when it belongs to one ("service web: publishes
// …"). JSON carries the message and the service apart.
func Message(f rules.Finding) string {
	switch {
	case f.Service == "":
		return f.Message
	case strings.Contains(f.Service, ", "):
		return "services " + f.Service + ": " + f.Message
	}
	return "service " + f.Service + ": " + f.Message
}

func problemLocation(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

// oneLine makes text safe for line-oriented output: newlines and other
// control characters are written as Go escapes, so a hostile Dockerfile
// can neither forge extra output lines nor send terminal escape sequences
// through a message.
func oneLine(s string) string {
	if !strings.ContainsFunc(s, isControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case isControl(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

func strideNames(r *rules.Rule) []string {
	names := make([]string, len(r.Threat.STRIDE))
	for i, s := range r.Threat.STRIDE {
		names[i] = s.String()
	}
	return names
}

func strideList(r *rules.Rule) string { return strings.Join(strideNames(r), ", ") }

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	if stem, ok := strings.CutSuffix(word, "y"); ok && !strings.HasSuffix(stem, "e") {
		return fmt.Sprintf("%d %sies", n, stem)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// ThreatLists is a rule's threat references as the JSON outputs spell them:
// STRIDE names, ATT&CK IDs, CIS item numbers, "CWE-n" and control strings.
// Every list is non-nil, so JSON shows [] rather than null.
type ThreatLists struct {
	STRIDE, ATTACK, CIS, CWE, Controls []string
}

// Threats renders a rule's threat references for machine output.
func Threats(r *rules.Rule) ThreatLists {
	t := ThreatLists{STRIDE: strideNames(r), ATTACK: []string{}, CIS: []string{}, CWE: []string{}, Controls: []string{}}
	for _, a := range r.Threat.ATTACK {
		t.ATTACK = append(t.ATTACK, a.ID)
	}
	for _, c := range r.Threat.CIS {
		t.CIS = append(t.CIS, c.Number)
	}
	for _, c := range r.Threat.CWE {
		t.CWE = append(t.CWE, c.String())
	}
	for _, c := range r.Threat.Controls {
		t.Controls = append(t.Controls, c.String())
	}
	return t
}

// grouped collects values per key in first-seen order: how the text,
// Checkstyle and JUnit formats gather findings per file or image without
// reordering what the engine sorted.
type grouped[T any] struct {
	keys  []string
	byKey map[string]*T
}

// get returns the group for key, creating it (with init) on first use.
func (g *grouped[T]) get(key string, init func(*T)) *T {
	if v, ok := g.byKey[key]; ok {
		return v
	}
	if g.byKey == nil {
		g.byKey = map[string]*T{}
	}
	v := new(T)
	if init != nil {
		init(v)
	}
	g.byKey[key] = v
	g.keys = append(g.keys, key)
	return v
}

// values returns the groups in first-seen order.
func (g *grouped[T]) values() []T {
	out := make([]T, 0, len(g.keys))
	for _, k := range g.keys {
		out = append(out, *g.byKey[k])
	}
	return out
}

// imagePathLine is the path of a finding in an image, with ":line" when it
// is about a line of a source file there.
func imagePathLine(f rules.Finding) string {
	if f.Line > 0 {
		return fmt.Sprintf("%s:%d", f.Path, f.Line)
	}
	return f.Path
}
