package precision

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
)

// Verdict is a reviewer's judgement of one finding.
type Verdict string

// The three verdicts.
const (
	TP    Verdict = "tp"    // a real problem a reviewer asks to fix
	Noise Verdict = "noise" // true, but not worth a warning (hygiene at warning level)
	FP    Verdict = "fp"    // wrong
)

// Samples: how a verdict's finding was chosen.
const (
	// SampleRandom findings were drawn across files and shapes; they alone
	// count towards precision.
	SampleRandom = "random"
	// SampleKnownFP findings were collected because they have the shape of
	// a known false positive; they guard the fix but would bias precision.
	SampleKnownFP = "known-fp"
)

// Record is one judged finding, a line of verdicts.jsonl.
type Record struct {
	// File is the corpus file, relative to the corpus folder
	// (dockerfiles/owner__repo/…).
	File    string `json:"file"`
	Rule    string `json:"rule"`
	Line    int    `json:"line"`
	EndLine int    `json:"end_line"`
	// Fingerprint is the finding's baseline fingerprint (SARIF
	// partialFingerprints "dockstride/v1") when it was judged.
	Fingerprint string `json:"fingerprint"`
	// Severity is the finding's severity when it was judged.
	Severity string `json:"severity"`
	// Code is ShellCheck's code (SC2086) for DKS3900 findings.
	Code    string  `json:"code,omitempty"`
	Verdict Verdict `json:"verdict"`
	// Open marks a false positive that is known and not fixed yet: the
	// test lists it while it is reported. A closed one (false) fails the
	// test if it comes back.
	Open bool `json:"open,omitempty"`
	// Shape names the kind of false positive (sudo-u-step-down), so the
	// fixes can be planned per shape.
	Shape  string `json:"shape,omitempty"`
	Sample string `json:"sample"`
	// Reason is the one-line ground for the verdict.
	Reason string `json:"reason"`
	// Message is the finding's message when it was judged, for readers;
	// it is not matched.
	Message string `json:"message"`
}

// key identifies the judged finding: the fingerprint already hashes the
// rule, the file and the instruction's text.
func (r *Record) key() string { return r.File + "\x00" + r.Rule + "\x00" + r.Fingerprint }

func (r *Record) validate() error {
	switch {
	case r.File == "" || r.Rule == "" || r.Fingerprint == "" || r.Reason == "":
		return fmt.Errorf("file, rule, fingerprint and reason are required")
	case r.Line < 1 || r.EndLine < r.Line:
		return fmt.Errorf("line %d..%d is not a line range", r.Line, r.EndLine)
	case r.Verdict != TP && r.Verdict != Noise && r.Verdict != FP:
		return fmt.Errorf("verdict %q is not tp, noise or fp", r.Verdict)
	case r.Sample != SampleRandom && r.Sample != SampleKnownFP:
		return fmt.Errorf("sample %q is not %s or %s", r.Sample, SampleRandom, SampleKnownFP)
	case r.Sample == SampleKnownFP && r.Verdict != FP:
		return fmt.Errorf("a %s record must be an fp", SampleKnownFP)
	case r.Verdict == FP && r.Shape == "":
		return fmt.Errorf("an fp needs a shape")
	case r.Verdict != FP && (r.Open || r.Shape != ""):
		return fmt.Errorf("open and shape belong to fp verdicts only")
	case (r.Rule == "DKS3900") != (r.Code != ""):
		return fmt.Errorf("code is required for DKS3900 findings and only for them")
	}
	return nil
}

// Load reads verdicts.jsonl: one record a line, blank lines skipped. A
// record that is malformed or judged twice is an error naming its line.
func Load(r io.Reader) ([]Record, error) {
	var out []Record
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var rec Record
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rec); err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		if err := rec.validate(); err != nil {
			return nil, fmt.Errorf("line %d: %s %s: %v", n, rec.File, rec.Rule, err)
		}
		if prev, dup := seen[rec.key()]; dup {
			return nil, fmt.Errorf("line %d: %s %s %s is judged again (first on line %d)", n, rec.File, rec.Rule, rec.Fingerprint, prev)
		}
		seen[rec.key()] = n
		out = append(out, rec)
	}
	return out, sc.Err()
}

// LoadFile reads a verdicts file.
func LoadFile(path string) ([]Record, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return recs, nil
}

// Encode writes records in the canonical form of verdicts.jsonl: one
// compact JSON object a line, fields in Record's order, no HTML escaping.
func Encode(w io.Writer, recs []Record) error {
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := range recs {
		if err := enc.Encode(&recs[i]); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
