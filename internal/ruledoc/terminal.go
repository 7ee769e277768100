package ruledoc

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/rules"
)

// terminalWidth is the column prose is wrapped at in Terminal.
const terminalWidth = 80

// Terminal is the rule's page for a terminal: the sections of Markdown,
// with no Markdown syntax left to read around (no tables, no <br>, no link
// brackets, no emphasis markers). Key-value blocks are aligned columns,
// prose is wrapped and indented, examples are indented code. Backquoted
// code keeps its backquotes, which read as quoting in plain text.
func Terminal(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: %s\n\n", r.ID, r.Name, r.Title)
	enabled := "by default"
	if r.Status == rules.Optional {
		enabled = "no: optional, enable it in configuration"
	}
	facts := []threatRow{{"Severity", []string{r.Severity.String()}}, {"Enabled", []string{enabled}}}
	if len(r.Aliases) > 0 {
		facts = append(facts, threatRow{"Aliases", []string{strings.Join(r.Aliases, ", ")}})
	}
	writeColumns(&b, facts)

	section(&b, "WHY")
	writeProse(&b, r.Doc.Rationale)
	if r.Doc.Impact != "" {
		b.WriteByte('\n')
		writeProse(&b, "Impact: "+r.Doc.Impact)
	}

	section(&b, "THREAT")
	writeColumns(&b, threatRows(r.Threat, false))

	if len(r.Doc.Bad) > 0 || len(r.Doc.Good) > 0 {
		section(&b, "EXAMPLES")
		first := true
		for _, group := range []struct {
			label string
			list  []rules.Example
		}{{"Flagged:", r.Doc.Bad}, {"Not flagged:", r.Doc.Good}} {
			for _, ex := range group.list {
				if !first {
					b.WriteByte('\n')
				}
				first = false
				b.WriteString("  " + group.label + "\n")
				for line := range strings.SplitSeq(strings.TrimRight(ex.Text, "\n"), "\n") {
					b.WriteString(strings.TrimRight("      "+line, " ") + "\n")
				}
			}
		}
	}

	section(&b, "FIX")
	writeProse(&b, r.Doc.Fix)
	if len(r.Doc.Refs) > 0 {
		section(&b, "REFERENCES")
		for _, ref := range r.Doc.Refs {
			b.WriteString("  " + ref + "\n")
		}
	}
	return b.String()
}

func section(b *strings.Builder, title string) { b.WriteString("\n" + title + "\n") }

// writeColumns writes name-value rows as two aligned columns, a value per
// line, indented by two spaces.
func writeColumns(b *strings.Builder, rows []threatRow) {
	width := 0
	for _, r := range rows {
		width = max(width, len(r.framework))
	}
	for _, r := range rows {
		for i, item := range r.items {
			name := r.framework
			if i > 0 {
				name = ""
			}
			fmt.Fprintf(b, "  %-*s  %s\n", width, name, plainInline(item))
		}
	}
}

var (
	mdLink = lazyre.New(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdAuto = lazyre.New(`<(https?://[^>\s]+)>`)
)

// plainInline turns the inline Markdown our docs use into plain text: a
// link becomes its text and address, emphasis markers go.
func plainInline(s string) string {
	s = mdLink().ReplaceAllStringFunc(s, func(m string) string {
		sub := mdLink().FindStringSubmatch(m)
		if sub[1] == sub[2] {
			return sub[2]
		}
		return sub[1] + " (" + sub[2] + ")"
	})
	s = mdAuto().ReplaceAllString(s, "$1")
	return strings.ReplaceAll(s, "**", "")
}

// writeProse writes Markdown prose as plain paragraphs, wrapped at
// terminalWidth and indented by two spaces. Paragraphs are separated by an
// empty line, as in the source.
func writeProse(b *strings.Builder, text string) {
	for i, para := range strings.Split(strings.TrimSpace(text), "\n\n") {
		if i > 0 {
			b.WriteByte('\n')
		}
		line := "  "
		for word := range strings.FieldsSeq(plainInline(para)) {
			if len(line) > 2 && len(line)+1+len(word) > terminalWidth {
				b.WriteString(line + "\n")
				line = "  "
			}
			if len(line) > 2 {
				line += " "
			}
			line += word
		}
		b.WriteString(line + "\n")
	}
}
