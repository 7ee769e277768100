package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/mattn/go-shellwords"
	"go.yaml.in/yaml/v3"
)

// k8sJob is the part of a Kubernetes Job the test reads.
type k8sJob struct {
	Kind     string
	Metadata struct{ Name string }
	Spec     struct {
		CompletionMode       string `yaml:"completionMode"`
		Completions          int
		Parallelism          int
		BackoffLimitPerIndex *int `yaml:"backoffLimitPerIndex"`
		PodFailurePolicy     struct {
			Rules []struct {
				Action      string
				OnExitCodes struct {
					Operator string
					Values   []int
				} `yaml:"onExitCodes"`
			}
		} `yaml:"podFailurePolicy"`
		Template struct {
			Spec struct {
				SecurityContext struct {
					RunAsNonRoot bool `yaml:"runAsNonRoot"`
				} `yaml:"securityContext"`
				Containers []struct {
					Name  string
					Image string
					Args  []string
					Env   []struct {
						Name      string
						ValueFrom struct {
							FieldRef struct {
								FieldPath string `yaml:"fieldPath"`
							} `yaml:"fieldRef"`
						} `yaml:"valueFrom"`
					}
					Resources struct {
						Requests map[string]string
						Limits   map[string]string
					}
					VolumeMounts []struct {
						Name      string
						MountPath string `yaml:"mountPath"`
					} `yaml:"volumeMounts"`
				}
			}
		}
	}
}

// releaseImage is the image the README installs: the newest release's.
func releaseImage(t *testing.T) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "CHANGELOG.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^## \[(\d+\.\d+\.\d+)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("CHANGELOG.md has no released section")
	}
	return "ghcr.io/dockstride/dockstride:v" + string(m[1])
}

// runArgs runs dockstride in-process with the given environment.
func runArgs(t *testing.T, env map[string]string, args []string) (string, int) {
	t.Helper()
	var out bytes.Buffer
	sys := IO{In: strings.NewReader(""), Out: &out, Err: &out, Getenv: func(k string) string { return env[k] }, IsTerminal: func(io.Writer) bool { return false }}
	code := Execute(context.Background(), args, sys)
	return out.String(), code
}

// The Kubernetes manifest is runnable as written: an Indexed Job of the
// release image whose shard count matches its completions, resources and
// a results volume; its exact arguments, pointed at an in-process
// registry, scan the fleet in shards that its merge Job combines.
func TestKubernetesRegistryScanJob(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "deploy", "kubernetes", "registry-scan-job.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	jobs := map[string]k8sJob{}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var j k8sJob
		if err := dec.Decode(&j); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		if j.Kind == "Job" {
			jobs[j.Metadata.Name] = j
		}
	}
	scan, merge := jobs["dockstride-registry-scan"], jobs["dockstride-registry-merge"]
	if len(scan.Spec.Template.Spec.Containers) != 1 || len(merge.Spec.Template.Spec.Containers) != 1 {
		t.Fatalf("want a scan and a merge Job of one container each, got %v", jobs)
	}
	sc, mc := scan.Spec.Template.Spec.Containers[0], merge.Spec.Template.Spec.Containers[0]
	n := scan.Spec.Completions
	if scan.Spec.CompletionMode != "Indexed" || n < 2 || scan.Spec.Parallelism != n || scan.Spec.BackoffLimitPerIndex == nil {
		t.Errorf("scan Job: %+v", scan.Spec)
	}
	if want := releaseImage(t); sc.Image != want || mc.Image != want {
		t.Errorf("images %s and %s, want the release's %s", sc.Image, mc.Image, want)
	}
	if sc.Resources.Requests["cpu"] == "" || sc.Resources.Limits["memory"] == "" || mc.Resources.Limits["memory"] == "" {
		t.Errorf("resources: scan %+v, merge %+v", sc.Resources, mc.Resources)
	}
	// An index whose images could not all be read has written its report:
	// retrying it would list the same errors again.
	if r := scan.Spec.PodFailurePolicy.Rules; len(r) != 1 || r[0].Action != "FailIndex" || r[0].OnExitCodes.Operator != "In" || !slices.Equal(r[0].OnExitCodes.Values, []int{ExitError}) {
		t.Errorf("podFailurePolicy %+v: want FailIndex on exit %d alone", r, ExitError)
	}
	if !scan.Spec.Template.Spec.SecurityContext.RunAsNonRoot || !merge.Spec.Template.Spec.SecurityContext.RunAsNonRoot {
		t.Error("the pods must run as non-root")
	}
	if !slices.Contains(sc.Args, fmt.Sprintf("--shard-count=%d", n)) {
		t.Errorf("scan args %v lack --shard-count=%d", sc.Args, n)
	}
	var shardEnv string
	for _, e := range sc.Env {
		if e.Name == "SHARD" {
			shardEnv = e.ValueFrom.FieldRef.FieldPath
		}
	}
	if shardEnv != "metadata.annotations['batch.kubernetes.io/job-completion-index']" {
		t.Errorf("SHARD comes from %q", shardEnv)
	}
	mounted := func(c string, mounts []struct {
		Name      string
		MountPath string `yaml:"mountPath"`
	}) {
		for _, m := range mounts {
			if m.Name == "results" && m.MountPath == "/results" {
				return
			}
		}
		t.Errorf("%s does not mount the results volume at /results", c)
	}
	mounted("scan", sc.VolumeMounts)
	mounted("merge", mc.VolumeMounts)

	// Run the pods' arguments: the registry and the volume are the test's.
	host := imagetest.Registry(t, nil)
	pushFleet(t, host, 12, 2)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	results := t.TempDir()
	t.Chdir(results)
	local := func(args []string, shard int) []string {
		out := make([]string, len(args))
		for i, a := range args {
			a = strings.ReplaceAll(a, "registry.example.com/team", host+"/fleet")
			a = strings.ReplaceAll(a, "/results", results)
			out[i] = strings.ReplaceAll(a, "$(SHARD)", fmt.Sprint(shard))
		}
		return out
	}
	for i := range n {
		if out, code := runArgs(t, map[string]string{"JOB_COMPLETION_INDEX": fmt.Sprint(i)}, local(sc.Args, i)); code != 0 {
			t.Fatalf("pod %d: exit %d\n%s", i, code, out)
		}
	}
	if out, code := runArgs(t, nil, local(mc.Args, 0)); code != 0 {
		t.Fatalf("merge: exit %d\n%s", code, out)
	}
	var fleet struct{ Summary struct{ Images int } }
	b, err := os.ReadFile(filepath.Join(results, "fleet.json"))
	if err != nil {
		t.Fatal(err)
	}
	decodeJSON(t, string(b), &fleet)
	if fleet.Summary.Images != 12*3 {
		t.Errorf("the merged fleet report counts %d images, want 36 (12 repositories, 3 latest tags without -debug)", fleet.Summary.Images)
	}
	for _, name := range []string{"fleet.sarif", "THREATS.md", "fleet.txt"} {
		if _, err := os.Stat(filepath.Join(results, name)); err != nil {
			t.Error(err)
		}
	}
}

// The GitHub Actions example's matrix and its --shard agree, and its
// commands, run for each matrix value against an in-process registry,
// merge into the fleet's report.
func TestGitHubActionsRegistryScanExample(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "docs", "fleet", "github-actions-registry-scan.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		Jobs map[string]struct {
			Strategy struct {
				Matrix struct{ Shard []int }
			}
			Steps []struct{ Run string }
		}
	}
	if err := yaml.Unmarshal(src, &wf); err != nil {
		t.Fatal(err)
	}
	shards := wf.Jobs["scan"].Strategy.Matrix.Shard
	n := len(shards)
	for i, s := range shards {
		if s != i+1 {
			t.Fatalf("matrix %v is not 1..%d", shards, n)
		}
	}
	command := func(job string) string {
		for _, s := range wf.Jobs[job].Steps {
			if strings.HasPrefix(s.Run, "dockstride ") {
				return s.Run
			}
		}
		t.Fatalf("job %s runs no dockstride command", job)
		return ""
	}
	scan, merge := command("scan"), command("merge")
	if !strings.Contains(scan, fmt.Sprintf("--shard ${{ matrix.shard }}/%d", n)) {
		t.Errorf("the scan's --shard does not name %d shards: %s", n, scan)
	}
	host := imagetest.Registry(t, nil)
	pushFleet(t, host, 10, 2)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	t.Chdir(t.TempDir())
	words := func(line string, shard int) []string {
		line = strings.ReplaceAll(line, "${{ matrix.shard }}", fmt.Sprint(shard))
		line = strings.ReplaceAll(line, "registry.example.com/team", host+"/fleet")
		args, err := shellwords.Parse(line)
		if err != nil {
			t.Fatal(err)
		}
		if args[0] != "dockstride" {
			t.Fatalf("not a dockstride command: %s", line)
		}
		return args[1:]
	}
	for _, s := range shards {
		if out, code := runArgs(t, nil, words(scan, s)); code != 0 {
			t.Fatalf("shard %d: exit %d\n%s", s, code, out)
		}
	}
	// The runner's shell would expand shard-*.json; dockstride does too.
	out, code := runArgs(t, nil, words(merge, 0))
	if code != 1 || !strings.Contains(out, "DKS5001") {
		t.Errorf("merge with --fail-level error over credentials in the environment: exit %d\n%s", code, out)
	}
	if _, err := os.Stat("THREATS.md"); err != nil {
		t.Error(err)
	}
}
