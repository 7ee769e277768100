package conformance

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

var update = flag.Bool("update-conformance", false, "rewrite testdata/conformance/ratchet.json with the measured pass counts")

// sources are the case files, in the order score.py reports them.
var sources = []string{"hadolint", "buildkit", "trivy", "kics-compose", "bandit"}

// testCase is one line of a shared/conformance/*.jsonl file (see the
// README there); only the fields scoring needs.
type testCase struct {
	Source            string          `json:"source"`
	Case              string          `json:"case"`
	Rule              *string         `json:"rule"`
	Expect            string          `json:"expect"`
	Dockerfile        string          `json:"dockerfile"`
	Onbuild           bool            `json:"onbuild"`
	OnbuildDockerfile string          `json:"onbuild_dockerfile"`
	Config            json.RawMessage `json:"config"`
	Topic             string          `json:"topic"`
	Expected          []struct {
		Rule        string `json:"rule"`
		Line        int    `json:"line"`
		LineChecked *bool  `json:"line_checked"`
	} `json:"expected"`
	kicsCase
	banditCase
}

// config is the union of the peers' case configurations.
type config struct {
	// hadolint (.hadolint.yaml vocabulary)
	TrustedRegistries []string          `json:"trustedRegistries"`
	LabelSchema       map[string]string `json:"label-schema"`
	StrictLabels      bool              `json:"strict-labels"`
	Ignored           []string          `json:"ignored"`
	// BuildKit
	Dockerignore  *string           `json:"dockerignore"`
	FrontendAttrs map[string]string `json:"frontend_attrs"`
}

func (c *testCase) rule() string {
	if c.Rule == nil {
		return ""
	}
	return *c.Rule
}

// group is the per-rule bucket score.py reports: the rule, or for BuildKit
// and bandit cases mixing rules, the test function or example file.
func (c *testCase) group() string {
	if (c.Source == "buildkit" || c.Source == "bandit") && c.rule() == "" {
		return c.Topic
	}
	return c.rule()
}

// dataDir finds shared/conformance: $DOCKSTRIDE_CONFORMANCE, or ../shared
// beside the repository (CI), or two levels up (a worktree under wt/).
func dataDir(t *testing.T) string {
	if d := os.Getenv("DOCKSTRIDE_CONFORMANCE"); d != "" {
		return d
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{
		filepath.Join(root, "..", "shared", "conformance"),
		filepath.Join(root, "..", "..", "shared", "conformance"),
	} {
		if _, err := os.Stat(filepath.Join(d, "buildkit.jsonl")); err == nil {
			return d
		}
	}
	return ""
}

func loadCases(t *testing.T, dir string) []*testCase {
	var out []*testCase
	for _, src := range sources {
		fh, err := os.Open(filepath.Join(dir, src+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		for sc.Scan() {
			if strings.TrimSpace(sc.Text()) == "" {
				continue
			}
			c := &testCase{}
			var err error
			if src == "bandit" {
				c, err = decodeBandit(sc.Bytes())
			} else {
				err = json.Unmarshal(sc.Bytes(), c)
			}
			if err != nil {
				t.Fatalf("%s.jsonl: %v", src, err)
			}
			out = append(out, c)
		}
		fh.Close()
		if err := sc.Err(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// finding is the part of a finding scoring reads: its IDs, file name,
// line and CIS items.
type finding struct {
	ids  []string
	line int
	file string
	cis  []string
}

// run lints one case the way score.py runs the CLI: the Dockerfile in a
// fresh directory with the case's .dockerignore, the settings its
// .hadolint.yaml implies, and (as score.py --pass-build-args) its build
// arguments.
func run(t *testing.T, c *testCase, shellcheck string) []finding {
	var cfg config
	if len(c.Config) > 0 && string(c.Config) != "null" {
		if err := json.Unmarshal(c.Config, &cfg); err != nil {
			t.Fatalf("%s: config: %v", c.Case, err)
		}
	}
	dir := t.TempDir()
	if cfg.Dockerignore != nil {
		if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(*cfg.Dockerignore), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	settings := rules.Settings{
		TrustedRegistries: cfg.TrustedRegistries,
		LabelSchema:       cfg.LabelSchema,
		StrictLabels:      cfg.StrictLabels,
		BuildArgs:         map[string]string{},
		ShellCheck:        shellcheck,
	}
	for k, v := range cfg.FrontendAttrs {
		if name, ok := strings.CutPrefix(k, "build-arg:"); ok {
			settings.BuildArgs[name] = v
		}
	}
	switch c.Source {
	case "kics-compose":
		return runInDir(t, c, c.Compose)
	case "bandit":
		return runInDir(t, c, c.Python)
	}
	text := c.Dockerfile
	if c.Onbuild && c.OnbuildDockerfile != "" {
		text = c.OnbuildDockerfile
	}
	res := lint.New(lint.Options{Ignore: cfg.Ignored, Settings: settings}).Lint(filepath.Join(dir, "Dockerfile"), []byte(text))
	for _, p := range res.Problems {
		if p.Internal {
			t.Errorf("%s: %s", c.Case, p)
		}
	}
	return findingsOf(res.Findings)
}

// runInDir lints a KICS or bandit case as score.py runs the CLI: text
// written under the case's file name (docker-compose.yml, app.py) in a
// fresh directory, and the directory linted with the default rules, so
// the file has to be found as a compose file or application code.
func runInDir(t *testing.T, c *testCase, text string) []finding {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, c.Filename), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{})})
	if err != nil {
		t.Fatalf("%s: %v", c.Case, err)
	}
	for _, p := range res.Problems {
		if p.Internal {
			t.Errorf("%s: %s", c.Case, p)
		}
	}
	return findingsOf(res.Findings)
}

// findingsOf keeps what scoring reads of each finding.
func findingsOf(fs []rules.Finding) []finding {
	out := make([]finding, 0, len(fs))
	for _, f := range fs {
		ids := append([]string{f.Rule.ID, f.Rule.Name}, f.PeerIDs()...)
		out = append(out, finding{ids: ids, line: f.Line, file: filepath.Base(f.File), cis: cisNumbers(f.Rule)})
	}
	return out
}

var (
	hadolintID   = regexp.MustCompile(`^(DL\d{4}|SC\d{4})$`)
	shellcheckID = regexp.MustCompile(`^SC\d{4}$`)
	trivyID      = regexp.MustCompile(`(?i)^(?:AVD-)?DS-?0*(\d+)$`)
)

// score judges a case exactly as score.py does.
func score(c *testCase, fs []finding, ignored []string) (bool, string) {
	switch c.Source {
	case "hadolint":
		var hit func(id string) bool
		switch rule := c.rule(); rule {
		case "*":
			hit = func(id string) bool { return hadolintID.MatchString(id) && !slices.Contains(ignored, id) }
		case "SC*":
			hit = shellcheckID.MatchString
		default:
			hit = func(id string) bool { return id == rule }
		}
		return countScore(c, fs, hit)
	case "trivy":
		want := trivyKey(c.rule())
		return countScore(c, fs, func(id string) bool { k := trivyKey(id); return k != "" && k == want })
	case "buildkit":
		return scoreBuildKit(c, fs)
	case "kics-compose":
		return scoreKICS(c, fs)
	case "bandit":
		return scoreBandit(c, fs)
	}
	return false, "unknown source " + c.Source
}

func countScore(c *testCase, fs []finding, hit func(string) bool) (bool, string) {
	n := 0
	for _, f := range fs {
		if slices.ContainsFunc(f.ids, hit) {
			n++
		}
	}
	if c.Expect == "not" {
		return n == 0, fmt.Sprintf("%d unexpected %s finding(s)", n, c.rule())
	}
	return n > 0, "no " + c.rule() + " finding"
}

func trivyKey(s string) string {
	m := trivyID.FindStringSubmatch(strings.TrimSpace(s))
	if m == nil {
		return ""
	}
	return "DS" + m[1]
}

// scoreBuildKit matches each expected (rule, line) one-to-one with a
// finding aliased to that BuildKit rule on that line, and allows no other
// finding aliased to any BuildKit rule.
func scoreBuildKit(c *testCase, fs []finding) (bool, string) {
	type bk struct {
		names []string
		line  int
		used  bool
	}
	var got []*bk
	for _, f := range fs {
		var names []string
		for _, id := range f.ids {
			if slices.ContainsFunc(rules.BuildKitRules, func(r linter.LinterRuleI) bool { return r.RuleName() == id }) {
				names = append(names, id)
			}
		}
		if len(names) > 0 {
			got = append(got, &bk{names: names, line: f.line})
		}
	}
	var why []string
	for _, e := range c.Expected {
		anyLine := e.LineChecked != nil && !*e.LineChecked
		found := false
		for _, g := range got {
			if !g.used && slices.Contains(g.names, e.Rule) && (anyLine || g.line == e.Line) {
				g.used, found = true, true
				break
			}
		}
		if !found {
			why = append(why, fmt.Sprintf("missing %s@%d", e.Rule, e.Line))
		}
	}
	for _, g := range got {
		if !g.used {
			why = append(why, fmt.Sprintf("unexpected %s@%d", strings.Join(g.names, "/"), g.line))
		}
	}
	return len(why) == 0, strings.Join(why, "; ")
}

// count is a pass count out of a total.
type count struct {
	Pass  int `json:"pass"`
	Total int `json:"total"`
}

// ratchet is testdata/conformance/ratchet.json: the pass counts the test
// must not fall below, per source and per source/rule group.
type ratchet struct {
	Sources map[string]count `json:"sources"`
	Rules   map[string]count `json:"rules"`
}

// exception is a case whose peer expectation dockstride deliberately does
// not meet.
type exception struct {
	Source string `json:"source"`
	Case   string `json:"case"`
	Reason string `json:"reason"`
}

const (
	ratchetFile    = "../../testdata/conformance/ratchet.json"
	exceptionsFile = "../../testdata/conformance/exceptions.json"
)

func TestConformance(t *testing.T) {
	dir := dataDir(t)
	if dir == "" {
		t.Skip("shared/conformance not found beside the repository (set DOCKSTRIDE_CONFORMANCE)")
	}
	cases := loadCases(t, dir)
	exceptions := loadExceptions(t)
	// ShellCheck runs when its binary is on PATH, as the CLI does; without
	// it the SC* cases cannot pass and are left out of the comparison.
	shellcheck, _ := exec.LookPath("shellcheck")

	got := ratchet{Sources: map[string]count{}, Rules: map[string]count{}}
	excepted := map[string]int{}
	var failures []string
	for _, c := range cases {
		var cfg config
		if len(c.Config) > 0 && string(c.Config) != "null" {
			_ = json.Unmarshal(c.Config, &cfg)
		}
		// Only SC* and * cases score ShellCheck findings; running it for
		// them alone gives the same scores as score.py in a tenth of the time.
		sc := ""
		if c.rule() == "SC*" || c.rule() == "*" {
			sc = shellcheck
		}
		ok, why := score(c, run(t, c, sc), cfg.Ignored)
		key := c.Source + "/" + c.group()
		s, r := got.Sources[c.Source], got.Rules[key]
		s.Total++
		r.Total++
		ex, isException := exceptions[c.Source+" "+c.Case]
		switch {
		case ok && isException:
			t.Errorf("%s %s passes but is listed in exceptions.json (%s); remove the exception", c.Source, c.Case, ex.Reason)
		case ok:
			s.Pass++
			r.Pass++
		case isException:
			excepted[c.Source]++
		default:
			failures = append(failures, fmt.Sprintf("%s %s [%s %s]: %s", c.Source, c.Case, c.group(), c.Expect, why))
		}
		got.Sources[c.Source], got.Rules[key] = s, r
	}
	for key := range exceptions {
		if !slices.ContainsFunc(cases, func(c *testCase) bool { return c.Source+" "+c.Case == key }) {
			t.Errorf("exceptions.json lists %q, which is no case", key)
		}
	}

	var line []string
	for _, src := range sources {
		c := got.Sources[src]
		line = append(line, fmt.Sprintf("%s %d/%d (%d%%, %d excepted)", src, c.Pass, c.Total, 100*c.Pass/max(c.Total, 1), excepted[src]))
	}
	t.Logf("conformance: %s", strings.Join(line, ", "))
	if testing.Verbose() {
		sort.Strings(failures)
		for _, f := range failures {
			t.Log("FAIL " + f)
		}
	}

	if *update {
		writeRatchet(t, got)
		return
	}
	want := loadRatchet(t)
	if shellcheck == "" {
		t.Log("shellcheck is not on PATH: ShellCheck (SC*) cases are not compared")
		for _, key := range []string{"hadolint/SC*", "hadolint/*"} {
			w, g := want.Rules[key], got.Rules[key]
			s := want.Sources["hadolint"]
			s.Pass -= w.Pass - min(w.Pass, g.Pass)
			want.Sources["hadolint"] = s
			delete(want.Rules, key)
		}
	}
	compare(t, "source", want.Sources, got.Sources)
	compare(t, "rule", want.Rules, got.Rules)
}

// compare fails for every key whose pass count fell below the recorded one.
func compare(t *testing.T, kind string, want, got map[string]count) {
	t.Helper()
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	improved := 0
	for _, k := range keys {
		w, g := want[k], got[k]
		switch {
		case g.Pass < w.Pass:
			t.Errorf("conformance %s %s: %d/%d pass, ratchet says %d; run with -v to see failing cases", kind, k, g.Pass, g.Total, w.Pass)
		case g.Pass > w.Pass:
			improved++
		}
	}
	if improved > 0 {
		t.Logf("%d %s pass counts rose; record them: go test ./internal/conformance -update-conformance", improved, kind)
	}
}

func loadRatchet(t *testing.T) ratchet {
	var r ratchet
	data, err := os.ReadFile(ratchetFile)
	if err != nil {
		t.Fatalf("%v (create it with -update-conformance)", err)
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatalf("%s: %v", ratchetFile, err)
	}
	return r
}

func writeRatchet(t *testing.T, r ratchet) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ratchetFile, append(data, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", ratchetFile)
}

func loadExceptions(t *testing.T) map[string]exception {
	data, err := os.ReadFile(exceptionsFile)
	if err != nil {
		t.Fatal(err)
	}
	var list []exception
	if err := json.Unmarshal(data, &list); err != nil {
		t.Fatalf("%s: %v", exceptionsFile, err)
	}
	out := map[string]exception{}
	for _, e := range list {
		if e.Reason == "" {
			t.Errorf("%s: exception for %s %s has no reason", exceptionsFile, e.Source, e.Case)
		}
		out[e.Source+" "+e.Case] = e
	}
	return out
}
