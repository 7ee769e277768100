package config

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/rules"
)

var trivyNow = time.Date(2027, 3, 31, 12, 0, 0, 0, time.UTC)

func ids(f *IgnoreFile) []string {
	var out []string
	for _, e := range f.Entries {
		out = append(out, e.ID)
	}
	return out
}

// Every spelling trivy gives a check's ID names the same dockstride rule,
// and exp: dates end an entry as trivy ends it.
func TestParseTrivyIgnore(t *testing.T) {
	f, err := ParseIgnoreFile(".trivyignore", []byte(strings.Join([]string{
		"# accepted",
		"DS002",
		"  DS-0026   exp:2027-04-01  # until April",
		"AVD-DS-0001 exp:2027-03-31",
		"CVE-2019-14697",
		"DL3025 exp:31/03/2027",
		"aws-access-key-id",
		"",
	}, "\n")), trivyNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(f); !slices.Equal(got, []string{"DS002", "DS-0026"}) {
		t.Errorf("entries %v, want DS002 and DS-0026", got)
	}
	for _, id := range []string{"DS002", "DS-0002", "AVD-DS-0002"} {
		if rs := rules.Lookup(id); len(rs) != 1 || rs[0] != rules.RunsAsRoot {
			t.Errorf("%s names %v, want runs-as-root", id, rs)
		}
	}
	notes := strings.Join(f.Notes, "\n")
	for _, want := range []string{
		".trivyignore:4: AVD-DS-0001 expired on 2027-03-31",
		".trivyignore:5: no dockstride rule for CVE-2019-14697",
		`.trivyignore:6: expiry "31/03/2027" is not a date`,
		".trivyignore:7: no dockstride rule for aws-access-key-id",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
}

func TestParseTrivyIgnoreYAML(t *testing.T) {
	f, err := ParseIgnoreFile(".trivyignore.yaml", []byte(`
misconfigurations:
  - id: AVD-DS-0002
    paths: ["legacy/**"]
    statement: vendor image
  - id: DS-0026
    expired_at: 2027-01-01
secrets:
  - id: DKS5001
    expired_at: 2027-06-30T00:00:00Z
vulnerabilities:
  - id: CVE-2022-40897
`), trivyNow)
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(f); !slices.Equal(got, []string{"AVD-DS-0002", "DKS5001"}) {
		t.Errorf("entries %v", got)
	}
	if !slices.Equal(f.Entries[0].Paths, []string{"legacy/**"}) || f.Entries[0].Line != 3 {
		t.Errorf("first entry %+v", f.Entries[0])
	}
	c := Default()
	f.apply(c, "/repo")
	if !slices.Equal(c.Ignore, []string{"DKS5001"}) || len(c.Overrides) != 1 || c.Overrides[0].Dir != "/repo" {
		t.Errorf("applied: ignore %v, overrides %+v", c.Ignore, c.Overrides)
	}
	opts := c.LintOptions(nil)
	if !opts.Overrides[0].Match("/repo/legacy/a/Dockerfile") || opts.Overrides[0].Match("/repo/app/Dockerfile") {
		t.Error("the paths of an entry are relative to the working directory")
	}
	for src, want := range map[string]string{
		"misconfigurations:\n  - paths: [a]\n":                   ":2: id: an entry has no id",
		"misconfigurations:\n  - id: DS002\n    expired_at: x\n": "expired_at",
		"misconfigurations:\n  - id: DS002\n    paths: ['[']\n":  "paths",
		"misconfigurations: 3\n":                                 ".trivyignore.yaml",
	} {
		if _, err := ParseIgnoreFile(".trivyignore.yaml", []byte(src), trivyNow); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want %q", src, err, want)
		}
	}
}

// trivy's five severities onto dockstride's four.
func TestParseTrivySeverities(t *testing.T) {
	for in, want := range map[string][]rules.Severity{
		"CRITICAL":                         {rules.Error},
		"HIGH,CRITICAL":                    {rules.Error},
		"medium":                           {rules.Warning},
		"LOW,UNKNOWN":                      {rules.Info, rules.Style},
		"UNKNOWN,LOW,MEDIUM,HIGH,CRITICAL": {rules.Style, rules.Info, rules.Warning, rules.Error},
	} {
		got, err := ParseTrivySeverities([]string{in})
		if err != nil || !slices.Equal(got, want) {
			t.Errorf("%s: %v %v, want %v", in, got, err, want)
		}
	}
	if _, err := ParseTrivySeverities([]string{"HIGH,SEVERE"}); err == nil {
		t.Error("SEVERE accepted")
	}
}

// HADOLINT_* variables sit between the file and DOCKSTRIDE_* variables.
func TestHadolintEnvLayer(t *testing.T) {
	env := map[string]string{
		"HADOLINT_IGNORE":            "DL3002, DL9999",
		"HADOLINT_OVERRIDE_INFO":     "DL3025",
		"HADOLINT_OVERRIDE_STYLE":    "DL3057",
		"HADOLINT_FORMAT":            "tty",
		"HADOLINT_REQUIRE_LABELS":    "maintainer:text,version:semver",
		"HADOLINT_STRICT_LABELS":     "TRUE",
		"DOCKSTRIDE_IGNORE":          "DKS6003",
		"DOCKSTRIDE_SEVERITY":        "DL3025=error",
		"HADOLINT_FAILURE_THRESHOLD": "style",
	}
	r, err := NewResolver(Options{Dir: t.TempDir(), NoConfig: true, Getenv: func(k string) string { return env[k] }})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Run()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Ignore, []string{"DL3002", "DKS6003"}) || c.Format != "text" || c.FailLevel != "style" {
		t.Errorf("ignore %v, format %q, fail-level %q", c.Ignore, c.Format, c.FailLevel)
	}
	if sev := c.LintOptions(nil).Severity; sev["DL3025"] != rules.Error || sev["DL3057"] != rules.Style {
		t.Errorf("severity %v: DOCKSTRIDE_SEVERITY must win over HADOLINT_OVERRIDE_INFO", sev)
	}
	if c.LabelSchema["version"] != "semver" || !c.StrictLabels {
		t.Errorf("labels %v strict %v", c.LabelSchema, c.StrictLabels)
	}
	if c.Origin["ignore"] != "env HADOLINT_IGNORE + env DOCKSTRIDE_IGNORE" {
		t.Errorf("origin of ignore: %q", c.Origin["ignore"])
	}
	if !strings.Contains(strings.Join(c.Notes, "\n"), "no dockstride rule for DL9999") {
		t.Errorf("notes: %v", c.Notes)
	}
	for k, v := range map[string]string{
		"HADOLINT_IGNORE":            "runs-as-rot",
		"HADOLINT_REQUIRE_LABELS":    "maintainer",
		"HADOLINT_FAILURE_THRESHOLD": "loud",
		"HADOLINT_FORMAT":            "codacy",
	} {
		_, err := NewResolver(Options{Dir: t.TempDir(), Getenv: func(name string) string {
			if name == k {
				return v
			}
			return ""
		}})
		if err == nil || !strings.HasPrefix(err.Error(), k+":") {
			t.Errorf("%s=%s: error %v", k, v, err)
		}
	}
}

// A trivy ignore file is input like any other: parsing returns an error
// or a file, never panics. Seeds are in testdata/fuzz/FuzzParseIgnoreFile.
func FuzzParseIgnoreFile(f *testing.F) {
	f.Add(".trivyignore", []byte("DS002\nAVD-DS-0026 exp:2030-01-01\n# c\n"))
	f.Add(".trivyignore.yaml", []byte("misconfigurations:\n  - id: DS002\n    paths: [a/**]\n    expired_at: 2030-01-01\n"))
	f.Fuzz(func(t *testing.T, name string, src []byte) {
		file, err := ParseIgnoreFile(name, src, trivyNow)
		if err == nil && file == nil {
			t.Fatal("neither a file nor an error")
		}
		if err != nil {
			return
		}
		for _, e := range file.Entries {
			if len(rules.Lookup(e.ID)) == 0 {
				t.Fatalf("kept %q, which names no rule", e.ID)
			}
		}
	})
}
