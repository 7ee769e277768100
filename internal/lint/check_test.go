package lint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

func ruleIDs(res Result) []string {
	var ids []string
	for _, f := range res.Findings {
		ids = append(ids, f.Rule.ID)
	}
	return ids
}

// BuildKit's `# check=` directive and comments silence the rules that
// mirror BuildKit's checks, file-wide or for one instruction; skip=all
// leaves the other rules alone.
func TestCheckDirective(t *testing.T) {
	casing := rules.FromAsCasingMismatch     // mirrors FromAsCasing
	maintainer := rules.MaintainerDeprecated // mirrors MaintainerDeprecated
	own := rules.InstructionBeforeFrom       // hadolint's DL3061, no BuildKit twin
	engine := New(Options{Rules: []*rules.Rule{casing, maintainer, own}})
	cases := []struct {
		name string
		src  string
		args map[string]string
		want []string
	}{
		{"none", "LABEL a=b\nFROM scratch as base\nMAINTAINER me\n", nil, []string{own.ID, casing.ID, maintainer.ID}},
		{"skip all", "#check=skip=all\nLABEL a=b\nFROM scratch as base\nMAINTAINER me\n", nil, []string{own.ID}},
		{"skip one by BuildKit name", "# check=skip=FromAsCasing\nFROM scratch as base\nMAINTAINER me\n", nil, []string{maintainer.ID}},
		{"skip one by peer alias", "# check=skip=DL4000\nFROM scratch as base\nMAINTAINER me\n", nil, []string{casing.ID}},
		{"instruction comment", "FROM scratch as base\n# check=skip=MaintainerDeprecated // why\nMAINTAINER me\nMAINTAINER you\n", nil, []string{casing.ID, maintainer.ID}},
		{"build arg overrides directive", "#check=skip=all\nFROM scratch as base\n", map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "skip=MaintainerDeprecated"}, []string{casing.ID}},
		{"bad directive ignored", "#check=nonsense\nFROM scratch as base\n", nil, []string{casing.ID}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := engine
			if c.args != nil {
				e = New(Options{Rules: []*rules.Rule{casing, maintainer, own}, Settings: rules.Settings{BuildArgs: c.args}})
			}
			res := e.Lint("Dockerfile", []byte(c.src))
			if got := ruleIDs(res); !slices.Equal(got, c.want) {
				t.Errorf("findings %v, want %v", got, c.want)
			}
			for _, s := range res.Suppressed {
				if s.By.Tool != ToolBuildKit {
					t.Errorf("suppressed by %q, want buildkit", s.By.Tool)
				}
			}
		})
	}
}

// `# check=error=true` makes BuildKit fail the build on its checks: their
// twins' findings become errors, other rules keep their severity, and a
// severity the user set wins over the file.
func TestCheckErrorTrue(t *testing.T) {
	casing, own := rules.FromAsCasingMismatch, rules.InstructionBeforeFrom
	sev := func(res Result) map[string]rules.Severity {
		m := map[string]rules.Severity{}
		for _, f := range res.Findings {
			m[f.Rule.ID] = f.Severity
		}
		return m
	}
	src := "LABEL a=b\nFROM scratch as base\n"
	plain := New(Options{Rules: []*rules.Rule{casing, own}})
	if got := sev(plain.Lint("Dockerfile", []byte(src))); got[casing.ID] == rules.Error || got[casing.ID] == 0 {
		t.Fatalf("without error=true: %v", got)
	}
	got := sev(plain.Lint("Dockerfile", []byte("# check=error=true\n"+src)))
	if got[casing.ID] != rules.Error || got[own.ID] != own.Severity {
		t.Errorf("error=true: severities %v, want %s error and %s unchanged", got, casing.ID, own.ID)
	}
	arg := New(Options{Rules: []*rules.Rule{casing, own}, Settings: rules.Settings{BuildArgs: map[string]string{"BUILDKIT_DOCKERFILE_CHECK": "error=true"}}})
	if got := sev(arg.Lint("Dockerfile", []byte(src))); got[casing.ID] != rules.Error {
		t.Errorf("error=true as a build argument: %v", got)
	}
	user := New(Options{Rules: []*rules.Rule{casing, own}, Severity: map[string]rules.Severity{casing.ID: rules.Info}})
	if got := sev(user.Lint("Dockerfile", []byte("# check=error=true\n"+src))); got[casing.ID] != rules.Info {
		t.Errorf("user severity should win over error=true: %v", got)
	}
}

// `# check=experimental=` turns on an optional BuildKit-twin rule for the
// file; --ignore still wins.
func TestCheckExperimental(t *testing.T) {
	src := "# check=experimental=InvalidDefinitionDescription\n# not the name\nARG version=1\nFROM scratch\n"
	res := New(Options{}).Lint("Dockerfile", []byte(src))
	if got := ruleIDs(res); !slices.Contains(got, rules.DefinitionDescriptionInvalid.ID) {
		t.Errorf("findings %v, want %s enabled by the directive", got, rules.DefinitionDescriptionInvalid.ID)
	}
	res = New(Options{}).Lint("Dockerfile", []byte("# not the name\nARG version=1\nFROM scratch\n"))
	if got := ruleIDs(res); slices.Contains(got, rules.DefinitionDescriptionInvalid.ID) {
		t.Errorf("optional rule %s ran without being enabled", rules.DefinitionDescriptionInvalid.ID)
	}
	res = New(Options{Ignore: []string{"InvalidDefinitionDescription"}}).Lint("Dockerfile", []byte(src))
	if got := ruleIDs(res); slices.Contains(got, rules.DefinitionDescriptionInvalid.ID) {
		t.Errorf("--ignore must win over the file's experimental= (got %v)", got)
	}
}

// The .dockerignore beside the Dockerfile (Dockerfile.dockerignore first)
// or in the context directory reaches the rules.
func TestDockerignore(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	df := filepath.Join(dir, "Dockerfile")
	if got := loadDockerignore(df, "", new(contextIgnores)); got != nil {
		t.Fatalf("no .dockerignore: got %+v", got)
	}
	write(".dockerignore", "# comment\n/secrets\n\n!keep\n")
	if got := loadDockerignore(df, "", new(contextIgnores)); got == nil || !slices.Equal(got.Patterns, []string{"secrets", "!keep"}) {
		t.Fatalf(".dockerignore: got %+v", got)
	}
	write("Dockerfile.dockerignore", "only-this\n")
	if got := loadDockerignore(df, "", new(contextIgnores)); got == nil || !slices.Equal(got.Patterns, []string{"only-this"}) {
		t.Fatalf("Dockerfile.dockerignore should win: got %+v", got)
	}
	if got := loadDockerignore("-", "", new(contextIgnores)); got != nil {
		t.Fatalf("stdin without --context: got %+v", got)
	}
	if got := loadDockerignore("-", dir, new(contextIgnores)); got == nil || got.Patterns[0] != "only-this" {
		t.Fatalf("stdin with --context: got %+v", got)
	}
	other := t.TempDir()
	if got := loadDockerignore(filepath.Join(other, "Dockerfile"), dir, new(contextIgnores)); got == nil || got.Path != filepath.Join(dir, ".dockerignore") {
		t.Fatalf("--context elsewhere: got %+v", got)
	}
	// One cache for a folder of Dockerfiles: the folder is listed once,
	// and only the Dockerfile that has its own .dockerignore gets it.
	c := new(contextIgnores)
	write("a.Dockerfile.dockerignore", "only-a\n")
	if got := loadDockerignore(filepath.Join(dir, "a.Dockerfile"), "", c); got == nil || got.Path != filepath.Join(dir, "a.Dockerfile.dockerignore") {
		t.Fatalf("a.Dockerfile.dockerignore: got %+v", got)
	}
	if got := loadDockerignore(filepath.Join(dir, "b.Dockerfile"), "", c); got == nil || got.Path != filepath.Join(dir, ".dockerignore") {
		t.Fatalf("b.Dockerfile: got %+v, want the context's .dockerignore", got)
	}
	if c.mayHold(dir, "b.Dockerfile.dockerignore") || !c.mayHold(dir, "a.Dockerfile.dockerignore") {
		t.Error("the listing of a complete folder decides which Dockerfiles have their own .dockerignore")
	}
	// A folder that cannot be listed is asked file by file.
	if !c.mayHold(filepath.Join(dir, "missing"), "Dockerfile.dockerignore") {
		t.Error("a folder that could not be listed must not rule a file out")
	}
	res := New(Options{Rules: []*rules.Rule{rules.CopyIgnoredFile}}).Lint(df, []byte("FROM scratch\nCOPY only-this /x\n"))
	if got := ruleIDs(res); !slices.Equal(got, []string{rules.CopyIgnoredFile.ID}) {
		t.Errorf("findings %v, want %s", got, rules.CopyIgnoredFile.ID)
	}
}
