package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// txtarImage builds the image described by testdata/images/NAME.txtar.
func txtarImage(t *testing.T, name string) v1.Image {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "images", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	img, _ := imagetest.FromTxtar(t, data)
	return img
}

// imageFinding is what the image tests read back from --format json.
type imageFinding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Target   string `json:"target"`
	Image    string `json:"image"`
	Digest   string `json:"digest"`
	Layer    string `json:"layer"`
	Path     string `json:"path"`
	Origin   string `json:"origin"`
	History  *int   `json:"history"`
}

type imageOut struct {
	Findings []imageFinding
	Errors   []struct{ File, Message string }
	Summary  struct{ Images, Findings int }
}

// key identifies a finding independently of where the image was read from.
func (f imageFinding) key() string {
	h := ""
	if f.History != nil {
		h = fmt.Sprint(*f.History)
	}
	return strings.Join([]string{f.Rule, f.Origin, h, f.Path, f.Message}, " | ")
}

// scanJSON runs `dockstride image --format json ARGS…` with no Docker
// config, so no credential helper runs.
func scanJSON(t *testing.T, args ...string) (imageOut, string, int) {
	t.Helper()
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	out, errOut, code := run(t, "", append([]string{"image", "--format", "json"}, args...)...)
	var j imageOut
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("output is not JSON (%v):\n%s\nstderr: %s", err, out, errOut)
	}
	return j, errOut, code
}

func keys(fs []imageFinding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.key())
	}
	slices.Sort(out)
	return out
}

// sources writes img as a docker-archive, an OCI layout, an OCI archive and
// to an in-process registry, and returns a reference to each.
func sources(t *testing.T, img v1.Image) map[string]string {
	t.Helper()
	dir := t.TempDir()
	tarPath := filepath.Join(dir, "img.tar")
	imagetest.WriteTarball(t, tarPath, "example.com/app:1", img)
	layoutDir := filepath.Join(dir, "layout")
	imagetest.WriteLayout(t, layoutDir, "1", img)
	ociTar := filepath.Join(dir, "oci.tar")
	imagetest.WriteOCIArchive(t, ociTar, "1", img)
	host := imagetest.Registry(t, nil)
	imagetest.Push(t, host+"/app:1", img)
	return map[string]string{
		"docker-archive": "docker-archive:" + tarPath,
		"oci-dir":        "oci-dir:" + layoutDir,
		"oci-archive":    "oci-archive:" + ociTar,
		"auto-detected":  layoutDir,
		"registry":       host + "/app:1",
	}
}

// The seeded bad image reports the same findings whatever it is read from.
func TestImageSourcesAgree(t *testing.T) {
	var first []string
	var firstName string
	for name, ref := range sources(t, txtarImage(t, "bad")) {
		j, errOut, code := scanJSON(t, ref)
		if code != ExitFindings || len(j.Errors) > 0 || j.Summary.Images != 1 {
			t.Fatalf("%s: exit %d, errors %v, images %d; stderr: %s", name, code, j.Errors, j.Summary.Images, errOut)
		}
		for _, f := range j.Findings {
			if f.Target != "image" || f.Image == "" || !strings.HasPrefix(f.Digest, "sha256:") {
				t.Errorf("%s: finding without image fields: %+v", name, f)
			}
			if f.Origin == "layer" && (!strings.HasPrefix(f.Layer, "sha256:") || f.Path == "") {
				t.Errorf("%s: layer finding without layer digest or path: %+v", name, f)
			}
			if f.Origin == "history" && f.History == nil {
				t.Errorf("%s: history finding without history index: %+v", name, f)
			}
		}
		got := keys(j.Findings)
		if first == nil {
			first, firstName = got, name
			continue
		}
		if !slices.Equal(got, first) {
			t.Errorf("%s and %s disagree:\n%s\n---\n%s", name, firstName, strings.Join(got, "\n"), strings.Join(first, "\n"))
		}
	}
}

// The seeded bad image reports each of its problems.
func TestImageSeededBad(t *testing.T) {
	dir := t.TempDir()
	tarPath := filepath.Join(dir, "bad.tar")
	imagetest.WriteTarball(t, tarPath, "example.com/bad:1", txtarImage(t, "bad"))
	j, _, code := scanJSON(t, tarPath)
	if code != ExitFindings {
		t.Errorf("exit %d, want 1", code)
	}
	want := []struct{ rule, origin, path, msg string }{
		{"DKS4001", "config", "", "no User"},
		{"DKS5001", "config", "", "DB_PASSWORD"},
		{"DKS5001", "config", "", "AWS_ACCESS_KEY_ID"},
		{"DKS6004", "config", "", "22/tcp"},
		{"DKS6001", "config", "", "Entrypoint"},
		{"DKS6003", "config", "", "no health check"},
		{"DKS2004", "history", "", "curl"},
		{"DKS5001", "history", "", "GITHUB_TOKEN"},
		{"DKS4004", "layer", "/usr/bin/su-helper", "setuid"},
		{"DKS4003", "layer", "/usr/local/bin/install-hook.sh", "world-writable"},
		{"DKS3011", "layer", "/etc/shadow", "toor has an empty password"},
		{"DKS4008", "layer", "/etc/passwd", "UID 0 is shared by root, toor"},
		{"DKS5003", "layer", "/root/.ssh/id_rsa", "private key"},
		{"DKS5003", "layer", "/opt/deploy.pem", "removed by layer 4, still shipped in layer 3"},
		{"DKS5004", "layer", "/app/.git", "git repository"},
	}
	for _, w := range want {
		found := false
		for _, f := range j.Findings {
			if f.Rule == w.rule && f.Origin == w.origin && f.Path == w.path && strings.Contains(f.Message, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("missing %s %s %s %q", w.rule, w.origin, w.path, w.msg)
		}
	}
	out, _ := json.Marshal(j)
	for _, secret := range []string{"hunter2", "AKIAIOSFODNN7EXAMPLE", "ghp_0123456789", "b3BlbnNzaC1rZXkt"} {
		if bytes.Contains(out, []byte(secret)) {
			t.Errorf("the report prints the secret %q", secret)
		}
	}
	if len(j.Findings) != len(want) {
		t.Errorf("%d findings, want exactly the %d seeded", len(j.Findings), len(want))
	}
	if t.Failed() {
		t.Logf("findings:\n%s", strings.Join(keys(j.Findings), "\n"))
	}
}

// The hardened image reports nothing at warning or above, from any source.
func TestImageHardened(t *testing.T) {
	for name, ref := range sources(t, txtarImage(t, "hardened")) {
		j, errOut, code := scanJSON(t, ref)
		if code != ExitOK || len(j.Errors) > 0 {
			t.Errorf("%s: exit %d, errors %v; stderr %s", name, code, j.Errors, errOut)
		}
		for _, f := range j.Findings {
			if f.Severity == "error" || f.Severity == "warning" {
				t.Errorf("%s: %s %s %s: %s", name, f.Rule, f.Severity, f.Path, f.Message)
			}
		}
	}
}

// faultyRegistry serves img at /good:1 and /bad:1, and breaks /bad's
// requests the way fault says.
func faultyRegistry(t *testing.T, img v1.Image, fault func(w http.ResponseWriter, r *http.Request, next http.Handler) bool) string {
	t.Helper()
	host := imagetest.Registry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.HasPrefix(r.URL.Path, "/v2/bad/") && r.Method == http.MethodGet && fault(w, r, h) {
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	imagetest.Push(t, host+"/good:1", img)
	imagetest.Push(t, host+"/bad:1", img)
	return host
}

// A registry that fails for one image gives a clear error for that
// reference and exit 2; the other image is still scanned and reported.
func TestImageRegistryFaults(t *testing.T) {
	img := txtarImage(t, "hardened")
	ls, _ := img.Layers()
	blob, _ := ls[len(ls)-1].Digest()
	other := imagetest.Layer(t, imagetest.Tar(t, imagetest.File("evil", "evil")))
	evilRC, _ := other.Compressed()
	evil, _ := io.ReadAll(evilRC)
	cases := []struct {
		name  string
		fault func(w http.ResponseWriter, r *http.Request, next http.Handler) bool
		args  []string
		want  string
	}{
		{"500s", func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
			http.Error(w, "boom", http.StatusInternalServerError)
			return true
		}, []string{"--timeout", "20s"}, "500 Internal Server Error"},
		{"slow", func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
			select {
			case <-r.Context().Done():
			case <-time.After(20 * time.Second):
			}
			return true
		}, []string{"--timeout", "1s"}, "timed out after 1s"},
		{"truncated blob", func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
			if !strings.Contains(r.URL.Path, "/blobs/"+blob.String()) {
				return false
			}
			rec := &capture{header: http.Header{}}
			next.ServeHTTP(rec, r)
			w.Header().Set("Content-Length", fmt.Sprint(rec.body.Len()))
			w.WriteHeader(http.StatusOK)
			w.Write(rec.body.Bytes()[:rec.body.Len()/2])
			return true
		}, []string{"--timeout", "10s"}, "layer 2"},
		{"other blob", func(w http.ResponseWriter, r *http.Request, _ http.Handler) bool {
			if !strings.Contains(r.URL.Path, "/blobs/"+blob.String()) {
				return false
			}
			w.Write(evil)
			return true
		}, []string{"--timeout", "10s"}, "layer 2"},
		// Same size, same content once inflated (only the gzip header's
		// MTIME differs), so only the digest check can tell.
		{"wrong digest", func(w http.ResponseWriter, r *http.Request, next http.Handler) bool {
			if !strings.Contains(r.URL.Path, "/blobs/"+blob.String()) {
				return false
			}
			rec := &capture{header: http.Header{}}
			next.ServeHTTP(rec, r)
			b := rec.body.Bytes()
			b[4] ^= 0xff
			w.Write(b)
			return true
		}, []string{"--timeout", "10s"}, "verifying sha256"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			host := faultyRegistry(t, img, c.fault)
			start := time.Now()
			j, errOut, code := scanJSON(t, append(c.args, host+"/bad:1", host+"/good:1")...)
			if code != ExitError {
				t.Errorf("exit %d, want 2", code)
			}
			if len(j.Errors) != 1 || j.Errors[0].File != host+"/bad:1" || !strings.Contains(j.Errors[0].Message, c.want) {
				t.Errorf("errors %+v; want one for %s/bad:1 containing %q", j.Errors, host, c.want)
			}
			if !strings.Contains(errOut, host+"/bad:1") {
				t.Errorf("stderr does not name the failing reference: %s", errOut)
			}
			if j.Summary.Images < 1 {
				t.Errorf("the good image was not scanned: %+v", j.Summary)
			}
			for _, f := range j.Findings {
				if !strings.Contains(f.Image, "/good:1") {
					t.Errorf("finding for an image other than good:1: %+v", f)
				}
			}
			if len(j.Errors) > 0 {
				t.Logf("%s: %s", j.Errors[0].File, j.Errors[0].Message)
			}
			if d := time.Since(start); d > 15*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

// capture records a response to replay it damaged.
type capture struct {
	header http.Header
	body   bytes.Buffer
	code   int
}

func (c *capture) Header() http.Header         { return c.header }
func (c *capture) Write(b []byte) (int, error) { return c.body.Write(b) }
func (c *capture) WriteHeader(code int)        { c.code = code }

// --platform picks an image from a multi-arch index.
func TestImageMultiArch(t *testing.T) {
	mk := func(user string) v1.Image {
		return imagetest.Image(t, nil, func(cf *v1.ConfigFile) {
			cf.Config.User = user
			cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"NONE"}}
		})
	}
	arm := mk("10001")
	idx := imagetest.Index(t, map[string]v1.Image{"linux/amd64": mk("root"), "linux/arm64": arm})
	host := imagetest.Registry(t, nil)
	imagetest.PushIndex(t, host+"/multi:1", idx)

	j, _, code := scanJSON(t, host+"/multi:1")
	if code != ExitFindings || len(j.Findings) != 1 || j.Findings[0].Rule != "DKS4001" {
		t.Errorf("default platform (linux/amd64): exit %d findings %+v", code, j.Findings)
	}
	j, _, code = scanJSON(t, "--platform", "linux/arm64", host+"/multi:1")
	armDigest, _ := arm.Digest()
	if code != ExitOK || len(j.Findings) != 0 || len(j.Errors) != 0 {
		t.Errorf("linux/arm64: exit %d findings %+v errors %+v", code, j.Findings, j.Errors)
	}
	_ = armDigest
	j, _, code = scanJSON(t, "--platform", "linux/s390x", host+"/multi:1")
	if code != ExitError || len(j.Errors) != 1 || !strings.Contains(j.Errors[0].Message, "linux/amd64, linux/arm64") {
		t.Errorf("missing platform: exit %d errors %+v", code, j.Errors)
	}
}

// A batch: references from arguments and --refs-file, scanned with
// several jobs, reported in the order given; --shard splits the list.
func TestImageBatch(t *testing.T) {
	host := imagetest.Registry(t, nil)
	var refs []string
	for i := range 7 {
		img := imagetest.Image(t, nil, func(cf *v1.ConfigFile) {
			cf.Config.User = "app"
			cf.Config.Healthcheck = &v1.HealthConfig{Test: []string{"NONE"}}
			cf.Config.ExposedPorts = map[string]struct{}{"22/tcp": {}}
			cf.Config.Env = []string{fmt.Sprintf("N=%d", i)}
		})
		ref := fmt.Sprintf("%s/app%d:1", host, i)
		imagetest.Push(t, ref, img)
		refs = append(refs, ref)
	}
	refsFile := filepath.Join(t.TempDir(), "refs.txt")
	content := "# images to scan\n\n" + strings.Join(refs[1:], "\n") + "  # trailing comment\n"
	if err := os.WriteFile(refsFile, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	order := func(j imageOut) []string {
		var out []string
		for _, f := range j.Findings {
			out = append(out, f.Image[strings.LastIndex(f.Image, "/")+1:])
		}
		return out
	}
	j, _, code := scanJSON(t, "--jobs", "3", "--refs-file", refsFile, refs[0])
	if code != ExitFindings || j.Summary.Images != 7 {
		t.Fatalf("exit %d images %d", code, j.Summary.Images)
	}
	if got := strings.Join(order(j), " "); got != "app0:1 app1:1 app2:1 app3:1 app4:1 app5:1 app6:1" {
		t.Errorf("order %s", got)
	}
	var union []string
	for i := 1; i <= 3; i++ {
		j, _, _ := scanJSON(t, "--shard", fmt.Sprintf("%d/3", i), "--refs-file", refsFile, refs[0])
		union = append(union, order(j)...)
		again, _, _ := scanJSON(t, "--shard", fmt.Sprintf("%d/3", i), "--refs-file", refsFile, refs[0])
		if !slices.Equal(order(j), order(again)) {
			t.Errorf("shard %d/3 is not deterministic", i)
		}
	}
	slices.Sort(union)
	if len(union) != 7 || len(slices.Compact(union)) != 7 {
		t.Errorf("shards do not partition the list: %v", union)
	}
	for _, bad := range []string{"0/3", "4/3", "x", "1/0"} {
		if _, errOut, code := run(t, "", "image", "--shard", bad, refs[0]); code != ExitError || !strings.Contains(errOut, "--shard") {
			t.Errorf("--shard %s: exit %d %s", bad, code, errOut)
		}
	}
	if _, errOut, code := run(t, "", "image"); code != ExitError || !strings.Contains(errOut, "no image given") {
		t.Errorf("no refs: exit %d %s", code, errOut)
	}
	// No engine here: with or without the daemon tag, the reference fails
	// on its own and the rest of the batch is scanned; both are images of
	// the summary, as an unreadable file is a file.
	j, _, code = scanJSON(t, "docker-daemon:app:1", refs[0])
	if code != ExitError || len(j.Errors) != 1 || j.Errors[0].File != "docker-daemon:app:1" || j.Summary.Images != 2 {
		t.Errorf("docker-daemon without an engine: exit %d errors %+v summary %+v", code, j.Errors, j.Summary)
	}
}

// Progress goes to stderr only when stderr is a terminal.
func TestImageProgress(t *testing.T) {
	dir := t.TempDir()
	tarPath := filepath.Join(dir, "img.tar")
	imagetest.WriteTarball(t, tarPath, "example.com/app:1", txtarImage(t, "hardened"))
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	for _, tty := range []bool{false, true} {
		var out, errb bytes.Buffer
		sys := IO{In: strings.NewReader(""), Out: &out, Err: &errb, Getenv: func(string) string { return "" },
			IsTerminal: func(w io.Writer) bool { return tty && w == &errb }}
		code := Execute(context.Background(), []string{"image", "--format", "json", tarPath}, sys)
		if code != ExitOK {
			t.Errorf("tty=%v: exit %d: %s", tty, code, errb.String())
		}
		switch {
		case !tty && errb.Len() != 0:
			t.Errorf("progress written to a non-terminal: %q", errb.String())
		case tty && (!strings.Contains(errb.String(), "1/1 images") || !strings.Contains(errb.String(), "layer 1/3") || !strings.HasSuffix(errb.String(), "\r\x1b[K")):
			t.Errorf("progress on a terminal: %q", errb.String())
		}
		if !json.Valid(out.Bytes()) {
			t.Errorf("tty=%v: stdout is not only the JSON report", tty)
		}
	}
}

// An image run whose only reference cannot be opened speaks of images in
// its summary, never of "0 files".
func TestImageSummarySpeaksOfImages(t *testing.T) {
	missing := "docker-archive:" + filepath.Join(t.TempDir(), "missing.tar")
	out, _, code := run(t, "", "image", "--no-config", missing)
	if code != ExitError {
		t.Errorf("exit %d, want %d", code, ExitError)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if last := lines[len(lines)-1]; !strings.HasPrefix(last, "1 image: 0 findings") || strings.Contains(last, "file") {
		t.Errorf("summary does not speak of one image:\n%s", out)
	}
}
