package config

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
	"go.yaml.in/yaml/v3"
)

func write(t *testing.T, path, text string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestParseFull(t *testing.T) {
	c, err := Parse("/repo/.dockstride.yaml", []byte(`
fail-level: error
format: json
ignore: [DL3008, runs-as-root]
only: [DKS4001, DKS6001]
severity:
  DKS6001: info
overrides:
  - files: ["legacy/**"]
    ignore: [JSONArgsRecommended]
    severity: {DKS4001: style}
trusted-registries: [docker.io, "*.corp.example.com"]
label-schema: {maintainer: email}
strict-labels: true
allowed-ports: [8080, "9090/tcp"]
secrets:
  allow:
    names: ["*_TOKEN_URL"]
    values: [AKIAIOSFODNN7EXAMPLE]
    paths: ["testdata/**"]
  patterns:
    - name: Acme token
      regex: 'acme_[0-9a-f]{8}'
image:
  platform: linux/arm64
  insecure: true
  timeout: 90s
  max-file-bytes: 4096
  base-history: skip
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.FailLevel != "error" || c.Format != "json" || !slices.Equal(c.Ignore, []string{"DL3008", "runs-as-root"}) ||
		!slices.Equal(c.Only, []string{"DKS4001", "DKS6001"}) || len(c.Severity) != 1 || c.Severity[0].Severity != rules.Info ||
		len(c.Overrides) != 1 || !c.StrictLabels || c.LabelSchema["maintainer"] != "email" ||
		!slices.Equal(c.AllowedPorts, []int{8080, 9090}) || c.Image.Platform != "linux/arm64" || !c.Image.Insecure ||
		c.Image.Timeout != 90*time.Second || c.Image.MaxFileBytes != 4096 || c.Image.BaseHistory != lint.BaseHistorySkip || c.LintOptions(nil).Settings.Secrets == nil {
		t.Errorf("parsed config = %+v", c)
	}
	if c.Origin["fail-level"] != "/repo/.dockstride.yaml:2" || c.Origin["image.timeout"] != "/repo/.dockstride.yaml:27" {
		t.Errorf("origins = %v", c.Origin)
	}
	if _, ok := c.LintOptions(nil).Settings.Secrets.FindValue("X=acme_0123abcd"); !ok {
		t.Error("extra secret pattern not wired into the policy")
	}
}

// Errors name the file, the line and the key.
func TestParseErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"fail-level: loud\n", `c.yaml:1: fail-level: "loud" is not a level`},
		{"ignore:\n  - DKS4001\n  - DKS9999\n", `c.yaml:3: ignore: no rule has the ID, name or alias "DKS9999"`},
		{"only: [runs-as-rot]\n", `c.yaml:1: only: no rule has the ID, name or alias "runs-as-rot"`},
		{"ignroe: [DKS4001]\n", "c.yaml:1: ignroe: unknown key (did you mean ignore?)"},
		{"image:\n  platfrom: linux/arm64\n", "c.yaml:2: image.platfrom: unknown key (did you mean image.platform?)"},
		{"image:\n  platform: arm64\n", `c.yaml:2: image.platform: "arm64" is not a platform`},
		{"image:\n  timeout: soon\n", `c.yaml:2: image.timeout: "soon" is not a duration`},
		{"image:\n  base-history: drop\n", `c.yaml:2: image.base-history: "drop" is not info, keep or skip`},
		{"severity:\n  DKS4001: loud\n", `c.yaml:2: severity: DKS4001: "loud" is not a severity`},
		{"severity:\n  DKS9999: error\n", `c.yaml:2: severity: no rule has the ID`},
		{"strict-labels: yes please\n", "c.yaml:1: strict-labels: must be true or false"},
		{"label-schema:\n  a: text\n  b: colour\n", `c.yaml:3: label-schema: b: label type "colour"`},
		{"allowed-ports: [80, 70000]\n", `c.yaml:1: allowed-ports: "70000" is not a port`},
		{"overrides:\n  - files: [x]\n    ignroe: [DKS4001]\n", "c.yaml:3: overrides[0].ignroe: unknown key"},
		{"overrides:\n  - ignore: [DKS4001]\n", "c.yaml:2: overrides: item 1 needs files"},
		{"secrets:\n  patterns:\n    - name: x\n      regex: '('\n", "c.yaml:3: secrets.patterns: pattern \"x\": error parsing regexp"},
		{"secrets:\n  allow:\n    nmes: []\n", "c.yaml:3: secrets.allow.nmes: unknown key"},
		{"- a\n- b\n", "c.yaml:1: must be a mapping"},
		{"fail-level: error\nfail-level: info\n", "c.yaml:2: fail-level: set twice"},
		{"ignore: [\n", "c.yaml: "},
	}
	for _, c := range cases {
		_, err := Parse("c.yaml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%q) error = %v, want it to contain %q", c.src, err, c.want)
		}
		var ce *Error
		if err != nil && !errors.As(err, &ce) {
			t.Errorf("Parse(%q) error is %T, want *config.Error", c.src, err)
		}
	}
}

// A peer ID no rule carries yet is not a typo: accepted.
func TestUnknownPeerIDAccepted(t *testing.T) {
	c, err := Parse("c.yaml", []byte("ignore: [DL9999, CKV_DOCKER_99, AVD-DS-0999]\n"))
	if err != nil || len(c.Ignore) != 3 {
		t.Errorf("Parse = %+v, %v", c, err)
	}
}

func TestEmptyFile(t *testing.T) {
	for _, src := range []string{"", "# only comments\n", "---\n"} {
		c, err := Parse("c.yaml", []byte(src))
		if err != nil || c.FailLevel != "warning" {
			t.Errorf("Parse(%q) = %+v, %v", src, c, err)
		}
	}
}

func TestTemplateLoadsAndMentionsEveryKey(t *testing.T) {
	c, err := Parse(".dockstride.yaml", []byte(Template))
	if err != nil {
		t.Fatalf("the init template does not load: %v", err)
	}
	if c.FailLevel != "warning" || c.Image.Timeout != 5*time.Minute {
		t.Errorf("template values: %+v", c)
	}
	// `config init` must not change behaviour: its values are the defaults.
	if c.Image.MaxFileBytes != lint.DefaultImageFileBytes {
		t.Errorf("template image.max-file-bytes = %d, the default is %d", c.Image.MaxFileBytes, lint.DefaultImageFileBytes)
	}
	for _, k := range keys {
		leaf := k.name[strings.LastIndex(k.name, ".")+1:]
		if !strings.Contains(Template, leaf+":") {
			t.Errorf("template does not mention %s", k.name)
		}
	}
}

func TestShowRoundTrips(t *testing.T) {
	dir := t.TempDir()
	path := write(t, filepath.Join(dir, ".dockstride.yaml"), "fail-level: error\nignore: [DL3008]\nseverity: {DKS4001: info}\nimage: {platform: linux/arm64}\n")
	r, err := NewResolver(Options{Dir: dir, Getenv: env(map[string]string{"DOCKSTRIDE_IGNORE": "DKS6001"})})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Run()
	if err != nil {
		t.Fatal(err)
	}
	out, err := c.Show()
	if err != nil {
		t.Fatal(err)
	}
	text := string(out)
	for _, want := range []string{
		"fail-level: error # " + path + ":1",
		"ignore:",
		path + ":2 + env DOCKSTRIDE_IGNORE",
		"platform: linux/arm64 # " + path + ":4",
		"format: text # default",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("show output lacks %q:\n%s", want, text)
		}
	}
	back, err := Parse("shown.yaml", out)
	if err != nil {
		t.Fatalf("show output does not load: %v\n%s", err, text)
	}
	if back.FailLevel != "error" || !slices.Equal(back.Ignore, []string{"DL3008", "DKS6001"}) || back.Image.Platform != "linux/arm64" {
		t.Errorf("round trip = %+v", back)
	}
}

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestDiscovery(t *testing.T) {
	repo := t.TempDir()
	if err := os.Mkdir(filepath.Join(repo, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	// A config above a repository root is not found from inside it, and is
	// found from a directory that is in no repository.
	above := write(t, filepath.Join(filepath.Dir(repo), ".dockstride.yaml"), "fail-level: none\n")
	t.Cleanup(func() { os.Remove(above) })
	bare := t.TempDir()
	os.Mkdir(filepath.Join(bare, ".git"), 0o755)
	if got := Find(filepath.Join(bare, "sub")); got != "" {
		t.Errorf("Find inside a repository without config = %q, want none (stop at .git)", got)
	}
	if got := Find(t.TempDir()); got != above {
		t.Errorf("Find outside any repository = %q, want the parent's %q", got, above)
	}

	root := write(t, filepath.Join(repo, ".dockstride.yaml"), "fail-level: error\n")
	svcHadolint := write(t, filepath.Join(repo, "svc", "a", ".hadolint.yaml"), "ignored: [DL3002]\n")
	both := filepath.Join(repo, "svc", "b")
	write(t, filepath.Join(both, ".hadolint.yml"), "ignored: [DL3002]\n")
	bothDks := write(t, filepath.Join(both, ".dockstride.yml"), "fail-level: info\n")

	cases := map[string]string{
		repo:                                 root,
		filepath.Join(repo, "svc"):           root,
		filepath.Join(repo, "svc", "a"):      svcHadolint,
		filepath.Join(repo, "svc", "a", "x"): svcHadolint,
		both:                                 bothDks,
		filepath.Join(repo, "other", "deep"): root,
	}
	for dir, want := range cases {
		if got := Find(dir); got != want {
			t.Errorf("Find(%s) = %q, want %q", dir, got, want)
		}
	}
}

func TestPrecedence(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".dockstride.yaml"), "fail-level: error\nformat: json\nignore: [DKS6001]\nonly: [DKS4001, DKS6001, DKS6003]\nimage: {platform: linux/arm64, base-history: info}\n")
	fl, bh := "style", "skip"
	r, err := NewResolver(Options{
		Dir: dir,
		Getenv: env(map[string]string{
			"DOCKSTRIDE_FAIL_LEVEL":   "info",
			"DOCKSTRIDE_FORMAT":       "text",
			"DOCKSTRIDE_IGNORE":       "DKS6003",
			"DOCKSTRIDE_PLATFORM":     "linux/amd64",
			"DOCKSTRIDE_BASE_HISTORY": "keep",
		}),
		Flags: Flags{FailLevel: &fl, Ignore: []string{"DKS2001"}, Only: []string{"DKS4001"}, BaseHistory: &bh},
	})
	if err != nil {
		t.Fatal(err)
	}
	c, err := r.Run()
	if err != nil {
		t.Fatal(err)
	}
	if c.FailLevel != "style" || c.Origin["fail-level"] != "flag --fail-level" {
		t.Errorf("flag must beat env and file: %s from %s", c.FailLevel, c.Origin["fail-level"])
	}
	if c.Format != "text" || c.Origin["format"] != "env DOCKSTRIDE_FORMAT" {
		t.Errorf("env must beat file: %s", c.Format)
	}
	if c.Image.Platform != "linux/amd64" {
		t.Errorf("env platform: %s", c.Image.Platform)
	}
	if c.Image.BaseHistory != lint.BaseHistorySkip || c.Origin["image.base-history"] != "flag --base-history" {
		t.Errorf("flag base-history must beat env and file: %s from %s", c.Image.BaseHistory, c.Origin["image.base-history"])
	}
	if !slices.Equal(c.Ignore, []string{"DKS6001", "DKS6003", "DKS2001"}) {
		t.Errorf("ignore must accumulate: %v", c.Ignore)
	}
	if !slices.Equal(c.Only, []string{"DKS4001"}) {
		t.Errorf("only is replaced by the highest layer: %v", c.Only)
	}
}

func TestEnvAndFlagErrors(t *testing.T) {
	if _, err := NewResolver(Options{Dir: t.TempDir(), Getenv: env(map[string]string{"DOCKSTRIDE_FAIL_LEVEL": "loud"})}); err == nil || !strings.HasPrefix(err.Error(), "DOCKSTRIDE_FAIL_LEVEL: ") {
		t.Errorf("env error = %v", err)
	}
	if _, err := NewResolver(Options{Dir: t.TempDir(), Getenv: env(map[string]string{"DOCKSTRIDE_SEVERITY": "DKS4001"})}); err == nil || !strings.Contains(err.Error(), "RULE=level") {
		t.Errorf("env severity error = %v", err)
	}
	if _, err := NewResolver(Options{Dir: t.TempDir(), Flags: Flags{Ignore: []string{"nope"}}}); err == nil || !strings.HasPrefix(err.Error(), "--ignore: ") {
		t.Errorf("flag error = %v", err)
	}
	bh := "drop"
	if _, err := NewResolver(Options{Dir: t.TempDir(), Flags: Flags{BaseHistory: &bh}}); err == nil || !strings.HasPrefix(err.Error(), "--base-history: ") {
		t.Errorf("flag base-history error = %v", err)
	}
}

// DOCKSTRIDE_BASE_HISTORY beats the file's image.base-history.
func TestBaseHistoryEnvBeatsFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".dockstride.yaml"), "image: {base-history: skip}\n")
	r, err := NewResolver(Options{Dir: dir, Getenv: env(map[string]string{"DOCKSTRIDE_BASE_HISTORY": "keep"})})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := r.Run(); err != nil || c.Image.BaseHistory != lint.BaseHistoryKeep || c.Origin["image.base-history"] != "env DOCKSTRIDE_BASE_HISTORY" {
		t.Errorf("env base-history: %v, %v", c, err)
	}
}

func TestExplicitConfig(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, ".dockstride.yaml"), "fail-level: error\n")
	other := write(t, filepath.Join(dir, "ci.yaml"), "fail-level: info\n")
	for name, opts := range map[string]Options{
		"flag": {Dir: dir, ConfigPath: "ci.yaml"},
		"env":  {Dir: dir, Getenv: env(map[string]string{"DOCKSTRIDE_CONFIG": other})},
	} {
		r, err := NewResolver(opts)
		if err != nil {
			t.Fatal(err)
		}
		c, err := r.Run()
		if err != nil || c.FailLevel != "info" || c.File != other {
			t.Errorf("%s: %+v, %v", name, c, err)
		}
	}
	r, _ := NewResolver(Options{Dir: dir, NoConfig: true, Getenv: env(map[string]string{"DOCKSTRIDE_CONFIG": other})})
	if c, _ := r.Run(); c.File != "" || c.FailLevel != "warning" {
		t.Errorf("--no-config: %+v", c)
	}
	r, _ = NewResolver(Options{Dir: dir, ConfigPath: "missing.yaml"})
	if _, err := r.Run(); err == nil || !strings.Contains(err.Error(), "missing.yaml") {
		t.Errorf("missing --config: %v", err)
	}
}

func TestHadolintConfig(t *testing.T) {
	c, err := parseHadolint(".hadolint.yaml", []byte(`
ignored: [DL3002, DL4002]
override:
  error: [DL3025]
  info: [DL3006]
trustedRegistries: [docker.io, my-company.com:5000]
label-schema:
  author: text
  url: url
strict-labels: true
failure-threshold: info
format: json
`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Ignore, []string{"DL3002"}) {
		t.Errorf("ignored = %v (DL4002, retired by hadolint, has no dockstride rule and is dropped)", c.Ignore)
	}
	if len(c.Severity) != 2 || c.Severity[0] != (SeverityOverride{"DL3025", rules.Error}) || c.Severity[1] != (SeverityOverride{"DL3006", rules.Info}) {
		t.Errorf("override = %v", c.Severity)
	}
	if !slices.Equal(c.TrustedRegistries, []string{"docker.io", "my-company.com:5000"}) || !c.StrictLabels || c.LabelSchema["url"] != "url" || c.FailLevel != "info" || c.Format != "json" {
		t.Errorf("config = %+v", c)
	}
	notes := strings.Join(c.Notes, "\n")
	for _, want := range []string{"reading hadolint's .hadolint.yaml", "DL3002 is dockstride's DKS4001", "no dockstride rule for DL4002"} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	// The mapping reaches the engine: DL3002 ignores runs-as-root, DL3025
	// raises shell-form-command to error.
	res := lint.New(c.LintOptions(nil)).Lint("Dockerfile", []byte("FROM alpine:3.20\nUSER root\nCMD echo hi\n"))
	for _, f := range res.Findings {
		if f.Rule == rules.RunsAsRoot {
			t.Error("DL3002 in ignored did not disable runs-as-root")
		}
		if f.Rule == rules.ShellFormCommand && f.Severity != rules.Error {
			t.Errorf("DL3025 override: severity %v", f.Severity)
		}
	}

	nf, err := parseHadolint(".hadolint.yaml", []byte("failure-threshold: error\nno-fail: true\n"))
	if err != nil || nf.FailLevel != "none" {
		t.Errorf("no-fail: %+v %v", nf, err)
	}
	for src, want := range map[string]string{
		"ignored: DL3002\n":              ".hadolint.yaml:1: ignored: must be a list",
		"override:\n  fatal: [DL3002]\n": ".hadolint.yaml:2: override.fatal: unknown level",
		"failure-threshold: loud\n":      ".hadolint.yaml:1: failure-threshold:",
		"ignore: [DL3002]\n":             ".hadolint.yaml:1: ignore: unknown hadolint key",
		"label-schema:\n  a: colour\n":   ".hadolint.yaml:2: label-schema:",
	} {
		if _, err := parseHadolint(".hadolint.yaml", []byte(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseHadolint(%q) = %v, want %q", src, err, want)
		}
	}
}

// The conformance cases write hadolint's config as JSON, which is YAML.
func TestHadolintJSONConfig(t *testing.T) {
	c, err := parseHadolint(".hadolint.yaml", []byte(`{"trustedRegistries": ["docker.io"], "label-schema": {"version": "semver"}, "strict-labels": true, "ignored": ["DL3057"]}`))
	if err != nil || c.LabelSchema["version"] != "semver" || !c.StrictLabels {
		t.Errorf("%+v %v", c, err)
	}
}

func TestLintAllPerDirectory(t *testing.T) {
	repo := t.TempDir()
	os.Mkdir(filepath.Join(repo, ".git"), 0o755)
	write(t, filepath.Join(repo, "legacy", ".hadolint.yaml"), "ignored: [DL3002]\n")
	write(t, filepath.Join(repo, ".dockstride.yaml"), "overrides:\n  - files: [\"*.dev.Dockerfile\"]\n    severity: {DKS4001: info}\n")
	paths := []string{filepath.Join(repo, "app", "Dockerfile"), filepath.Join(repo, "legacy", "Dockerfile"), filepath.Join(repo, "app", "x.dev.Dockerfile")}
	for _, p := range paths {
		write(t, p, "FROM alpine:3.20\nUSER root\n")
	}
	r, err := NewResolver(Options{Dir: repo})
	if err != nil {
		t.Fatal(err)
	}
	res, err := lint.Run(context.Background(), lint.Request{Paths: paths, Policy: r})
	if err != nil {
		t.Fatal(err)
	}
	sev := func(path string) string {
		for _, f := range res.Findings {
			if f.Rule == rules.RunsAsRoot && f.File == path {
				return f.Severity.String()
			}
		}
		return "none"
	}
	if got := []string{sev(paths[0]), sev(paths[1]), sev(paths[2])}; !slices.Equal(got, []string{"warning", "none", "info"}) {
		t.Errorf("runs-as-root per file = %v, want [warning none info]", got)
	}
	if len(r.Used()) != 2 {
		t.Errorf("configs used = %d, want 2", len(r.Used()))
	}
}

func TestWriteTemplate(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".dockstride.yaml")
	if err := WriteTemplate(path, false); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte("fail-level: error\n"), 0o644)
	if err := WriteTemplate(path, false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("overwrite without force: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "fail-level: error\n" {
		t.Error("the existing file was changed")
	}
	if err := WriteTemplate(path, true); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != Template {
		t.Error("--force did not write the template")
	}
}

// yaml.v3 must stay the pinned module: the error texts above depend on it.
var _ = yaml.Node{}

// The README's configuration table names every key and variable.
func TestREADMEDocumentsEveryKey(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, k := range keys {
		leaf := k.name[strings.LastIndex(k.name, ".")+1:]
		if !strings.Contains(readme, leaf) {
			t.Errorf("README does not mention key %s", k.name)
		}
	}
	for _, kv := range EnvVars() {
		if !strings.Contains(readme, kv[0]) {
			t.Errorf("README does not mention %s", kv[0])
		}
	}
}

// A DL code of a rule that merges several hadolint rules reaches only its
// own findings, and the note says so.
func TestHadolintCodeOfMergedRule(t *testing.T) {
	c, err := parseHadolint(".hadolint.yaml", []byte("ignored: [DL3013]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Ignore) != 1 || c.Ignore[0] != "DL3013" {
		t.Errorf("ignore = %v, want the code itself", c.Ignore)
	}
	if notes := strings.Join(c.Notes, "\n"); !strings.Contains(notes, "DKS3003 (its DL3013 findings only)") {
		t.Errorf("notes do not say the code reaches only its findings:\n%s", notes)
	}
}
