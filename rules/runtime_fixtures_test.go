package rules_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// runtimeFixtureKinds are the fixture files of the runtime configuration
// inputs, beside the Dockerfile and image ones: compose files, whose
// `# want:` lines are YAML comments, and daemon.json files, whose `// want:`
// lines the harness blanks before parsing (JSON has no comments, and a
// blank line keeps the numbering).
var runtimeFixtureKinds = []struct {
	input   rules.Input
	glob    string
	comment string
}{
	{rules.InputCompose, "*.yml", "#"},
	{rules.InputDaemon, "*.json", "//"},
}

// lintComposeText lints one compose file held in memory with r alone, as
// the documented examples are run: no environment, no `.env`.
func lintComposeText(r *rules.Rule, s rules.Settings, path, text string) lint.ComposeResult {
	read := func(p string) ([]byte, error) {
		if p == path {
			return []byte(text), nil
		}
		return nil, fs.ErrNotExist
	}
	e := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: s})
	return e.LintCompose(context.Background(), compose.Options{Files: []string{path}, NoDotEnv: true, ReadFile: read})
}

// TestRuntimeFixtures runs each rule alone on its compose and daemon.json
// fixtures: every finding must be wanted on its line, every want found.
func TestRuntimeFixtures(t *testing.T) {
	for _, r := range rules.All() {
		for _, k := range runtimeFixtureKinds {
			files, _ := filepath.Glob(filepath.Join(fixtureRoot, r.ID, k.glob))
			sort.Strings(files)
			for _, path := range files {
				t.Run(r.ID+"/"+filepath.Base(path), func(t *testing.T) {
					checkRuntimeFixture(t, r, k.input, k.comment, path)
				})
			}
		}
	}
}

func checkRuntimeFixture(t *testing.T, r *rules.Rule, in rules.Input, comment, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(src), "\n"), "\n")
	wants := parseRuntimeWants(t, path, lines, comment)
	if len(wants) == 0 && !strings.HasPrefix(filepath.Base(path), "ok_") {
		t.Fatalf("%s has no %s want: comment; name it ok_%s if no finding is expected", path, comment, filepath.Base(path))
	}
	e := lint.New(lint.Options{Rules: []*rules.Rule{r}})
	var res lint.Result
	switch in {
	case rules.InputCompose:
		res = e.LintCompose(context.Background(), compose.Options{Files: []string{path}}).Result
	case rules.InputDaemon:
		// JSON has no comments: the want lines become blank lines.
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimSpace(l), comment) {
				lines[i] = ""
			}
		}
		res = e.LintDaemon(path, []byte(strings.Join(lines, "\n")+"\n"))
	}
	for _, p := range res.Problems {
		t.Errorf("%s: unexpected problem: %s", path, p)
	}
	for _, f := range res.Findings {
		if f.File == path && (f.Line < 1 || f.Line > len(lines) || f.EndLine < f.Line || f.EndLine > len(lines)) {
			t.Errorf("%s: finding %s has lines %d-%d outside the file (1-%d)", path, f.Rule.ID, f.Line, f.EndLine, len(lines))
		}
		if f.Target.Input() != in {
			t.Errorf("%s:%d: finding of target %v from a %s input", path, f.Line, f.Target, in)
		}
		checkFindingAliases(t, path, f)
		if !claimSpan(wants, f) {
			t.Errorf("%s:%d: unexpected finding %s: %s", path, f.Line, f.Rule.ID, f.Message)
		}
	}
	for _, w := range wants {
		if !w.matched {
			t.Errorf("%s:%d: want %s not reported", path, w.comment, w.id)
		}
	}
}

// parseRuntimeWants reads `want: ID ["regexp"]` comments, each bound to
// the next line that is neither a comment nor blank, and `want-file: ID`
// (a finding anywhere in the file).
func parseRuntimeWants(t *testing.T, path string, lines []string, comment string) []*want {
	t.Helper()
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(comment) + `\s*(want|want-file):\s*(DKS\d{4})(?:\s+"(.*)")?\s*$`)
	var ws, pending []*want
	for i, l := range lines {
		trim := strings.TrimSpace(l)
		if m := re.FindStringSubmatch(trim); m != nil {
			w := &want{id: m[2], comment: i + 1}
			if m[3] != "" {
				w.re = regexp.MustCompile(m[3])
			}
			ws = append(ws, w)
			if m[1] == "want" {
				pending = append(pending, w)
			}
			continue
		}
		if strings.HasPrefix(trim, comment+" want") {
			t.Fatalf("%s:%d: malformed want comment %q", path, i+1, trim)
		}
		if trim == "" || strings.HasPrefix(trim, comment) {
			continue
		}
		for _, w := range pending {
			w.line, w.end = i+1, i+1
		}
		pending = nil
	}
	if len(pending) > 0 {
		t.Fatalf("%s:%d: want comment is not followed by a line", path, pending[0].comment)
	}
	return ws
}

// claimSpan marks the first unmatched want f satisfies: one on a line
// the finding spans (a ports finding runs from `ports:` to its item), or
// a want-file.
func claimSpan(wants []*want, f rules.Finding) bool {
	for pass := range 2 {
		for _, w := range wants {
			if w.matched || w.id != f.Rule.ID || (w.re != nil && !w.re.MatchString(f.Message)) {
				continue
			}
			if pass == 0 && w.line != 0 && w.line >= f.Line && w.line <= max(f.EndLine, f.Line) {
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
