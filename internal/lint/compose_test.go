package lint

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/rules"
)

// writeTree writes files (path → content) under a new temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runDir lints dir with every default rule.
func runDir(t *testing.T, req Request) *Results {
	t.Helper()
	if req.Policy == nil {
		req.Policy = FixedPolicy(Options{})
	}
	res, err := Run(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// findingKey is rule@file:line[service], for readable comparisons.
func findingKey(dir string, f rules.Finding) string {
	rel, _ := filepath.Rel(dir, f.File)
	k := f.Rule.ID + "@" + rel + ":" + itoa(f.Line)
	if f.Service != "" {
		k += "[" + f.Service + "]"
	}
	return k
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func keysOf(dir string, fs []rules.Finding, ids ...string) []string {
	var out []string
	for _, f := range fs {
		if len(ids) == 0 || slices.Contains(ids, f.Rule.ID) {
			out = append(out, findingKey(dir, f))
		}
	}
	return out
}

func TestRunFindsRuntimeConfiguration(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"docker-compose.yml":          "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
		"docker-compose.override.yml": "services:\n  web:\n    network_mode: host\n",
		"compose.prod.yaml":           "services:\n  web:\n    pid: host\n",
		"ops/daemon.json":             "{\n  \"hosts\": [\"tcp://0.0.0.0:2375\"]\n}\n",
		"svc/compose.yaml":            "services:\n  api:\n    image: api:1.0\n    user: root\n",
		"notes.yaml":                  "not: compose\n",
	})
	extra := filepath.Join(t.TempDir(), "etc-daemon.json")
	if err := os.WriteFile(extra, []byte(`{"experimental": true}`), 0o644); err != nil {
		t.Fatal(err)
	}
	res := runDir(t, Request{Paths: []string{dir}, DaemonConfigs: []string{extra}})
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	want := []string{
		"DKS4201@docker-compose.yml:4[web]", // in both sets: base+override and base+prod
		"DKS4201@docker-compose.yml:4[web]",
		"DKS4204@docker-compose.override.yml:3[web]",
		"DKS4205@compose.prod.yaml:3[web]",
		"DKS6105@ops/daemon.json:2",
		"DKS4001@svc/compose.yaml:4[api]",
	}
	got := keysOf(dir, res.Findings, "DKS4201", "DKS4204", "DKS4205", "DKS6105", "DKS4001")
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if !slices.ContainsFunc(res.Findings, func(f rules.Finding) bool { return f.Rule == rules.ExperimentalFeaturesEnabled && f.File == extra }) {
		t.Errorf("--daemon-config file not checked")
	}
	for _, f := range res.Findings {
		if strings.HasSuffix(f.File, "notes.yaml") {
			t.Errorf("notes.yaml is not a compose file name, yet linted: %s", f.Message)
		}
	}
	// 3 compose sets (5 files read, docker-compose.yml twice), 1 + 1 daemon
	// files, and notes.yaml, checked as application code (credentials).
	if res.Files != 8 {
		t.Errorf("Files = %d, want 8 (inputs %v)", res.Files, res.Inputs)
	}
}

func TestExplicitFilesByKind(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"stack.yml":   "services:\n  web:\n    image: nginx:1.27\n    ipc: host\n",
		"daemon.json": "{\"log-driver\": \"none\"}\n",
		"Dockerfile":  "FROM alpine:3.20\nUSER root\n",
	})
	res := runDir(t, Request{Paths: []string{filepath.Join(dir, "stack.yml"), filepath.Join(dir, "daemon.json"), filepath.Join(dir, "Dockerfile")}})
	got := keysOf(dir, res.Findings, "DKS4206", "DKS6206", "DKS4001")
	want := []string{"DKS4001@Dockerfile:2", "DKS4206@stack.yml:4[web]", "DKS6206@daemon.json:1"}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// A compose file that is not YAML is one problem at its line; the other
// inputs are still linted.
func TestMalformedComposeIsOneProblem(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a/compose.yaml": "services:\n  web:\n    image: [unclosed\n",
		"b/compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privileged: true\n",
		"c/daemon.json":  "{\"icc\": false,}\n",
	})
	res := runDir(t, Request{Paths: []string{dir}})
	var probs []string
	for _, p := range res.Problems {
		rel, _ := filepath.Rel(dir, p.File)
		probs = append(probs, rel+":"+itoa(p.Line))
		if p.Internal {
			t.Errorf("internal problem: %s", p)
		}
	}
	if !slices.Equal(probs, []string{"a/compose.yaml:3", "c/daemon.json:1"}) {
		t.Errorf("problems %v (%v), want one at a/compose.yaml:3 and one at c/daemon.json:1", probs, res.Problems)
	}
	if got := keysOf(dir, res.Findings, "DKS4201"); !slices.Equal(got, []string{"DKS4201@b/compose.yaml:4[web]"}) {
		t.Errorf("b/compose.yaml not linted past a's error: %v", got)
	}
}

// The loader's warnings (what docker compose would refuse) are info
// findings of RuntimeSettingInvalid, and the rest is judged.
func TestComposeWarningsAreInfoFindings(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml": "services:\n  web:\n    image: nginx:1.27\n    privilegd: true\n    pid: host\n",
	})
	res := runDir(t, Request{Paths: []string{dir}})
	got := keysOf(dir, res.Findings, "DKS1034", "DKS4205")
	if !slices.Equal(got, []string{"DKS1034@compose.yaml:4", "DKS4205@compose.yaml:5[web]"}) {
		t.Errorf("findings %v", got)
	}
	for _, f := range res.Findings {
		if f.Rule == rules.RuntimeSettingInvalid && f.Severity != rules.Info {
			t.Errorf("%s is %s, want info", f.Message, f.Severity)
		}
	}
}

func TestComposeSuppressions(t *testing.T) {
	src := `# dockstride global ignore=DKS6202
services:
  # dockstride ignore=DKS6201,DKS6203 -- batch job, limited by its host's cgroup
  batch:
    image: batch:1.0
    # dockstride ignore=DKS4205 until=2000-01-01
    pid: host
    deploy:
      resources:
        limits: {cpus: "0.5"}
  web:
    image: web:1.0
    # trivy:ignore:DKS4204
    network_mode: host
`
	e := New(Options{Rules: []*rules.Rule{rules.MemoryUnlimited, rules.CPUUnlimited, rules.PidsUnlimited, rules.HostPidNamespace, rules.HostNetworkMode},
		Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	res := e.LintCompose(context.Background(), composeText("compose.yaml", src))
	var live, silenced []string
	for _, f := range res.Findings {
		live = append(live, findingKey("", f))
	}
	for _, s := range res.Suppressed {
		silenced = append(silenced, findingKey("", s.Finding)+" by "+s.By.Scope)
	}
	if want := []string{"DKS4205@compose.yaml:7[batch]", "DKS6201@compose.yaml:11[web]", "DKS6203@compose.yaml:11[web]"}; !slices.Equal(live, want) {
		t.Errorf("live %v, want %v", live, want)
	}
	if !strings.Contains(res.Findings[0].Message, "expired on 2000-01-01") {
		t.Errorf("expired pragma not noted: %q", res.Findings[0].Message)
	}
	want := []string{
		"DKS6201@compose.yaml:10[batch] by service", "DKS6203@compose.yaml:10[batch] by service",
		"DKS4204@compose.yaml:14[web] by key", "DKS6202@compose.yaml:11[web] by file",
	}
	slices.Sort(want)
	slices.Sort(silenced)
	if !slices.Equal(silenced, want) {
		t.Errorf("suppressed %v, want %v", silenced, want)
	}
	if off := New(Options{Rules: []*rules.Rule{rules.HostNetworkMode}, NoInlineSuppressions: true}).LintCompose(context.Background(), composeText("compose.yaml", src)); len(off.Findings) != 1 {
		t.Errorf("with inline suppressions off: %d findings, want 1", len(off.Findings))
	}
}

// composeText is the compose.Options of one file held in memory.
func composeText(path, src string) compose.Options {
	return compose.Options{Files: []string{path}, NoDotEnv: true, ReadFile: func(p string) ([]byte, error) {
		if p == path {
			return []byte(src), nil
		}
		return nil, os.ErrNotExist
	}}
}

// Values interpolated from `.env` never reach a finding, whatever rule
// reads them: messages quote what the file says.
func TestInterpolatedValuesNeverReachOutput(t *testing.T) {
	const secret = "Zq8xN4vR2mK7pW1s"
	dir := writeTree(t, map[string]string{
		".env": "TAG=" + secret + "\nUSER_ID=0" + secret + "\nHOST=0.0.0.0\nSRC=/etc/" + secret + "\nDEV=/dev/" + secret +
			"\nPID=host\nRESTART=always\nPROP=rshared\nOPT=seccomp:unconfined\nCAP=SYS_ADMIN\nPORT=80\nPASS=" + secret + "\nLIMIT=-" + secret + "\n",
		"compose.yaml": `services:
  app:
    image: "app:${TAG}"
    user: "${USER_ID}"
    command: ["serve", "--host=${HOST}", "--token=${TAG}"]
    pid: ${PID}
    restart: ${RESTART}
    cap_add: ["${CAP}"]
    security_opt: ["${OPT}"]
    ports: ["${PORT}:${PORT}"]
    devices: ["${DEV}"]
    cgroup_parent: "/${TAG}"
    pids_limit: "${LIMIT}"
    volumes:
      - "${SRC}:/data:${PROP}"
      - "/var/run/docker.sock:/${TAG}"
    environment:
      PASSWORD: ${PASS}
      TOKEN: "${TAG}"
    build:
      context: .
      args:
        SECRET_KEY: ${PASS}
`,
		"Dockerfile": "FROM alpine:3.20\n",
	})
	res := runDir(t, Request{Paths: []string{dir}})
	if len(res.Findings) < 10 {
		t.Fatalf("only %d findings: the compose file was not judged", len(res.Findings))
	}
	out, _ := json.Marshal(res)
	if strings.Contains(string(out), secret) {
		for _, f := range res.Findings {
			if strings.Contains(f.Message, secret) {
				t.Errorf("%s prints an interpolated value: %s", f.Rule.ID, f.Message)
			}
		}
		t.Fatal("an interpolated value reached the results")
	}
}

// A Dockerfile a service builds is linted once, with the service's build
// context, even when the directory walk found it too.
func TestBuiltDockerfileLintedOnceWithItsContext(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml":      "services:\n  api:\n    build:\n      context: .\n      dockerfile: docker/Dockerfile\n    user: \"10001\"\n",
		".dockerignore":     ".git\n.env\n",
		"docker/Dockerfile": "FROM alpine:3.20\nCOPY . /app\n",
	})
	res := runDir(t, Request{Paths: []string{dir}})
	// DKS5004 would fire with the Dockerfile's own directory as context:
	// docker/ has no .dockerignore.
	got := keysOf(dir, res.Findings, "DKS4001", "DKS5004")
	if !slices.Equal(got, []string{"DKS4001@docker/Dockerfile:1[api]"}) {
		t.Errorf("findings %v, want the root finding once, with the service", got)
	}
	n := 0
	for _, in := range res.Inputs {
		if strings.HasSuffix(in, "Dockerfile") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the Dockerfile is %d inputs, want 1: %v", n, res.Inputs)
	}
	alone := runDir(t, Request{Paths: []string{filepath.Join(dir, "docker/Dockerfile")}})
	if got := keysOf(dir, alone.Findings, "DKS5004"); len(got) != 1 {
		t.Errorf("linted alone, DKS5004 %v, want one finding", got)
	}
}

func TestMissingDockerfileIsProblemAtBuild(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml": "services:\n  api:\n    image: api:1.0\n    build: ./api\n",
	})
	res := runDir(t, Request{Paths: []string{dir}})
	if len(res.Problems) != 1 || res.Problems[0].Line != 4 || !strings.Contains(res.Problems[0].Message, "service api builds") {
		t.Errorf("problems %v, want one at compose.yaml:4 naming the service", res.Problems)
	}
}
