package report

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// The threat-model formats write, from the findings of one run, the document
// a security team writes by hand (../shared/threat-model.md): an overview, a
// STRIDE table, an ATT&CK table, a controls mapping and a conclusion saying
// what to fix first. Both renderings (Markdown and JSON) come from one
// threatModel value, so they cannot disagree.

// maxLocations caps the places listed per rule in a table cell; the JSON
// rendering lists them all.
const maxLocations = 5

// ruleHits is one rule's findings in the run.
type ruleHits struct {
	rule     *rules.Rule
	findings []rules.Finding
	// severity is the most severe of the findings (overrides may differ
	// from the rule's default).
	severity rules.Severity
}

type strideRow struct {
	category threat.STRIDE
	hits     []*ruleHits
}

type attackRow struct {
	tactic    string
	technique *threat.Technique
	hits      []*ruleHits
}

type threatModel struct {
	subject    string
	generated  time.Time // zero when Meta.Now is nil
	tool       string
	version    string
	inputs     []string
	files      int
	images     int
	counts     map[rules.Severity]int
	findings   int
	suppressed int
	problems   []lint.Problem
	stride     []strideRow
	empty      []threat.STRIDE // categories without findings
	attack     []attackRow
	hits       []*ruleHits // every rule that fired, in fix-first order
	techniques int
	tactics    int
}

func buildThreatModel(r *Report, m Meta) *threatModel {
	tm := &threatModel{
		tool: m.toolName(), version: m.ToolVersion, inputs: r.Inputs, files: r.Files, images: r.Images,
		counts: CountBySeverity(r.Findings), findings: len(r.Findings), suppressed: len(r.Suppressed), problems: r.Problems,
	}
	if m.Now != nil {
		tm.generated = m.Now().UTC()
	}
	if len(tm.inputs) == 0 {
		tm.inputs = inputsOf(r)
	}
	tm.subject = subject(tm.inputs, r.Files, r.Images)

	byRule := map[*rules.Rule]*ruleHits{}
	for _, f := range r.Findings {
		h := byRule[f.Rule]
		if h == nil {
			h = &ruleHits{rule: f.Rule, severity: f.Severity}
			byRule[f.Rule] = h
			tm.hits = append(tm.hits, h)
		}
		h.findings = append(h.findings, f)
		if f.Severity.AtLeast(h.severity) {
			h.severity = f.Severity
		}
	}
	// Fix first: the most severe, then the widest STRIDE spread (one fix
	// closes more threats), then the most findings.
	slices.SortFunc(tm.hits, func(a, b *ruleHits) int {
		return cmp.Or(
			cmp.Compare(a.severity, b.severity),
			-cmp.Compare(len(a.rule.Threat.STRIDE), len(b.rule.Threat.STRIDE)),
			-cmp.Compare(len(a.findings), len(b.findings)),
			cmp.Compare(a.rule.ID, b.rule.ID))
	})

	for _, c := range threat.AllSTRIDE() {
		row := strideRow{category: c}
		for _, h := range tm.hits {
			if slices.Contains(h.rule.Threat.STRIDE, c) {
				row.hits = append(row.hits, h)
			}
		}
		if len(row.hits) == 0 {
			tm.empty = append(tm.empty, c)
			continue
		}
		tm.stride = append(tm.stride, row)
	}

	sum := summarize(r.Findings)
	tactics := map[string]bool{}
	for _, t := range sum.techniques {
		row := attackRow{tactic: t.Tactic, technique: t}
		for _, h := range tm.hits {
			if slices.Contains(h.rule.Threat.ATTACK, t) {
				row.hits = append(row.hits, h)
			}
		}
		tactics[row.tactic] = true
		tm.attack = append(tm.attack, row)
	}
	tm.techniques, tm.tactics = len(sum.techniques), len(tactics)
	return tm
}

// inputsOf names the scanned files and images from what the report holds
// when the caller did not list them.
func inputsOf(r *Report) []string {
	var out []string
	add := func(s string) {
		if s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	for _, f := range r.Findings {
		add(f.Artifact())
	}
	for _, p := range r.Problems {
		add(p.File)
	}
	return out
}

func subject(inputs []string, files, images int) string {
	if len(inputs) == 1 {
		return inputs[0]
	}
	var parts []string
	if files > 0 || images == 0 {
		parts = append(parts, plural(files, "Dockerfile"))
	}
	if images > 0 {
		parts = append(parts, plural(images, "image"))
	}
	return strings.Join(parts, " and ")
}

// locations renders where a rule fired: "Dockerfile:3, 5" for lines of one
// file, "app:1.0:/etc/shadow" for an image path, "app:1.0 (config)" for an
// image finding without a path.
func (h *ruleHits) locations() []string {
	var out []string
	lastFile, lastLine := "", 0
	for _, f := range h.findings {
		var loc string
		switch {
		case f.InImage() && f.Path != "":
			loc = f.Image + ":" + f.Path
		case f.Target == rules.TargetImageHistory:
			loc = fmt.Sprintf("%s (history entry %d)", f.Image, f.History)
		case f.InImage():
			loc = f.Image
			if f.Target.Origin() != "" {
				loc += " (" + f.Target.Origin() + ")"
			}
		case f.Line > 0 && f.File == lastFile:
			if f.Line != lastLine {
				out[len(out)-1] += fmt.Sprintf(", %d", f.Line)
				lastLine = f.Line
			}
			continue
		default:
			loc = problemLocation(f.File, f.Line)
		}
		lastFile, lastLine = "", 0
		if !f.InImage() && f.Line > 0 {
			lastFile, lastLine = f.File, f.Line
		}
		if !slices.Contains(out, loc) {
			out = append(out, loc)
		}
	}
	return out
}

// firstSentence shortens a fix for the conclusion's list.
func firstSentence(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == ' ' && strings.Count(s[:i], "`")%2 == 0 {
			return s[:i+1]
		}
	}
	return s
}

// ThreatModel writes the threat model as Markdown, in the structure of the
// project's hand-written threat model: 1. Overview, 2. STRIDE Analysis,
// 3. MITRE ATT&CK for Containers, 4. Controls Mapping, 5. Conclusion.
func ThreatModel(w io.Writer, r *Report, m Meta) error {
	tm := buildThreatModel(r, m)
	var b strings.Builder
	fmt.Fprintf(&b, "# Threat Model: %s\n\n", mdText(tm.subject))
	for i, section := range []func(*strings.Builder, *threatModel){
		writeOverview, writeSTRIDE, writeATTACK, writeControls, writeConclusion,
	} {
		if i > 0 {
			b.WriteString("\n---\n\n")
		}
		section(&b, tm)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func writeOverview(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 1. Overview\n\n")
	b.WriteString("Threat modeling performed by " + mdText(tm.tool))
	if tm.version != "" {
		b.WriteString(" " + mdText(tm.version))
	}
	if !tm.generated.IsZero() {
		b.WriteString(" on " + tm.generated.Format("2006-01-02 15:04 MST"))
	}
	b.WriteString(", following STRIDE and MITRE ATT&CK methodologies. Every vulnerability below is a finding " +
		"of a dockstride rule on the scanned Dockerfiles and images, named with its rule and location; impact " +
		"and mitigation come from the rule's documentation.\n\n")
	fmt.Fprintf(b, "- **Scanned:** %s\n", scannedList(tm))
	fmt.Fprintf(b, "- **Findings:** %d (%d error, %d warning, %d info, %d style)", tm.findings,
		tm.counts[rules.Error], tm.counts[rules.Warning], tm.counts[rules.Info], tm.counts[rules.Style])
	if tm.suppressed > 0 {
		fmt.Fprintf(b, "; %d suppressed in the source and left out below", tm.suppressed)
	}
	b.WriteString("\n")
	if len(tm.problems) > 0 {
		var ps []string
		for _, p := range tm.problems {
			ps = append(ps, mdText(p.String()))
		}
		b.WriteString("- **Not analysed:** " + strings.Join(ps, "; ") + "\n")
	}
}

func writeSTRIDE(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 2. STRIDE Analysis\n\n")
	if len(tm.stride) == 0 {
		b.WriteString("No findings.\n")
		return
	}
	b.WriteString("| Threat Category | Vulnerability | Impact | Mitigation |\n| --- | --- | --- | --- |\n")
	for _, row := range tm.stride {
		var vulns, impacts, fixes []string
		for _, h := range row.hits {
			vulns = append(vulns, vulnerability(h))
			if imp := strings.TrimSpace(h.rule.Doc.Impact); imp != "" && !slices.Contains(impacts, imp) {
				impacts = append(impacts, imp)
			}
			fixes = append(fixes, h.rule.ID+": "+oneParagraph(h.rule.Doc.Fix))
		}
		if len(impacts) == 0 {
			impacts = []string{row.category.Impact()}
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s |\n", row.category, cell(vulns, "; "), cell(impacts, "; "), cell(fixes, "<br>"))
	}
	if len(tm.empty) > 0 {
		fmt.Fprintf(b, "\nNo finding falls under %s. That is what the scan could see, not proof that the threat is absent: "+
			"threats in the application's code and its deployment are outside a Dockerfile and image scan.\n", joinSTRIDE(tm.empty))
	}
}

func writeATTACK(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 3. MITRE ATT&CK for Containers\n\n")
	if len(tm.attack) == 0 {
		b.WriteString("No finding maps to an ATT&CK technique.\n")
		return
	}
	b.WriteString("| Tactic | Technique ID | Technique Name | Relevant findings |\n| --- | --- | --- | --- |\n")
	for _, row := range tm.attack {
		var rel []string
		for _, h := range row.hits {
			rel = append(rel, vulnerability(h))
		}
		fmt.Fprintf(b, "| %s | [%s](%s) | %s | %s |\n", row.tactic, row.technique.ID, row.technique.URL(), row.technique.Name, cell(rel, "; "))
	}
}

func writeControls(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 4. Controls Mapping\n\n")
	if len(tm.hits) == 0 {
		b.WriteString("No findings.\n")
		return
	}
	b.WriteString("| Vulnerability | Relevant Security Controls |\n| --- | --- |\n")
	for _, h := range byID(tm.hits) {
		var cwes []string
		for _, c := range h.rule.Threat.CWE {
			cwes = append(cwes, fmt.Sprintf("[%s](%s)", c, c.URL()))
		}
		vuln := fmt.Sprintf("%s %s (%s)", h.rule.ID, mdText(h.rule.Title), strings.Join(cwes, ", "))
		fmt.Fprintf(b, "| %s | %s |\n", vuln, cell(controlList(h.rule), ", "))
	}
}

func writeConclusion(b *strings.Builder, tm *threatModel) {
	b.WriteString("## 5. Conclusion\n\n")
	b.WriteString(conclusion(tm))
}

func scannedList(tm *threatModel) string {
	if len(tm.inputs) == 0 {
		return "nothing"
	}
	var l []string
	for _, in := range tm.inputs {
		l = append(l, "`"+strings.ReplaceAll(in, "`", "'")+"`")
	}
	return strings.Join(l, ", ")
}

// vulnerability is a rule's entry in a table cell, in the threat model's
// "Hardcoded password (B105)" style plus where it fired.
func vulnerability(h *ruleHits) string {
	return fmt.Sprintf("%s (%s `%s`) at %s", mdText(h.rule.Title), h.rule.ID, h.rule.Name, h.where())
}

// where lists a rule's locations, at most maxLocations of them.
func (h *ruleHits) where() string {
	locs := h.locations()
	more := ""
	if len(locs) > maxLocations {
		more = fmt.Sprintf(" and %d more", len(locs)-maxLocations)
		locs = locs[:maxLocations]
	}
	for i, l := range locs {
		locs[i] = mdText(l)
	}
	return strings.Join(locs, "; ") + more
}

// controlList is a rule's controls as the model's mapping table writes
// them: the CIS Docker Benchmark items first, then OWASP, then NIST.
func controlList(r *rules.Rule) []string {
	var out []string
	for _, c := range r.Threat.CIS {
		out = append(out, "CIS Docker Benchmark "+c.Number)
	}
	ctrls := slices.Clone(r.Threat.Controls)
	rank := func(c *threat.Control) int {
		switch c.Framework {
		case threat.FrameworkTop10:
			return 0
		case threat.FrameworkASVS:
			return 1
		case threat.FrameworkNIST53:
			return 2
		}
		return 3
	}
	slices.SortStableFunc(ctrls, func(a, b *threat.Control) int { return cmp.Compare(rank(a), rank(b)) })
	for _, c := range ctrls {
		out = append(out, c.String())
	}
	if len(out) == 0 {
		out = append(out, "none catalogued")
	}
	return out
}

func conclusion(tm *threatModel) string {
	var b strings.Builder
	if len(tm.hits) == 0 {
		b.WriteString("The scan found nothing to model")
		if len(tm.problems) > 0 {
			b.WriteString(", but some inputs could not be analysed (see the overview)")
		}
		b.WriteString(".\n")
		return b.String()
	}
	fmt.Fprintf(&b, "The findings touch %d of the 6 STRIDE categories and %s across %s. ",
		len(tm.stride), plural(tm.techniques, "ATT&CK technique"), plural(tm.tactics, "tactic"))
	b.WriteString("Fix first the rules below: the most severe, and among equals those whose fix closes the most STRIDE categories.\n\n")
	for i, h := range tm.hits {
		if i == maxLocations {
			more := strings.TrimPrefix(plural(len(tm.hits)-i, "rule"), fmt.Sprint(len(tm.hits)-i)+" ")
			fmt.Fprintf(&b, "\nThe tables above list %d more %s.\n", len(tm.hits)-i, more)
			break
		}
		fmt.Fprintf(&b, "%d. **%s `%s`** (%s; %s; %s at %s): %s\n", i+1, h.rule.ID, h.rule.Name, h.severity,
			joinSTRIDE(h.rule.Threat.STRIDE), plural(len(h.findings), "finding"), h.where(), firstSentence(h.rule.Doc.Fix))
	}
	return b.String()
}

func byID(hs []*ruleHits) []*ruleHits {
	out := slices.Clone(hs)
	slices.SortFunc(out, func(a, b *ruleHits) int { return cmp.Compare(a.rule.ID, b.rule.ID) })
	return out
}

func joinSTRIDE(cs []threat.STRIDE) string {
	var l []string
	for _, c := range cs {
		l = append(l, c.String())
	}
	return strings.Join(l, ", ")
}

// cell joins entries into one table cell: pipes escaped, line breaks as
// <br>, the only line break a Markdown table cell can hold.
func cell(entries []string, sep string) string {
	s := strings.Join(entries, sep)
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", "<br>")
}

// oneParagraph folds a rule doc's text (Markdown written by us) into one
// line for a table cell.
func oneParagraph(s string) string { return strings.Join(strings.Fields(s), " ") }

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
