package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

func TestRulesListsEveryRule(t *testing.T) {
	out, errOut, code := run(t, "", "rules")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, r := range rules.All() {
		if !strings.Contains(out, r.ID+"  "+r.Name) {
			t.Errorf("rules output lacks %s %s:\n%s", r.ID, r.Name, out)
		}
	}
}

func TestRulesFilters(t *testing.T) {
	list := func(args ...string) []ruleJSON {
		t.Helper()
		out, errOut, code := run(t, "", append([]string{"rules", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		var got []ruleJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		return got
	}
	if got := list(); len(got) != len(rules.All()) {
		t.Errorf("unfiltered: %d rules, want %d", len(got), len(rules.All()))
	}
	for _, r := range list("--stride", "R") {
		if !slices.Contains(r.STRIDE, "Repudiation") {
			t.Errorf("--stride R listed %s with %v", r.ID, r.STRIDE)
		}
	}
	if len(list("--stride", "repudiation")) == 0 {
		t.Error("--stride repudiation listed nothing; healthcheck-missing is filed under it")
	}
	for _, r := range list("--cis", "4") {
		ok := false
		for _, c := range r.CIS {
			ok = ok || strings.HasPrefix(c, "4.")
		}
		if !ok {
			t.Errorf("--cis 4 listed %s with %v", r.ID, r.CIS)
		}
	}
	got := list("--cis", "4.1")
	if len(got) == 0 {
		t.Error("--cis 4.1 listed nothing; runs-as-root cites it")
	}
	for _, r := range got {
		if !slices.Contains(r.CIS, "4.1") {
			t.Errorf("--cis 4.1 listed %s with %v (4.10 is not 4.1)", r.ID, r.CIS)
		}
	}
	for _, r := range list("--target", "dockerfile") {
		if !slices.Contains(r.Targets, "dockerfile") {
			t.Errorf("--target dockerfile listed %s with %v", r.ID, r.Targets)
		}
	}
	for _, args := range [][]string{{"--stride", "X"}, {"--target", "vm"}, {"--format", "yaml"}} {
		if _, _, code := run(t, "", append([]string{"rules"}, args...)...); code != ExitError {
			t.Errorf("rules %v: exit %d, want %d", args, code, ExitError)
		}
	}
}

func TestExplain(t *testing.T) {
	r := rules.All()[0]
	for _, key := range append([]string{r.ID, r.Name}, r.Aliases...) {
		out, errOut, code := run(t, "", "explain", key)
		if code != 0 || !strings.HasPrefix(out, r.ID+" "+r.Name+": "+r.Title+"\n") || !strings.Contains(out, "\nFIX\n") {
			t.Errorf("explain %s: exit %d, stderr %q, output:\n%s", key, code, errOut, out)
		}
	}
	if _, errOut, code := run(t, "", "explain", "DKS0000"); code != ExitError || !strings.Contains(errOut, "DKS0000") {
		t.Errorf("explain of an unknown rule: exit %d, stderr %q", code, errOut)
	}
}

// explain is written for a terminal: no Markdown tables or <br>; the
// Markdown page, the text of docs/rules, is behind --markdown.
func TestExplainForTerminal(t *testing.T) {
	out, _, code := run(t, "", "explain", "DKS4001")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, raw := range []string{"| ", "<br>", "](", "**", "## "} {
		if strings.Contains(out, raw) {
			t.Errorf("explain prints raw Markdown %q:\n%s", raw, out)
		}
	}
	md, _, _ := run(t, "", "explain", "--markdown", "DKS4001")
	page, err := os.ReadFile(filepath.Join("..", "..", "docs", "rules", "DKS4001.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(string(page), md) || !strings.Contains(md, "| MITRE ATT&CK |") {
		t.Errorf("explain --markdown is not the docs page:\n%s", md)
	}
}

// T1078 is filed under one tactic everywhere: the page explain prints and
// the threat summary lint prints both say Persistence, as the threat
// model does.
func TestValidAccountsOneTactic(t *testing.T) {
	explained, _, _ := run(t, "", "explain", "DKS4001")
	linted, _, _ := run(t, "", "lint", "--no-config", filepath.Join("..", "..", "testdata", "examples", "insecure.Dockerfile"))
	if !strings.Contains(explained, "T1078 Valid Accounts (Persistence)") {
		t.Errorf("explain files T1078 elsewhere:\n%s", explained)
	}
	if !strings.Contains(linted, "T1078     Valid Accounts (Persistence)") {
		t.Errorf("lint files T1078 elsewhere:\n%s", linted)
	}
}
