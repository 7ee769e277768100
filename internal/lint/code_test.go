package lint_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// examples is the example service of the threat model.
const examples = "../../testdata/examples"

// codeRow is one code row of the threat model: a bandit test ID, the rule
// that stands for it and the line of app.py it is about.
type codeRow struct {
	bandit string
	rule   *rules.Rule
	line   int
}

// insecureRows are the code rows of ../shared/threat-model.md as
// flask-insecure/app.py holds them.
var insecureRows = []codeRow{
	{"B404", rules.ProcessStarted, 5},         // import subprocess
	{"B105", rules.SecretInArgEnv, 11},        // PASSWORD = "…"
	{"B602", rules.ShellCommandExecution, 24}, // check_output(f"ping …", shell=True)
	{"B307", rules.DynamicCodeExecution, 30},  // eval(expr)
	{"B104", rules.BindsAllInterfaces, 34},    // app.run(host="0.0.0.0")
	{"", rules.LoggingMissing, 9},             // app = Flask(__name__), no logging anywhere
}

func runDir(t *testing.T, opts lint.Options, paths ...string) *lint.Results {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.Request{Paths: paths, Policy: lint.FixedPolicy(opts)})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("unexpected problem: %s", p)
	}
	return res
}

// codeFindings are the findings about application code, as "RULE file:line".
func codeFindings(res *lint.Results) []string {
	var out []string
	for _, f := range res.Findings {
		if f.Target == rules.TargetCode {
			out = append(out, fmt.Sprintf("%s %s:%d", f.Rule.ID, filepath.Base(f.File), f.Line))
		}
	}
	return out
}

// TestExampleServiceCodeRows: linting the insecure service's folder
// reports every code row of the threat model at its line of app.py, with
// bandit's test ID; the hardened twin has none of them.
func TestExampleServiceCodeRows(t *testing.T) {
	dir := filepath.Join(examples, "flask-insecure")
	res := runDir(t, lint.Options{}, dir)
	app := filepath.Join(dir, "app.py")
	for _, row := range insecureRows {
		found := slices.ContainsFunc(res.Findings, func(f rules.Finding) bool {
			return f.Rule == row.rule && f.File == app && f.Line == row.line && f.Target == rules.TargetCode &&
				(row.bandit == "" || slices.Contains(f.Aliases, row.bandit) || !f.Rule.AliasesPerFinding && f.Rule.Matches(row.bandit))
		})
		if !found {
			t.Errorf("%s (%s) not reported at %s:%d; code findings: %v", row.rule.ID, row.bandit, app, row.line, codeFindings(res))
		}
	}
	if got := codeFindings(res); len(got) != len(insecureRows) {
		t.Errorf("insecure service: %d code findings %v, want the %d rows", len(got), got, len(insecureRows))
	}

	hardened := runDir(t, lint.Options{}, filepath.Join(examples, "flask-hardened"))
	if got := codeFindings(hardened); len(got) != 0 {
		t.Errorf("hardened service: code findings %v, want none", got)
	}
	// Its two pragmas are used: each silences the finding it names.
	if len(hardened.Suppressed) != 2 {
		t.Errorf("hardened service: %d suppressed, want the B404 and B603 pragmas' 2", len(hardened.Suppressed))
	}
}

// writeTree writes files (slash paths → content) under a new directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// checkedFiles are the code files a run reported on, relative to dir,
// sorted. Every code file is an input of the run.
func checkedFiles(t *testing.T, dir string, res *lint.Results) []string {
	t.Helper()
	var out []string
	for _, in := range res.Inputs {
		if lint.IsCodeFile(in) {
			rel, err := filepath.Rel(dir, in)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, filepath.ToSlash(rel))
		}
	}
	slices.Sort(out)
	return out
}

const evalApp = "eval(input())\n"

func TestShippedCode(t *testing.T) {
	tree := map[string]string{
		"app/main.py":          evalApp,
		"app/util.py":          evalApp,
		"app/tests/test_x.py":  evalApp,
		"app/settings.yaml":    "debug: false\n",
		"tools/gen.py":         evalApp,
		"builder.py":           evalApp,
		"scripts/a.py":         evalApp,
		"scripts/b.txt":        "not code\n",
		"venv/lib/x.py":        evalApp,
		"venv/pyvenv.cfg":      "home = /usr/bin\n",
		"app/__pycache__/m.py": evalApp,
	}
	cases := []struct {
		name, dockerfile, dockerignore string
		mode                           lint.CodeMode
		want                           []string
	}{
		{
			name:       "copy a directory and a file; another stage's files are not shipped",
			dockerfile: "FROM python:3.12 AS build\nCOPY builder.py .\nFROM python:3.12-slim\nCOPY app/ /app/\nCOPY --from=build /out /out\nCOPY scripts/a.py /bin/\n",
			want:       []string{"app/main.py", "app/settings.yaml", "app/tests/test_x.py", "app/util.py", "scripts/a.py"},
		},
		{
			name:         "COPY . . minus .dockerignore",
			dockerfile:   "FROM python:3.12-slim\nCOPY . .\n",
			dockerignore: "tools\n**/tests\n**/*.yaml\n",
			want:         []string{"app/main.py", "app/util.py", "builder.py", "scripts/a.py"},
		},
		{
			name:       "wildcards match path by path; --exclude",
			dockerfile: "# syntax=docker/dockerfile:1.7-labs\nFROM python:3.12-slim\nCOPY app/*.py /app/\nCOPY --exclude=b* *.py /\n",
			want:       []string{"app/main.py", "app/util.py"},
		},
		{
			name:       "the stage a shipped stage is built FROM ships too",
			dockerfile: "FROM python:3.12 AS base\nCOPY tools/ /tools/\nFROM base\nCOPY builder.py /\n",
			want:       []string{"builder.py", "tools/gen.py"},
		},
		{
			name:       "all: the whole context",
			dockerfile: "FROM python:3.12-slim\nCOPY app/main.py /\n",
			mode:       lint.CodeAll,
			want:       []string{"app/main.py", "app/settings.yaml", "app/tests/test_x.py", "app/util.py", "builder.py", "scripts/a.py", "tools/gen.py"},
		},
		{
			name:       "none",
			dockerfile: "FROM python:3.12-slim\nCOPY . .\n",
			mode:       lint.CodeNone,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := map[string]string{"Dockerfile": c.dockerfile}
			for k, v := range tree {
				files[k] = v
			}
			if c.dockerignore != "" {
				files[".dockerignore"] = c.dockerignore
			}
			dir := writeTree(t, files)
			res := runDir(t, lint.Options{Only: []string{"dynamic-code-execution"}, Code: c.mode}, dir)
			if got := checkedFiles(t, dir, res); !slices.Equal(got, c.want) {
				t.Errorf("checked %v, want %v", got, c.want)
			}
		})
	}
}

// TestCodeWithoutDockerfile: a directory without a Dockerfile is an
// application of its own; virtual environments and dependencies are not
// entered; a .py file named on the command line is checked.
func TestCodeWithoutDockerfile(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"svc/app.py":                     evalApp,
		"svc/.venv/lib/site.py":          evalApp,
		"svc/node_modules/x/y.js":        "",
		"svc/lib/site-packages/pkg/a.py": evalApp,
		"svc/.git/hooks/h.py":            evalApp,
		"one.py":                         evalApp,
	})
	res := runDir(t, lint.Options{Only: []string{"dynamic-code-execution"}}, filepath.Join(dir, "svc"), filepath.Join(dir, "one.py"))
	if got, want := checkedFiles(t, dir, res), []string{"one.py", "svc/app.py"}; !slices.Equal(got, want) {
		t.Errorf("checked %v, want %v", got, want)
	}
	if len(res.Findings) != 2 {
		t.Errorf("findings %v, want eval in each file", codeFindings(res))
	}
}

// TestCodeVirtualEnv: a directory holding pyvenv.cfg is a virtual
// environment and is not entered, whatever its name; a directory named
// venv without one is a package (the standard library has one) and is
// checked.
func TestCodeVirtualEnv(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"lib/venv/__init__.py":         evalApp,
		"lib/venv/__main__.py":         evalApp,
		"lib/env/pyvenv.cfg":           "home = /usr/bin\ninclude-system-site-packages = false\n",
		"lib/env/bin/activate_this.py": evalApp,
		"lib/venv2/pyvenv.cfg/x.py":    evalApp, // a directory named pyvenv.cfg is not the file
		"lib/app.py":                   evalApp,
	})
	res := runDir(t, lint.Options{Only: []string{"dynamic-code-execution"}}, filepath.Join(dir, "lib"))
	want := []string{"lib/app.py", "lib/venv/__init__.py", "lib/venv/__main__.py", "lib/venv2/pyvenv.cfg/x.py"}
	if got := checkedFiles(t, dir, res); !slices.Equal(got, want) {
		t.Errorf("checked %v, want %v", got, want)
	}
	if len(res.Findings) != len(want) {
		t.Errorf("findings %v, want eval in each checked file", codeFindings(res))
	}
}

// TestCodeParseError: a module that does not parse is one problem with
// its line, and the other files are still checked.
func TestCodeParseError(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"Dockerfile": "FROM python:3.12-slim\nCOPY . .\nUSER 1000\n",
		"broken.py":  "def f(:\n    pass\n",
		"ok.py":      evalApp,
	})
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{Only: []string{"dynamic-code-execution"}})})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) != 1 || filepath.Base(res.Problems[0].File) != "broken.py" || res.Problems[0].Line != 1 ||
		!strings.Contains(res.Problems[0].Message, "does not parse") {
		t.Errorf("problems %v, want one at broken.py:1", res.Problems)
	}
	if got := codeFindings(res); !slices.Equal(got, []string{"DKS9005 ok.py:1"}) {
		t.Errorf("findings %v, want eval in ok.py", got)
	}
}

func TestCodeSuppressions(t *testing.T) {
	src := strings.Join([]string{
		"import subprocess  # nosec",                                        // 1: blanket nosec
		"subprocess.call('a', shell=True)  # nosec B602",                    // 2: bandit ID
		"subprocess.call('b', shell=True)  # nosec: B307",                   // 3: another ID: not silenced
		"subprocess.call(  # nosec subprocess_popen_with_shell_equals_true", // 4: test name, first line of
		"    'c', shell=True)",                                              // 5: a two-line statement
		"# dockstride ignore=shell-command-execution -- fixed command",      // 6: above the statement
		"subprocess.call('d', shell=True)",                                  // 7
		"eval('1')  # dockstride ignore=B602",                               // 8: names a rule with no finding here: unused
		"x = 1  # nosec B105",                                               // 9: unused bandit pragma: not reported
		"",
	}, "\n")
	e := lint.New(lint.Options{Only: []string{"shell-command-execution", "process-started", "dynamic-code-execution", "unused-suppression"}})
	res := e.LintCode("app.py", []byte(src))
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d", f.Rule.Name, f.Line))
	}
	want := []string{"dynamic-code-execution:8", "shell-command-execution:3", "unused-suppression:8"}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	var by []string
	for _, s := range res.Suppressed {
		by = append(by, fmt.Sprintf("%s:%d by %s", s.Finding.Rule.Name, s.Finding.Line, s.By.Tool))
	}
	wantBy := []string{"process-started:1 by bandit", "shell-command-execution:2 by bandit", "shell-command-execution:4 by bandit", "shell-command-execution:7 by dockstride"}
	slices.Sort(by)
	if !slices.Equal(by, wantBy) {
		t.Errorf("suppressed %v, want %v", by, wantBy)
	}
}

func TestParseCodeMode(t *testing.T) {
	for _, m := range []lint.CodeMode{lint.CodeShipped, lint.CodeNone, lint.CodeAll} {
		if got, err := lint.ParseCodeMode(" " + strings.ToUpper(m.String()) + " "); err != nil || got != m {
			t.Errorf("ParseCodeMode(%q) = %v, %v", m.String(), got, err)
		}
	}
	if _, err := lint.ParseCodeMode("some"); err == nil {
		t.Error("ParseCodeMode(some): no error")
	}
}
