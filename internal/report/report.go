// Package report renders lint results. Each output format is one file with
// one formatter; formatters only format: the engine has already filtered,
// overridden and sorted the findings.
package report

import (
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// Report is everything one run produced.
type Report struct {
	Findings   []rules.Finding
	Suppressed []lint.Suppressed
	Problems   []lint.Problem
	// Files and Images count the inputs scanned.
	Files  int
	Images int
}

// Meta is the environment a formatter may print; injected so golden tests
// are deterministic.
type Meta struct {
	ToolName    string
	ToolVersion string
	Now         func() time.Time
	// Color enables ANSI colour in the text format.
	Color bool
	// Explain adds each rule's rationale and fix under its findings.
	Explain bool
}

// Formatter writes a report in one format.
type Formatter func(w io.Writer, r *Report, m Meta) error

var formatters = map[string]Formatter{
	"text": Text,
	"json": JSON,
}

// Lookup returns the formatter for a format name.
func Lookup(name string) (Formatter, error) {
	if f, ok := formatters[name]; ok {
		return f, nil
	}
	return nil, fmt.Errorf("unknown format %q (available: %v)", name, Names())
}

// Names lists the format names, sorted.
func Names() []string {
	var out []string
	for n := range formatters {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// CountBySeverity counts findings per severity.
func CountBySeverity(fs []rules.Finding) map[rules.Severity]int {
	m := map[rules.Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}
