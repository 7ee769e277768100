package conformance

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// kicsCase holds the fields of a kics-compose.jsonl line (see the README
// of shared/conformance) that scoring reads.
type kicsCase struct {
	Compose       string   `json:"compose"`
	Filename      string   `json:"filename"`
	ExpectedLines []int    `json:"expected_lines"`
	CIS           []string `json:"cis"`
	PeerID        string   `json:"peer_id"`
	Name          string   `json:"name"`
}

// scoreKICS judges a case as score.py does: a finding carries the query
// when it shares a CIS item with the case or names the query (UUID, name
// or slug); a positive case needs a carrier in the case's file on an
// expected line, a negative one no carrier at all.
func scoreKICS(c *testCase, fs []finding) (bool, string) {
	keys := []string{strings.ToLower(c.PeerID), strings.ToLower(c.Name), strings.ToLower(c.rule())}
	carries := func(f finding) bool {
		if slices.ContainsFunc(f.cis, func(n string) bool { return slices.Contains(c.CIS, n) }) {
			return true
		}
		return slices.ContainsFunc(f.ids, func(id string) bool { return slices.Contains(keys, strings.ToLower(id)) })
	}
	var lines []int
	for _, f := range fs {
		if !carries(f) {
			continue
		}
		if c.Expect == "not" {
			return false, fmt.Sprintf("unexpected %s finding on line %d", c.rule(), f.line)
		}
		if f.file == c.Filename && slices.Contains(c.ExpectedLines, f.line) {
			return true, ""
		}
		lines = append(lines, f.line)
	}
	if c.Expect == "not" {
		return true, ""
	}
	return false, fmt.Sprintf("no %s finding on lines %v (carrying findings on %v)", c.rule(), c.ExpectedLines, lines)
}

// cisNumbers lists the CIS item numbers a rule cites.
func cisNumbers(r *rules.Rule) []string {
	out := make([]string, 0, len(r.Threat.CIS))
	for _, c := range r.Threat.CIS {
		out = append(out, c.Number)
	}
	return out
}
