package lint

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/dockstride/dockstride/rules"
)

// BaselineVersion is the version of the baseline file format.
const BaselineVersion = 1

// Baseline records accepted findings, so a repository can adopt the linter
// and be told only about new ones. Entries match by rule, file and
// fingerprint, never by line number.
type Baseline struct {
	Version  int             `json:"version"`
	Tool     string          `json:"tool"`
	Findings []BaselineEntry `json:"findings"`
}

// BaselineEntry is one accepted finding.
type BaselineEntry struct {
	Rule string `json:"rule"`
	// File is slash-separated and relative to the baseline file's
	// directory, so the baseline works from any working directory.
	File        string `json:"file,omitempty"`
	Image       string `json:"image,omitempty"`
	Fingerprint string `json:"fingerprint"`
	// Message is for people reviewing the file; it is not matched.
	Message string `json:"message,omitempty"`
}

// NewBaseline records findings (in the engine's order, Sort); dir is the
// directory the baseline file will live in.
func NewBaseline(findings []rules.Finding, dir string) *Baseline {
	b := &Baseline{Version: BaselineVersion, Tool: "dockstride", Findings: []BaselineEntry{}}
	occ := occurrences{}
	for _, f := range findings {
		b.Findings = append(b.Findings, occ.entry(f, dir))
	}
	slices.SortStableFunc(b.Findings, func(x, y BaselineEntry) int {
		return cmp.Or(cmp.Compare(x.File, y.File), cmp.Compare(x.Image, y.Image), cmp.Compare(x.Rule, y.Rule), cmp.Compare(x.Fingerprint, y.Fingerprint))
	})
	return b
}

// occurrences numbers equal (file, rule, source) triples in order, so two
// findings of one rule on one instruction, or on two identical
// instructions, stay distinct while neither depends on a line number.
// The key is the first 8 bytes of the identity's SHA-256: an array, not
// its hex string, so counting costs no allocation (every finding of a
// report is fingerprinted).
type occurrences map[[8]byte]int

// entry identifies a finding by rule, file and the hash of its source
// text (Finding.SourceHash, which ignores re-wrapping and indentation)
// plus the occurrence index; image findings, which have no source text,
// by their layer, path and message.
func (o occurrences) entry(f rules.Finding, dir string) BaselineEntry {
	return o.identify(f, dir, true)
}

// identify is entry with a choice: withImage false leaves the image's name
// and layer digests out of the identity, for comparing two builds of one
// project, whose names and layers differ while their findings are the same.
func (o occurrences) identify(f rules.Finding, dir string, withImage bool) BaselineEntry {
	e := BaselineEntry{Rule: f.Rule.ID, Message: f.Message}
	layer := ""
	if withImage {
		e.Image, layer = f.Image, f.Layer
	}
	if f.File != "" {
		e.File = relativeTo(dir, f.File)
	}
	// The hashed text is rule, file, image and what (the source hash, or
	// layer, path and message), joined by newlines, built in one buffer.
	var stack [256]byte
	buf := append(stack[:0], e.Rule...)
	buf = append(append(buf, '\n'), e.File...)
	buf = append(append(buf, '\n'), e.Image...)
	buf = append(buf, '\n')
	if f.SourceHash != "" {
		buf = append(buf, f.SourceHash...)
	} else {
		buf = append(append(buf, layer...), '\n')
		buf = append(append(buf, f.Path...), '\n')
		buf = append(buf, f.Message...)
	}
	sum := sha256.Sum256(buf)
	key := [8]byte(sum[:8])
	var fp [16 + 1 + 20]byte
	hex.Encode(fp[:16], key[:])
	fp[16] = ':'
	e.Fingerprint = string(strconv.AppendInt(fp[:17], int64(o[key]), 10))
	o[key]++
	return e
}

// relativeTo rewrites path relative to dir when both resolve; standard
// input ("-") and unresolvable paths are kept as given.
func relativeTo(dir, path string) string {
	if dir == "" || path == "-" {
		return filepath.ToSlash(path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(absDir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}

// Write encodes the baseline as indented JSON.
func (b *Baseline) Write(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(b)
}

// ReadBaseline decodes a baseline file, refusing versions it does not know.
func ReadBaseline(r io.Reader) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("not a dockstride baseline: %v", err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline version %d is not supported (this dockstride reads version %d)", b.Version, BaselineVersion)
	}
	return &b, nil
}

// Filter drops the findings the baseline records and returns the others
// with the number dropped. Each entry accepts one finding, so a second
// identical finding added later is still reported. dir is the directory
// the baseline file is in.
func (b *Baseline) Filter(findings []rules.Finding, dir string) ([]rules.Finding, int) {
	left := map[BaselineEntry]int{}
	for _, e := range b.Findings {
		e.Message = ""
		left[e]++
	}
	var kept []rules.Finding
	dropped := 0
	occ := occurrences{}
	for _, f := range findings {
		e := occ.entry(f, dir)
		e.Message = ""
		if left[e] > 0 {
			left[e]--
			dropped++
			continue
		}
		kept = append(kept, f)
	}
	return kept, dropped
}

// Fingerprinter gives findings the identity a baseline records, in order,
// so the fingerprints other outputs carry (SARIF partialFingerprints) match
// a baseline written from the same directory.
type Fingerprinter struct{ occ occurrences }

// NewFingerprinter starts a fresh occurrence count.
func NewFingerprinter() *Fingerprinter { return &Fingerprinter{occ: occurrences{}} }

// Next returns f's fingerprint: rule, file or image, source hash and
// occurrence, never the line number.
func (fp *Fingerprinter) Next(f rules.Finding) string { return fp.occ.entry(f, "").Fingerprint }
