package precision

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
)

// Outcome is one judged finding against a run.
type Outcome struct {
	Record *Record
	// Finding is the run's finding the record matched; nil when the run
	// no longer reports it.
	Finding *Finding
}

// Match pairs each record with the run's finding it judged. A finding is
// found by its fingerprint and message first, then by its line and
// message, then by its fingerprint alone, then by its line alone: the
// fingerprint's occurrence index moves when another finding on the same
// instruction goes away (and a run read without SARIF has none), so the
// same fingerprint may then name a sibling finding whose message differs,
// while a message reworded by a fix still leaves the fingerprint. Each
// finding answers one record at most. The result is in the records' order.
func Match(recs []Record, fs []Finding) []Outcome {
	type group struct{ file, rule, code string }
	byGroup := map[group][]int{}
	for i := range fs {
		g := group{fs[i].File, fs[i].Rule, fs[i].Code}
		byGroup[g] = append(byGroup[g], i)
	}
	used := make([]bool, len(fs))
	out := make([]Outcome, len(recs))
	for i := range recs {
		out[i].Record = &recs[i]
	}
	sameFingerprint := func(r *Record, f *Finding) bool { return f.Fingerprint != "" && f.Fingerprint == r.Fingerprint }
	sameLine := func(r *Record, f *Finding) bool { return f.Line == r.Line }
	sameMessage := func(r *Record, f *Finding) bool { return f.Message == r.Message }
	passes := [][]func(*Record, *Finding) bool{
		{sameFingerprint, sameMessage},
		{sameLine, sameMessage},
		{sameFingerprint},
		{sameLine},
	}
	for _, tests := range passes {
		for i := range recs {
			if out[i].Finding != nil {
				continue
			}
			r := &recs[i]
			for _, j := range byGroup[group{r.File, r.Rule, r.Code}] {
				if !used[j] && allHold(tests, r, &fs[j]) {
					used[j] = true
					out[i].Finding = &fs[j]
					break
				}
			}
		}
	}
	return out
}

// allHold reports whether every test holds for the record and finding.
func allHold(tests []func(*Record, *Finding) bool, r *Record, f *Finding) bool {
	for _, test := range tests {
		if !test(r, f) {
			return false
		}
	}
	return true
}

// Problem is a judged false positive whose state disagrees with its record.
type Problem struct {
	Record *Record
	What   string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s:%d %s [%s]: %s", p.Record.File, p.Record.Line, p.Record.Rule, p.Record.Shape, p.What)
}

// Check lists the false positives whose state disagrees with their record:
// a closed (fixed) one reported again, and an open one no longer reported,
// whose record should now say it is closed. A false positive judged at
// warning that a run reports at info or style (a shape moved to hygiene,
// with a message that says what is true) is not reported again: precision
// is measured on warnings and errors.
func Check(outcomes []Outcome) []Problem {
	var out []Problem
	for _, o := range outcomes {
		r := o.Record
		switch {
		case r.Verdict != FP:
		case !r.Open && stillReported(o):
			out = append(out, Problem{r, "a false positive marked fixed is reported again"})
		case r.Open && !stillReported(o):
			out = append(out, Problem{r, `no longer reported: mark it fixed ("open" false, or run with -close-fixed)`})
		}
	}
	return out
}

// stillReported reports whether the run reports the judged finding at the
// severity it was judged at or a higher one.
func stillReported(o Outcome) bool {
	return o.Finding != nil && severityRank(o.Finding.Severity) <= severityRank(o.Record.Severity)
}

// severityRank orders severities, the most severe first.
func severityRank(sev string) int {
	switch sev {
	case "error":
		return 0
	case "warning":
		return 1
	case "info":
		return 2
	case "style":
		return 3
	}
	return 4
}

// OpenFPs lists the open false positives the run still reports.
func OpenFPs(outcomes []Outcome) []Outcome {
	var out []Outcome
	for _, o := range outcomes {
		if o.Record.Verdict == FP && o.Record.Open && stillReported(o) {
			out = append(out, o)
		}
	}
	return out
}

// CloseFixed marks fixed every open false positive the run no longer
// reports, and returns how many it closed.
func CloseFixed(outcomes []Outcome) int {
	n := 0
	for _, o := range outcomes {
		if o.Record.Verdict == FP && o.Record.Open && !stillReported(o) {
			o.Record.Open = false
			n++
		}
	}
	return n
}

// Row counts the judged findings of one rule at one severity.
type Row struct {
	Rule, Severity string
	Judged         int
	TP, Noise, FP  int
	// GoneTP, GoneNoise and GoneFP count the judged findings a run no
	// longer reports at warning or error (fixed, dropped or lowered).
	GoneTP, GoneNoise, GoneFP int
}

// Precision is TP over judged, 0 when nothing was judged.
func (r Row) Precision() float64 {
	if r.Judged == 0 {
		return 0
	}
	return float64(r.TP) / float64(r.Judged)
}

func (r *Row) add(v Verdict) {
	r.Judged++
	switch v {
	case TP:
		r.TP++
	case Noise:
		r.Noise++
	case FP:
		r.FP++
	}
}

func (r *Row) addGone(v Verdict) {
	switch v {
	case TP:
		r.GoneTP++
	case Noise:
		r.GoneNoise++
	case FP:
		r.GoneFP++
	}
}

// Table is the precision of warnings and errors, per rule and in total.
type Table struct {
	Rows []Row
	// WarningsAndErrors and Errors are the totals over the rows.
	WarningsAndErrors, Errors Row
	// OfRun is set for a table of a run, which has gone counts.
	OfRun bool
}

// isGate reports whether a severity is one precision is measured for.
func isGate(sev string) bool { return sev == "warning" || sev == "error" }

// AsJudged tabulates the randomly sampled records at the severity they
// had when they were judged: the baseline the fixes are measured from.
func AsJudged(recs []Record) Table {
	t := newTally(false)
	for i := range recs {
		if r := &recs[i]; r.Sample == SampleRandom && isGate(r.Severity) {
			t.row(r.Rule, r.Severity).add(r.Verdict)
		}
	}
	return t.table()
}

// Now tabulates the randomly sampled records against a run, at the
// severity the run reports: a finding no longer reported at warning or
// error is counted as gone under the rule and the severity it was judged
// at.
func Now(outcomes []Outcome) Table {
	t := newTally(true)
	for _, o := range outcomes {
		r := o.Record
		switch {
		case r.Sample != SampleRandom:
		case o.Finding != nil && isGate(o.Finding.Severity):
			t.row(r.Rule, o.Finding.Severity).add(r.Verdict)
		case isGate(r.Severity):
			t.row(r.Rule, r.Severity).addGone(r.Verdict)
		}
	}
	return t.table()
}

type tally struct {
	rows  map[[2]string]*Row
	ofRun bool
}

func newTally(ofRun bool) *tally {
	return &tally{rows: map[[2]string]*Row{}, ofRun: ofRun}
}

func (t *tally) row(rule, sev string) *Row {
	k := [2]string{rule, sev}
	if t.rows[k] == nil {
		t.rows[k] = &Row{Rule: rule, Severity: sev}
	}
	return t.rows[k]
}

func (t *tally) table() Table {
	tab := Table{OfRun: t.ofRun}
	for _, r := range t.rows {
		tab.Rows = append(tab.Rows, *r)
	}
	slices.SortFunc(tab.Rows, func(a, b Row) int {
		return strings.Compare(a.Rule+"\x00"+a.Severity, b.Rule+"\x00"+b.Severity)
	})
	tab.WarningsAndErrors = Row{Rule: "all", Severity: "warning+error"}
	tab.Errors = Row{Rule: "all", Severity: "error"}
	for _, r := range tab.Rows {
		sum(&tab.WarningsAndErrors, r)
		if r.Severity == "error" {
			sum(&tab.Errors, r)
		}
	}
	return tab
}

func sum(to *Row, r Row) {
	to.Judged += r.Judged
	to.TP += r.TP
	to.Noise += r.Noise
	to.FP += r.FP
	to.GoneTP += r.GoneTP
	to.GoneNoise += r.GoneNoise
	to.GoneFP += r.GoneFP
}

// Write prints the table aligned, one rule and severity a line, then the
// totals. Tables of a run add the judged findings it no longer reports at
// warning or error ("gone", by verdict).
func (t Table) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	gone := t.OfRun
	head := "rule\tseverity\tjudged\tTP\tnoise\tFP\tprecision\t"
	if gone {
		head += "gone TP/noise/FP\t"
	}
	fmt.Fprintln(tw, head)
	line := func(r Row) {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%.1f%%\t", r.Rule, r.Severity, r.Judged, r.TP, r.Noise, r.FP, 100*r.Precision())
		if gone {
			fmt.Fprintf(tw, "%d/%d/%d\t", r.GoneTP, r.GoneNoise, r.GoneFP)
		}
		fmt.Fprintln(tw)
	}
	for _, r := range t.Rows {
		line(r)
	}
	line(t.WarningsAndErrors)
	line(t.Errors)
	return tw.Flush()
}
