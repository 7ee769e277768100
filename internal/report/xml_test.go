package report_test

import (
	"encoding/json"
	"encoding/xml"
	"slices"
	"testing"
)

// The XML formats decode with encoding/xml into the shape their consumers
// read, with one entry per finding and problem and 1-based lines.
func TestCheckstyleParse(t *testing.T) {
	rep := loadInput(t)
	var doc struct {
		XMLName xml.Name `xml:"checkstyle"`
		Files   []struct {
			Name   string `xml:"name,attr"`
			Errors []struct {
				Line     *int   `xml:"line,attr"`
				Severity string `xml:"severity,attr"`
				Message  string `xml:"message,attr"`
				Source   string `xml:"source,attr"`
			} `xml:"error"`
		} `xml:"file"`
	}
	if err := xml.Unmarshal(render(t, "checkstyle", rep, testMeta()), &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	var names []string
	for _, f := range doc.Files {
		names = append(names, f.Name)
		for _, e := range f.Errors {
			n++
			if e.Line != nil && *e.Line < 1 {
				t.Errorf("%s: line %d", f.Name, *e.Line)
			}
			if !slices.Contains([]string{"error", "warning", "info"}, e.Severity) || e.Message == "" || e.Source == "" {
				t.Errorf("%s: %+v", f.Name, e)
			}
		}
	}
	if n != len(rep.Findings)+len(rep.Problems) {
		t.Errorf("%d errors, want %d", n, len(rep.Findings)+len(rep.Problems))
	}
	for _, in := range rep.Inputs {
		if !slices.Contains(names, in) {
			t.Errorf("scanned input %s has no <file>", in)
		}
	}
}

func TestJUnitParse(t *testing.T) {
	rep := loadInput(t)
	var doc struct {
		XMLName  xml.Name `xml:"testsuites"`
		Tests    int      `xml:"tests,attr"`
		Failures int      `xml:"failures,attr"`
		Errors   int      `xml:"errors,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				Name    string    `xml:"name,attr"`
				Failure *struct{} `xml:"failure"`
				Error   *struct{} `xml:"error"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(render(t, "junit", rep, testMeta()), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Failures != len(rep.Findings) || doc.Errors != len(rep.Problems) {
		t.Errorf("failures %d, errors %d; want %d and %d", doc.Failures, doc.Errors, len(rep.Findings), len(rep.Problems))
	}
	cases, passed := 0, 0
	for _, s := range doc.Suites {
		if s.Tests != len(s.Cases) {
			t.Errorf("suite %s says %d tests, has %d", s.Name, s.Tests, len(s.Cases))
		}
		for _, c := range s.Cases {
			cases++
			if c.Failure == nil && c.Error == nil {
				passed++
			}
		}
	}
	if cases != doc.Tests || passed != 1 {
		t.Errorf("%d cases (header %d), %d passed; want the clean input as the one passing case", cases, doc.Tests, passed)
	}
}

// GitLab and Code Climate issues carry what the merge-request widget needs:
// a path, a 1-based begin line, a known severity and a unique fingerprint.
func TestCodeQualityParse(t *testing.T) {
	rep := loadInput(t)
	for _, format := range []string{"gitlab", "codeclimate"} {
		var issues []struct {
			Type        string `json:"type"`
			CheckName   string `json:"check_name"`
			Description string `json:"description"`
			Severity    string `json:"severity"`
			Fingerprint string `json:"fingerprint"`
			Location    struct {
				Path  string `json:"path"`
				Lines struct {
					Begin int `json:"begin"`
				} `json:"lines"`
			} `json:"location"`
		}
		if err := json.Unmarshal(render(t, format, rep, testMeta()), &issues); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(issues) != len(rep.Findings)+len(rep.Problems) {
			t.Errorf("%s: %d issues, want %d", format, len(issues), len(rep.Findings)+len(rep.Problems))
		}
		seen := map[string]bool{}
		for _, is := range issues {
			if is.Location.Path == "" || is.Location.Lines.Begin < 1 || is.CheckName == "" || is.Description == "" {
				t.Errorf("%s: incomplete issue %+v", format, is)
			}
			if !slices.Contains([]string{"info", "minor", "major", "critical", "blocker"}, is.Severity) {
				t.Errorf("%s: severity %q", format, is.Severity)
			}
			if seen[is.Fingerprint] {
				t.Errorf("%s: fingerprint %s repeated", format, is.Fingerprint)
			}
			seen[is.Fingerprint] = true
			if (format == "codeclimate") != (is.Type == "issue") {
				t.Errorf("%s: type %q", format, is.Type)
			}
		}
	}
}
