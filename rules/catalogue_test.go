package rules_test

import (
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/lint"

	"github.com/dockstride/dockstride/rules"
)

var (
	idRE   = regexp.MustCompile(`^DKS[1-9]\d{3}$`)
	nameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	// Names name the bad pattern, not the fix (ruff's rule).
	fixWords = []string{"avoid-", "use-", "prefer-", "do-not-", "dont-", "no-", "ensure-", "should-"}
)

func TestCatalogue(t *testing.T) {
	ids, names := map[string]bool{}, map[string]bool{}
	var prev string
	for _, r := range rules.All() {
		if !idRE.MatchString(r.ID) {
			t.Errorf("%s: ID must be DKS plus four digits", r.ID)
		}
		if r.ID <= prev {
			t.Errorf("%s: All() must be sorted by ID (after %s)", r.ID, prev)
		}
		prev = r.ID
		if ids[r.ID] || names[r.Name] {
			t.Errorf("%s: duplicate ID or name %q", r.ID, r.Name)
		}
		ids[r.ID], names[r.Name] = true, true
		if !nameRE.MatchString(r.Name) {
			t.Errorf("%s: name %q is not kebab-case", r.ID, r.Name)
		}
		for _, w := range fixWords {
			if strings.HasPrefix(r.Name, w) {
				t.Errorf("%s: name %q names the fix, not the problem", r.ID, r.Name)
			}
		}
		if r.Title == "" || len(r.Title) > 70 || strings.HasSuffix(r.Title, ".") {
			t.Errorf("%s: title %q must be 1-70 characters without a trailing period", r.ID, r.Title)
		}
		if r.Severity < rules.Error || r.Severity > rules.Style {
			t.Errorf("%s: no severity", r.ID)
		}
		if r.Doc.Rationale == "" || r.Doc.Fix == "" || r.Doc.Impact == "" {
			t.Errorf("%s: docs need Rationale, Impact and Fix", r.ID)
		}
		if len(r.Doc.Bad) == 0 || len(r.Doc.Good) == 0 {
			t.Errorf("%s: docs need at least one Bad and one Good example", r.ID)
		}
		if err := r.Threat.Validate(); err != nil {
			t.Errorf("%s: threat metadata: %v", r.ID, err)
		}
		if len(r.Checks) == 0 {
			t.Errorf("%s: no check", r.ID)
		}
		for i, c := range r.Checks {
			if !checkComplete(c) {
				t.Errorf("%s: check %d (%T) has no function or no instruction kinds", r.ID, i, c)
			}
		}
		for _, bk := range rules.BuildKitRules {
			if aliased := slices.Contains(r.Aliases, bk.RuleName()); aliased != (r.BuildKit == bk) {
				t.Errorf("%s: BuildKit's %s is an alias %v, the BuildKit field %v: both or neither", r.ID, bk.RuleName(), aliased, r.BuildKit == bk)
			}
		}
		if r.Since == "" {
			t.Errorf("%s: no Since", r.ID)
		}
		// A rule's docs show each kind of input it checks; an image is
		// shown by a Dockerfile or code example when the rule checks
		// those too (its image side is held by the testdata/rules txtar
		// fixtures, and for code by TestCodeInImage).
		for _, in := range r.Inputs() {
			if in == rules.InputImage && (r.ChecksInput(rules.InputDockerfile) || r.ChecksInput(rules.InputCode)) {
				continue
			}
			if !slices.ContainsFunc(r.Doc.Bad, func(e rules.Example) bool { return e.Input == in }) {
				t.Errorf("%s: checks %s input but has no Bad example of it", r.ID, in)
			}
		}
		for _, e := range append(slices.Clone(r.Doc.Bad), r.Doc.Good...) {
			if !r.ChecksInput(e.Input) {
				t.Errorf("%s: has a %s example but does not check that input", r.ID, e.Input)
			}
		}
	}
}

// TestThreatModelWording holds the per-rule text the threat model's tables
// print: a reviewer's name for the vulnerability and a one-line
// mitigation, the same for every rule that names the same vulnerability.
func TestThreatModelWording(t *testing.T) {
	mitigationOf := map[string]string{}
	for _, r := range rules.All() {
		v, m := r.Doc.Vulnerability, r.Doc.Mitigation
		if v == "" || len(v) > 45 || strings.ContainsAny(v, "()\n") || strings.HasSuffix(v, ".") {
			t.Errorf("%s: Vulnerability %q must be 1-45 characters, one line, without parentheses or a trailing period", r.ID, v)
		}
		if m == "" || len(m) > 80 || strings.Contains(m, "\n") || !strings.HasSuffix(m, ".") {
			t.Errorf("%s: Mitigation %q must be one sentence of 1-80 characters ending in a period", r.ID, m)
		}
		if prev, ok := mitigationOf[v]; ok && prev != m {
			t.Errorf("%s: vulnerability %q has Mitigation %q here and %q on another rule", r.ID, v, m, prev)
		}
		mitigationOf[v] = m
	}
}

// checkComplete reports whether a check has what the engine needs to run it.
func checkComplete(c rules.Check) bool {
	switch c := c.(type) {
	case rules.InstructionCheck:
		return c.Check != nil && len(c.Kinds) > 0
	case rules.StageCheck:
		return c.Check != nil
	case rules.FileCheck:
		return c.Check != nil
	case rules.ImageConfigCheck:
		return c.Check != nil
	case rules.LayerFileCheck:
		return c.Check != nil
	case rules.PragmaCheck:
		return true
	case rules.ComposeServiceCheck:
		return c.Check != nil
	case rules.ComposeProjectCheck:
		return c.Check != nil
	case rules.DaemonCheck:
		return c.Check != nil
	case rules.PythonCheck:
		return c.Check != nil && len(c.Nodes) > 0
	case rules.SourceTextCheck:
		return c.Check != nil && c.Want != nil
	case rules.AppCheck:
		return c.Scan != nil && c.Check != nil
	}
	return false
}

// hasImageCheck reports whether r has a check of images' own: their
// config or the files of their layers. (Code checks read the source files
// of layers too; TestCodeInImage holds that side.)
func hasImageCheck(r *rules.Rule) bool {
	return slices.ContainsFunc(r.Checks, func(c rules.Check) bool {
		switch c.(type) {
		case rules.ImageConfigCheck, rules.LayerFileCheck:
			return true
		}
		return false
	})
}

// hasCodeCheck reports whether r checks application code.
func hasCodeCheck(r *rules.Rule) bool {
	return slices.ContainsFunc(r.Checks, func(c rules.Check) bool {
		switch c.(type) {
		case rules.PythonCheck, rules.SourceTextCheck, rules.AppCheck:
			return true
		}
		return false
	})
}

// hasDockerfileCheck reports whether r checks Dockerfiles.
func hasDockerfileCheck(r *rules.Rule) bool { return r.ChecksInput(rules.InputDockerfile) }

// countFixtures counts the firing and the ok_ fixtures matching glob.
func countFixtures(dir, glob string) (fire, silent int) {
	files, _ := filepath.Glob(filepath.Join(dir, glob))
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "ok_") {
			silent++
		} else {
			fire++
		}
	}
	return fire, silent
}

// Every rule has fixtures that fire and fixtures that stay silent, for
// Dockerfiles (*.Dockerfile) and for images (*.txtar) as it checks them,
// and every fixture directory belongs to a rule.
func TestFixturesExist(t *testing.T) {
	for _, r := range rules.All() {
		dir := filepath.Join(fixtureRoot, r.ID)
		if fire, silent := countFixtures(dir, "*.Dockerfile"); hasDockerfileCheck(r) && (fire == 0 || silent == 0) {
			t.Errorf("%s: needs at least one firing fixture and one ok_*.Dockerfile in %s (have %d and %d)", r.ID, dir, fire, silent)
		}
		if fire, silent := countFixtures(dir, "*.txtar"); hasImageCheck(r) && (fire == 0 || silent == 0) {
			t.Errorf("%s: checks images, so needs at least one firing image fixture and one ok_*.txtar in %s (have %d and %d)", r.ID, dir, fire, silent)
		}
		for _, k := range runtimeFixtureKinds {
			if fire, silent := countFixtures(dir, k.glob); r.ChecksInput(k.input) && (fire == 0 || silent == 0) {
				t.Errorf("%s: checks %s input, so needs at least one firing %s fixture and one ok_%s in %s (have %d and %d)", r.ID, k.input, k.glob, k.glob, dir, fire, silent)
			}
		}
		if fire, silent := countFixtures(dir, "*.py"); hasCodeCheck(r) && (fire == 0 || silent == 0) {
			t.Errorf("%s: checks application code, so needs at least one firing *.py fixture and one ok_*.py in %s (have %d and %d)", r.ID, dir, fire, silent)
		}
	}
	entries, err := os.ReadDir(fixtureRoot)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if len(rules.Lookup(e.Name())) == 0 || rules.Lookup(e.Name())[0].ID != e.Name() {
			t.Errorf("%s/%s: no rule has this ID", fixtureRoot, e.Name())
		}
	}
}

// Every package-level *Rule declared in rules/*.go must be in All(); found
// by parsing the source, which catches "declared but not listed" without
// any init() registration.
func TestAllListsEveryRule(t *testing.T) {
	listed := map[*rules.Rule]bool{}
	for _, r := range rules.All() {
		listed[r] = true
	}
	fset := token.NewFileSet()
	files, _ := filepath.Glob("*.go")
	declared := 0
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.VAR {
				continue
			}
			for _, spec := range gd.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, v := range vs.Values {
					if u, ok := v.(*ast.UnaryExpr); ok {
						if cl, ok := u.X.(*ast.CompositeLit); ok {
							if id, ok := cl.Type.(*ast.Ident); ok && id.Name == "Rule" {
								declared++
								name := vs.Names[i].Name
								if !isListed(name) {
									t.Errorf("%s: rule %s is declared but not in All()", path, name)
								}
								checkRuleFile(t, path, name, cl)
							}
						}
					}
				}
			}
		}
	}
	if declared != len(rules.All()) {
		t.Errorf("declared %d rules, All() lists %d", declared, len(rules.All()))
	}
}

// checkRuleFile holds the layout promise: a rule is declared alone in the
// file named after it (stage-name-duplicate in stage_name_duplicate.go),
// and its Go name is its name in CamelCase (StageNameDuplicate).
func checkRuleFile(t *testing.T, path, varName string, cl *ast.CompositeLit) {
	t.Helper()
	for _, e := range cl.Elts {
		kv := e.(*ast.KeyValueExpr)
		if kv.Key.(*ast.Ident).Name != "Name" {
			continue
		}
		lit, ok := kv.Value.(*ast.BasicLit)
		if !ok {
			t.Errorf("%s: %s's Name is not a literal", path, varName)
			return
		}
		name, _ := strconv.Unquote(lit.Value)
		if want := strings.ReplaceAll(name, "-", "_") + ".go"; path != want {
			t.Errorf("rule %s (%s) is declared in %s, want %s", name, varName, path, want)
		}
		if strings.ToLower(varName) != strings.ReplaceAll(name, "-", "") {
			t.Errorf("%s: Go name %s does not spell the rule name %s", path, varName, name)
		}
		return
	}
	t.Errorf("%s: %s has no Name", path, varName)
}

// isListed checks by name through the exported identifiers in all.go.
func isListed(name string) bool {
	src, err := os.ReadFile("all.go")
	if err != nil {
		return false
	}
	return regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(name) + `,\s*$`).Match(src)
}

// Each rule's Bad examples fire it and its Good examples do not.
func TestDocExamples(t *testing.T) {
	for _, r := range rules.All() {
		bad, good := "bad.Dockerfile", "good.Dockerfile"
		if r.Doc.Dockerignore != "" {
			// Rules that read the build context get their .dockerignore
			// beside the examples, as a build would.
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, ".dockerignore"), []byte(r.Doc.Dockerignore), 0o644); err != nil {
				t.Fatal(err)
			}
			bad, good = filepath.Join(dir, bad), filepath.Join(dir, good)
		}
		var settings rules.Settings
		if r.Doc.Settings != nil {
			settings = *r.Doc.Settings
		}
		if r == rules.ShellCheck {
			if settings.ShellCheck = shellCheckBin(); settings.ShellCheck == "" {
				t.Logf("%s: shellcheck is not on PATH; its examples are not run", r.ID)
				continue
			}
		}
		for i, ex := range r.Doc.Bad {
			src := ex.Text
			res := runExample(t, r, settings, bad, ex)
			if len(res.Findings) == 0 {
				t.Errorf("%s: Bad example %d does not fire:\n%s", r.ID, i+1, src)
			}
			if len(res.Problems) > 0 {
				t.Errorf("%s: Bad example %d has problems: %v", r.ID, i+1, res.Problems)
			}
		}
		for i, ex := range r.Doc.Good {
			src := ex.Text
			res := runExample(t, r, settings, good, ex)
			for _, f := range res.Findings {
				t.Errorf("%s: Good example %d fires: line %d: %s\n%s", r.ID, i+1, f.Line, f.Message, src)
			}
			if len(res.Problems) > 0 {
				t.Errorf("%s: Good example %d has problems: %v", r.ID, i+1, res.Problems)
			}
		}
	}
}

// exampleResult is what running one documented example found.
type exampleResult struct {
	Findings []rules.Finding
	Problems []lint.Problem
}

// runExample runs rule r alone on a documented example, as its input kind
// is read: a Dockerfile is linted as path, an image (a txtar archive in
// the image fixtures' format) is built and scanned.
func runExample(t *testing.T, r *rules.Rule, settings rules.Settings, path string, ex rules.Example) exampleResult {
	t.Helper()
	switch ex.Input {
	case rules.InputDockerfile:
		res := lintWith(r, settings, path, []byte(ex.Text))
		return exampleResult{res.Findings, res.Problems}
	case rules.InputCode:
		res := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: settings}).LintCode(filepath.Join(filepath.Dir(path), "app.py"), []byte(ex.Text))
		return exampleResult{res.Findings, res.Problems}
	case rules.InputImage:
		img, _ := imagetest.FromTxtar(t, []byte(ex.Text))
		cf, err := img.ConfigFile()
		if err != nil {
			t.Fatal(err)
		}
		im := &image.Image{Ref: path, Name: "example/" + r.ID, Digest: "sha256:example", Config: cf, Img: img}
		res := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: settings}).ScanImage(context.Background(), im, lint.ImageOptions{})
		return exampleResult{res.Findings, res.Problems}
	case rules.InputCompose:
		res := lintComposeText(r, settings, filepath.Join(filepath.Dir(path), "docker-compose.yml"), ex.Text)
		return exampleResult{res.Findings, res.Problems}
	case rules.InputDaemon:
		res := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: settings}).LintDaemon(filepath.Join(filepath.Dir(path), "daemon.json"), []byte(ex.Text))
		return exampleResult{res.Findings, res.Problems}
	}
	t.Fatalf("%s: no runner for %s examples", r.ID, ex.Input)
	return exampleResult{}
}

// A retired ID is never reused, and its record is complete.
func TestRetired(t *testing.T) {
	for _, rr := range rules.Retired() {
		if len(rules.Lookup(rr.ID)) > 0 || len(rules.Lookup(rr.Name)) > 0 {
			t.Errorf("retired %s (%s) names a live rule", rr.ID, rr.Name)
		}
		if rr.Since == "" || rr.Retired == "" || rr.Reason == "" {
			t.Errorf("retired %s: Since, Retired and Reason are required", rr.ID)
		}
		if rr.ReplacedBy != "" && len(rules.Lookup(rr.ReplacedBy)) != 1 {
			t.Errorf("retired %s: replaced by %q, which is not one live rule", rr.ID, rr.ReplacedBy)
		}
	}
}

// hadolintSeverity is hadolint's own severity of each of its rules that a
// dockstride rule names as an alias (hadolint's src/Hadolint/Rule/*.hs).
// BuildKit's checks are all warnings (errors under check=error=true).
var hadolintSeverity = map[string]rules.Severity{
	"DL1001": rules.Info, "DL3000": rules.Error, "DL3001": rules.Info, "DL3002": rules.Warning,
	"DL3003": rules.Warning, "DL3004": rules.Error, "DL3006": rules.Warning, "DL3007": rules.Warning,
	"DL3008": rules.Warning, "DL3009": rules.Info, "DL3010": rules.Info, "DL3011": rules.Error,
	"DL3012": rules.Error, "DL3013": rules.Warning, "DL3014": rules.Warning, "DL3015": rules.Info,
	"DL3016": rules.Warning, "DL3018": rules.Warning, "DL3019": rules.Info, "DL3020": rules.Error,
	"DL3021": rules.Error, "DL3022": rules.Warning, "DL3023": rules.Error, "DL3024": rules.Error,
	"DL3025": rules.Warning, "DL3026": rules.Error, "DL3027": rules.Warning, "DL3028": rules.Warning,
	"DL3029": rules.Warning, "DL3030": rules.Warning, "DL3032": rules.Warning, "DL3033": rules.Warning,
	"DL3034": rules.Warning, "DL3035": rules.Warning, "DL3036": rules.Warning, "DL3037": rules.Warning,
	"DL3038": rules.Warning, "DL3040": rules.Warning, "DL3041": rules.Warning, "DL3042": rules.Warning,
	"DL3043": rules.Error, "DL3044": rules.Error, "DL3045": rules.Warning, "DL3046": rules.Warning,
	"DL3047": rules.Info, "DL3048": rules.Style, "DL3049": rules.Info, "DL3050": rules.Info,
	"DL3059": rules.Info, "DL3060": rules.Info, "DL3061": rules.Error, "DL3062": rules.Warning,
	"DL4000": rules.Error, "DL4001": rules.Warning, "DL4003": rules.Warning, "DL4004": rules.Error,
	"DL4005": rules.Warning, "DL4006": rules.Warning,
}

// TestSeverityNotes: a rule whose severity differs from a peer's says why
// on its page (the severity policy of docs/rules/README.md).
func TestSeverityNotes(t *testing.T) {
	for _, r := range rules.All() {
		var differs []string
		if r.BuildKit != nil && r.Severity != rules.Warning {
			differs = append(differs, r.BuildKit.RuleName()+" (warning)")
		}
		for _, a := range r.Aliases {
			if sev, ok := hadolintSeverity[a]; ok && sev != r.Severity {
				differs = append(differs, a+" ("+sev.String()+")")
			}
		}
		if len(differs) > 0 && strings.TrimSpace(r.Doc.SeverityNote) == "" {
			t.Errorf("%s is %s but %s: Doc.SeverityNote must say why", r.ID, r.Severity, strings.Join(differs, ", "))
		}
	}
}
