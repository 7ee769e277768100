package packaging

import (
	"bytes"
	"context"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/cli"
	"go.yaml.in/yaml/v3"
)

// root is the repository root, two levels above this package.
var root = filepath.Join("..", "..")

// buildOnce builds the dockstride binary once for the tests that run it,
// with the goreleaser ldflags so the -X paths are exercised too.
var buildOnce = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "dockstride-bin-")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "dockstride")
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	ldflags := "-X github.com/dockstride/dockstride/internal/cli.version=v9.9.9-test " +
		"-X github.com/dockstride/dockstride/internal/cli.commit=abc1234 " +
		"-X github.com/dockstride/dockstride/internal/cli.date=2027-03-31T00:00:00Z"
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/dockstride")
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{out: string(out), err: err}
	}
	return bin, nil
})

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + e.out }

func binary(t *testing.T) string {
	t.Helper()
	bin, err := buildOnce()
	if err != nil {
		t.Fatalf("building dockstride: %v", err)
	}
	return bin
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bin, err := buildOnce(); err == nil && bin != "" {
		os.RemoveAll(filepath.Dir(bin))
	}
	os.Exit(code)
}

// hook is the part of a pre-commit hook definition the tests use.
type hook struct {
	ID       string   `yaml:"id"`
	Name     string   `yaml:"name"`
	Language string   `yaml:"language"`
	Entry    string   `yaml:"entry"`
	Types    []string `yaml:"types"`
	Files    string   `yaml:"files"`
}

func loadHook(t *testing.T) hook { t.Helper(); return loadHookID(t, "dockstride") }

// loadHookID returns the hook of .pre-commit-hooks.yaml with that id.
func loadHookID(t *testing.T, id string) hook {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []hook
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&hooks); err != nil {
		t.Fatal(err)
	}
	for _, h := range hooks {
		if h.ID == id {
			return h
		}
	}
	t.Fatalf(".pre-commit-hooks.yaml has no %s hook", id)
	return hook{}
}

func TestHookDefinition(t *testing.T) {
	h := loadHook(t)
	if h.Language != "golang" || !strings.HasPrefix(h.Entry, "dockstride lint") || h.Files == "" {
		t.Errorf("hook = %+v: want language golang, entry dockstride lint, a files pattern", h)
	}
	// pre-commit matches files with Python's re.search; this pattern uses
	// nothing RE2 lacks, so Go's MatchString is the same test.
	re := regexp.MustCompile(h.Files)
	for name, want := range map[string]bool{
		"Dockerfile": true, "Containerfile": true, "svc/api/Dockerfile": true, "Dockerfile.prod": true,
		"docker/Containerfile.dev": true, "app.Dockerfile": true, "x/build.dockerfile": true, "api.Containerfile": true,
		"README.md": false, "MyDockerfile": false, "dockerfiles/readme.txt": false, "Dockerfile.d/x.sh": false,
		"docs/Dockerfile-notes.md": false,
		"compose.yaml":             true, "svc/docker-compose.yml": true, "compose.prod.yaml": true,
		"docker-compose.override.yaml": true, "etc/docker/daemon.json": true, "daemon.json": true,
		"compose.md": false, "my-compose.yaml": false, "compose.yaml.bak": false, "docs/daemon.json.md": false,
		"mydaemon.json": false, "app.py": false,
	} {
		if got := re.MatchString(name); got != want {
			t.Errorf("files pattern on %q = %v, want %v", name, got, want)
		}
	}
}

// repoWithHook makes a git repository whose pre-commit hook does what
// pre-commit does for hook definition h: select the staged files by its
// pattern and pass them to its entry. An empty selection runs nothing.
func repoWithHook(t *testing.T, h hook) string {
	t.Helper()
	repo := t.TempDir()
	if out, err := git(t, repo, "init", "-q"); err != nil {
		t.Fatalf("git init: %v\n%s", err, out)
	}
	script := "#!/bin/sh\n" +
		"files=$(git diff --cached --name-only --diff-filter=ACMR | grep -E '" + h.Files + "')\n" +
		"[ -z \"$files\" ] && exit 0\n" +
		"exec " + h.Entry + " $files\n"
	if err := os.WriteFile(filepath.Join(repo, ".git", "hooks", "pre-commit"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return repo
}

// git runs git in dir with a fixed identity and no user configuration.
func git(t *testing.T, dir string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+os.DevNull, "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// The hook, run the way pre-commit runs it (the entry plus the staged files
// its pattern selects, the binary on PATH), fails a commit that adds a
// Dockerfile running as root and lets a hardened one through.
func TestPreCommitHookFailsRootDockerfile(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	bin := binary(t)
	h := loadHook(t)
	repo := repoWithHook(t, h)
	path := filepath.Dir(bin) + string(os.PathListSeparator) + os.Getenv("PATH")
	t.Setenv("PATH", path)

	write := func(name, text string) {
		p := filepath.Join(repo, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("README.md", "not a Dockerfile: USER root\n")
	git(t, repo, "add", "README.md")
	if out, err := git(t, repo, "commit", "-q", "-m", "readme"); err != nil {
		t.Fatalf("a commit without Dockerfiles must pass: %v\n%s", err, out)
	}

	write("svc/Dockerfile", "FROM alpine:3.20\nUSER root\nCMD [\"/app\"]\n")
	git(t, repo, "add", "svc/Dockerfile")
	out, err := git(t, repo, "commit", "-q", "-m", "root")
	if err == nil {
		t.Fatalf("commit of a root Dockerfile succeeded; hook output:\n%s", out)
	}
	if !strings.Contains(out, "svc/Dockerfile:2") || !strings.Contains(out, "DKS4001") {
		t.Errorf("hook output does not name the root USER finding:\n%s", out)
	}
	if log, _ := git(t, repo, "log", "--oneline"); strings.Count(log, "\n") != 1 {
		t.Errorf("the rejected commit was made:\n%s", log)
	}

	hardened, err := os.ReadFile(filepath.Join(root, "testdata", "examples", "hardened.Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	write("svc/Dockerfile", string(hardened))
	git(t, repo, "add", "svc/Dockerfile")
	if out, err := git(t, repo, "commit", "-q", "-m", "hardened"); err != nil {
		t.Errorf("commit of the hardened Dockerfile failed: %v\n%s", err, out)
	}
}

// The real pre-commit, when installed and asked for: it builds the hook
// with `go install ./...` from a clone of this repository, which takes a
// minute, so it is opt-in (DOCKSTRIDE_TEST_PRECOMMIT=1).
func TestPreCommitReal(t *testing.T) {
	if os.Getenv("DOCKSTRIDE_TEST_PRECOMMIT") != "1" {
		t.Skip("set DOCKSTRIDE_TEST_PRECOMMIT=1 to run pre-commit try-repo against this checkout")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Fatal("pre-commit is not installed (apt-get install pre-commit)")
	}
	abs, _ := filepath.Abs(root)
	repo := t.TempDir()
	git(t, repo, "init", "-q")
	os.WriteFile(filepath.Join(repo, "Dockerfile"), []byte("FROM alpine:3.20\nUSER root\n"), 0o644)
	git(t, repo, "add", "Dockerfile")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pre-commit", "try-repo", abs, "dockstride", "--files", "Dockerfile", "--verbose")
	cmd.Dir = repo
	cmd.Env = append(os.Environ(), "PRE_COMMIT_HOME="+t.TempDir(), "GIT_CONFIG_GLOBAL="+os.DevNull,
		"GOMODCACHE="+goEnv(t, "GOMODCACHE"), "GOFLAGS=-buildvcs=false -mod=mod")
	out, err := cmd.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "DKS4001") {
		t.Errorf("pre-commit try-repo: err %v, want a failure naming DKS4001:\n%s", err, out)
	}
}

func goEnv(t *testing.T, key string) string {
	out, err := exec.Command("go", "env", key).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

// goreleaser is the part of .goreleaser.yml the tests check.
type goreleaser struct {
	Version int `yaml:"version"`
	Before  struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
	} `yaml:"builds"`
	Archives []struct {
		Formats []string `yaml:"formats"`
		Files   []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		Algorithm  string      `yaml:"algorithm"`
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"checksum"`
	Sboms []struct {
		Artifacts string   `yaml:"artifacts"`
		Cmd       string   `yaml:"cmd"`
		Args      []string `yaml:"args"`
	} `yaml:"sboms"`
	Release struct {
		ExtraFiles []extraFile `yaml:"extra_files"`
	} `yaml:"release"`
}

type extraFile struct {
	Glob string `yaml:"glob"`
}

// goreleaserTopKeys are goreleaser v2's top-level keys; an unknown one is
// a typo goreleaser would reject.
var goreleaserTopKeys = []string{
	"version", "project_name", "env", "before", "after", "builds", "universal_binaries", "upx", "archives",
	"nfpms", "snapcrafts", "checksum", "sboms", "signs", "docker_signs", "dockers", "docker_manifests",
	"kos", "snapshot", "changelog", "release", "brews", "homebrew_casks", "scoops", "winget", "nix",
	"announce", "milestones", "source", "metadata", "report_sizes", "git", "gomod", "dist", "includes",
}

// A structural check of .goreleaser.yml: goreleaser itself is too large to
// build in every CI run here (see TestGoreleaserCheck for the real one).
func TestGoreleaserConfig(t *testing.T) {
	src, err := os.ReadFile(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var top map[string]yaml.Node
	if err := yaml.Unmarshal(src, &top); err != nil {
		t.Fatal(err)
	}
	for k := range top {
		if !slices.Contains(goreleaserTopKeys, k) {
			t.Errorf(".goreleaser.yml: unknown top-level key %q", k)
		}
	}
	g := loadGoreleaser(t)
	if g.Version != 2 {
		t.Errorf("version = %d, want 2", g.Version)
	}
	if len(g.Builds) != 1 {
		t.Fatalf("want one build, got %d", len(g.Builds))
	}
	b := g.Builds[0]
	slices.Sort(b.Goos)
	slices.Sort(b.Goarch)
	if !slices.Equal(b.Goos, []string{"darwin", "linux", "windows"}) || !slices.Equal(b.Goarch, []string{"amd64", "arm64"}) {
		t.Errorf("targets = %v × %v", b.Goos, b.Goarch)
	}
	if !slices.Contains(b.Flags, "-trimpath") || !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Errorf("flags %v env %v: want -trimpath and CGO_ENABLED=0", b.Flags, b.Env)
	}
	if _, err := os.Stat(filepath.Join(root, b.Main)); err != nil {
		t.Errorf("main %s: %v", b.Main, err)
	}
	ld := strings.Join(b.Ldflags, " ")
	if !strings.Contains(ld, "-s -w") {
		t.Errorf("ldflags %q do not strip", ld)
	}
	vars := versionVars(t)
	xs := xAssignments(ld)
	for _, v := range []string{"version", "commit", "date"} {
		val, ok := xs["github.com/dockstride/dockstride/internal/cli."+v]
		if !ok || !strings.Contains(val, "{{") {
			t.Errorf("ldflags do not set internal/cli.%s from a template: %q", v, ld)
		}
		if !vars[v] {
			t.Errorf("internal/cli has no package-level string var %q for -X", v)
		}
	}
	if len(g.Archives) == 0 {
		t.Fatal("no archives")
	}
	for _, f := range []string{"README.md", "LICENSE", "CHANGELOG.md", "completions/*", "manpages/*"} {
		if !slices.Contains(g.Archives[0].Files, f) {
			t.Errorf("archives lack %s", f)
		}
		if !strings.HasSuffix(f, "*") {
			if _, err := os.Stat(filepath.Join(root, f)); err != nil {
				t.Errorf("archived file: %v", err)
			}
		}
	}
	if g.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum algorithm %q, want sha256", g.Checksum.Algorithm)
	}
	hooks := strings.Join(g.Before.Hooks, "\n")
	for _, sh := range []string{"completion bash", "completion zsh", "completion fish", "completion powershell", "man manpages"} {
		if !strings.Contains(hooks, "go run ./cmd/dockstride "+sh) {
			t.Errorf("before hooks do not generate %q", sh)
		}
	}
}

func loadGoreleaser(t *testing.T) goreleaser {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(root, ".goreleaser.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var g goreleaser
	if err := yaml.Unmarshal(src, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// versionVars lists internal/cli's package-level string variables in
// version.go, the targets of -X.
func versionVars(t *testing.T) map[string]bool {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), filepath.Join(root, "internal", "cli", "version.go"), nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]bool{}
	for _, d := range f.Decls {
		if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.VAR {
			for _, s := range gd.Specs {
				for _, n := range s.(*ast.ValueSpec).Names {
					vars[n.Name] = true
				}
			}
		}
	}
	return vars
}

// The ldflags goreleaser uses reach `dockstride version` and the tool
// version of the JSON and SARIF reports.
func TestVersionInjected(t *testing.T) {
	v := reportedVersions(t, binary(t), filepath.Join(root, "testdata", "examples", "hardened.Dockerfile"))
	for _, want := range []string{"dockstride v9.9.9-test (", "commit abc1234", "built 2027-03-31T00:00:00Z"} {
		if !strings.Contains(v.line, want) {
			t.Errorf("version output %q lacks %q", v.line, want)
		}
	}
	if v.json != "v9.9.9-test" || v.sarif != "v9.9.9-test" {
		t.Errorf("report versions: JSON %q, SARIF %q, want v9.9.9-test", v.json, v.sarif)
	}
}

// The before hooks' commands work: every shell gets a completion script
// and man pages are written for every command.
func TestCompletionsAndManPages(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		var out, errb bytes.Buffer
		code := cli.Execute(context.Background(), []string{"completion", shell}, sysIO(&out, &errb))
		if code != 0 || !strings.Contains(out.String(), "dockstride") {
			t.Errorf("completion %s: exit %d, %d bytes, stderr %s", shell, code, out.Len(), errb.String())
		}
	}
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := cli.Execute(context.Background(), []string{"man", dir}, sysIO(&out, &errb)); code != 0 {
		t.Fatalf("man: exit %d: %s", code, errb.String())
	}
	for _, page := range []string{"dockstride.1", "dockstride-lint.1", "dockstride-config-init.1"} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil || !bytes.Contains(b, []byte(".TH \"DOCKSTRIDE\" \"1\"")) {
			t.Errorf("%s: %v", page, err)
		}
	}
}

func sysIO(out, errb *bytes.Buffer) cli.IO {
	return cli.IO{
		In: strings.NewReader(""), Out: out, Err: errb,
		Getenv:     func(k string) string { return map[string]string{"SOURCE_DATE_EPOCH": "0"}[k] },
		IsTerminal: func(io.Writer) bool { return false },
	}
}

// goreleaser's own check, when a goreleaser binary is at hand
// (GORELEASER=path, or on PATH).
func TestGoreleaserCheck(t *testing.T) {
	bin := os.Getenv("GORELEASER")
	if bin == "" {
		var err error
		if bin, err = exec.LookPath("goreleaser"); err != nil {
			t.Skip("goreleaser not installed; TestGoreleaserConfig checked the structure")
		}
	}
	cmd := exec.Command(bin, "check")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("goreleaser check: %v\n%s", err, out)
	}
}

func TestLicense(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	if err != nil || !bytes.Contains(b, []byte("Apache License")) || !bytes.Contains(b, []byte("Version 2.0, January 2004")) {
		t.Errorf("LICENSE is not the Apache-2.0 text: %v", err)
	}
}
