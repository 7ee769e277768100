package lint

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/dockstride/dockstride/rules"
)

// Comparison is what changed between two runs over one project, before
// and after a change: the findings of the before run that the after run no
// longer has (Closed), those of the after run that the before run had too
// (Remaining) and those it did not (New). Findings match by fingerprint
// (rule, file, source text and occurrence, as baselines match them), never
// by line, so a finding whose instruction moved is not new.
type Comparison struct {
	// Before and After name what was compared: paths, image references or
	// an earlier report.
	Before, After string
	// Closed are in the before run's order, Remaining and New in the
	// after run's.
	Closed, Remaining, New []rules.Finding
	// Unknown counts findings of an earlier report whose rule this
	// dockstride does not have (a retired rule), left out of Closed.
	Unknown int
}

// Snapshot is one side of a comparison: a run's findings, each with the
// key it is matched by.
type Snapshot struct {
	Label    string
	Findings []rules.Finding
	keys     []string
}

// RunSnapshot keys a run's findings for comparison with another run over
// another copy of the project: files relative to root (the directory
// linted, or the one file), images without their name and layer digests,
// since two builds differ in both while their findings are the same.
func RunSnapshot(label, root string, findings []rules.Finding) Snapshot {
	s := Snapshot{Label: label, Findings: findings}
	occ := occurrences{}
	for _, f := range findings {
		s.keys = append(s.keys, occ.identify(f, root, false).Fingerprint)
	}
	return s
}

// Compare matches the two sides key by key; each before finding matches
// at most one after finding, so a second identical finding is new.
func Compare(before, after Snapshot) *Comparison {
	c := &Comparison{Before: before.Label, After: after.Label}
	left := map[string]int{}
	for _, k := range before.keys {
		left[k]++
	}
	matched := map[string]int{}
	for i, f := range after.Findings {
		k := after.keys[i]
		if left[k] > 0 {
			left[k]--
			matched[k]++
			c.Remaining = append(c.Remaining, f)
			continue
		}
		c.New = append(c.New, f)
	}
	for i, f := range before.Findings {
		k := before.keys[i]
		if matched[k] > 0 {
			matched[k]--
			continue
		}
		c.Closed = append(c.Closed, f)
	}
	return c
}

// maxPriorBytes bounds an earlier report read for a comparison: a JSON
// report of a 2,500-file corpus is about 10 MB.
const maxPriorBytes = 256 << 20

// Prior is an earlier run read from a file, to compare a new run with.
type Prior struct {
	Snapshot
	// dir is the directory a baseline's paths are relative to; "" for a
	// JSON report, whose paths are as that run was given them.
	dir string
	// Unknown counts findings whose rule this dockstride does not have.
	Unknown int
}

// ReadPrior reads an earlier run: a baseline file (--write-baseline) or a
// --format json report, which both carry each finding's fingerprint. dir
// is the directory the file is in (a baseline's paths are relative to it).
func ReadPrior(r io.Reader, label, dir string) (*Prior, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxPriorBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxPriorBytes {
		return nil, fmt.Errorf("larger than %d MiB", maxPriorBytes>>20)
	}
	var doc struct {
		Version  *int            `json:"version"`
		Schema   *int            `json:"schema"`
		Findings []priorFinding  `json:"findings"`
		Tool     json.RawMessage `json:"tool"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("not a dockstride baseline or JSON report: %v", err)
	}
	p := &Prior{Snapshot: Snapshot{Label: label}}
	switch {
	case doc.Version != nil && doc.Schema == nil:
		if *doc.Version != BaselineVersion {
			return nil, fmt.Errorf("baseline version %d is not supported (this dockstride reads version %d)", *doc.Version, BaselineVersion)
		}
		p.dir = dir
	case doc.Schema != nil && doc.Version == nil:
		if *doc.Schema != 1 {
			return nil, fmt.Errorf("JSON report schema %d is not supported (this dockstride reads schema 1)", *doc.Schema)
		}
	default:
		return nil, errors.New("not a dockstride baseline (no \"version\") or JSON report (no \"schema\")")
	}
	byID := map[string]*rules.Rule{}
	for _, r := range rules.All() {
		byID[r.ID] = r
	}
	for i, pf := range doc.Findings {
		if pf.Suppressed != nil {
			continue // listed by --show-suppressed: not a finding of that run
		}
		if pf.Fingerprint == "" {
			return nil, fmt.Errorf("finding %d has no fingerprint (a JSON report written before dockstride recorded them: write a baseline instead)", i+1)
		}
		rule := byID[pf.Rule]
		if rule == nil {
			p.Unknown++
			continue
		}
		p.Findings = append(p.Findings, pf.finding(rule))
		p.keys = append(p.keys, pf.Fingerprint)
	}
	return p, nil
}

// Compare compares the earlier run with a new run's findings, keyed as
// the earlier ones were so that they match.
func (p *Prior) Compare(label string, findings []rules.Finding) *Comparison {
	after := Snapshot{Label: label, Findings: findings}
	occ := occurrences{}
	for _, f := range findings {
		after.keys = append(after.keys, occ.entry(f, p.dir).Fingerprint)
	}
	c := Compare(p.Snapshot, after)
	c.Unknown = p.Unknown
	return c
}

// priorFinding is a finding of a baseline or of a JSON report: the fields
// of both that a comparison reports (see the README's JSON contract).
type priorFinding struct {
	Rule        string `json:"rule"`
	Severity    string `json:"severity"`
	Message     string `json:"message"`
	Target      string `json:"target"`
	Origin      string `json:"origin"`
	File        string `json:"file"`
	Line        int    `json:"line"`
	EndLine     int    `json:"end_line"`
	Image       string `json:"image"`
	Digest      string `json:"digest"`
	Layer       string `json:"layer"`
	Path        string `json:"path"`
	History     int    `json:"history"`
	Fingerprint string `json:"fingerprint"`
	// Suppressed is set on the suppressed findings --show-suppressed lists.
	Suppressed json.RawMessage `json:"suppressed"`
}

// finding rebuilds the finding as far as the file recorded it: a
// baseline has no severity (the rule's is used) and no image origin (an
// image finding is placed in the config).
func (pf priorFinding) finding(rule *rules.Rule) rules.Finding {
	f := rules.Finding{Rule: rule, Severity: rule.Severity, Message: pf.Message}
	if sev, err := rules.ParseSeverity(pf.Severity); err == nil {
		f.Severity = sev
	}
	target, ok := rules.ParseTarget(pf.Target, pf.Origin)
	switch {
	case ok:
	case pf.Image != "":
		target = rules.TargetImageConfig
	default:
		target = rules.TargetDockerfile
	}
	f.Location = rules.Location{Target: target, File: pf.File, Line: pf.Line, EndLine: pf.EndLine,
		Image: pf.Image, Digest: pf.Digest, Layer: pf.Layer, Path: pf.Path, History: pf.History}
	if f.InImage() {
		f.File, f.Line, f.EndLine = "", 0, 0
	}
	return f
}

// SideRequest is the request that lints one side of a comparison: the
// file or directory arg when one exists, else the image reference arg,
// with base's policy, standard input and image options. root is what the
// side's file paths are keyed relative to (see RunSnapshot).
func SideRequest(arg string, base Request) (req Request, root string) {
	req = base
	req.Paths, req.Images = nil, nil
	if _, err := os.Stat(arg); err == nil || arg == "-" {
		req.Paths = []string{arg}
		return req, arg
	}
	req.Images = []string{arg}
	return req, ""
}
