package lint

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// testRule reports every RUN; its aliases let pragmas name it.
var testRule = &rules.Rule{
	ID: "DKS9001", Name: "every-run", Title: "Every RUN", Severity: rules.Warning,
	Aliases: []string{"DL9999"},
	Threat:  threat.Ref{STRIDE: []threat.STRIDE{threat.Tampering}, CWE: []*threat.CWE{threat.CWE710}},
	Checks: []rules.Check{rules.InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *rules.Pass, in dockerfile.Instruction) {
		p.Reportf(in.Range(), "a RUN")
	}}},
}

var panicRule = &rules.Rule{
	ID: "DKS9002", Name: "panics", Title: "Panics", Severity: rules.Error,
	Threat: threat.Ref{STRIDE: []threat.STRIDE{threat.Tampering}, CWE: []*threat.CWE{threat.CWE710}},
	Checks: []rules.Check{rules.StageCheck{Check: func(p *rules.Pass, s *dockerfile.Stage) { panic("boom") }}},
}

func lines(fs []rules.Finding) []int {
	var out []int
	for _, f := range fs {
		out = append(out, f.Line)
	}
	return out
}

func TestSuppressions(t *testing.T) {
	src := `FROM alpine:3.20
RUN one
# dockstride ignore=DKS9001 -- reviewed
RUN two
# hadolint ignore=DL9999
RUN three
# a comment that is not a pragma
# dockstride ignore=every-run
RUN four \
    continued
# dockstride ignore=DKS4001
RUN five
`
	res := New(Options{Rules: []*rules.Rule{testRule}}).Lint("Dockerfile", []byte(src))
	if got := lines(res.Findings); !reflect.DeepEqual(got, []int{2, 12}) {
		t.Errorf("unsuppressed findings on lines %v, want [2 12]", got)
	}
	if len(res.Suppressed) != 3 || res.Suppressed[0].By.Reason != "reviewed" || res.Suppressed[1].By.Tool != "hadolint" {
		t.Errorf("suppressed = %+v", res.Suppressed)
	}
	global := "# hadolint global ignore=DL9999\n" + src
	res = New(Options{Rules: []*rules.Rule{testRule}}).Lint("Dockerfile", []byte(global))
	if len(res.Findings) != 0 || len(res.Suppressed) != 5 {
		t.Errorf("global ignore left %v, suppressed %d", lines(res.Findings), len(res.Suppressed))
	}
}

func TestIgnoreAndSeverityOverride(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN x\n")
	res := New(Options{Rules: []*rules.Rule{testRule}, Ignore: []string{"dl9999"}}).Lint("D", src)
	if len(res.Findings) != 0 {
		t.Errorf("--ignore by alias did not disable the rule")
	}
	res = New(Options{Rules: []*rules.Rule{testRule}, Severity: map[string]rules.Severity{"every-run": rules.Style}}).Lint("D", src)
	if len(res.Findings) != 1 || res.Findings[0].Severity != rules.Style {
		t.Errorf("severity override not applied: %+v", res.Findings)
	}
	if testRule.Severity != rules.Warning {
		t.Error("override must not mutate the rule")
	}
}

// splitRule stands for two peer rules: RUNs mentioning "apt" are DL9001
// findings, the others DL9002.
var splitRule = &rules.Rule{
	ID: "DKS9003", Name: "split", Title: "Split", Severity: rules.Warning,
	Aliases: []string{"DL9001", "DL9002"}, AliasesPerFinding: true,
	Threat: threat.Ref{STRIDE: []threat.STRIDE{threat.Tampering}, CWE: []*threat.CWE{threat.CWE710}},
	Checks: []rules.Check{rules.InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *rules.Pass, in dockerfile.Instruction) {
		peer := "DL9002"
		if strings.Contains(strings.Join(in.Args(), " "), "apt") {
			peer = "DL9001"
		}
		p.ReportAliasedf(in.Range(), []string{peer}, "a RUN")
	}}},
}

// A peer ID of a rule whose findings carry their own aliases reaches only
// those findings: --ignore, severity overrides and pragmas alike.
func TestPerFindingAliases(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN apt\nRUN pip\n# hadolint ignore=DL9001\nRUN apt pip\n# hadolint ignore=DL9002\nRUN apt again\n")
	one := []*rules.Rule{splitRule}
	res := New(Options{Rules: one}).Lint("D", src)
	if got := lines(res.Findings); !reflect.DeepEqual(got, []int{2, 3, 7}) || len(res.Suppressed) != 1 {
		t.Errorf("pragmas: findings on %v, %d suppressed; want [2 3 7] and 1", got, len(res.Suppressed))
	}
	res = New(Options{Rules: one, Ignore: []string{"DL9002"}}).Lint("D", src)
	if got := lines(res.Findings); !reflect.DeepEqual(got, []int{2, 7}) {
		t.Errorf("--ignore DL9002 left findings on %v, want [2 7]", got)
	}
	res = New(Options{Rules: one, Ignore: []string{"split"}}).Lint("D", src)
	if len(res.Findings) != 0 {
		t.Errorf("--ignore by name left %v", lines(res.Findings))
	}
	res = New(Options{Rules: one, Severity: map[string]rules.Severity{"DL9002": rules.Info}}).Lint("D", src)
	for _, f := range res.Findings {
		if want := map[bool]rules.Severity{true: rules.Warning, false: rules.Info}[f.Aliases[0] == "DL9001"]; f.Severity != want {
			t.Errorf("line %d (%v): severity %v, want %v", f.Line, f.Aliases, f.Severity, want)
		}
	}
}

func TestPanickingRuleIsIsolated(t *testing.T) {
	res := New(Options{Rules: []*rules.Rule{panicRule, testRule}}).Lint("Dockerfile", []byte("FROM alpine:3.20\nRUN x\n"))
	if len(res.Findings) != 1 {
		t.Errorf("other rules must still report, got %d findings", len(res.Findings))
	}
	if len(res.Problems) != 1 || !res.Problems[0].Internal || !strings.Contains(res.Problems[0].Message, "DKS9002") ||
		res.Problems[0].File != "Dockerfile" || res.Problems[0].Line != 1 {
		t.Errorf("problem = %+v", res.Problems)
	}
}

func TestParseProblemsKeepLinting(t *testing.T) {
	res := New(Options{Rules: []*rules.Rule{testRule}}).Lint("bad/Dockerfile", []byte("FROM alpine:3.20\nFORM x\nRUN y\n"))
	if len(res.Problems) != 1 || res.Problems[0].Line != 2 || res.Problems[0].Internal {
		t.Errorf("problems = %+v", res.Problems)
	}
	if got := lines(res.Findings); !reflect.DeepEqual(got, []int{3}) {
		t.Errorf("the rest of the file must still be linted, findings on %v", got)
	}
	res = New(Options{}).Lint("x", []byte("FROM a\nRUN <<EOF\nnever ends\n"))
	if len(res.Problems) != 1 || res.Problems[0].Line < 1 {
		t.Errorf("unterminated heredoc: %+v", res.Problems)
	}
}

func TestRunKeepsOrder(t *testing.T) {
	dir := t.TempDir()
	var paths []string
	for i := range 50 {
		p := filepath.Join(dir, fmt.Sprintf("f%02d.Dockerfile", i))
		if err := os.WriteFile(p, []byte(strings.Repeat("FROM alpine:3.20\nRUN x\n", i%5+1)), 0o644); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	missing := filepath.Join(dir, "missing")
	res, err := Run(context.Background(), Request{Paths: append(paths, missing), Policy: FixedPolicy(Options{})})
	if err != nil {
		t.Fatal(err)
	}
	e := New(Options{})
	var serial []rules.Finding
	for _, p := range paths {
		src, _ := os.ReadFile(p)
		serial = append(serial, e.Lint(p, src).Findings...)
	}
	if !reflect.DeepEqual(res.Findings, serial) {
		t.Fatal("the parallel run's findings differ from a serial lint's")
	}
	if len(res.Problems) != 1 || res.Problems[0].File != missing {
		t.Errorf("a missing file must become one problem: %+v", res.Problems)
	}
	if !slices.Equal(res.Inputs, paths) || res.Files != 50 {
		t.Errorf("inputs = %d files, want the 50 found in order", res.Files)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "Dockerfile")
	if err := os.WriteFile(p, []byte("FROM alpine:3.20\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Run(ctx, Request{Paths: []string{p}, Policy: FixedPolicy(Options{})}); err != context.Canceled {
		t.Errorf("Run under a cancelled context = %v, want context.Canceled", err)
	}
}

func TestSort(t *testing.T) {
	a, b := &rules.Rule{ID: "DKS1000"}, &rules.Rule{ID: "DKS2000"}
	fs := []rules.Finding{
		{Rule: b, Location: rules.Location{File: "b", Line: 1}}, {Rule: b, Location: rules.Location{File: "a", Line: 2}},
		{Rule: a, Location: rules.Location{File: "a", Line: 2}}, {Rule: a, Location: rules.Location{File: "a", Line: 1}},
	}
	Sort(fs)
	var got []string
	for _, f := range fs {
		got = append(got, fmt.Sprintf("%s:%d:%s", f.File, f.Line, f.Rule.ID))
	}
	want := []string{"a:1:DKS1000", "a:2:DKS1000", "a:2:DKS2000", "b:1:DKS2000"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("sorted %v, want %v", got, want)
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"Dockerfile", "api/Dockerfile.prod", "web/app.Dockerfile", "db/Containerfile",
		"x/notes.txt", ".git/Dockerfile", "node_modules/m/Dockerfile", "vendor/v/Dockerfile"} {
		full := filepath.Join(dir, p)
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("FROM scratch\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	files, problems := Discover([]string{dir, filepath.Join(dir, "x/notes.txt"), filepath.Join(dir, "nope")})
	var rel []string
	for _, f := range files {
		r, _ := filepath.Rel(dir, f)
		rel = append(rel, filepath.ToSlash(r))
	}
	want := []string{"Dockerfile", "api/Dockerfile.prod", "db/Containerfile", "web/app.Dockerfile", "x/notes.txt"}
	if !reflect.DeepEqual(rel, want) {
		t.Errorf("discovered %v, want %v", rel, want)
	}
	if len(problems) != 1 || problems[0].Message != "no such file or directory" {
		t.Errorf("problems = %+v", problems)
	}
}
