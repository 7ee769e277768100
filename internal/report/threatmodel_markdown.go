package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// ThreatModel writes the threat model as Markdown, in the structure of the
// project's hand-written threat model: 1. Overview, 2. STRIDE Analysis,
// 3. MITRE ATT&CK for Containers, 4. Controls Mapping, 5. Conclusion; with
// --compare, 6. Before and After; then an appendix of where each
// vulnerability was found. Table rows are one line each, as a reviewer
// writes them.
func ThreatModel(w io.Writer, r *Report, m Meta) error {
	tm := buildThreatModel(r, m)
	var b strings.Builder
	fmt.Fprintf(&b, "# Threat Model: %s\n\n", mdText(tm.subject))
	sections := []func(*strings.Builder, *threatModel){mdOverview, mdSTRIDE, mdATTACK, mdControls, mdConclusion}
	if tm.compare != nil {
		sections = append(sections, mdCompare)
	}
	sections = append(sections, mdAppendix)
	for i, section := range sections {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		section(&b, tm)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func mdOverview(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 1. Overview\n\n")
	fmt.Fprintf(b, "Threat modeling performed on %s by %s", mdText(tm.subject), mdText(tm.tool))
	if tm.version != "" {
		b.WriteString(" " + mdText(tm.version))
	}
	if !tm.generated.IsZero() {
		b.WriteString(" on " + tm.generated.Format("2006-01-02 15:04 MST"))
	}
	b.WriteString(", following STRIDE and MITRE ATT&CK methodologies. The vulnerabilities were identified " +
		"from the scan of the inputs below, each named with the reference a reviewer cites it by " +
		"(a bandit test ID, a CIS Docker Benchmark item or a dockstride rule); the appendix says where each was found.\n\n")
	fmt.Fprintf(b, "- **Scanned:** %s\n", scannedList(tm))
	fmt.Fprintf(b, "- **Findings:** %d in %s (%d error, %d warning, %d info, %d style)", tm.findings,
		plural(len(tm.vulns), "vulnerability"), tm.counts[rules.Error], tm.counts[rules.Warning], tm.counts[rules.Info], tm.counts[rules.Style])
	if tm.suppressed > 0 {
		fmt.Fprintf(b, "; %d suppressed in the source and left out below", tm.suppressed)
	}
	b.WriteString("\n")
	if c := tm.compare; c != nil {
		fmt.Fprintf(b, "- **Compared with:** `%s` (before): %d findings closed, %d remaining, %d new (section 6)\n",
			codeText(c.before), c.nClosed, c.nRemaining, c.nAdded)
	}
	if len(tm.problems) > 0 {
		var ps []string
		for _, p := range tm.problems {
			ps = append(ps, mdText(p.String()))
		}
		b.WriteString("- **Not analysed:** " + strings.Join(ps, "; ") + "\n")
	}
}

func mdSTRIDE(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 2. STRIDE Analysis\n\n")
	if len(tm.stride) == 0 {
		b.WriteString("No findings.\n")
		return
	}
	b.WriteString("| Threat Category | Vulnerability | Impact | Mitigation |\n| --- | --- | --- | --- |\n")
	for _, row := range tm.stride {
		for _, v := range row.vulns {
			fmt.Fprintf(b, "| %s | %s | %s | %s |\n", row.category, cell(v.title()), cell(v.impact()), cell(v.mitigation()))
		}
	}
	if len(tm.empty) > 0 {
		fmt.Fprintf(b, "\nNo finding falls under %s. That is what the scan could see, not proof that the threat is absent.\n", joinSTRIDE(tm.empty))
	}
}

func mdATTACK(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 3. MITRE ATT&CK for Containers\n\n")
	if len(tm.attack) == 0 {
		b.WriteString("No finding maps to an ATT&CK technique.\n")
	} else {
		b.WriteString("| Tactic | Technique ID | Technique Name | Relevant Vulnerability |\n| --- | --- | --- | --- |\n")
		for _, row := range tm.attack {
			t := row.technique
			fmt.Fprintf(b, "| %s | [%s](%s) | %s | %s |\n", t.Tactic, t.ID, t.URL(), t.Name, cell(titles(row.vulns)))
		}
	}
	if len(tm.unseen) > 0 {
		var l []string
		for _, t := range tm.unseen {
			l = append(l, fmt.Sprintf("%s %s (%s)", t.ID, t.Name, t.Tactic))
		}
		fmt.Fprintf(b, "\nNo finding enables %s, which a containerised service's threat model also considers.\n", strings.Join(l, ", "))
	}
}

func mdControls(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 4. Controls Mapping\n\n")
	if len(tm.vulns) == 0 {
		b.WriteString("No findings.\n")
		return
	}
	b.WriteString("| Vulnerability | CWE | CIS Docker Benchmark | OWASP Top Ten / ASVS | NIST SP 800-53 / 800-190 |\n| --- | --- | --- | --- | --- |\n")
	for _, v := range tm.vulns {
		c := v.controls()
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", cell(v.title()), orDash(c.cwe), orDash(c.cis), orDash(c.owasp), orDash(c.nist))
	}
}

func mdConclusion(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 5. Conclusion\n\n")
	if len(tm.vulns) == 0 {
		b.WriteString("The scan found nothing to model")
		if len(tm.problems) > 0 {
			b.WriteString(", but some inputs could not be analysed (see the overview)")
		}
		b.WriteString(".\n")
		return
	}
	fmt.Fprintf(b, "This threat model identifies %s behind %d of the 6 STRIDE categories and %s across %s. ",
		plural(len(tm.vulns), "vulnerability"), len(tm.stride), plural(len(tm.attack), "ATT&CK technique"), plural(tm.tactics, "tactic"))
	b.WriteString("Fixing them in this order closes the most threats first (a threat is a STRIDE category or an ATT&CK " +
		"technique the vulnerability enables; *alone* marks those no other vulnerability keeps open):\n\n")
	for i, f := range tm.fixes {
		if i == maxFixes {
			fmt.Fprintf(b, "\nThe appendix lists the other %s.\n", plural(len(tm.fixes)-i, "vulnerability"))
			break
		}
		fmt.Fprintf(b, "%d. **%s**: %s Closes %s: %s", i+1, cell(f.vuln.title()), cell(f.vuln.mitigation()),
			plural(f.vuln.threats(), "threat"), strings.Join(threatNames(f.vuln), ", "))
		if len(f.alone) > 0 {
			fmt.Fprintf(b, " (alone: %s)", strings.Join(f.alone, ", "))
		}
		b.WriteString(".\n")
	}
}

// maxFixes caps the conclusion's list; the appendix has every
// vulnerability.
const maxFixes = 10

// threatNames lists the threats a vulnerability enables: its STRIDE
// categories, then its ATT&CK technique IDs.
func threatNames(v *vulnerability) []string {
	var out []string
	for _, s := range v.stride {
		out = append(out, s.String())
	}
	for _, t := range v.attack {
		out = append(out, t.ID)
	}
	return out
}

func mdCompare(b *strings.Builder, tm *threatModel) {
	c := tm.compare
	b.WriteString("## 6. Before and After\n\n")
	fmt.Fprintf(b, "Compared `%s` (before) with `%s` (after), matching findings by fingerprint (rule, file and source text, "+
		"not line): %d findings closed, %d remaining, %d new.", codeText(c.before), codeText(c.after), c.nClosed, c.nRemaining, c.nAdded)
	if c.unknown > 0 {
		fmt.Fprintf(b, " %s of the before run belong to rules this dockstride does not have and are left out.", plural(c.unknown, "finding"))
	}
	b.WriteString("\n\n")
	if len(c.stride) == 0 {
		b.WriteString("Neither run has findings.\n")
		return
	}
	b.WriteString("| Threat Category | Status | Closed | Remaining | New |\n| --- | --- | --- | --- | --- |\n")
	for _, row := range c.stride {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s |\n", row.category, row.status(), deltaCell(row.closed), deltaCell(row.remaining), deltaCell(row.added))
	}
	if len(c.attack) > 0 {
		b.WriteString("\n| Tactic | Technique | Status | Closed | Remaining | New |\n| --- | --- | --- | --- | --- | --- |\n")
		for _, row := range c.attack {
			t := row.technique
			fmt.Fprintf(b, "| %s | %s %s | %s | %s | %s | %s |\n", t.Tactic, t.ID, t.Name, row.status(),
				deltaCell(row.closed), deltaCell(row.remaining), deltaCell(row.added))
		}
	}
}

// deltaCell lists vulnerabilities with their finding counts, or a dash.
func deltaCell(vs []*vulnerability) string {
	if len(vs) == 0 {
		return "—"
	}
	var l []string
	for _, v := range vs {
		l = append(l, fmt.Sprintf("%s ×%d", v.title(), v.count))
	}
	return cell(strings.Join(l, "; "))
}

func mdAppendix(b *strings.Builder, tm *threatModel) {
	b.WriteString("## Appendix: Where Each Vulnerability Was Found\n\n")
	if len(tm.vulns) == 0 {
		b.WriteString("No findings.\n")
		return
	}
	b.WriteString("| Vulnerability | Rule | Severity | Findings | Where | Fix |\n| --- | --- | --- | --- | --- | --- |\n")
	for _, v := range tm.vulns {
		for _, h := range v.rules {
			fmt.Fprintf(b, "| %s | %s `%s` | %s | %d | %s | %s |\n", cell(v.title()), h.rule.ID, h.rule.Name, h.severity,
				len(h.findings), cell(mdWhere(h)), cell(oneParagraph(h.rule.Doc.Fix)))
		}
	}
}

// mdWhere lists a rule's locations, at most maxWhere of them, escaped:
// paths and image names come from the scanned input.
func mdWhere(h *ruleHits) string {
	locs := h.where()
	more := ""
	if len(locs) > maxWhere {
		more = fmt.Sprintf(" and %d more", len(locs)-maxWhere)
		locs = locs[:maxWhere]
	}
	for i, l := range locs {
		locs[i] = mdText(l)
	}
	return strings.Join(locs, "; ") + more
}

func titles(vs []*vulnerability) string {
	var l []string
	for _, v := range vs {
		l = append(l, v.title())
	}
	return strings.Join(l, "; ")
}

func orDash(l []string) string {
	if len(l) == 0 {
		return "—"
	}
	return cell(strings.Join(l, ", "))
}

func scannedList(tm *threatModel) string {
	if len(tm.inputs) == 0 {
		return "nothing"
	}
	var l []string
	for _, in := range tm.inputs {
		l = append(l, "`"+codeText(in)+"`")
	}
	return strings.Join(l, ", ")
}

// codeText makes input text safe inside a Markdown code span.
func codeText(s string) string { return strings.ReplaceAll(oneLine(s), "`", "'") }

// cell makes text one Markdown table cell: pipes escaped, line breaks
// folded.
func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.Join(strings.Fields(s), " ")
}

// mdText escapes text that comes from the scanned input (paths, image
// references) so it renders literally: no HTML, emphasis, links or code.
// Pipes are left to cell, which escapes them once for tables.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range oneLine(s) {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '#':
			b.WriteRune('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
