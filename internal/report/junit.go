package report

import (
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

type juSuites struct {
	XMLName  xml.Name  `xml:"testsuites"`
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Errors   int       `xml:"errors,attr"`
	Suites   []juSuite `xml:"testsuite"`
}

type juSuite struct {
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Cases    []juCase `xml:"testcase"`
}

type juCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Failure   *juProblem `xml:"failure,omitempty"`
	Error     *juProblem `xml:"error,omitempty"`
}

type juProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// JUnit writes JUnit XML for CI test reports (GitLab, Jenkins, Azure): one
// <testsuite> per Dockerfile or image, one failing <testcase> per finding
// (type is its severity), an <error> for an input that could not be
// analysed, and one passing case for a scanned input with no findings, so
// a clean file shows as a passed test rather than nothing.
func JUnit(w io.Writer, r *Report, _ Meta) error {
	var suites grouped[juSuite]
	suite := func(name string) *juSuite { return suites.get(name, func(s *juSuite) { s.Name = name }) }
	for _, f := range r.Findings {
		s := suite(f.Artifact())
		text := fmt.Sprintf("%s %s %s: %s\n\n%s\n\nFix: %s\n\nSTRIDE: %s\nDocs: %s\n",
			f.Location.String(), strings.ToUpper(f.Severity.String()), f.Rule.ID, Message(f),
			strings.TrimSpace(f.Rule.Doc.Rationale), strings.TrimSpace(f.Rule.Doc.Fix), strideList(f.Rule), RuleURL(f.Rule))
		s.Cases = append(s.Cases, juCase{
			Name:      fmt.Sprintf("%s %s at %s", f.Rule.ID, f.Rule.Name, f.Location.String()),
			Classname: s.Name,
			Failure:   &juProblem{Message: Message(f), Type: f.Severity.String(), Text: text},
		})
		s.Failures++
	}
	for _, p := range r.Problems {
		s := suite(p.File)
		s.Cases = append(s.Cases, juCase{
			Name:      "analyse " + problemLocation(p.File, p.Line),
			Classname: s.Name,
			Error:     &juProblem{Message: p.Message, Type: "input-error", Text: p.String() + "\n"},
		})
		s.Errors++
	}
	for _, in := range r.Inputs {
		if s := suite(in); len(s.Cases) == 0 {
			s.Cases = append(s.Cases, juCase{Name: "no findings", Classname: in})
		}
	}
	root := juSuites{Name: "dockstride", Suites: suites.values()}
	for i := range root.Suites {
		s := &root.Suites[i]
		s.Tests = len(s.Cases)
		root.Tests += s.Tests
		root.Failures += s.Failures
		root.Errors += s.Errors
	}
	return writeXML(w, root)
}
