package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// The threat-model formats write, from the findings of one run, the document
// a security team writes by hand (../shared/threat-model.md): an overview, a
// STRIDE table, an ATT&CK table, a controls mapping and a conclusion saying
// what to fix first, then an appendix with where each vulnerability was
// found. Every rendering (Markdown, JSON, HTML) comes from one threatModel
// value, so they cannot disagree.
//
// The tables are about vulnerabilities, not findings: a vulnerability is
// what a reviewer names ("Container runs as root (CIS 4.1)"), the
// Doc.Vulnerability of the rules that found it, and one row stands for all
// of its findings. Locations and counts are in the appendix.

// maxWhere caps the places listed per rule in the appendix; the JSON
// rendering lists them all.
const maxWhere = 10

// ruleHits is one rule's findings in the run.
type ruleHits struct {
	rule     *rules.Rule
	findings []rules.Finding
	// severity is the most severe of the findings (overrides may differ
	// from the rule's default).
	severity rules.Severity
}

// vulnerability is one row subject of the threat model: the findings of
// every rule that names the same Doc.Vulnerability.
type vulnerability struct {
	name string
	// refs are what a reviewer cites it by: the bandit IDs its findings
	// answer to, else its CIS Docker Benchmark items, else its rule IDs.
	refs []string
	// rules fired, most severe first.
	rules    []*ruleHits
	severity rules.Severity
	count    int
	// stride and attack are the threats the vulnerability enables: the
	// union of its rules' references, in catalogue order.
	stride []threat.STRIDE
	attack []*threat.Technique
}

// title is the vulnerability as the tables name it: "Hardcoded password
// (B105)".
func (v *vulnerability) title() string {
	return v.name + " (" + strings.Join(v.refs, ", ") + ")"
}

// impact and mitigation are one line each, from the most severe rule.
func (v *vulnerability) impact() string     { return oneParagraph(v.rules[0].rule.Doc.Impact) }
func (v *vulnerability) mitigation() string { return oneParagraph(v.rules[0].rule.Doc.Mitigation) }

// threats counts the STRIDE categories and ATT&CK techniques the
// vulnerability enables: what fixing it closes.
func (v *vulnerability) threats() int { return len(v.stride) + len(v.attack) }

type strideRow struct {
	category threat.STRIDE
	vulns    []*vulnerability
}

type attackRow struct {
	technique *threat.Technique
	vulns     []*vulnerability
}

// fix is one entry of the conclusion: a vulnerability and the threats its
// fix closes, alone meaning no other vulnerability keeps them open.
type fix struct {
	vuln  *vulnerability
	alone []string
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
	// vulns are every vulnerability found, in fix-first order: most
	// severe, then most threats, then most findings.
	vulns  []*vulnerability
	stride []strideRow
	empty  []threat.STRIDE // categories without findings
	// attack lists the threat model's own techniques first (in its
	// order), then the others in matrix order.
	attack []attackRow
	// unseen are the threat model's techniques no finding enables.
	unseen  []*threat.Technique
	tactics int
	fixes   []fix
	// compare is the before-and-after view, nil without --compare.
	compare *comparisonView
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
	tm.vulns = vulnerabilities(r.Findings)

	for _, c := range threat.AllSTRIDE() {
		row := strideRow{category: c}
		for _, v := range tm.vulns {
			if slices.Contains(v.stride, c) {
				row.vulns = append(row.vulns, v)
			}
		}
		if len(row.vulns) == 0 {
			tm.empty = append(tm.empty, c)
			continue
		}
		tm.stride = append(tm.stride, row)
	}

	tactics := map[string]bool{}
	for _, t := range techniqueOrder(tm.vulns) {
		row := attackRow{technique: t}
		for _, v := range tm.vulns {
			if slices.Contains(v.attack, t) {
				row.vulns = append(row.vulns, v)
			}
		}
		tactics[t.Tactic] = true
		tm.attack = append(tm.attack, row)
	}
	tm.tactics = len(tactics)
	for _, t := range modelTechniques() {
		if !slices.ContainsFunc(tm.attack, func(a attackRow) bool { return a.technique == t }) {
			tm.unseen = append(tm.unseen, t)
		}
	}
	tm.fixes = rankFixes(tm)
	if r.Compare != nil {
		tm.compare = newComparisonView(r.Compare)
	}
	return tm
}

// vulnerabilities groups findings by their rules' Doc.Vulnerability, in
// fix-first order.
func vulnerabilities(findings []rules.Finding) []*vulnerability {
	byRule := map[*rules.Rule]*ruleHits{}
	var hits []*ruleHits
	for _, f := range findings {
		h := byRule[f.Rule]
		if h == nil {
			h = &ruleHits{rule: f.Rule, severity: f.Severity}
			byRule[f.Rule] = h
			hits = append(hits, h)
		}
		h.findings = append(h.findings, f)
		if f.Severity.AtLeast(h.severity) {
			h.severity = f.Severity
		}
	}
	slices.SortStableFunc(hits, func(a, b *ruleHits) int {
		return cmp.Or(cmp.Compare(a.severity, b.severity), -cmp.Compare(len(a.findings), len(b.findings)), cmp.Compare(a.rule.ID, b.rule.ID))
	})
	byName := map[string]*vulnerability{}
	var out []*vulnerability
	for _, h := range hits {
		name := vulnerabilityName(h.rule)
		v := byName[name]
		if v == nil {
			v = &vulnerability{name: name, severity: h.severity}
			byName[name] = v
			out = append(out, v)
		}
		v.rules = append(v.rules, h)
		v.count += len(h.findings)
		for _, s := range h.rule.Threat.STRIDE {
			if !slices.Contains(v.stride, s) {
				v.stride = append(v.stride, s)
			}
		}
		for _, t := range h.rule.Threat.ATTACK {
			if !slices.Contains(v.attack, t) {
				v.attack = append(v.attack, t)
			}
		}
	}
	for _, v := range out {
		slices.Sort(v.stride)
		v.refs = references(v)
	}
	slices.SortStableFunc(out, func(a, b *vulnerability) int {
		return cmp.Or(cmp.Compare(a.severity, b.severity), -cmp.Compare(a.threats(), b.threats()),
			-cmp.Compare(a.count, b.count), cmp.Compare(a.name, b.name))
	})
	return out
}

// vulnerabilityName is the rule's Doc.Vulnerability, or its title for a
// rule that names none (the catalogue test requires one of every rule of
// the catalogue; a report must still render any rule it is given).
func vulnerabilityName(r *rules.Rule) string {
	if r.Doc.Vulnerability != "" {
		return r.Doc.Vulnerability
	}
	return r.Title
}

// banditID is the shape of a bandit test ID, the reference the threat
// model cites code findings by.
var banditID = lazyre.New(`^B\d{3}$`)

// references are what a reviewer cites a vulnerability by: the bandit test
// IDs its findings answer to ("B602, B404"), else its CIS Docker Benchmark
// items ("CIS 4.1"), else its dockstride rule IDs.
func references(v *vulnerability) []string {
	var bandit, cis, ids []string
	add := func(list *[]string, s string) {
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
	for _, h := range v.rules {
		for _, f := range h.findings {
			for _, id := range f.PeerIDs() {
				if banditID().MatchString(id) {
					add(&bandit, id)
				}
			}
		}
		for _, c := range h.rule.Threat.CIS {
			add(&cis, "CIS "+c.Number)
		}
		add(&ids, h.rule.ID)
	}
	switch {
	case len(bandit) > 0:
		return bandit
	case len(cis) > 0:
		return cis
	}
	return ids
}

// modelTechniques are the techniques of the project's threat model, in its
// order: the ATT&CK table starts with them.
func modelTechniques() []*threat.Technique {
	var out []*threat.Technique
	for _, row := range threat.ModelSection(threat.SectionATTACK) {
		if !slices.Contains(out, row.Technique) {
			out = append(out, row.Technique)
		}
	}
	return out
}

// techniqueOrder lists the techniques the vulnerabilities enable: the
// threat model's first, in its order, then the others by tactic in matrix
// order and by ID.
func techniqueOrder(vulns []*vulnerability) []*threat.Technique {
	var seen []*threat.Technique
	for _, v := range vulns {
		for _, t := range v.attack {
			if !slices.Contains(seen, t) {
				seen = append(seen, t)
			}
		}
	}
	model := modelTechniques()
	rank := func(t *threat.Technique) int {
		if i := slices.Index(model, t); i >= 0 {
			return i
		}
		return len(model)
	}
	slices.SortFunc(seen, func(a, b *threat.Technique) int {
		return cmp.Or(cmp.Compare(rank(a), rank(b)), cmp.Compare(tacticRank(a.Tactic), tacticRank(b.Tactic)), cmp.Compare(a.ID, b.ID))
	})
	return seen
}

// rankFixes orders the vulnerabilities by how many threats fixing each
// closes (STRIDE categories and ATT&CK techniques it enables), then by
// how many of those it alone keeps open, then by severity.
func rankFixes(tm *threatModel) []fix {
	var out []fix
	for _, v := range tm.vulns {
		f := fix{vuln: v}
		for _, row := range tm.stride {
			if len(row.vulns) == 1 && row.vulns[0] == v {
				f.alone = append(f.alone, row.category.String())
			}
		}
		for _, row := range tm.attack {
			if len(row.vulns) == 1 && row.vulns[0] == v {
				f.alone = append(f.alone, row.technique.ID)
			}
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b fix) int {
		return cmp.Or(-cmp.Compare(a.vuln.threats(), b.vuln.threats()), -cmp.Compare(len(a.alone), len(b.alone)),
			cmp.Compare(a.vuln.severity, b.vuln.severity))
	})
	return out
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
		parts = append(parts, plural(files, "file"))
	}
	if images > 0 {
		parts = append(parts, plural(images, "image"))
	}
	return strings.Join(parts, " and ")
}

// where renders the places a rule fired: "Dockerfile:3, 5" for lines of
// one file, "app:1.0:/etc/shadow" for an image path ("app:1.0:/app/app.py:12"
// for a line of a source file in it), "app:1.0 (config)"
// for an image finding without a path, "app:1.0 (history entry 4)".
func (h *ruleHits) where() []string {
	var out []string
	lastFile, lastLine := "", 0
	for _, f := range h.findings {
		var loc string
		switch {
		case f.InImage() && f.Path != "":
			loc = f.Image + ":" + imagePathLine(f)
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

// controlColumns are a vulnerability's controls as the mapping table
// splits them: CIS Docker Benchmark items, OWASP (Top Ten, then ASVS) and
// NIST (SP 800-53, then SP 800-190), each in catalogue order, each once.
type controlColumns struct {
	cwe, cis, owasp, nist []string
}

func (v *vulnerability) controls() controlColumns {
	var c controlColumns
	add := func(list *[]string, s string) {
		if !slices.Contains(*list, s) {
			*list = append(*list, s)
		}
	}
	var ctrls []*threat.Control
	for _, h := range v.rules {
		for _, w := range h.rule.Threat.CWE {
			add(&c.cwe, w.String())
		}
		for _, item := range h.rule.Threat.CIS {
			add(&c.cis, item.Number)
		}
		for _, x := range h.rule.Threat.Controls {
			if !slices.Contains(ctrls, x) {
				ctrls = append(ctrls, x)
			}
		}
	}
	rank := func(x *threat.Control) int {
		return slices.Index([]string{threat.FrameworkTop10, threat.FrameworkASVS, threat.FrameworkNIST53, threat.FrameworkNIST190}, x.Framework)
	}
	slices.SortStableFunc(ctrls, func(a, b *threat.Control) int { return cmp.Compare(rank(a), rank(b)) })
	for _, x := range ctrls {
		switch x.Framework {
		case threat.FrameworkTop10, threat.FrameworkASVS:
			add(&c.owasp, x.String())
		default:
			add(&c.nist, x.String())
		}
	}
	return c
}

func joinSTRIDE(cs []threat.STRIDE) string {
	var l []string
	for _, c := range cs {
		l = append(l, c.String())
	}
	return strings.Join(l, ", ")
}

// oneParagraph folds a rule doc's text (Markdown written by us) into one
// line for a table cell.
func oneParagraph(s string) string { return strings.Join(strings.Fields(s), " ") }
