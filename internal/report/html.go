package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// HTML writes the threat model as one self-contained HTML page: the
// Markdown's sections, plus a STRIDE × severity picture and an ATT&CK for
// Containers matrix (tactics as columns, techniques as cells shaded by the
// findings that enable them), each cell linking to its rows, and with
// --compare the before-and-after view. Styles are inline and a
// Content-Security-Policy forbids loading anything, so the page works
// offline and makes no request when viewed; html/template escapes
// everything that comes from the scanned input.
func HTML(w io.Writer, r *Report, m Meta) error {
	tm := buildThreatModel(r, m)
	return htmlTemplate().Execute(w, newHTMLView(tm))
}

//go:embed html.tmpl
var htmlSource string

// htmlTemplate is parsed on the first HTML report, not at start-up:
// parsing it took about 2 % of the CPU of a cold `lint` of one service
// folder, which writes no HTML.
var htmlTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Funcs(template.FuncMap{
		"inline": inlineHTML,
		"plural": plural,
	}).Parse(htmlSource))
})

// htmlView is what the template renders, computed from the threat model.
type htmlView struct {
	Title, Generated, Tool string
	Inputs                 []string
	Findings               int
	Counts                 []htmlCount
	Suppressed             int
	Problems               []string
	Vulns                  []htmlVuln
	Heat                   []htmlHeatRow
	Severities             []string
	Matrix                 []htmlTactic
	STRIDE                 []htmlStrideRow
	Empty                  string
	ATTACK                 []htmlAttackRow
	Unseen                 []string
	Fixes                  []htmlFix
	MoreFixes              int
	Conclusion             string
	Compare                *htmlCompare
}

type htmlCount struct {
	Severity string
	N        int
}

type htmlVuln struct {
	Anchor, Title, Severity string
	Impact, Mitigation      string
	Count                   int
	CWE, CIS, OWASP, NIST   string
	Rules                   []htmlRule
	STRIDE, ATTACK          string
}

type htmlRule struct {
	ID, Name, Severity, Fix string
	Count                   int
	Where                   []string
	More                    int
}

// htmlHeatRow is one STRIDE category of the STRIDE × severity picture.
type htmlHeatRow struct {
	Category, Anchor string
	Cells            []htmlHeatCell
	Total            int
}

type htmlHeatCell struct {
	Severity string
	N        int
	// Level is the shade, 0 (none) to 4 (the most findings of any cell).
	Level int
}

// htmlTactic is one column of the ATT&CK matrix.
type htmlTactic struct {
	Name       string
	Techniques []htmlTechnique
}

type htmlTechnique struct {
	ID, Name string
	// Href is the row the cell links to: the technique's row of the
	// ATT&CK table, or its before-and-after row; "" when it has neither.
	Href     string
	Findings int
	Level    int
	// Status is the before-and-after status with --compare ("closed",
	// "new"…), "" otherwise.
	Status string
}

type htmlStrideRow struct {
	Category, Anchor string
	First            bool
	Vuln             htmlVulnRef
	Impact           string
	Mitigation       string
}

type htmlVulnRef struct{ Anchor, Title string }

type htmlAttackRow struct {
	Tactic, ID, Name, URL, Anchor string
	Vulns                         []htmlVulnRef
	Findings                      int
}

type htmlFix struct {
	Vuln       htmlVulnRef
	Mitigation string
	Closes     string
	Alone      string
	Threats    int
}

type htmlCompare struct {
	Before, After             string
	Closed, Remaining, New    int
	Unknown                   int
	STRIDE, ATTACK            []htmlDelta
	ClosedV, RemainingV, NewV []string
}

type htmlDelta struct {
	Threat, Anchor, Status string
	Closed, Remaining, New []string
}

func newHTMLView(tm *threatModel) htmlView {
	v := htmlView{Title: "Threat Model: " + tm.subject, Tool: tm.tool, Inputs: tm.inputs, Findings: tm.findings, Suppressed: tm.suppressed}
	if tm.version != "" {
		v.Tool += " " + tm.version
	}
	if !tm.generated.IsZero() {
		v.Generated = tm.generated.Format("2006-01-02 15:04 MST")
	}
	for _, p := range tm.problems {
		v.Problems = append(v.Problems, p.String())
	}
	sevs := []rules.Severity{rules.Error, rules.Warning, rules.Info, rules.Style}
	for _, s := range sevs {
		v.Counts = append(v.Counts, htmlCount{s.String(), tm.counts[s]})
		v.Severities = append(v.Severities, s.String())
	}
	for _, x := range tm.vulns {
		v.Vulns = append(v.Vulns, vulnHTML(x))
	}
	v.Heat = heatRows(tm, sevs)
	v.Matrix = matrix(tm)
	for _, row := range tm.stride {
		for i, x := range row.vulns {
			v.STRIDE = append(v.STRIDE, htmlStrideRow{Category: row.category.String(), Anchor: strideAnchor(row.category), First: i == 0,
				Vuln: vulnRef(x), Impact: x.impact(), Mitigation: x.mitigation()})
		}
	}
	v.Empty = joinSTRIDE(tm.empty)
	for _, row := range tm.attack {
		t := row.technique
		a := htmlAttackRow{Tactic: t.Tactic, ID: t.ID, Name: t.Name, URL: t.URL(), Anchor: techniqueAnchor(t)}
		for _, x := range row.vulns {
			a.Vulns = append(a.Vulns, vulnRef(x))
			a.Findings += x.count
		}
		v.ATTACK = append(v.ATTACK, a)
	}
	for _, t := range tm.unseen {
		v.Unseen = append(v.Unseen, fmt.Sprintf("%s %s (%s)", t.ID, t.Name, t.Tactic))
	}
	for i, f := range tm.fixes {
		if i == maxFixes {
			v.MoreFixes = len(tm.fixes) - i
			break
		}
		v.Fixes = append(v.Fixes, htmlFix{Vuln: vulnRef(f.vuln), Mitigation: f.vuln.mitigation(), Threats: f.vuln.threats(),
			Closes: strings.Join(threatNames(f.vuln), ", "), Alone: strings.Join(f.alone, ", ")})
	}
	if len(tm.vulns) > 0 {
		v.Conclusion = fmt.Sprintf("This threat model identifies %s behind %d of the 6 STRIDE categories and %s across %s.",
			plural(len(tm.vulns), "vulnerability"), len(tm.stride), plural(len(tm.attack), "ATT&CK technique"), plural(tm.tactics, "tactic"))
	}
	if c := tm.compare; c != nil {
		v.Compare = compareHTML(c)
		status := map[*threat.Technique]string{}
		for _, row := range c.attack {
			status[row.technique] = row.status()
		}
		for i := range v.Matrix {
			for j := range v.Matrix[i].Techniques {
				cell := &v.Matrix[i].Techniques[j]
				cell.Status = status[threat.TechniqueByID(cell.ID)]
				if cell.Href == "" && cell.Status != "" {
					cell.Href = "#delta-" + techniqueAnchor(threat.TechniqueByID(cell.ID))
				}
			}
		}
	}
	return v
}

func vulnRef(x *vulnerability) htmlVulnRef { return htmlVulnRef{Anchor: x.anchor(), Title: x.title()} }

func vulnHTML(x *vulnerability) htmlVuln {
	c := x.controls()
	v := htmlVuln{Anchor: x.anchor(), Title: x.title(), Severity: x.severity.String(), Impact: x.impact(), Mitigation: x.mitigation(),
		Count: x.count, CWE: dash(c.cwe), CIS: dash(c.cis), OWASP: dash(c.owasp), NIST: dash(c.nist),
		STRIDE: joinSTRIDE(x.stride)}
	var ids []string
	for _, t := range x.attack {
		ids = append(ids, t.ID)
	}
	v.ATTACK = strings.Join(ids, ", ")
	for _, h := range x.rules {
		where := h.where()
		r := htmlRule{ID: h.rule.ID, Name: h.rule.Name, Severity: h.severity.String(), Fix: oneParagraph(h.rule.Doc.Fix), Count: len(h.findings)}
		if len(where) > maxHTMLWhere {
			r.More, where = len(where)-maxHTMLWhere, where[:maxHTMLWhere]
		}
		for _, w := range where {
			r.Where = append(r.Where, oneLine(w))
		}
		v.Rules = append(v.Rules, r)
	}
	return v
}

// maxHTMLWhere caps the locations the page lists per rule (the JSON
// rendering has them all).
const maxHTMLWhere = 50

func dash(l []string) string {
	if len(l) == 0 {
		return "—"
	}
	return strings.Join(l, ", ")
}

func strideAnchor(s threat.STRIDE) string        { return "stride-" + slug(s.String()) }
func techniqueAnchor(t *threat.Technique) string { return "tech-" + strings.ReplaceAll(t.ID, ".", "-") }

// heatRows count findings per STRIDE category and severity (a finding
// counts once in each of its rule's categories) and shade each cell
// against the largest.
func heatRows(tm *threatModel, sevs []rules.Severity) []htmlHeatRow {
	counts := map[threat.STRIDE]map[rules.Severity]int{}
	peak := 0
	for _, x := range tm.vulns {
		for _, h := range x.rules {
			for _, f := range h.findings {
				for _, s := range x.stride {
					if counts[s] == nil {
						counts[s] = map[rules.Severity]int{}
					}
					counts[s][f.Severity]++
					peak = max(peak, counts[s][f.Severity])
				}
			}
		}
	}
	var out []htmlHeatRow
	for _, s := range threat.AllSTRIDE() {
		row := htmlHeatRow{Category: s.String(), Anchor: strideAnchor(s)}
		for _, sev := range sevs {
			n := counts[s][sev]
			row.Cells = append(row.Cells, htmlHeatCell{Severity: sev.String(), N: n, Level: level(n, peak)})
			row.Total += n
		}
		out = append(out, row)
	}
	return out
}

// level shades n of peak in five steps: 0 for none, 1-4 by quarters.
func level(n, peak int) int {
	if n == 0 || peak == 0 {
		return 0
	}
	return min(4, 1+(4*n-1)/peak)
}

// matrix lays the catalogue's techniques out as ATT&CK's matrix: one
// column per tactic (in matrix order) holding the techniques filed under
// it, each shaded by the findings that enable it.
func matrix(tm *threatModel) []htmlTactic {
	found := map[*threat.Technique]int{}
	peak := 0
	for _, row := range tm.attack {
		for _, x := range row.vulns {
			found[row.technique] += x.count
		}
		peak = max(peak, found[row.technique])
	}
	var out []htmlTactic
	for _, tactic := range tacticOrder {
		col := htmlTactic{Name: tactic}
		for _, t := range threat.Techniques() {
			if t.Tactic == tactic {
				cell := htmlTechnique{ID: t.ID, Name: t.Name, Findings: found[t], Level: level(found[t], peak)}
				if found[t] > 0 {
					cell.Href = "#" + techniqueAnchor(t)
				}
				col.Techniques = append(col.Techniques, cell)
			}
		}
		if len(col.Techniques) > 0 {
			slices.SortStableFunc(col.Techniques, func(a, b htmlTechnique) int { return b.Findings - a.Findings })
			out = append(out, col)
		}
	}
	return out
}

func compareHTML(c *comparisonView) *htmlCompare {
	out := &htmlCompare{Before: c.before, After: c.after, Closed: c.nClosed, Remaining: c.nRemaining, New: c.nAdded, Unknown: c.unknown}
	list := func(vs []*vulnerability) []string {
		var l []string
		for _, x := range vs {
			l = append(l, fmt.Sprintf("%s ×%d", x.title(), x.count))
		}
		return l
	}
	for _, row := range c.stride {
		out.STRIDE = append(out.STRIDE, htmlDelta{Threat: row.category.String(), Anchor: "delta-" + strideAnchor(row.category), Status: row.status(),
			Closed: list(row.closed), Remaining: list(row.remaining), New: list(row.added)})
	}
	for _, row := range c.attack {
		t := row.technique
		out.ATTACK = append(out.ATTACK, htmlDelta{Threat: t.ID + " " + t.Name + " (" + t.Tactic + ")", Anchor: "delta-" + techniqueAnchor(t), Status: row.status(),
			Closed: list(row.closed), Remaining: list(row.remaining), New: list(row.added)})
	}
	return out
}

// inlineHTML renders rule-authored text with its `code` spans as <code>,
// everything else escaped.
func inlineHTML(s string) template.HTML {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		esc := template.HTMLEscapeString(part)
		if i%2 == 1 {
			b.WriteString("<code>" + esc + "</code>")
		} else {
			b.WriteString(esc)
		}
	}
	return template.HTML(b.String())
}

// anchor is the vulnerability's fragment identifier in the HTML report.
func (v *vulnerability) anchor() string { return "vuln-" + slug(v.name) }

// slug is a lower-case, hyphenated identifier for HTML anchors.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
