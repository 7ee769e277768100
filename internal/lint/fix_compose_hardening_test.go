package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// fixOneRule fixes src (unsafe fixes included) with rule r alone and
// settings, and fails unless the fixed text loads with compose-go,
// and fixing it again changes nothing. It returns the fixed text and the
// findings of r after the fix.
func fixOneRule(t *testing.T, src string, r *rules.Rule, settings rules.Settings) (string, []rules.Finding) {
	t.Helper()
	return fixOneRuleBeside(t, src, nil, r, settings)
}

// fixOneRuleBeside is fixOneRule with files (a Dockerfile a service
// builds) written beside the compose file, by name.
func fixOneRuleBeside(t *testing.T, src string, files map[string]string, r *rules.Rule, settings rules.Settings) (string, []rules.Finding) {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "compose.yaml")
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := lint.New(lint.Options{Rules: []*rules.Rule{r}, Settings: settings})
	fixOnce := func(text string) (string, []rules.Finding) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{path}}, lint.FixMode{Unsafe: true})
		for _, p := range res.Problems {
			if p.Internal {
				t.Fatalf("internal problem: %s", p)
			}
		}
		var left []rules.Finding
		for _, fd := range res.Findings {
			if fd.Rule == r {
				left = append(left, fd)
			}
		}
		for _, f := range fixed {
			if f.Path == path {
				return string(f.After), left
			}
		}
		return text, left
	}
	got, left := fixOnce(src)
	if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
	composeGoLoads(t, path)
	if again, _ := fixOnce(got); again != got {
		t.Errorf("fixing again changed the file:\n%s", again)
	}
	return got, left
}

type hardeningCase struct {
	name, src, want string
	// why, when set, is part of the reason the finding gives for not
	// offering a fix (want is then src).
	why      string
	settings rules.Settings
	// files are written beside the compose file (a Dockerfile it builds).
	files map[string]string
}

func runHardening(t *testing.T, r *rules.Rule, cases []hardeningCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, left := fixOneRuleBeside(t, c.src, c.files, r, c.settings)
			if got != c.want {
				t.Fatalf("fixed:\n%s\nwant:\n%s", got, c.want)
			}
			if c.why == "" {
				if len(left) > 0 {
					t.Errorf("still found after the fix: %s", left[0].Message)
				}
				return
			}
			var reasons []string
			for _, fd := range left {
				if fd.Fix != nil {
					reasons = append(reasons, fd.Fix.Unavailable)
				}
			}
			if !strings.Contains(strings.Join(reasons, "\n"), c.why) {
				t.Errorf("the finding gives %q as why no fix is offered, want %q", reasons, c.why)
			}
		})
	}
}

func TestFixComposeReadOnly(t *testing.T) {
	runHardening(t, rules.RootFilesystemWritable, []hardeningCase{{
		name: "read_only and a tmpfs at /tmp added",
		src:  "services:\n  api:\n    image: api:1.2   # pinned\n    user: \"10001\"\n    # the API\n    ports: [\"127.0.0.1:80:80\"]\n  db:\n    image: postgres:16\n    user: postgres\n",
		want: "services:\n  api:\n    image: api:1.2   # pinned\n    user: \"10001\"\n    # the API\n    ports: [\"127.0.0.1:80:80\"]\n    read_only: true\n    tmpfs:\n      - /tmp\n" +
			"  db:\n    image: postgres:16\n    user: postgres\n    read_only: true\n    tmpfs:\n      - /tmp\n",
	}, {
		name: "a tmpfs list without /tmp gets it",
		src:  "services:\n  api:\n    image: api:1.2\n    user: 10001:10001\n    tmpfs:\n      - /run\n",
		want: "services:\n  api:\n    image: api:1.2\n    user: 10001:10001\n    tmpfs:\n      - /run\n      - /tmp\n    read_only: true\n",
	}, {
		name: "a volume at /tmp is enough",
		src:  "services:\n  api:\n    image: api:1.2\n    user: app\n    volumes:\n      - scratch:/tmp\nvolumes:\n  scratch: {}\n",
		want: "services:\n  api:\n    image: api:1.2\n    user: app\n    volumes:\n      - scratch:/tmp\n    read_only: true\nvolumes:\n  scratch: {}\n",
	}, {
		name: "read_only: false replaced, CRLF",
		src:  "services:\r\n  api:\r\n    image: api:1.2\r\n    user: \"10001\"\r\n    read_only: false   # for now\r\n    tmpfs: [\"/tmp:size=64m\"]\r\n",
		want: "services:\r\n  api:\r\n    image: api:1.2\r\n    user: \"10001\"\r\n    read_only: true   # for now\r\n    tmpfs: [\"/tmp:size=64m\"]\r\n",
	}, {
		name: "a tmpfs written as one path is not edited",
		src:  "services:\n  api:\n    image: api:1.2\n    user: \"10001\"\n    tmpfs: /run\n",
		want: "services:\n  api:\n    image: api:1.2\n    user: \"10001\"\n    tmpfs: /run\n",
		why:  "tmpfs of service api is not a list",
	}, {
		// postgres's entrypoint writes /var/run/postgresql as root: an
		// image not built here that sets no user is not made read-only.
		name: "an image not built here, no user",
		src:  "services:\n  db:\n    image: postgres:16\n",
		want: "services:\n  db:\n    image: postgres:16\n",
		why:  "image postgres:16 is not built here and service db sets no user:; where it writes is not known",
	}, {
		name: "user: root",
		src:  "services:\n  db:\n    image: postgres:16\n    user: \"0:0\"\n",
		want: "services:\n  db:\n    image: postgres:16\n    user: \"0:0\"\n",
		why:  "service db runs as root (user: 0:0)",
	}, {
		// The offline table knows bitnami's images run as 1001, but they
		// write under /opt/bitnami, which the project does not show.
		name: "an image known to run as non-root, not built here",
		src:  "services:\n  cache:\n    image: bitnami/redis:7.4\n",
		want: "services:\n  cache:\n    image: bitnami/redis:7.4\n",
		why:  "image bitnami/redis:7.4 is not built here",
	}})
}

// TestFixComposeCapDrop: cap_drop: [ALL] is offered for a service known
// to run as non-root (its user:, the Dockerfile it builds, an image the
// offline table knows), and not for one that runs as root or an image
// not built here with no user:, whose finding says why.
func TestFixComposeCapDrop(t *testing.T) {
	nonRoot := "FROM python:3.12-slim\nRUN useradd --uid 10001 app\nUSER 10001\nCMD [\"python\", \"app.py\"]\n"
	root := "FROM python:3.12-slim\nCMD [\"python\", \"app.py\"]\n"
	runHardening(t, rules.CapabilitiesUnrestricted, []hardeningCase{{
		// postgres's entrypoint chowns its data directory and gosu's to
		// postgres: CHOWN, DAC_OVERRIDE, SETUID and SETGID, as root.
		name: "an image not built here, no user",
		src:  "services:\n  db:\n    image: postgres:16\n",
		want: "services:\n  db:\n    image: postgres:16\n",
		why:  "image postgres:16 is not built here and service db sets no user:; which capabilities it needs is not known",
	}, {
		name: "user: root",
		src:  "services:\n  db:\n    image: postgres:16\n    user: root\n",
		want: "services:\n  db:\n    image: postgres:16\n    user: root\n",
		why:  "service db runs as root (user: root)",
	}, {
		name: "a non-root user:",
		src:  "services:\n  db:\n    image: postgres:16\n    user: \"999:999\"\n",
		want: "services:\n  db:\n    image: postgres:16\n    user: \"999:999\"\n    cap_drop:\n      - ALL\n",
	}, {
		name: "an image the offline table knows runs as non-root",
		src:  "services:\n  cache:\n    image: bitnami/redis:7.4\n",
		want: "services:\n  cache:\n    image: bitnami/redis:7.4\n    cap_drop:\n      - ALL\n",
	}, {
		name:  "built here, the Dockerfile ends as non-root",
		src:   "services:\n  web:\n    build: .\n",
		want:  "services:\n  web:\n    build: .\n    cap_drop:\n      - ALL\n",
		files: map[string]string{"Dockerfile": nonRoot},
	}, {
		name:  "built here on a non-root base, no USER",
		src:   "services:\n  web:\n    build:\n      context: .\n      dockerfile: app.Dockerfile\n",
		want:  "services:\n  web:\n    build:\n      context: .\n      dockerfile: app.Dockerfile\n    cap_drop:\n      - ALL\n",
		files: map[string]string{"app.Dockerfile": "FROM golang:1.23 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT [\"/app\"]\n"},
	}, {
		name:  "built here, the Dockerfile sets no USER",
		src:   "services:\n  web:\n    build: .\n",
		want:  "services:\n  web:\n    build: .\n",
		why:   "(Dockerfile) sets no USER, so it runs as root, and the service sets no user:",
		files: map[string]string{"Dockerfile": root},
	}, {
		name:  "built here, the target stage runs as root",
		src:   "services:\n  web:\n    build:\n      context: .\n      target: dev\n",
		want:  "services:\n  web:\n    build:\n      context: .\n      target: dev\n",
		why:   "ends as root (USER root)",
		files: map[string]string{"Dockerfile": "FROM python:3.12-slim AS dev\nUSER root\nCMD [\"bash\"]\nFROM dev AS prod\nUSER 10001\n"},
	}, {
		name:  "a user: of its own wins over the Dockerfile's",
		src:   "services:\n  web:\n    build: .\n    user: \"0\"\n",
		want:  "services:\n  web:\n    build: .\n    user: \"0\"\n",
		why:   "service web runs as root",
		files: map[string]string{"Dockerfile": nonRoot},
	}, {
		name: "an inline Dockerfile",
		src:  "services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 10001\n",
		want: "services:\n  web:\n    build:\n      context: .\n      dockerfile_inline: |\n        FROM alpine:3.20\n        USER 10001\n    cap_drop:\n      - ALL\n",
	}, {
		name: "a Dockerfile that is not there",
		src:  "services:\n  web:\n    build: ./web\n",
		want: "services:\n  web:\n    build: ./web\n",
		why:  "was not read",
	}})
}

// TestFixComposeReadOnlyBuilt: read_only is offered for a service whose
// image is built here and ends as non-root, and not when it runs as root.
func TestFixComposeReadOnlyBuilt(t *testing.T) {
	runHardening(t, rules.RootFilesystemWritable, []hardeningCase{{
		name:  "non-root",
		src:   "services:\n  web:\n    build: .\n",
		want:  "services:\n  web:\n    build: .\n    read_only: true\n    tmpfs:\n      - /tmp\n",
		files: map[string]string{"Dockerfile": "FROM node:22-slim\nUSER node\nCMD [\"node\", \"server.js\"]\n"},
	}, {
		name:  "root",
		src:   "services:\n  web:\n    build: .\n",
		want:  "services:\n  web:\n    build: .\n",
		why:   "sets no USER, so it runs as root, and the service sets no user:; where it writes is not known",
		files: map[string]string{"Dockerfile": "FROM node:22-slim\nCMD [\"node\", \"server.js\"]\n"},
	}})
}

func TestFixComposeLimits(t *testing.T) {
	runHardening(t, rules.MemoryUnlimited, []hardeningCase{{
		name: "default",
		src:  "services:\n  api:\n    image: api:1.2\n",
		want: "services:\n  api:\n    image: api:1.2\n    mem_limit: 512m\n",
	}, {
		name:     "configured",
		src:      "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n",
		want:     "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n    mem_limit: 1g\n",
		settings: rules.Settings{FixMemLimit: "1g"},
	}, {
		name: "mem_limit: 0 replaced",
		src:  "services:\n  api:\n    image: api:1.2\n    mem_limit: 0\n    restart: always\n",
		want: "services:\n  api:\n    image: api:1.2\n    mem_limit: 512m\n    restart: always\n",
	}, {
		name: "deploy limit written as 0 is left to its author",
		src:  "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          memory: \"0\"\n",
		want: "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          memory: \"0\"\n",
		why:  "deploy.resources.limits.memory is written",
	}})
	runHardening(t, rules.PidsUnlimited, []hardeningCase{{
		name: "default",
		src:  "services:\n  api:\n    image: api:1.2\n",
		want: "services:\n  api:\n    image: api:1.2\n    pids_limit: 200\n",
	}, {
		name:     "configured, -1 replaced",
		src:      "services:\n  api:\n    image: api:1.2\n    pids_limit: -1\n",
		want:     "services:\n  api:\n    image: api:1.2\n    pids_limit: 64\n",
		settings: rules.Settings{FixPidsLimit: 64},
	}, {
		name: "a deploy limit counts as set",
		src:  "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          pids: 50\n",
		want: "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          pids: 50\n",
	}})
}

func TestFixComposePorts(t *testing.T) {
	runHardening(t, rules.PortPublishedAllInterfaces, []hardeningCase{{
		name: "short syntax, quoted and plain, a container port alone",
		src:  "services:\n  web:\n    build: .\n    ports:\n      - \"15000:5000\"   # the app\n      - 8443:443/tcp\n      - '9000-9001:9000-9001'\n      - 3000\n",
		want: "services:\n  web:\n    build: .\n    ports:\n      - \"127.0.0.1:15000:5000\"   # the app\n      - 127.0.0.1:8443:443/tcp\n      - '127.0.0.1:9000-9001:9000-9001'\n      - 127.0.0.1::3000\n",
	}, {
		name: "long syntax",
		src:  "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: \"8080\"\n        protocol: tcp\n      - target: 443\n        published: \"8443\"\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - target: 80\n        published: \"8080\"\n        protocol: tcp\n        host_ip: 127.0.0.1\n      - target: 443\n        published: \"8443\"\n        host_ip: 127.0.0.1\n",
	}, {
		name: "flow list",
		src:  "services:\n  web:\n    image: nginx:1.27\n    ports: [\"8080:80\"]\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    ports: [\"127.0.0.1:8080:80\"]\n",
	}, {
		name: "an address written is the author's",
		src:  "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"0.0.0.0:8080:80\"\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"0.0.0.0:8080:80\"\n",
		why:  "bound to an address written in the file",
	}, {
		name: "a variable",
		src:  "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"${PORT:-8080}:80\"\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"${PORT:-8080}:80\"\n",
		why:  "written with a variable",
	}})
}

// TestFixComposeShielded: a pragma above one port keeps the fix off that
// line; the other port is fixed.
func TestFixComposeShielded(t *testing.T) {
	src := "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"8443:443\"\n      # dockstride ignore=DKS6101 -- the load balancer's health port\n      - \"8080:80\"\n"
	want := "services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8443:443\"\n      # dockstride ignore=DKS6101 -- the load balancer's health port\n      - \"8080:80\"\n"
	got, _ := fixOneRule(t, src, rules.PortPublishedAllInterfaces, rules.Settings{})
	if got != want {
		t.Fatalf("fixed:\n%s\nwant:\n%s", got, want)
	}
}
