// Package ruledoc renders a rule's documentation from its declaration. The
// generated docs/rules pages, `dockstride explain` and SARIF's rule help all
// come from here, so what a user reads about a rule is the same everywhere
// and always matches the code.
package ruledoc

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// Markdown is the rule's full page: what it flags, why (the threat), the
// threat table, bad and good examples, the fix and references. Links are
// absolute, so the page reads the same on GitHub, in a SARIF viewer and in
// a terminal.
func Markdown(r *rules.Rule) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "**%s**\n\n", r.Title)
	b.WriteString("| | |\n| --- | --- |\n")
	fmt.Fprintf(&b, "| Severity | %s |\n", r.Severity)
	if r.Status == rules.Optional {
		b.WriteString("| Enabled | no: optional, enable it in configuration |\n")
	} else {
		b.WriteString("| Enabled | by default |\n")
	}
	if len(r.Aliases) > 0 {
		fmt.Fprintf(&b, "| Aliases | %s |\n", TableCell(codeList(r.Aliases)))
	}
	if note := strings.TrimSpace(r.Doc.SeverityNote); note != "" {
		fmt.Fprintf(&b, "\n**Severity:** %s\n", note)
	}
	b.WriteString("\n## Why\n\n")
	b.WriteString(strings.TrimSpace(r.Doc.Rationale) + "\n")
	if r.Doc.Impact != "" {
		fmt.Fprintf(&b, "\n**Impact:** %s\n", strings.TrimSpace(r.Doc.Impact))
	}
	b.WriteString("\n## Threat\n\n")
	b.WriteString(ThreatTable(r.Threat))
	if len(r.Doc.Bad) > 0 || len(r.Doc.Good) > 0 {
		b.WriteString("\n## Examples\n")
		for _, ex := range r.Doc.Bad {
			b.WriteString("\nFlagged:\n\n" + fence(ex.Text, exampleLang(ex.Input)))
		}
		for _, ex := range r.Doc.Good {
			b.WriteString("\nNot flagged:\n\n" + fence(ex.Text, exampleLang(ex.Input)))
		}
	}
	b.WriteString("\n## Fix\n\n")
	b.WriteString(strings.TrimSpace(r.Doc.Fix) + "\n")
	if len(r.Doc.Refs) > 0 {
		b.WriteString("\n## References\n\n")
		for _, ref := range r.Doc.Refs {
			fmt.Fprintf(&b, "- <%s>\n", ref)
		}
	}
	return b.String()
}

// Text is a short plain-text help: the rationale and the fix.
func Text(r *rules.Rule) string {
	return strings.TrimSpace(r.Doc.Rationale) + "\n\nFix: " + strings.TrimSpace(r.Doc.Fix)
}

// ThreatTable is the Markdown table of a rule's threat references, one row
// per framework, each entry linked to its catalogue page where one exists.
func ThreatTable(t threat.Ref) string {
	var b strings.Builder
	b.WriteString("| Framework | Reference |\n| --- | --- |\n")
	for _, row := range threatRows(t, true) {
		fmt.Fprintf(&b, "| %s | %s |\n", row.framework, TableCell(strings.Join(row.items, "<br>")))
	}
	return b.String()
}

// threatRow is one framework's references to a rule's threat.
type threatRow struct {
	framework string
	items     []string
}

// threatRows lists a rule's threat references per framework, frameworks
// without a reference left out; linked writes the IDs as Markdown links.
func threatRows(t threat.Ref, linked bool) []threatRow {
	link := func(text, url string) string {
		if linked {
			return "[" + text + "](" + url + ")"
		}
		return text
	}
	var stride, attack, cis, cwe, ctrl []string
	for _, s := range t.STRIDE {
		stride = append(stride, s.String())
	}
	for _, a := range t.ATTACK {
		attack = append(attack, fmt.Sprintf("%s %s (%s)", link(a.ID, a.URL()), a.Name, a.Tactic))
	}
	for _, c := range t.CIS {
		cis = append(cis, c.Number+" "+c.Title)
	}
	for _, c := range t.CWE {
		cwe = append(cwe, fmt.Sprintf("%s %s", link(c.String(), c.URL()), c.Name))
	}
	for _, c := range t.Controls {
		ctrl = append(ctrl, c.String()+" "+c.Title)
	}
	var rows []threatRow
	for _, r := range []threatRow{
		{"STRIDE", []string{strings.Join(stride, ", ")}},
		{"MITRE ATT&CK", attack},
		{"CIS Docker Benchmark", cis},
		{"CWE", cwe},
		{"Controls", ctrl},
	} {
		if len(r.items) > 0 && r.items[0] != "" {
			rows = append(rows, r)
		}
	}
	return rows
}

// TableCell makes text safe inside a Markdown table cell: pipes are escaped
// and line breaks become <br>, the only line break a cell can hold.
func TableCell(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(strings.TrimSpace(s), "\n", "<br>")
}

// fence wraps src in a code fence longer than any backtick run inside it.
func fence(src, lang string) string {
	n := 3
	for run, i := 0, 0; i < len(src); i++ {
		if src[i] == '`' {
			run++
			n = max(n, run+1)
		} else {
			run = 0
		}
	}
	f := strings.Repeat("`", n)
	return f + lang + "\n" + strings.TrimRight(src, "\n") + "\n" + f + "\n"
}

func codeList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = "`" + s + "`"
	}
	return strings.Join(q, ", ")
}

// STRIDESlug is the lower-case, hyphenated category name used in anchors
// and SARIF tags ("elevation-of-privilege").
func STRIDESlug(s threat.STRIDE) string {
	return strings.ToLower(strings.ReplaceAll(s.String(), " ", "-"))
}

// exampleLang is the code-fence language of an example's input.
func exampleLang(in rules.Input) string {
	switch in {
	case rules.InputImage:
		return "txtar"
	case rules.InputCompose:
		return "yaml"
	case rules.InputDaemon:
		return "json"
	}
	return in.String()
}
