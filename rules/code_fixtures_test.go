package rules_test

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/python"
	"github.com/dockstride/dockstride/rules"
)

// codeFixtureExts are the application-code fixtures TestCodeFixtures runs:
// Python modules and the text files whose format allows "#" comments
// (where the want comments go).
var codeFixtureExts = []string{".py", ".yaml", ".ini", ".cfg", ".toml", ".env"}

// TestCodeFixtures lints each rule's application-code fixtures with that
// rule alone, as Run checks the code a Dockerfile ships. A `# want: ID`
// comment binds to the statement that starts on the next code line.
func TestCodeFixtures(t *testing.T) {
	for _, r := range rules.All() {
		dir := filepath.Join(fixtureRoot, r.ID)
		entries, _ := os.ReadDir(dir)
		var files []string
		for _, e := range entries {
			for _, ext := range codeFixtureExts {
				if strings.HasSuffix(e.Name(), ext) {
					files = append(files, filepath.Join(dir, e.Name()))
				}
			}
		}
		sort.Strings(files)
		for _, path := range files {
			t.Run(r.ID+"/"+filepath.Base(path), func(t *testing.T) {
				checkCodeFixture(t, r, path)
			})
		}
	}
}

func checkCodeFixture(t *testing.T, r *rules.Rule, path string) {
	src, lines, wants := readFixture(t, path)
	if lint.IsPythonFile(path) {
		bindStatements(t, path, src, wants)
	} else {
		for _, w := range wants {
			w.end = w.line
		}
	}
	settings := fixtureSettings(t, path, lines)
	res := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: settings}).LintCode(path, src)
	for _, p := range res.Problems {
		t.Errorf("%s: unexpected problem: %s", path, p)
	}
	for _, f := range res.Findings {
		if f.Target != rules.TargetCode || f.File != path {
			t.Errorf("%s:%d: finding %s located at %v, want the code file", path, f.Line, f.Rule.ID, f.Location)
		}
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

// bindStatements extends each want over the innermost statement starting
// on its line, so a finding on the second line of a call matches.
func bindStatements(t *testing.T, path string, src []byte, wants []*want) {
	t.Helper()
	m, err := python.Parse(path, src)
	if err != nil {
		t.Fatalf("%s: fixture does not parse: %v", path, err)
	}
	for _, w := range wants {
		w.end = w.line
		smallest := 0
		python.Inspect(m, func(n python.Node) bool {
			if n == nil {
				return false
			}
			if _, ok := n.(python.Stmt); ok {
				if sp := n.Extent(); sp.Line == w.line && (smallest == 0 || sp.EndLine < smallest) {
					smallest = sp.EndLine
				}
			}
			return true
		})
		w.end = max(w.line, smallest)
	}
}
