package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/testcorpus"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// pushFleet fills the registry at host with repos repositories
// fleet/svc-NNN, each tagged 1.0, 1.1, 1.1-debug and latest, whose images
// vary so that the findings do: root or not, a credential in the
// environment, an SSH port, apt-get in the history, a private key file.
// layerKiB sizes each image's one application layer: text files of
// pseudo-random words, so gzip does about as well as on real layers (data
// files, not Python, which the code checks would read and not parse).
func pushFleet(tb testing.TB, host string, repos, layerKiB int) {
	tb.Helper()
	for i := range repos {
		files := []imagetest.Entry{imagetest.File("app/main.py", "print('hello')\n")}
		for f := 0; f*64 < layerKiB; f++ {
			files = append(files, imagetest.File(fmt.Sprintf("app/lib/data%d.txt", f), words(uint64(i*1000+f+1), min(64, layerKiB-f*64)<<10)))
		}
		if i%11 == 0 {
			files = append(files, imagetest.File("root/.ssh/id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQy\n-----END OPENSSH PRIVATE KEY-----\n"))
		}
		layer := imagetest.Layer(tb, imagetest.Tar(tb, files...))
		for _, tag := range []string{"1.0", "1.1", "1.1-debug", "latest"} {
			img := imagetest.Image(tb, []v1.Layer{layer}, func(cf *v1.ConfigFile) {
				cf.Config.Cmd = []string{"python", "/app/main.py"}
				cf.Config.Labels = map[string]string{"tag": tag}
				if i%2 == 0 {
					cf.Config.User = "10001"
				}
				if i%7 == 0 {
					cf.Config.Env = []string{"DB_PASSWORD=correct-horse-battery-staple-" + fmt.Sprint(i)}
				}
				if i%5 == 0 {
					cf.Config.ExposedPorts = map[string]struct{}{"22/tcp": {}}
				}
				cf.History = []v1.History{{CreatedBy: "COPY app /app # buildkit"}}
				if i%3 == 0 {
					cf.History = append([]v1.History{{CreatedBy: "RUN /bin/sh -c apt-get update && apt-get install -y curl", EmptyLayer: true}}, cf.History...)
				}
			})
			imagetest.Push(tb, fmt.Sprintf("%s/fleet/svc-%03d:%s", host, i, tag), img)
		}
	}
}

// words is n bytes of text drawn from a small vocabulary by a seeded
// xorshift generator.
func words(seed uint64, n int) string {
	vocab := strings.Fields("def return import self the value config request response user data error None True False for in if else client server handler 0x7f")
	var b strings.Builder
	for b.Len() < n {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		b.WriteString(vocab[seed%uint64(len(vocab))])
		b.WriteByte(" \n("[seed>>60%3])
	}
	return b.String()[:n]
}

// buildBinary builds dockstride once per test binary run.
var buildBinary = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "dockstride-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "dockstride")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/dockstride")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// A registry of 200 repositories scanned whole, and as four shards in four
// processes (one of them told its index by JOB_COMPLETION_INDEX, as a
// Kubernetes Indexed Job does), merges into the very same report: the
// JSON byte for byte, and the fleet's threat model.
func TestCatalogShardsMergeToTheUnshardedRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and scans 800 images in five processes")
	}
	bin, err := buildBinary()
	if err != nil {
		t.Fatal(err)
	}
	host := imagetest.Registry(t, nil)
	pushFleet(t, host, 200, 4)
	work := t.TempDir()
	// No Docker config, no global hadolint.yaml, no .trivyignore: the
	// processes see only what the test gives them.
	env := []string{"HOME=" + work, "DOCKER_CONFIG=" + t.TempDir(), "PATH=" + os.Getenv("PATH")}
	exe := func(ctx context.Context, extraEnv []string, args ...string) *exec.Cmd {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Dir, cmd.Env = work, append(env, extraEnv...)
		return cmd
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	scan := []string{"image", "--catalog", host + "/fleet", "--exclude", "*:*-debug", "--latest-tags", "2", "--jobs", "4", "--fail-level", "none"}

	start := time.Now()
	if out, err := exe(ctx, nil, append(scan, "--format", "json=all.json", "--format", "threat-model=all.md")...).CombinedOutput(); err != nil {
		t.Fatalf("unsharded scan: %v\n%s", err, out)
	}
	t.Logf("unsharded: %v", time.Since(start))

	start = time.Now()
	var shards []*exec.Cmd
	outs := make([]bytes.Buffer, 4)
	for i := 1; i <= 4; i++ {
		args := append(scan, "--format", fmt.Sprintf("json=shard-%d.json", i))
		var extra []string
		if i == 3 {
			args, extra = append(args, "--shard-count", "4"), []string{"JOB_COMPLETION_INDEX=2"}
		} else {
			args = append(args, "--shard", fmt.Sprintf("%d/4", i))
		}
		cmd := exe(ctx, extra, args...)
		cmd.Stdout, cmd.Stderr = &outs[i-1], &outs[i-1]
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		shards = append(shards, cmd)
	}
	for i, cmd := range shards {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("shard %d: %v\n%s", i+1, err, outs[i].String())
		}
	}
	t.Logf("4 shards in parallel: %v", time.Since(start))

	// The merge expands the glob itself, as it must in a shell-less image.
	if out, err := exe(ctx, nil, "report", "merge", "shard-*.json", "--format", "json=merged.json", "--format", "threat-model=merged.md", "--fail-level", "none").CombinedOutput(); err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(work, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	all, merged := read("all.json"), read("merged.json")
	if all != merged {
		t.Errorf("the merged report differs from the unsharded run's")
	}
	var rep struct {
		Findings []struct{ Rule, Image string }
		Inputs   []string
		Summary  struct{ Images, Findings int }
	}
	decodeJSON(t, all, &rep)
	if rep.Summary.Images != 400 || len(rep.Inputs) != 400 || rep.Summary.Findings != len(rep.Findings) || len(rep.Findings) < 400 {
		t.Errorf("unsharded run: %d images, %d inputs, %d findings", rep.Summary.Images, len(rep.Inputs), len(rep.Findings))
	}
	if rep.Inputs[0] != host+"/fleet/svc-000:1.1" || rep.Inputs[1] != host+"/fleet/svc-000:1.0" {
		t.Errorf("inputs start %v; want svc-000's two latest version tags, latest first", rep.Inputs[:2])
	}
	for i := 1; i <= 4; i++ {
		var s struct {
			Shard   struct{ Index, Count, Refs int }
			Summary struct{ Images int }
		}
		decodeJSON(t, read(fmt.Sprintf("shard-%d.json", i)), &s)
		if s.Shard.Index != i || s.Shard.Count != 4 || s.Shard.Refs != 400 || s.Summary.Images != 100 {
			t.Errorf("shard-%d.json: %+v", i, s)
		}
	}
	date := regexp.MustCompile(` on \d{4}-\d\d-\d\d \d\d:\d\d UTC`)
	if a, m := date.ReplaceAllString(read("all.md"), ""), date.ReplaceAllString(read("merged.md"), ""); a != m {
		t.Errorf("the merged threat model differs from the unsharded run's")
	}
	if !strings.Contains(read("merged.md"), "svc-199") {
		t.Error("the fleet's threat model does not reach the last repository")
	}

	// A merge of three shards out of four would call the fourth's images
	// clean: it is refused.
	if out, err := exe(ctx, nil, "report", "merge", "shard-1.json", "shard-2.json", "shard-4.json").CombinedOutput(); err == nil || !strings.Contains(string(out), "shard 3 of 4 missing") {
		t.Errorf("an incomplete merge: %v\n%s", err, out)
	}
}

// BenchmarkCatalogShard is one shard's work: list a registry's catalogue
// (50 repositories, their two latest tags) and scan the 100 images, each
// a 2 MiB application layer of text, with --jobs 4, from an in-process
// registry on loopback. It reports images/s, the uncompressed layer MB/s
// and the CPU time per image. DOCKSTRIDE_BENCH_FLEET_KIB sizes the layers.
func BenchmarkCatalogShard(b *testing.B) {
	kib := 2048
	if s := os.Getenv("DOCKSTRIDE_BENCH_FLEET_KIB"); s != "" {
		fmt.Sscan(s, &kib)
	}
	const repos = 50
	host := imagetest.Registry(b, nil)
	pushFleet(b, host, repos, kib)
	b.Setenv("DOCKER_CONFIG", b.TempDir())
	sys := IO{Out: io.Discard, Err: io.Discard, Getenv: func(string) string { return "" }}
	args := []string{"image", "--no-config", "--catalog", host + "/fleet", "--exclude", "*:*-debug", "--latest-tags", "2", "--jobs", "4", "--fail-level", "none", "--format", "json"}
	images := 2 * repos
	b.SetBytes(int64(images) * int64(kib) << 10)
	start, cpu := time.Now(), testcorpus.CPUTime()
	for b.Loop() {
		if code := Execute(context.Background(), args, sys); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
	b.ReportMetric(float64(images*b.N)/time.Since(start).Seconds(), "images/s")
	// Wall time on a shared machine measures the neighbours too; the CPU
	// time per image does not (it includes the in-process registry's).
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Milliseconds())/float64(images*b.N), "cpu-ms/image")
}
