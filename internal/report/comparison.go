package report

import (
	"slices"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/threat"
)

// comparisonView is the before-and-after view every format that shows a
// --compare run renders: per STRIDE category and per ATT&CK technique,
// which vulnerabilities the change closed, which remain and which are new.
// A vulnerability partly fixed is both closed (the findings that went) and
// remaining (those that stayed).
type comparisonView struct {
	before, after            string
	closed, remaining, added []*vulnerability
	// counts of findings in each part.
	nClosed, nRemaining, nAdded int
	unknown                     int
	stride                      []deltaRow
	attack                      []deltaRow
}

// deltaRow is one threat (a STRIDE category or an ATT&CK technique) and
// the vulnerabilities behind it on either side of the change.
type deltaRow struct {
	category                 threat.STRIDE     // STRIDE rows
	technique                *threat.Technique // ATT&CK rows
	closed, remaining, added []*vulnerability
}

// status sums a row up: "closed" (everything behind it fixed, nothing
// new), "reduced" (some fixed, the rest remaining), "unchanged", "new"
// (only new vulnerabilities behind it) or "changed" (some fixed, some new).
func (d deltaRow) status() string {
	c, r, a := len(d.closed), len(d.remaining), len(d.added)
	switch {
	case a == 0 && r == 0:
		return "closed"
	case a == 0 && c == 0:
		return "unchanged"
	case a == 0:
		return "reduced"
	case c == 0 && r == 0:
		return "new"
	}
	return "changed"
}

func newComparisonView(c *lint.Comparison) *comparisonView {
	v := &comparisonView{
		before: c.Before, after: c.After, unknown: c.Unknown,
		closed: vulnerabilities(c.Closed), remaining: vulnerabilities(c.Remaining), added: vulnerabilities(c.New),
		nClosed: len(c.Closed), nRemaining: len(c.Remaining), nAdded: len(c.New),
	}
	with := func(vs []*vulnerability, has func(*vulnerability) bool) []*vulnerability {
		var out []*vulnerability
		for _, x := range vs {
			if has(x) {
				out = append(out, x)
			}
		}
		return out
	}
	for _, s := range threat.AllSTRIDE() {
		has := func(x *vulnerability) bool { return slices.Contains(x.stride, s) }
		row := deltaRow{category: s, closed: with(v.closed, has), remaining: with(v.remaining, has), added: with(v.added, has)}
		if len(row.closed)+len(row.remaining)+len(row.added) > 0 {
			v.stride = append(v.stride, row)
		}
	}
	all := slices.Concat(v.closed, v.remaining, v.added)
	for _, t := range techniqueOrder(all) {
		has := func(x *vulnerability) bool { return slices.Contains(x.attack, t) }
		v.attack = append(v.attack, deltaRow{technique: t, closed: with(v.closed, has), remaining: with(v.remaining, has), added: with(v.added, has)})
	}
	return v
}

// counts are the row's findings (not vulnerabilities) in each part.
func (d deltaRow) counts() jsonDeltaCount {
	sum := func(vs []*vulnerability) int {
		n := 0
		for _, v := range vs {
			n += v.count
		}
		return n
	}
	return jsonDeltaCount{Status: d.status(), Closed: sum(d.closed), Remaining: sum(d.remaining), New: sum(d.added)}
}
