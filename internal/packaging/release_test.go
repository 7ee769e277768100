package packaging

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/releaseimage"
)

const modulePath = "github.com/dockstride/dockstride"

// versions is what a dockstride binary says about itself.
type versions struct {
	line        string // `dockstride version`
	json, sarif string // tool.version and runs[0].tool.driver.version
}

// reportedVersions runs bin's version command and one lint of dockerfile
// writing JSON and SARIF.
func reportedVersions(t *testing.T, bin, dockerfile string) versions {
	t.Helper()
	out, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil {
		t.Fatalf("%s version: %v\n%s", bin, err, out)
	}
	dir := t.TempDir()
	jsonOut, sarifOut := filepath.Join(dir, "r.json"), filepath.Join(dir, "r.sarif")
	lint := exec.Command(bin, "lint", "--no-config", "--fail-level", "none",
		"--format", "json="+jsonOut, "--format", "sarif="+sarifOut, dockerfile)
	if b, err := lint.CombinedOutput(); err != nil {
		t.Fatalf("%s lint: %v\n%s", bin, err, b)
	}
	var j struct {
		Tool struct{ Version string } `json:"tool"`
	}
	var s struct {
		Runs []struct {
			Tool struct {
				Driver struct{ Version string } `json:"driver"`
			} `json:"tool"`
		} `json:"runs"`
	}
	readJSON(t, jsonOut, &j)
	readJSON(t, sarifOut, &s)
	v := versions{line: strings.TrimSpace(string(out)), json: j.Tool.Version}
	if len(s.Runs) > 0 {
		v.sarif = s.Runs[0].Tool.Driver.Version
	}
	return v
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// semverTag is the tag scheme: vMAJOR.MINOR.PATCH, no pre-release.
var semverTag = regexp.MustCompile(`^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$`)

// releasedVersion is the newest released version of CHANGELOG.md, which
// must open with an Unreleased section followed by "## [X.Y.Z] - DATE".
func releasedVersion(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	var heads []string
	for line := range strings.Lines(string(b)) {
		if strings.HasPrefix(line, "## ") {
			heads = append(heads, strings.TrimSpace(line))
		}
	}
	if len(heads) < 2 || heads[0] != "## [Unreleased]" {
		t.Fatalf("CHANGELOG.md sections %q: want ## [Unreleased] first, then the releases", heads)
	}
	m := regexp.MustCompile(`^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$`).FindStringSubmatch(heads[1])
	if m == nil {
		t.Fatalf("CHANGELOG.md: %q is not \"## [X.Y.Z] - YYYY-MM-DD\"", heads[1])
	}
	if _, err := time.Parse(time.DateOnly, m[2]); err != nil {
		t.Errorf("CHANGELOG.md: %q: %v", heads[1], err)
	}
	if !bytes.Contains(b, []byte("["+m[1]+"]: https://github.com/dockstride/dockstride/releases/tag/v"+m[1])) {
		t.Errorf("CHANGELOG.md has no link for [%s]", m[1])
	}
	return "v" + m[1]
}

// The README's install commands and pre-commit snippet pin the newest
// release of the CHANGELOG, by its tag.
func TestReadmePinsTheRelease(t *testing.T) {
	tag := releasedVersion(t)
	if !semverTag.MatchString(tag) {
		t.Fatalf("release tag %q does not follow vX.Y.Z", tag)
	}
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, want := range []string{
		"go install " + modulePath + "/cmd/dockstride@latest",
		"go install " + modulePath + "/cmd/dockstride@" + tag,
		"    rev: " + tag + "\n",
		"dockstride_" + strings.TrimPrefix(tag, "v") + "_oci-image.tar",
	} {
		if !strings.Contains(readme, want) {
			t.Errorf("README.md lacks %q", want)
		}
	}
	for _, m := range regexp.MustCompile(`rev: (\S+)`).FindAllStringSubmatch(readme, -1) {
		if m[1] != tag {
			t.Errorf("README.md pins rev %s; the release is %s", m[1], tag)
		}
	}
}

// mainPackages lists the main packages `go install ./...` would install
// from the repository root, with the given extra go flags.
func mainPackages(t *testing.T, flags ...string) []string {
	t.Helper()
	args := append([]string{"list"}, flags...)
	args = append(args, "-f", `{{if eq .Name "main"}}{{.ImportPath}}{{end}}`, "./...")
	cmd := exec.Command("go", args...)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	return strings.Fields(string(out))
}

// pre-commit installs a language: golang hook with `go install ./...` in
// the hook's repository: only dockstride should land on the hook's PATH.
// The developer commands are behind the devtools build tag.
func TestHookInstallsOnlyDockstride(t *testing.T) {
	for _, p := range mainPackages(t) {
		if p != modulePath+"/cmd/dockstride" {
			t.Errorf("go install ./... would install %s into the hook's environment; put it behind //go:build devtools", p)
		}
	}
	tagged := mainPackages(t, "-tags", "devtools")
	for _, p := range []string{"scripts/buildimage", "scripts/benchimage", "scripts/synthetic", "internal/gendocs/cmd/gendocs"} {
		if !slices.Contains(tagged, modulePath+"/"+p) {
			t.Errorf("%s is not a main package under -tags devtools: %v", p, tagged)
		}
	}
}

// xAssignments maps each -X name to its value in an ldflags string.
func xAssignments(ldflags string) map[string]string {
	out := map[string]string{}
	for _, m := range regexp.MustCompile(`-X\s+([^=\s]+)=(\S+)`).FindAllStringSubmatch(ldflags, -1) {
		out[m[1]] = m[2]
	}
	return out
}

// The image hook builds the binaries goreleaser builds (same -X values and
// stripping), the SBOM tool is pinned and installed by the hooks, and the
// image archive is checksummed and released.
func TestGoreleaserImageAndSBOM(t *testing.T) {
	g := loadGoreleaser(t)
	var imageHook, sbomInstall string
	for _, h := range g.Before.Hooks {
		switch {
		case strings.Contains(h, "./scripts/buildimage"):
			imageHook = strings.Join(strings.Fields(h), " ")
		case strings.Contains(h, "go install") && strings.Contains(h, "cyclonedx-gomod"):
			sbomInstall = h
		}
	}
	if imageHook == "" {
		t.Fatal("no before hook runs scripts/buildimage")
	}
	for _, want := range []string{"go run -tags devtools ./scripts/buildimage", "-build linux/amd64,linux/arm64", "-out build/oci", "-archive build/dockstride_{{ .Version }}_oci-image.tar", `-ldflags "-s -w `} {
		if !strings.Contains(imageHook, want) {
			t.Errorf("image hook %q lacks %q", imageHook, want)
		}
	}
	build := g.Builds[0]
	if got, want := xAssignments(imageHook), xAssignments(strings.Join(build.Ldflags, " ")); !maps.Equal(got, want) {
		t.Errorf("image hook -X %v differ from the builds' %v: the image would not hold the released binary", got, want)
	}
	// buildimage -build hard-codes these; builds must not drift from them.
	if !slices.Equal(build.Flags, []string{"-trimpath"}) || !slices.Equal(build.Env, []string{"CGO_ENABLED=0"}) {
		t.Errorf("builds flags %v env %v: buildimage builds with exactly -trimpath and CGO_ENABLED=0", build.Flags, build.Env)
	}
	m := regexp.MustCompile(`GOBIN="\$PWD/build/tools" go install github\.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@(v\d+\.\d+\.\d+)'`).FindStringSubmatch(sbomInstall)
	if m == nil {
		t.Errorf("no before hook installs a pinned cyclonedx-gomod into build/tools: %q", sbomInstall)
	}
	if len(g.Sboms) != 1 || g.Sboms[0].Cmd != "../build/tools/cyclonedx-gomod" || g.Sboms[0].Artifacts != "binary" {
		t.Errorf("sboms = %+v: want one, of the binaries, by ../build/tools/cyclonedx-gomod (run in dist/)", g.Sboms)
	}
	const asset = "build/dockstride_*_oci-image.tar"
	if !slices.Contains(g.Checksum.ExtraFiles, extraFile{Glob: asset}) || !slices.Contains(g.Release.ExtraFiles, extraFile{Glob: asset}) {
		t.Errorf("the image archive %s must be in checksum.extra_files and release.extra_files", asset)
	}
}

// taggedCopy commits the working tree's files (tracked and new, minus
// ignored and deleted ones) to a fresh repository tagged tag, so tests see
// this checkout as a release would, without touching its git state.
func taggedCopy(t *testing.T, tag string) string {
	t.Helper()
	out, err := git(t, root, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	if err != nil {
		t.Skipf("not a git checkout: %v", err)
	}
	repo := filepath.Join(t.TempDir(), "dockstride")
	for _, name := range strings.Split(strings.TrimRight(out, "\x00"), "\x00") {
		src := filepath.Join(root, name)
		fi, err := os.Lstat(src)
		if err != nil || !fi.Mode().IsRegular() {
			continue // deleted in the working tree, or a symlink
		}
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, fi.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range [][]string{
		{"init", "-q"}, {"add", "-A"}, {"commit", "-q", "-m", "release " + tag}, {"tag", "-a", tag, "-m", tag},
	} {
		if out, err := git(t, repo, args...); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	return repo
}

// goToolEnv is the environment for go commands on the tagged copy: the
// module itself is fetched from repo with git (GOPRIVATE, via a URL
// rewrite); its dependencies come from the local module cache, then the
// configured proxy; the temporary module cache keeps the fake release out
// of the real one.
func goToolEnv(t *testing.T, repo string) []string {
	t.Helper()
	dir := t.TempDir()
	gitconfig := filepath.Join(dir, "gitconfig")
	rewrite := "[url \"file://" + filepath.ToSlash(repo) + "\"]\n\tinsteadOf = https://" + modulePath + "\n"
	if err := os.WriteFile(gitconfig, []byte(rewrite), 0o644); err != nil {
		t.Fatal(err)
	}
	proxy := "file://" + filepath.ToSlash(filepath.Join(goEnv(t, "GOMODCACHE"), "cache", "download"))
	if p := goEnv(t, "GOPROXY"); p != "" && p != "off" {
		proxy += "," + p
	}
	return append(os.Environ(),
		"GIT_CONFIG_GLOBAL="+gitconfig, "GIT_CONFIG_NOSYSTEM=1",
		"GOPRIVATE="+modulePath, "GONOSUMDB="+modulePath, "GOSUMDB=off", "GOPROXY="+proxy,
		"GOMODCACHE="+filepath.Join(dir, "mod"), "GOFLAGS=-modcacherw", "GOWORK=off",
		"GOTOOLCHAIN=local", "CGO_ENABLED=0",
	)
}

func runGo(t *testing.T, dir string, env []string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir, cmd.Env = dir, env
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %v: %v\n%s", args, err, out)
	}
}

// What the README promises a fresh machine: `go install …@latest` (here
// resolving to the release tag of a copy of this checkout) reports that
// tag, in `dockstride version` and in the reports; a `go build` in a
// clone reports the commit and whether the tree was modified.
func TestGoInstallReportsItsVersion(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: builds dockstride twice (about a minute)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	tag := releasedVersion(t)
	repo := taggedCopy(t, tag)
	env := goToolEnv(t, repo)
	sample := filepath.Join(repo, "testdata", "examples", "hardened.Dockerfile")
	exe := ""
	if runtime.GOOS == "windows" {
		exe = ".exe"
	}

	gobin := t.TempDir()
	runGo(t, t.TempDir(), append(env, "GOBIN="+gobin), "install", "-trimpath", modulePath+"/cmd/dockstride@latest")
	v := reportedVersions(t, filepath.Join(gobin, "dockstride"+exe), sample)
	t.Logf("go install @latest: %s", v.line)
	if !strings.HasPrefix(v.line, "dockstride "+tag+" (") || v.json != tag || v.sarif != tag {
		t.Errorf("go install @latest of release %s reports %+v", tag, v)
	}

	head, err := git(t, repo, "rev-parse", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	head = strings.TrimSpace(head)
	bin := filepath.Join(t.TempDir(), "dockstride"+exe)
	build := func() versions {
		runGo(t, repo, env, "build", "-trimpath", "-buildvcs=true", "-o", bin, "./cmd/dockstride")
		return reportedVersions(t, bin, sample)
	}
	v = build()
	t.Logf("go build, clean: %s", v.line)
	if !strings.HasPrefix(v.line, "dockstride "+tag+" (commit "+head+", committed ") || strings.Contains(v.line, "dirty") {
		t.Errorf("go build of the clean tagged clone reports %q, want %s, commit %s, not dirty", v.line, tag, head)
	}
	if err := os.WriteFile(filepath.Join(repo, "README.md"), []byte("edited\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	v = build()
	t.Logf("go build, modified: %s (JSON %s)", v.line, v.json)
	if !strings.Contains(v.line, "commit "+head+", committed ") || !strings.Contains(v.line, ", dirty, ") || v.json != tag+"+dirty" {
		t.Errorf("go build of the modified clone reports %+v, want commit %s and dirty", v, head)
	}
}

// A snapshot release with the real goreleaser (GORELEASER=path; it builds
// from the module proxy with `go install
// github.com/goreleaser/goreleaser/v2@v2.17.0`): archives with their
// files, checksums that verify, one SBOM per binary, and the image whose
// binaries are the archived linux binaries byte for byte.
func TestGoreleaserSnapshot(t *testing.T) {
	bin := os.Getenv("GORELEASER")
	if bin == "" {
		t.Skip("set GORELEASER=path/to/goreleaser to run a snapshot release (several minutes)")
	}
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	repo := taggedCopy(t, releasedVersion(t))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "release", "--snapshot", "--clean")
	cmd.Dir = repo
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("goreleaser release --snapshot: %v\n%s", err, out)
	}
	var meta struct{ Version string }
	readJSON(t, filepath.Join(repo, "dist", "metadata.json"), &meta)
	version := meta.Version

	sums := readChecksums(t, filepath.Join(repo, "dist", "checksums.txt"))
	imageAsset := "dockstride_" + version + "_oci-image.tar"
	var want []string
	for _, target := range []string{"linux_amd64", "linux_arm64", "darwin_amd64", "darwin_arm64", "windows_amd64", "windows_arm64"} {
		ext := ".tar.gz"
		if strings.HasPrefix(target, "windows") {
			ext = ".zip"
		}
		want = append(want, "dockstride_"+version+"_"+target+ext, "dockstride_"+version+"_"+target+".cdx.json")
	}
	want = append(want, imageAsset)
	for _, name := range want {
		path := filepath.Join(repo, "dist", name)
		if name == imageAsset {
			path = filepath.Join(repo, "build", name)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("release asset: %v", err)
			continue
		}
		sum := sha256.Sum256(b)
		t.Logf("%s  %d bytes", name, len(b))
		if got := hex.EncodeToString(sum[:]); sums[name] != got {
			t.Errorf("checksums.txt has %q for %s, the file hashes to %s", sums[name], name, got)
		}
		if strings.HasSuffix(name, ".cdx.json") {
			checkSBOM(t, name, b)
		}
	}

	for _, arch := range []string{"amd64", "arm64"} {
		files := tarGz(t, filepath.Join(repo, "dist", "dockstride_"+version+"_linux_"+arch+".tar.gz"))
		for _, f := range []string{"dockstride", "README.md", "LICENSE", "CHANGELOG.md", "completions/dockstride.bash", "manpages/dockstride-lint.1"} {
			if _, ok := files[f]; !ok {
				t.Errorf("linux_%s archive lacks %s", arch, f)
			}
		}
		img, err := image.Open(ctx, "oci-archive:"+filepath.Join(repo, "build", imageAsset)+":v"+version, image.Options{Platform: "linux/" + arch})
		if err != nil {
			t.Fatalf("image archive, linux/%s: %v", arch, err)
		}
		var inImage []byte
		_, err = image.Walk(ctx, img.Img, image.WalkOptions{
			MaxFileBytes: 1 << 30,
			Want:         func(p string, _ *tar.Header) bool { return p == releaseimage.BinaryPath },
		}, func(e *image.Entry) error {
			if e.Path == releaseimage.BinaryPath {
				inImage = e.Content
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(inImage, files["dockstride"]) {
			t.Errorf("linux/%s: the image's binary (%d bytes) is not the archived one (%d bytes)", arch, len(inImage), len(files["dockstride"]))
		}
	}
}

// readChecksums reads a sha256sum file into name → hex digest.
func readChecksums(t *testing.T, path string) map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if sum, name, ok := strings.Cut(sc.Text(), "  "); ok {
			out[name] = sum
		}
	}
	return out
}

// checkSBOM accepts a CycloneDX JSON document that lists the module's
// dependencies.
func checkSBOM(t *testing.T, name string, b []byte) {
	t.Helper()
	var bom struct {
		BOMFormat  string `json:"bomFormat"`
		Components []struct {
			Name string `json:"name"`
		} `json:"components"`
	}
	if err := json.Unmarshal(b, &bom); err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	found := false
	for _, c := range bom.Components {
		found = found || c.Name == "github.com/google/go-containerregistry"
	}
	if bom.BOMFormat != "CycloneDX" || !found {
		t.Errorf("%s: format %q, %d components, go-containerregistry listed: %v", name, bom.BOMFormat, len(bom.Components), found)
	}
}

// tarGz reads a .tar.gz into name → content.
func tarGz(t *testing.T, path string) map[string][]byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	tr := tar.NewReader(zr)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		out[hdr.Name] = b
	}
}
