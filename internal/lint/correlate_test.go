package lint

import (
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// flaskDockerfile runs as root, has no HEALTHCHECK, and its shell-form
// CMD tells Flask to listen on every interface.
const flaskDockerfile = `FROM python:3.12-slim
WORKDIR /app
COPY app.py .
CMD flask run --host=0.0.0.0
`

// correlated lints a folder holding flaskDockerfile and the compose file,
// with the rules the correlation step reads, and returns the findings by
// key and the results.
func correlated(t *testing.T, composeFile string) ([]string, *Results) {
	t.Helper()
	dir := writeTree(t, map[string]string{"Dockerfile": flaskDockerfile, "compose.yaml": composeFile, ".dockerignore": ".git\n"})
	opts := Options{Rules: []*rules.Rule{rules.RunsAsRoot, rules.HealthcheckMissing, rules.ShellFormCommand, rules.BindsAllInterfaces, rules.PortPublishedAllInterfaces}}
	res := runDir(t, Request{Paths: []string{dir}, Policy: FixedPolicy(opts)})
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	var keys []string
	for _, f := range res.Findings {
		keys = append(keys, findingKey(dir, f)+" "+f.Severity.String())
	}
	return keys, res
}

func TestCorrelateUnchangedWithoutSettings(t *testing.T) {
	got, _ := correlated(t, "services:\n  web:\n    build: .\n")
	want := []string{
		"DKS4001@Dockerfile:1[web] warning", "DKS6003@Dockerfile:1[web] info",
		"DKS6001@Dockerfile:4[web] warning", "DKS6002@Dockerfile:4[web] info",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

func TestCorrelateServiceSettings(t *testing.T) {
	got, res := correlated(t, `services:
  web:
    build: .
    user: "10001"
    command: ["gunicorn", "-b", "127.0.0.1:5000", "app:app"]
    healthcheck:
      test: ["CMD", "python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:5000/')"]
`)
	// user: makes root info; healthcheck: satisfies HEALTHCHECK; command:
	// replaces the shell-form CMD and its bind.
	if want := []string{"DKS4001@Dockerfile:1[web] info"}; !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
	if !strings.Contains(res.Findings[0].Message, "mitigated by compose `user:`") {
		t.Errorf("message %q does not say what mitigates it", res.Findings[0].Message)
	}
}

func TestCorrelateEntrypointReplacesCmd(t *testing.T) {
	got, _ := correlated(t, "services:\n  web:\n    build: .\n    entrypoint: [\"python\", \"app.py\"]\n")
	for _, k := range got {
		if strings.HasPrefix(k, "DKS6001@") || strings.HasPrefix(k, "DKS6002@") {
			t.Errorf("%s: entrypoint: discards the image's CMD", k)
		}
	}
}

// Published on 127.0.0.1, the app's 0.0.0.0 bind inside the container is
// what makes the port reachable: no finding above info.
func TestCorrelateLoopbackPortKeepsBindInfo(t *testing.T) {
	got, res := correlated(t, "services:\n  web:\n    build: .\n    ports:\n      - \"127.0.0.1:5000:5000\"\n")
	if !slices.Contains(got, "DKS6002@Dockerfile:4[web] info") {
		t.Errorf("bind finding %v, want it kept at info", got)
	}
	for _, f := range res.Findings {
		if f.Rule == rules.PortPublishedAllInterfaces {
			t.Errorf("unexpected %s", f.Message)
		}
	}
}

// Behind "5000:5000" the same app is reported once, at the ports line,
// naming its bind.
func TestCorrelateAllInterfacesReportedOnceAtPorts(t *testing.T) {
	got, res := correlated(t, "services:\n  web:\n    build: .\n    ports:\n      - \"5000:5000\"\n")
	var ports []rules.Finding
	for _, f := range res.Findings {
		switch f.Rule {
		case rules.BindsAllInterfaces:
			t.Errorf("bind reported apart from the ports line: %v", got)
		case rules.PortPublishedAllInterfaces:
			ports = append(ports, f)
		}
	}
	if len(ports) != 1 || ports[0].Line != 4 || !strings.Contains(ports[0].Message, "Dockerfile:4") {
		t.Fatalf("ports findings %v, want one at compose.yaml:4 naming Dockerfile:4", got)
	}
	if !slices.Contains(ports[0].Rule.Threat.ATTACK, threat.T1190) {
		t.Errorf("the ports finding does not carry T1190")
	}
}

// A compose command that binds every interface is the evidence when no
// Dockerfile is built.
func TestCorrelateServiceCommandBind(t *testing.T) {
	dir := writeTree(t, map[string]string{"compose.yaml": "services:\n  api:\n    image: api:1.0\n    command: flask run --host=0.0.0.0\n    ports: [\"5000:5000\"]\n"})
	res := runDir(t, Request{Paths: []string{dir}, Policy: FixedPolicy(Options{Rules: []*rules.Rule{rules.BindsAllInterfaces, rules.PortPublishedAllInterfaces}})})
	got := keysOf(dir, res.Findings)
	if !slices.Equal(got, []string{"DKS6101@compose.yaml:5[api]"}) || !strings.Contains(res.Findings[0].Message, "compose.yaml:4") {
		t.Errorf("findings %v (%v), want the ports finding alone, naming compose.yaml:4", got, res.Findings)
	}
}

// Two services build one Dockerfile: a setting counts only when every
// service has it.
func TestCorrelateSharedDockerfile(t *testing.T) {
	got, _ := correlated(t, `services:
  web:
    build: .
    user: "10001"
    ports: ["5000:5000"]
  worker:
    build: .
    command: ["celery", "worker"]
`)
	want := []string{
		"DKS4001@Dockerfile:1[web, worker] warning", "DKS6003@Dockerfile:1[web, worker] info",
		"DKS6001@Dockerfile:4[web, worker] warning", "DKS6101@compose.yaml:5[web] warning",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings %v, want %v", got, want)
	}
}

// entrypointDockerfile has a shell-form ENTRYPOINT and a shell-form
// HEALTHCHECK on a base without a shell, both of which a service can
// replace.
const entrypointDockerfile = `FROM gcr.io/distroless/python3-debian12
USER 10001
ENTRYPOINT python app.py
HEALTHCHECK CMD curl -f http://localhost:5000/ || exit 1
`

// What a service replaces, its findings go; what it keeps, they stay:
// command: does not replace an ENTRYPOINT, entrypoint: does, and a
// healthcheck: (or disabling it) replaces the image's HEALTHCHECK.
func TestCorrelateServiceReplacesEntrypointAndHealthcheck(t *testing.T) {
	for _, tc := range []struct {
		name, service string
		want          []string
	}{
		{"nothing replaced", "    build: .\n",
			[]string{"DKS6001@Dockerfile:3[app] warning", "DKS6001@Dockerfile:4[app] warning"}},
		{"command keeps the entrypoint", "    build: .\n    command: [\"--debug\"]\n",
			[]string{"DKS6001@Dockerfile:3[app] warning", "DKS6001@Dockerfile:4[app] warning"}},
		{"entrypoint replaced", "    build: .\n    entrypoint: [\"python\", \"app.py\"]\n",
			[]string{"DKS6001@Dockerfile:4[app] warning"}},
		{"healthcheck replaced", "    build: .\n    healthcheck:\n      test: [\"CMD\", \"/healthz\"]\n",
			[]string{"DKS6001@Dockerfile:3[app] warning"}},
		{"healthcheck disabled", "    build: .\n    healthcheck:\n      disable: true\n",
			[]string{"DKS6001@Dockerfile:3[app] warning"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeTree(t, map[string]string{
				"Dockerfile": entrypointDockerfile, ".dockerignore": ".git\n",
				"compose.yaml": "services:\n  app:\n" + tc.service,
			})
			opts := Options{Rules: []*rules.Rule{rules.ShellFormCommand, rules.RunsAsRoot}}
			res := runDir(t, Request{Paths: []string{dir}, Policy: FixedPolicy(opts)})
			var got []string
			for _, f := range res.Findings {
				got = append(got, findingKey(dir, f)+" "+f.Severity.String())
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
		})
	}
}

// One Dockerfile built for two targets is linted once per target, each
// lint judging its target's stage and naming its own service.
func TestCorrelateOneDockerfileTwoTargets(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"Dockerfile": "FROM python:3.12-slim AS dev\nCMD [\"python\", \"-m\", \"http.server\"]\n\n" +
			"FROM python:3.12-slim AS prod\nUSER 10001\nCMD [\"python\", \"-m\", \"http.server\"]\n",
		".dockerignore": ".git\n",
		"compose.yaml": "services:\n  dev:\n    build:\n      context: .\n      target: dev\n" +
			"  prod:\n    build:\n      context: .\n      target: prod\n",
	})
	res := runDir(t, Request{Paths: []string{dir}, Policy: FixedPolicy(Options{Rules: []*rules.Rule{rules.RunsAsRoot}})})
	if got := keysOf(dir, res.Findings); !slices.Equal(got, []string{"DKS4001@Dockerfile:1[dev]"}) {
		t.Errorf("findings %v, want the dev target's root finding alone", got)
	}
	n := 0
	for _, in := range res.Inputs {
		if strings.HasSuffix(in, "Dockerfile") {
			n++
		}
	}
	if n != 2 {
		t.Errorf("the Dockerfile is %d inputs, want 2 (one per target): %v", n, res.Inputs)
	}
}
