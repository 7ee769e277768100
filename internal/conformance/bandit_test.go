package conformance

import (
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// banditKept are the bandit test IDs bandit.jsonl was restricted to
// (BANDIT_KEPT in score.py): only findings aliased to one of them count.
var banditKept = []string{
	"B102", "B104", "B105", "B106", "B107", "B108", "B113", "B201", "B301",
	"B307", "B311", "B324", "B403", "B404", "B501", "B502", "B503", "B504",
	"B506", "B602", "B603", "B604", "B605", "B606", "B607", "B608", "B609",
}

var banditID = regexp.MustCompile(`(?i)^B\d{3}$`)

// banditCase holds the fields of a bandit.jsonl line that scoring reads.
type banditCase struct {
	Python        string
	Attribution   string
	ExpectedIDs   map[string]int
	ExpectedTotal int
}

// decodeBandit reads one bandit.jsonl line. Its "expected" is an object
// (test ID to count) where the other sources have a list, so it cannot
// share testCase's decoding.
func decodeBandit(line []byte) (*testCase, error) {
	var v struct {
		Source        string         `json:"source"`
		Case          string         `json:"case"`
		Rule          *string        `json:"rule"`
		Expect        string         `json:"expect"`
		Topic         string         `json:"topic"`
		Filename      string         `json:"filename"`
		Python        string         `json:"python"`
		Attribution   string         `json:"attribution"`
		Expected      map[string]int `json:"expected"`
		ExpectedTotal int            `json:"expected_total"`
	}
	if err := json.Unmarshal(line, &v); err != nil {
		return nil, err
	}
	c := &testCase{Source: v.Source, Case: v.Case, Rule: v.Rule, Expect: v.Expect, Topic: v.Topic}
	c.Filename = v.Filename
	c.banditCase = banditCase{Python: v.Python, Attribution: v.Attribution, ExpectedIDs: v.Expected, ExpectedTotal: v.ExpectedTotal}
	return c, nil
}

// scoreBandit judges a case as score.py does: with per-test attribution,
// the number of findings aliased to each kept test ID equals the case's
// count for it (0 when absent); otherwise the number of findings aliased
// to any kept ID equals expected_total.
func scoreBandit(c *testCase, fs []finding) (bool, string) {
	got := map[string]int{}
	anyKept := 0
	for _, f := range fs {
		var ids []string
		for _, id := range f.ids {
			id = strings.ToUpper(id)
			if banditID.MatchString(id) && slices.Contains(banditKept, id) && !slices.Contains(ids, id) {
				ids = append(ids, id)
				got[id]++
			}
		}
		if len(ids) > 0 {
			anyKept++
		}
	}
	if c.Attribution == "per_test" && c.ExpectedIDs != nil {
		var why []string
		for _, id := range slices.Sorted(slices.Values(banditKept)) {
			if got[id] != c.ExpectedIDs[id] {
				why = append(why, fmt.Sprintf("%s: expected %d, got %d", id, c.ExpectedIDs[id], got[id]))
			}
		}
		return len(why) == 0, strings.Join(why, "; ")
	}
	if anyKept != c.ExpectedTotal {
		return false, fmt.Sprintf("expected %d finding(s) with a kept bandit ID, got %d", c.ExpectedTotal, anyKept)
	}
	return true, ""
}

// TestBanditKeptIDsAreAliases: every kept bandit test ID is an alias of
// some rule, so `# nosec B602` and `--ignore B602` name it and the
// bandit cases can be scored at all.
func TestBanditKeptIDsAreAliases(t *testing.T) {
	for _, id := range banditKept {
		if len(rules.Lookup(id)) == 0 {
			t.Errorf("no rule answers to bandit's %s", id)
		}
	}
}

// TestScoreBanditCountsPerID: one finding too many or too few for a kept
// ID fails a per-test case; IDs outside the kept set are not counted.
func TestScoreBanditCountsPerID(t *testing.T) {
	c := &testCase{banditCase: banditCase{Attribution: "per_test", ExpectedIDs: map[string]int{"B602": 2}, ExpectedTotal: 2}}
	b602 := finding{ids: []string{"DKS9000", "b602"}}
	other := finding{ids: []string{"B101"}}
	if ok, why := scoreBandit(c, []finding{b602, b602, other}); !ok {
		t.Errorf("two B602 findings: failed: %s", why)
	}
	if ok, _ := scoreBandit(c, []finding{b602}); ok {
		t.Error("one B602 finding where two are expected passed")
	}
	if ok, _ := scoreBandit(c, []finding{b602, b602, {ids: []string{"B603"}}}); ok {
		t.Error("an unexpected B603 finding passed")
	}
	c.Attribution = "total"
	if ok, why := scoreBandit(c, []finding{b602, {ids: []string{"B603"}}}); !ok {
		t.Errorf("total attribution, two kept findings: failed: %s", why)
	}
}
