// Package report renders lint results. Each output format is one file with
// one formatter; formatters only format: the engine has already filtered,
// overridden and sorted the findings.
package report

import (
	"fmt"
	"io"
	"slices"
	"strings"
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
	// Inputs names the files and images scanned, in the order given; the
	// threat-model overview and the JUnit suites list them. Optional.
	Inputs []string
	// Rules are the rules that ran. SARIF lists them all, so a consumer can
	// tell "checked and clean" from "not checked"; when nil, formats that
	// need rule metadata use the rules of the findings.
	Rules []*rules.Rule
	// Baselined counts the findings a --baseline file accepted (and
	// removed from Findings).
	Baselined int
	// Compare, set by --compare, is what changed since the before run;
	// Findings are then the after run's. The text, JSON, threat-model and
	// HTML formats show it.
	Compare *lint.Comparison
	// UnlistedSuppressed counts suppressed findings a report read back
	// (ReadJSON) counted without listing them: its JSON was written
	// without --show-suppressed.
	UnlistedSuppressed int
	// Shard says which part of a sharded run's images the report holds.
	Shard *lint.ShardInfo
}

// Meta is the environment a formatter may print; injected so golden tests
// are deterministic.
type Meta struct {
	ToolName    string
	ToolVersion string
	// Now stamps reports that carry a date; nil leaves the date out.
	Now func() time.Time
	// Color enables ANSI colour in the text format.
	Color bool
	// Explain adds each rule's rationale and fix under its findings.
	Explain bool
	// ShowSuppressed lists the suppressed findings with what silenced them.
	ShowSuppressed bool
	// SourceRoot is the absolute directory SARIF's %SRCROOT% stands for
	// (the repository root); file names are resolved from WorkDir and
	// written relative to it. "" writes names as given, relative to the
	// working directory.
	SourceRoot string
	WorkDir    string
}

func (m Meta) toolName() string {
	if m.ToolName == "" {
		return "dockstride"
	}
	return m.ToolName
}

// ShowsFixes reports whether the format named shows the fixes findings
// carry, so that the run must build them: json and sarif do, text does
// under --explain (Meta.Explain).
func ShowsFixes(name string, m Meta) bool {
	switch name {
	case "json", "sarif":
		return true
	case "text":
		return m.Explain
	}
	return false
}

// Formatter writes a report in one format.
type Formatter func(w io.Writer, r *Report, m Meta) error

// format is one entry of the registry.
type format struct {
	name string
	fn   Formatter
	help string
}

// formats is the registry, in the order `--help` lists them.
var formats = []format{
	{"text", Text, "one line per finding, grouped per file, with a threat summary (default)"},
	{"json", JSON, "the versioned JSON contract (schema 1)"},
	{"sarif", SARIF, "SARIF 2.1.0, for GitHub code scanning and other SARIF viewers"},
	{"threat-model", ThreatModel, "a Markdown threat model: STRIDE, ATT&CK and controls tables, what to fix first"},
	{"threat-model-json", ThreatModelJSON, "the threat model's content as JSON"},
	{"html", HTML, "the threat model as one self-contained HTML page, with a STRIDE × severity picture and an ATT&CK matrix"},
	{"github", GitHub, "GitHub Actions workflow commands (annotations)"},
	{"gitlab", GitLab, "GitLab Code Quality report"},
	{"codeclimate", CodeClimate, "Code Climate issues (JSON array)"},
	{"checkstyle", Checkstyle, "Checkstyle XML"},
	{"junit", JUnit, "JUnit XML, one test suite per file or image"},
	{"gnu", GNU, "file:line: severity: message, as compilers print"},
}

// peerNames are hadolint's names for formats dockstride writes, accepted
// wherever a format is named.
var peerNames = map[string]string{"tty": "text", "gitlab_codeclimate": "gitlab"}

// Canonical is dockstride's name for a format name, resolving peer names.
func Canonical(name string) string {
	name = strings.TrimSpace(name)
	if c, ok := peerNames[name]; ok {
		return c
	}
	return name
}

// Lookup returns the formatter for a format name (or a peer's name).
func Lookup(name string) (Formatter, error) {
	name = Canonical(name)
	for _, f := range formats {
		if f.name == name {
			return f.fn, nil
		}
	}
	return nil, fmt.Errorf("unknown format %q (available: %s)", name, strings.Join(Names(), ", "))
}

// Names lists the format names, sorted.
func Names() []string {
	out := make([]string, len(formats))
	for i, f := range formats {
		out[i] = f.name
	}
	slices.Sort(out)
	return out
}

// Help describes a format in one line, for flag help and the README.
func Help(name string) string {
	for _, f := range formats {
		if f.name == name {
			return f.help
		}
	}
	return ""
}

// CountBySeverity counts findings per severity.
func CountBySeverity(fs []rules.Finding) map[rules.Severity]int {
	m := map[rules.Severity]int{}
	for _, f := range fs {
		m[f.Severity]++
	}
	return m
}
