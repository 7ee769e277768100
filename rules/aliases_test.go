package rules_test

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// peerIDsFile lists every peer ID the catalogue must cover.
const peerIDsFile = "../testdata/peer-ids.txt"

// peerID is one line of peer-ids.txt.
type peerID struct {
	id     string
	line   int
	marker string // "", "pending" or "out of scope"
	reason string
}

var peerLineRE = regexp.MustCompile(`^(\S+)\s*(?:#\s*(pending|out of scope)\s*:\s*(.*?))?\s*$`)

func readPeerIDs(t *testing.T) []peerID {
	t.Helper()
	fh, err := os.Open(peerIDsFile)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	var ids []peerID
	seen := map[string]int{}
	sc := bufio.NewScanner(fh)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := peerLineRE.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("%s:%d: want `ID`, `ID  # pending: …` or `ID  # out of scope: …`, got %q", peerIDsFile, n, line)
		}
		if m[2] != "" && m[3] == "" {
			t.Errorf("%s:%d: %s is marked %q without a reason", peerIDsFile, n, m[1], m[2])
		}
		if prev, dup := seen[m[1]]; dup {
			t.Errorf("%s:%d: %s already listed on line %d", peerIDsFile, n, m[1], prev)
		}
		seen[m[1]] = n
		ids = append(ids, peerID{id: m[1], line: n, marker: m[2], reason: m[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return ids
}

// Every peer ID is covered by some rule, unless it is out of scope with a
// reason or still pending (reported, not failed, so the list can land
// before every rule does).
func TestPeerIDsCovered(t *testing.T) {
	for _, p := range readPeerIDs(t) {
		covered := rules.Lookup(p.id)
		switch {
		case len(covered) > 0 && p.marker == "out of scope":
			t.Errorf("%s:%d: %s is marked out of scope but %s covers it; drop the marker", peerIDsFile, p.line, p.id, covered[0].ID)
		case len(covered) > 0 && p.marker == "pending":
			t.Logf("%s:%d: %s is now covered by %s; drop the pending marker", peerIDsFile, p.line, p.id, covered[0].ID)
		case len(covered) == 0 && p.marker == "pending":
			t.Logf("pending: %s (%s)", p.id, p.reason)
		case len(covered) == 0 && p.marker == "":
			t.Errorf("%s:%d: %s is not the ID or alias of any rule", peerIDsFile, p.line, p.id)
		}
	}
}

// peerStyleRE matches aliases that are peer IDs (as opposed to free-form
// BuildKit rule names, which are checked by exact listing).
var peerStyleRE = regexp.MustCompile(`^(DL\d{4}|DS-\d{4}|CKV2?_DOCKER_\d+|CIS-DI-\d{4}|DKL-(DI|LI)-\d{4}|B\d{3})$`)

// shellcheckRE matches ShellCheck codes, which rules may carry as their
// own peer IDs without being listed.
var shellcheckRE = regexp.MustCompile(`^SC\d{4}$`)

// Every alias in the catalogue is a listed peer ID, so a typo in an alias
// ("DS-0080", "DL3100") cannot pass unnoticed.
func TestAliasesAreKnownPeerIDs(t *testing.T) {
	listed := map[string]bool{}
	for _, p := range readPeerIDs(t) {
		listed[p.id] = true
	}
	for _, r := range rules.All() {
		for _, a := range r.Aliases {
			if shellcheckRE.MatchString(a) {
				continue
			}
			if !listed[a] {
				kind := "alias"
				if peerStyleRE.MatchString(a) {
					kind = "peer ID"
				}
				t.Errorf("%s: %s %q is not in %s (spell trivy IDs DS-0001)", r.ID, kind, a, peerIDsFile)
			}
		}
	}
}
