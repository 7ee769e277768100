package precision

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Finding is one finding of a run, as much of it as matching needs.
type Finding struct {
	File     string
	Rule     string
	Line     int
	Severity string
	// Code is ShellCheck's code for DKS3900 findings (from the aliases).
	Code    string
	Message string
	// Fingerprint is empty when the run came without its SARIF report.
	Fingerprint string
}

// ReadRun reads a run's `--format json` report and, when sarif is not nil,
// the `--format sarif` report of the same run, whose results list the same
// findings in the same order and carry their fingerprints (the JSON
// contract has none). Findings and results are checked pair by pair, so a
// SARIF report of another run is an error rather than wrong fingerprints.
func ReadRun(report, sarif io.Reader) ([]Finding, error) {
	var rep struct {
		Schema   int `json:"schema"`
		Findings []struct {
			Rule     string   `json:"rule"`
			Severity string   `json:"severity"`
			Message  string   `json:"message"`
			File     string   `json:"file"`
			Line     int      `json:"line"`
			Aliases  []string `json:"aliases"`
		} `json:"findings"`
	}
	if err := json.NewDecoder(report).Decode(&rep); err != nil {
		return nil, fmt.Errorf("JSON report: %v", err)
	}
	if rep.Schema != 1 {
		return nil, fmt.Errorf("JSON report: schema %d, want 1", rep.Schema)
	}
	out := make([]Finding, len(rep.Findings))
	for i, f := range rep.Findings {
		out[i] = Finding{File: f.File, Rule: f.Rule, Line: f.Line, Severity: f.Severity, Message: f.Message}
		if f.Rule == "DKS3900" {
			for _, a := range f.Aliases {
				if strings.HasPrefix(a, "SC") {
					out[i].Code = a
				}
			}
		}
	}
	if sarif == nil {
		return out, nil
	}
	if err := addFingerprints(out, sarif); err != nil {
		return nil, fmt.Errorf("SARIF report: %v", err)
	}
	return out, nil
}

// addFingerprints copies the SARIF results' fingerprints onto the
// findings. SARIF lists suppressed findings after the live ones, so it may
// have more results than the JSON report has findings.
func addFingerprints(fs []Finding, sarif io.Reader) error {
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					Physical struct {
						Artifact struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fingerprints map[string]string `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.NewDecoder(sarif).Decode(&log); err != nil {
		return err
	}
	if len(log.Runs) != 1 {
		return fmt.Errorf("%d runs, want 1", len(log.Runs))
	}
	results := log.Runs[0].Results
	if len(results) < len(fs) {
		return fmt.Errorf("%d results for %d findings: not the same run", len(results), len(fs))
	}
	for i := range fs {
		r := results[i]
		if r.RuleID != fs[i].Rule || len(r.Locations) == 0 ||
			r.Locations[0].Physical.Artifact.URI != fs[i].File || r.Locations[0].Physical.Region.StartLine != fs[i].Line {
			return fmt.Errorf("result %d (%s) does not match finding %s %s:%d: not the same run", i, r.RuleID, fs[i].Rule, fs[i].File, fs[i].Line)
		}
		fs[i].Fingerprint = r.Fingerprints["dockstride/v1"]
	}
	return nil
}
