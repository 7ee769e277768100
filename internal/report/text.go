package report

import (
	"fmt"
	"io"
	"strings"

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

// Text writes one line per finding for people:
//
//	file:line SEVERITY ID name: message  [STRIDE: …]
//
// then the problems, then a summary line.
func Text(w io.Writer, r *Report, m Meta) error {
	p := newPalette(m.Color)
	var b strings.Builder
	for _, f := range r.Findings {
		sev := p.sev[f.Severity]
		if sev == nil {
			sev = p.faint
		}
		fmt.Fprintf(&b, "%s %s %s %s: %s  %s\n",
			p.loc.Sprint(location(f)),
			sev.Sprint(strings.ToUpper(f.Severity.String())),
			p.id.Sprint(f.Rule.ID), f.Rule.Name, f.Message,
			p.faint.Sprint("[STRIDE: "+strideList(f.Rule)+"]"))
		if m.Explain {
			writeExplain(&b, f.Rule)
		}
	}
	for _, pr := range r.Problems {
		fmt.Fprintf(&b, "%s %s %s\n", p.loc.Sprint(problemLocation(pr.File, pr.Line)), p.sev[rules.Error].Sprint("ERROR"), pr.Message)
	}
	b.WriteString(summaryLine(r))
	_, err := io.WriteString(w, b.String())
	return err
}

func writeExplain(b *strings.Builder, r *rules.Rule) {
	if r.Doc.Rationale != "" {
		fmt.Fprintf(b, "    why: %s\n", r.Doc.Rationale)
	}
	if r.Doc.Fix != "" {
		fmt.Fprintf(b, "    fix: %s\n", r.Doc.Fix)
	}
}

// location renders where a finding is: file:line for Dockerfiles,
// image[:path] for images.
func location(f rules.Finding) string {
	if f.Target == rules.TargetImage {
		loc := f.Image
		if f.Path != "" {
			loc += ":" + f.Path
		}
		return loc
	}
	return problemLocation(f.File, f.Line)
}

func problemLocation(file string, line int) string {
	if line > 0 {
		return fmt.Sprintf("%s:%d", file, line)
	}
	return file
}

func strideList(r *rules.Rule) string {
	names := make([]string, len(r.Threat.STRIDE))
	for i, s := range r.Threat.STRIDE {
		names[i] = s.String()
	}
	return strings.Join(names, ", ")
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
	if len(r.Suppressed) > 0 {
		s += fmt.Sprintf(", %d suppressed", len(r.Suppressed))
	}
	if len(r.Problems) > 0 {
		s += ", " + plural(len(r.Problems), "input error")
	}
	return s + "\n"
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("1 %s", word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
