package rules_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

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
		if r.Check == nil && r.CheckStage == nil && r.CheckFile == nil && !hasOtherCheck(r) {
			t.Errorf("%s: no check function", r.ID)
		}
		if (r.Check == nil) != (len(r.Visit) == 0) {
			t.Errorf("%s: Check and Visit go together", r.ID)
		}
		if r.WantFile != nil && r.WalkFile == nil {
			t.Errorf("%s: WantFile without WalkFile", r.ID)
		}
		if r.LiveFilesOnly && r.WalkFile == nil {
			t.Errorf("%s: LiveFilesOnly without WalkFile", r.ID)
		}
	}
}

// hasOtherCheck recognises the checks that are not Dockerfile checks: over
// an image's config or layers, or engine-reported rules.
func hasOtherCheck(r *rules.Rule) bool { return r.Engine || hasImageCheck(r) }

// hasImageCheck reports whether r checks images: their config or the
// files of their layers.
func hasImageCheck(r *rules.Rule) bool { return r.CheckImage != nil || r.WalkFile != nil }

// hasDockerfileCheck reports whether r checks Dockerfiles.
func hasDockerfileCheck(r *rules.Rule) bool {
	return r.Check != nil || r.CheckStage != nil || r.CheckFile != nil
}

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
		for i, src := range r.Doc.Bad {
			res := lintWith(r, settings, bad, []byte(src))
			if len(res.Findings) == 0 {
				t.Errorf("%s: Bad example %d does not fire:\n%s", r.ID, i+1, src)
			}
			if len(res.Problems) > 0 {
				t.Errorf("%s: Bad example %d has problems: %v", r.ID, i+1, res.Problems)
			}
		}
		for i, src := range r.Doc.Good {
			res := lintWith(r, settings, good, []byte(src))
			for _, f := range res.Findings {
				t.Errorf("%s: Good example %d fires: line %d: %s\n%s", r.ID, i+1, f.Line, f.Message, src)
			}
			if len(res.Problems) > 0 {
				t.Errorf("%s: Good example %d has problems: %v", r.ID, i+1, res.Problems)
			}
		}
	}
}
