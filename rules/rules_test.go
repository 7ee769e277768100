package rules_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// fixtureRoot holds one directory per rule ID with its fixtures.
const fixtureRoot = "../testdata/rules"

// want is one inline expectation of a fixture.
type want struct {
	id      string
	re      *regexp.Regexp // optional message pattern
	sev     rules.Severity // optional severity; 0 is any
	line    int            // the instruction's first line; 0 for want-file
	end     int            // the instruction's last line
	comment int            // the line of the # want comment itself
	matched bool
}

var wantRE = regexp.MustCompile(`^#\s*(want|want-file):\s*(DKS\d{4})(?:\s+(error|warning|info|style))?(?:\s+"(.*)")?\s*$`)

// parseWants reads `# want: ID [severity] ["regexp"]` (binds to the next
// instruction line) and `# want-file: ID` (a finding about a stage or the
// whole file); a severity, when given, must be the finding's.
func parseWants(t *testing.T, path string, lines []string) []*want {
	t.Helper()
	var ws []*want
	var pending []*want
	for i, l := range lines {
		trim := strings.TrimSpace(l)
		if m := wantRE.FindStringSubmatch(trim); m != nil {
			w := &want{id: m[2], comment: i + 1}
			if m[3] != "" {
				w.sev, _ = rules.ParseSeverity(m[3])
			}
			if m[4] != "" {
				re, err := regexp.Compile(m[4])
				if err != nil {
					t.Fatalf("%s:%d: bad want regexp: %v", path, i+1, err)
				}
				w.re = re
			}
			ws = append(ws, w)
			if m[1] == "want" {
				pending = append(pending, w)
			}
			continue
		}
		if strings.HasPrefix(trim, "# want") {
			t.Fatalf("%s:%d: malformed want comment %q", path, i+1, trim)
		}
		if trim == "" || strings.HasPrefix(trim, "#") {
			continue
		}
		for _, w := range pending {
			w.line = i + 1
		}
		pending = nil
	}
	if len(pending) > 0 {
		t.Fatalf("%s:%d: want comment is not followed by an instruction", path, pending[0].comment)
	}
	return ws
}

// lintWith runs a single rule over src with settings, as the harness and
// doc examples do: fixtures stay stable when other rules change.
func lintWith(r *rules.Rule, s rules.Settings, path string, src []byte) lint.Result {
	return lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: s}).Lint(path, src)
}

// shellCheckBin is the shellcheck binary the ShellCheck rule's tests run,
// or "" when it is not installed.
func shellCheckBin() string {
	p, _ := exec.LookPath("shellcheck")
	return p
}

// settingsRE matches a fixture's `# settings: {…}` line: the rules.Settings
// (as JSON) the fixture is linted with.
var settingsRE = regexp.MustCompile(`^#\s*settings:\s*(\{.*\})\s*$`)

// basesRE matches a fixture's `# bases: {…}` line: the base images'
// configs its rules read as if with --resolve-base (a rules.StaticBases as
// JSON).
var basesRE = regexp.MustCompile(`^#\s*bases:\s*(\{.*\})\s*$`)

// fixtureSettings reads the fixture's settings and bases lines, if any.
func fixtureSettings(t *testing.T, path string, lines []string) rules.Settings {
	t.Helper()
	var s rules.Settings
	for i, l := range lines {
		if m := settingsRE.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			if err := json.Unmarshal([]byte(m[1]), &s); err != nil {
				t.Fatalf("%s:%d: bad settings: %v", path, i+1, err)
			}
		}
		if m := basesRE.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
			var b rules.StaticBases
			if err := json.Unmarshal([]byte(m[1]), &b); err != nil {
				t.Fatalf("%s:%d: bad bases: %v", path, i+1, err)
			}
			s.Bases = b
		}
	}
	return s
}

func TestFixtures(t *testing.T) {
	for _, r := range rules.All() {
		dir := filepath.Join(fixtureRoot, r.ID)
		files, _ := filepath.Glob(filepath.Join(dir, "*.Dockerfile"))
		sort.Strings(files)
		for _, path := range files {
			t.Run(r.ID+"/"+filepath.Base(path), func(t *testing.T) {
				checkFixture(t, r, path)
			})
		}
	}
}

// readFixture reads a fixture, its lines and its # want: comments; a
// fixture expecting no finding must say so by its ok_ name.
func readFixture(t *testing.T, path string) ([]byte, []string, []*want) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	wants := parseWants(t, path, lines)
	if len(wants) == 0 && !strings.HasPrefix(filepath.Base(path), "ok_") {
		t.Fatalf("%s has no # want: comment; name it ok_* if no finding is expected", path)
	}
	return src, lines, wants
}

func checkFixture(t *testing.T, r *rules.Rule, path string) {
	src, lines, wants := readFixture(t, path)
	bindRanges(t, path, src, wants)
	settings := fixtureSettings(t, path, lines)
	if r == rules.ShellCheck {
		if settings.ShellCheck = shellCheckBin(); settings.ShellCheck == "" {
			t.Skip("shellcheck is not on PATH (CI installs it)")
		}
	}
	res := lintWith(r, settings, path, src)
	for _, p := range res.Problems {
		t.Errorf("%s: unexpected problem: %s", path, p)
	}
	for _, f := range res.Findings {
		if f.Line < 1 || f.Line > len(lines) || f.EndLine < f.Line || f.EndLine > len(lines) {
			t.Errorf("%s: finding %s has lines %d-%d outside the file (1-%d)", path, f.Rule.ID, f.Line, f.EndLine, len(lines))
		}
		checkFindingAliases(t, path, f)
		if !claim(wants, f, r.ID) {
			t.Errorf("%s:%d: unexpected finding %s: %s", path, f.Line, f.Rule.ID, f.Message)
		}
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s:%d: want %s not reported", path, w.comment, w.id)
		}
	}
}

// claim marks the first unmatched want that f satisfies. Instruction wants
// match a finding that starts on their instruction's first line, or inside
// it when the instruction spans lines; want-file matches any line.
func claim(wants []*want, f rules.Finding, id string) bool {
	for pass := 0; pass < 2; pass++ {
		for _, w := range wants {
			if w.matched || w.id != f.Rule.ID || (w.re != nil && !w.re.MatchString(f.Message)) || (w.sev != 0 && w.sev != f.Severity) {
				continue
			}
			if pass == 0 && w.line != 0 && f.Line >= w.line && f.Line <= w.end {
				w.matched = true
				return true
			}
			if pass == 1 && w.line == 0 {
				w.matched = true
				return true
			}
		}
	}
	return false
}

// bindRanges extends each want over its whole instruction (continuation
// lines, heredoc bodies), so a finding on a command in line 3 of a RUN
// matches a want written above the RUN.
func bindRanges(t *testing.T, path string, src []byte, wants []*want) {
	t.Helper()
	f, err := dockerfile.Parse(path, src)
	if err != nil {
		t.Fatalf("%s: fixture does not parse: %v", path, err)
	}
	for _, w := range wants {
		w.end = w.line
		for _, in := range f.Instructions {
			if rng := in.Range(); rng.StartLine == w.line {
				w.end = rng.EndLine
			}
		}
	}
}

// checkFindingAliases: a finding names peer IDs only when its rule says its
// findings carry their own, and then only IDs the rule declares.
func checkFindingAliases(t *testing.T, path string, f rules.Finding) {
	t.Helper()
	if !f.Rule.AliasesPerFinding {
		if len(f.Aliases) > 0 {
			t.Errorf("%s:%d: %s finding carries aliases %v but the rule does not set AliasesPerFinding", path, f.Line, f.Rule.ID, f.Aliases)
		}
		return
	}
	for _, a := range f.Aliases {
		if !f.Rule.Matches(a) || f.Rule.IsNamed(a) {
			t.Errorf("%s:%d: %s finding carries alias %q that the rule does not declare", path, f.Line, f.Rule.ID, a)
		}
	}
}

// A stage named by an ARG reference (AS ${NAME}) is a stage under its
// expanded name, as Buildah reads it: BuildKit's error on the name is the
// one problem reported, and no rule piles on (instructions "before FROM",
// the name's casing, a COPY --from "naming no stage").
func TestARGStageNames(t *testing.T) {
	src := []byte("ARG PULLSPEC=alpine:3.20\nARG FIRST_STAGE=first-stage\nARG SECOND_STAGE=second-stage\n" +
		"FROM ${PULLSPEC} AS ${FIRST_STAGE}\nRUN echo one > /out.txt\n" +
		"FROM ${FIRST_STAGE} AS ${SECOND_STAGE}\nRUN echo two\n" +
		"FROM alpine:3.20\nCOPY --from=second-stage /out.txt /app/out.txt\n")
	e := lint.New(lint.Options{Rules: []*rules.Rule{rules.StageNameNotLowercase, rules.InstructionBeforeFrom, rules.CopyFromUnknownStage}})
	res := e.Lint("Dockerfile", src)
	for _, f := range res.Findings {
		t.Errorf("line %d: %s %s", f.Line, f.Rule.ID, f.Message)
	}
	if len(res.Problems) != 2 || !strings.Contains(res.Problems[0].Message, "invalid name for build stage") {
		t.Errorf("problems %v, want BuildKit's error on each ARG stage name", res.Problems)
	}
}

// A file that is not a Dockerfile (a secret scanner's fixture) gets its
// parse errors, not "comes before the first FROM" on top; a real
// instruction before FROM is still reported.
func TestNotADockerfile(t *testing.T) {
	e := lint.New(lint.Options{Rules: []*rules.Rule{rules.InstructionBeforeFrom}})
	res := e.Lint("Dockerfile", []byte("Algolia\nBEGIN_SECRET\n"))
	if len(res.Findings) != 0 || len(res.Problems) == 0 {
		t.Errorf("findings %v, problems %v: want only the parse errors", res.Findings, res.Problems)
	}
	res = e.Lint("Dockerfile", []byte("Algolia\nLABEL a=b\nFROM alpine:3.20\n"))
	if len(res.Findings) != 1 || res.Findings[0].Line != 2 {
		t.Errorf("findings %v, want LABEL on line 2", res.Findings)
	}
}
