package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
	"github.com/fatih/color"
)

// palette holds the colours of the text format. Each is its own
// *color.Color with colour forced on or off, so output never depends on
// fatih/color's global terminal detection.
type palette struct {
	sev   map[rules.Severity]*color.Color
	loc   *color.Color
	id    *color.Color
	faint *color.Color
}

func newPalette(enabled bool) palette {
	mk := func(attrs ...color.Attribute) *color.Color {
		c := color.New(attrs...)
		if enabled {
			c.EnableColor()
		} else {
			c.DisableColor()
		}
		return c
	}
	return palette{
		sev: map[rules.Severity]*color.Color{
			rules.Error:   mk(color.FgRed, color.Bold),
			rules.Warning: mk(color.FgYellow, color.Bold),
			rules.Info:    mk(color.FgCyan),
			rules.Style:   mk(color.FgWhite),
		},
		loc:   mk(color.Bold),
		id:    mk(color.FgMagenta),
		faint: mk(color.Faint),
	}
}

// Text writes one line per finding for people, grouped per file or image
// (a blank line between groups, each line still self-contained for grep):
//
//	file:line SEVERITY ID name: message  [STRIDE: …]
//
// with --explain the rule's rationale, fix and threat references under each
// finding, input problems in their file's group, then a threat summary
// (findings per STRIDE category, ATT&CK techniques touched) and a summary
// line.
//
// With --compare (r.Compare set), the findings are listed as new, closed
// and remaining instead, followed by what changed per STRIDE category and
// ATT&CK technique.
func Text(w io.Writer, r *Report, m Meta) error {
	p := newPalette(m.Color)
	var b strings.Builder
	if r.Compare != nil {
		writeComparison(&b, p, r, m)
		_, err := io.WriteString(w, b.String())
		return err
	}
	groups := textGroups(r)
	for i, g := range groups {
		if i > 0 {
			b.WriteByte('\n')
		}
		for _, f := range g.findings {
			writeFindingLine(&b, p, "", f)
			if m.Explain {
				writeExplain(&b, p, f.Rule)
				if note := fixNote(f); note != "" {
					fmt.Fprintf(&b, "    %s %s\n", p.faint.Sprint("autofix:"), oneLine(note))
				}
			}
		}
		for _, pr := range g.problems {
			fmt.Fprintf(&b, "%s %s %s\n", p.loc.Sprint(oneLine(problemLocation(pr.File, pr.Line))), p.sev[rules.Error].Sprint("ERROR"), oneLine(pr.Message))
		}
	}
	if len(groups) > 0 {
		b.WriteByte('\n')
	}
	if m.ShowSuppressed && len(r.Suppressed) > 0 {
		writeSuppressed(&b, p, r.Suppressed)
	}
	writeThreatSummary(&b, p, r.Findings)
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// writeFindingLine writes one finding as a line, after indent.
func writeFindingLine(b *strings.Builder, p palette, indent string, f rules.Finding) {
	sev := p.sev[f.Severity]
	if sev == nil {
		sev = p.faint
	}
	fmt.Fprintf(b, "%s%s %s %s %s: %s  %s\n", indent,
		p.loc.Sprint(oneLine(f.Location.String())),
		sev.Sprint(strings.ToUpper(f.Severity.String())),
		p.id.Sprint(f.Rule.ID), f.Rule.Name, oneLine(Message(f)),
		p.faint.Sprint("[STRIDE: "+strideList(f.Rule)+"]"))
}

// writeComparison is the text format of a --compare run: the new
// findings (what fails the run), the closed and the remaining ones, then
// per STRIDE category and ATT&CK technique how many findings were closed,
// remain and are new, and the summary line.
func writeComparison(b *strings.Builder, p palette, r *Report, m Meta) {
	c := r.Compare
	fmt.Fprintf(b, "%s %s (before) with %s (after)\n\n", p.loc.Sprint("Compared"), oneLine(c.Before), oneLine(c.After))
	for _, part := range []struct {
		title string
		list  []rules.Finding
	}{{"New", c.New}, {"Closed", c.Closed}, {"Remaining", c.Remaining}} {
		if len(part.list) == 0 {
			continue
		}
		fmt.Fprintf(b, "%s\n", p.loc.Sprint(part.title+":"))
		for _, f := range part.list {
			writeFindingLine(b, p, "  ", f)
			if m.Explain && part.title != "Closed" {
				writeExplain(b, p, f.Rule)
			}
		}
		b.WriteByte('\n')
	}
	for _, pr := range r.Problems {
		fmt.Fprintf(b, "%s %s %s\n", p.loc.Sprint(oneLine(problemLocation(pr.File, pr.Line))), p.sev[rules.Error].Sprint("ERROR"), oneLine(pr.Message))
	}
	v := newComparisonView(c)
	if len(v.stride) > 0 {
		fmt.Fprintf(b, "%s\n", p.loc.Sprint("Findings per STRIDE category (closed / remaining / new):"))
		for _, row := range v.stride {
			n := row.counts()
			fmt.Fprintf(b, "  %-22s %3d / %3d / %3d  %s\n", row.category, n.Closed, n.Remaining, n.New, row.status())
		}
	}
	if len(v.attack) > 0 {
		fmt.Fprintf(b, "%s\n", p.loc.Sprint("ATT&CK techniques (closed / remaining / new):"))
		for _, row := range v.attack {
			n := row.counts()
			t := row.technique
			fmt.Fprintf(b, "  %-9s %3d / %3d / %3d  %-9s %s (%s)\n", t.ID, n.Closed, n.Remaining, n.New, row.status(), t.Name, t.Tactic)
		}
	}
	if len(v.stride)+len(v.attack) > 0 {
		b.WriteByte('\n')
	}
	line := strings.TrimSuffix(summaryLine(r), "\n")
	fmt.Fprintf(b, "%s; since %s: %d closed, %d remaining, %d new", line, oneLine(c.Before), len(c.Closed), len(c.Remaining), len(c.New))
	if c.Unknown > 0 {
		fmt.Fprintf(b, ", %s of rules this dockstride does not have", plural(c.Unknown, "finding"))
	}
	b.WriteByte('\n')
}

// writeSuppressed lists what pragmas silenced (--show-suppressed), each
// with the pragma, its line and the reason given, so reviews can audit
// the exceptions.
func writeSuppressed(b *strings.Builder, p palette, sup []lint.Suppressed) {
	b.WriteString("Suppressed:\n")
	for _, s := range sup {
		f := s.Finding
		why := fmt.Sprintf("by %q on line %d", s.By.Text, s.By.Line)
		if s.By.Reason != "" {
			why += ": " + s.By.Reason
		}
		if s.By.Until != "" {
			why += " (until " + s.By.Until + ")"
		}
		fmt.Fprintf(b, "  %s %s %s: %s  %s\n", p.loc.Sprint(oneLine(f.Location.String())), p.id.Sprint(f.Rule.ID), f.Rule.Name,
			oneLine(Message(f)), p.faint.Sprint(oneLine(why)))
	}
	b.WriteByte('\n')
}

type textGroup struct {
	findings []rules.Finding
	problems []lint.Problem
}

// textGroups splits the report per file or image, in the engine's order;
// files with only problems come after the files with findings.
func textGroups(r *Report) []textGroup {
	var g grouped[textGroup]
	for _, f := range r.Findings {
		tg := g.get(f.Target.Input().String()+"\x00"+f.Artifact(), nil)
		tg.findings = append(tg.findings, f)
	}
	for _, pr := range r.Problems {
		tg := g.get(rules.InputDockerfile.String()+"\x00"+pr.File, nil)
		tg.problems = append(tg.problems, pr)
	}
	return g.values()
}

func writeExplain(b *strings.Builder, p palette, r *rules.Rule) {
	line := func(label, text string) {
		if text = strings.Join(strings.Fields(text), " "); text != "" {
			fmt.Fprintf(b, "    %s %s\n", p.faint.Sprint(label), oneLine(text))
		}
	}
	line("why:", r.Doc.Rationale)
	line("fix:", r.Doc.Fix)
	var refs []string
	for _, a := range r.Threat.ATTACK {
		refs = append(refs, "ATT&CK "+a.ID+" "+a.Name)
	}
	for _, c := range r.Threat.CIS {
		refs = append(refs, c.String())
	}
	for _, c := range r.Threat.CWE {
		refs = append(refs, c.String())
	}
	line("threat:", strings.Join(refs, "; "))
	line("docs:", RuleURL(r))
}

// writeThreatSummary counts findings per STRIDE category (a finding counts
// once in each of its rule's categories) and lists the ATT&CK techniques
// the findings touch, in matrix order.
func writeThreatSummary(b *strings.Builder, p palette, fs []rules.Finding) {
	if len(fs) == 0 {
		return
	}
	s := summarize(fs)
	var parts []string
	for _, c := range threat.AllSTRIDE() {
		n := s.stride[c]
		part := fmt.Sprintf("%s %d", c, n)
		if n == 0 {
			part = p.faint.Sprint(part)
		}
		parts = append(parts, part)
	}
	fmt.Fprintf(b, "%s\n  %s\n", p.loc.Sprint("Findings per STRIDE category:"), strings.Join(parts, " · "))
	if len(s.techniques) > 0 {
		fmt.Fprintf(b, "%s\n", p.loc.Sprint("ATT&CK techniques touched:"))
		for _, t := range s.techniques {
			fmt.Fprintf(b, "  %-9s %s (%s): %s\n", t.ID, t.Name, t.Tactic, plural(s.attack[t], "finding"))
		}
	}
	b.WriteByte('\n')
}

func summaryLine(r *Report) string {
	counts := CountBySeverity(r.Findings)
	var parts []string
	if r.Files > 0 || r.Images == 0 {
		parts = append(parts, plural(r.Files, "file"))
	}
	if r.Images > 0 {
		parts = append(parts, plural(r.Images, "image"))
	}
	s := fmt.Sprintf("%s: %s (%d error, %d warning, %d info, %d style)",
		strings.Join(parts, ", "), plural(len(r.Findings), "finding"),
		counts[rules.Error], counts[rules.Warning], counts[rules.Info], counts[rules.Style])
	if r.Baselined > 0 {
		s += fmt.Sprintf(", %d baselined", r.Baselined)
	}
	if len(r.Suppressed) > 0 {
		s += fmt.Sprintf(", %d suppressed", len(r.Suppressed))
	}
	if len(r.Problems) > 0 {
		s += ", " + plural(len(r.Problems), "input error")
	}
	// Fixes are counted when the run built them (--explain, --fix).
	switch safe, unsafe := fixCounts(r.Findings); {
	case safe > 0 && unsafe > 0:
		s += fmt.Sprintf("; %d fixable with --fix, %d more with --unsafe-fixes", safe, unsafe)
	case safe > 0:
		s += fmt.Sprintf("; %d fixable with --fix", safe)
	case unsafe > 0:
		s += fmt.Sprintf("; %d fixable with --fix --unsafe-fixes", unsafe)
	}
	return s + "\n"
}
