package baseimage

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestParseRef(t *testing.T) {
	cases := []struct {
		in   string
		want Ref
	}{
		{"python", Ref{Registry: "docker.io", Path: "library/python"}},
		{"python:3.8", Ref{Registry: "docker.io", Path: "library/python", Tag: "3.8"}},
		{"docker.io/library/python:3.8", Ref{Registry: "docker.io", Path: "library/python", Tag: "3.8"}},
		{"index.docker.io/python:3.8", Ref{Registry: "docker.io", Path: "library/python", Tag: "3.8"}},
		{"bitnami/redis:6.2", Ref{Registry: "docker.io", Path: "bitnami/redis", Tag: "6.2"}},
		{"gcr.io/distroless/static-debian12:nonroot", Ref{Registry: "gcr.io", Path: "distroless/static-debian12", Tag: "nonroot"}},
		{"gcr.io/distroless/static:nonroot-${ARCH}", Ref{Registry: "gcr.io", Path: "distroless/static", Tag: "nonroot-${ARCH}"}},
		{"localhost:5000/app:1.0", Ref{Registry: "localhost:5000", Path: "app", Tag: "1.0"}},
		{"alpine@sha256:5ce5f501c457015c4b91f91a15ac69157d9b06f1a75cf9107bf2b62e0843983a",
			Ref{Registry: "docker.io", Path: "library/alpine", Digest: "sha256:5ce5f501c457015c4b91f91a15ac69157d9b06f1a75cf9107bf2b62e0843983a"}},
		{"python:3.14-slim@sha256:ce40", Ref{Registry: "docker.io", Path: "library/python", Tag: "3.14-slim", Digest: "sha256:ce40"}},
		{"python:${PY_VERSION:-3.11}-slim", Ref{Registry: "docker.io", Path: "library/python", Tag: "${PY_VERSION:-3.11}-slim"}},
		{"${REGISTRY}/team/app:1", Ref{Path: "team/app", Tag: "1"}},
		{"Quay.IO/Jupyter/Base-Notebook:x", Ref{Registry: "quay.io", Path: "jupyter/base-notebook", Tag: "x"}},
	}
	for _, c := range cases {
		got, err := ParseRef(c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseRef(%q) = %+v, %v; want %+v", c.in, got, err, c.want)
		}
	}
	for _, bad := range []string{"", "python 3", ":3.8", "@sha256:x", strings.Repeat("a", 2000)} {
		if r, err := ParseRef(bad); err == nil {
			t.Errorf("ParseRef(%q) = %+v, want an error", bad, r)
		}
	}
}

func TestOfficial(t *testing.T) {
	for in, want := range map[string]string{
		"python:3.8":                                 "python",
		"docker.io/library/python:3.8":               "python",
		"mirror.gcr.io/busybox":                      "busybox",
		"mirror.gcr.io/library/busybox":              "busybox",
		"public.ecr.aws/docker/library/python:3.12":  "python",
		"bitnami/python:3.8":                         "",
		"gcr.io/distroless/python3":                  "",
		"quay.io/library/python":                     "",
		"${REGISTRY:-docker.io}/library/python:3.12": "",
	} {
		r, err := ParseRef(in)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := r.Official(); got != want || ok != (want != "") {
			t.Errorf("%s: Official() = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// summary renders statuses as "product cycle past|supported", sorted as found.
func summary(sts []Status) string {
	var parts []string
	for _, s := range sts {
		state := "supported"
		if s.Past {
			state = "past"
		}
		parts = append(parts, fmt.Sprintf("%s %s %s", s.Product, s.Cycle, state))
	}
	return strings.Join(parts, ", ")
}

func TestLookup(t *testing.T) {
	asOf := day(2026, 12, 1)
	cases := map[string]string{
		"python:3.7-slim-buster":               "python 3.7 past, debian 10 past",
		"python:3.7.17-alpine3.12":             "python 3.7 past, alpine 3.12 past",
		"docker.io/library/python:3.8":         "python 3.8 past",
		"python:3.13-slim-bookworm":            "python 3.13 supported, debian 12 supported",
		"node:14-alpine":                       "node 14 past",
		"node:fermium-buster-slim":             "node 14 past, debian 10 past",
		"node:0.12":                            "node 0.12 past",
		"debian:stretch":                       "debian 9 past",
		"debian:stretch-slim":                  "debian 9 past",
		"debian:9.13":                          "debian 9 past",
		"debian:bullseye-20240110":             "debian 11 past",
		"debian:bookworm":                      "debian 12 supported",
		"ubuntu:18.04":                         "ubuntu 18.04 past",
		"ubuntu:bionic-20230530":               "ubuntu 18.04 past",
		"ubuntu:22.04":                         "ubuntu 22.04 supported",
		"alpine:3.12":                          "alpine 3.12 past",
		"alpine:3.12.1":                        "alpine 3.12 past",
		"centos:7":                             "centos 7 past",
		"centos:centos7.9.2009":                "centos 7 past",
		"quay.io/centos/centos:stream8":        "centos stream8 past",
		"ruby:2.7-slim-buster":                 "ruby 2.7 past, debian 10 past",
		"php:7.4-fpm-alpine3.16":               "php 7.4 past, alpine 3.16 past",
		"golang:1.22-bookworm":                 "go 1.22 past, debian 12 supported",
		"eclipse-temurin:17-jdk-focal":         "ubuntu 20.04 past",
		"buildpack-deps:stretch-curl":          "debian 9 past",
		"mirror.gcr.io/library/python:3.6":     "python 3.6 past",
		"python:3.7@sha256:0123":               "python 3.7 past",
		"python:${PYTHON_VERSION}-slim-buster": "debian 10 past",
		"python:${PYTHON_VERSION}-slim":        "",
		"python@sha256:0123":                   "",
		"python:latest":                        "",
		"python:3.14":                          "python 3.14 supported",
		"python:3.15-slim":                     "python 3.15 supported",
		"golang:1.25-alpine3.23":               "go 1.25 past, alpine 3.23 supported",
		"golang:1.26":                          "",
		"ruby:3.3-slim":                        "ruby 3.3 supported",
		"ruby:3.4":                             "",
		"node:26-alpine3.23":                   "node 26 supported, alpine 3.23 supported",
		"php:8.5-fpm":                          "php 8.5 supported",
		"python:3.16-rc":                       "",
		"alpine:edge":                          "",
		"myorg/python:3.7-buster":              "",
		"gcr.io/distroless/static-debian12":    "",
		"${BASE_IMAGE}":                        "",
		"not a reference":                      "",
	}
	for ref, want := range cases {
		if got := summary(Lookup(ref, asOf)); got != want {
			t.Errorf("Lookup(%q) = %q, want %q", ref, got, want)
		}
	}
}

func TestLookupDay(t *testing.T) {
	// Debian 11's LTS ends on 2026-08-31: still supported that day, past
	// the next.
	for asOf, past := range map[time.Time]bool{
		day(2026, 8, 31): false,
		time.Date(2026, 8, 31, 23, 59, 0, 0, time.UTC): false,
		day(2026, 9, 1): true,
		// 2026-09-01 01:00 in UTC+2 is still 2026-08-31 in UTC.
		time.Date(2026, 9, 1, 1, 0, 0, 0, time.FixedZone("CEST", 2*3600)): false,
	} {
		sts := Lookup("debian:bullseye", asOf)
		if len(sts) != 1 || sts[0].Past != past {
			t.Errorf("debian:bullseye on %v: %+v, want past=%v", asOf, sts, past)
		}
	}
	if sts := Lookup("debian:bullseye", AsOf); len(sts) != 1 || sts[0].RegularEnd != day(2024, 8, 14) {
		t.Errorf("debian:bullseye regular end: %+v", sts)
	}
}

func TestTable(t *testing.T) {
	if AsOf.IsZero() || AsOf.After(time.Now()) {
		t.Errorf("AsOf %v is not a past day", AsOf)
	}
	seen := map[string]bool{}
	for _, e := range Table() {
		key := e.Product + " " + e.Cycle
		switch {
		case seen[key]:
			t.Errorf("%s is listed twice", key)
		case e.Source == "":
			t.Errorf("%s has no source", key)
		case e.End.IsZero() || e.End.Year() < 2010 || e.End.Hour() != 0:
			t.Errorf("%s: end %v is not a day", key, e.End)
		case !e.RegularEnd.IsZero() && e.RegularEnd.After(e.End):
			t.Errorf("%s: regular support ends after LTS", key)
		}
		seen[key] = true
	}
	for _, want := range []string{"debian 9", "ubuntu 18.04", "alpine 3.12", "centos 7", "python 3.7", "node 14", "ruby 2.7", "php 7.4", "go 1.22"} {
		if !seen[want] {
			t.Errorf("table lacks %s", want)
		}
	}
}

func TestDefaults(t *testing.T) {
	cases := []struct {
		ref              string
		user             string
		nonRoot, noShell bool
	}{
		{"gcr.io/distroless/static-debian12:nonroot", "65532", true, true},
		{"gcr.io/distroless/static-debian12:nonroot-amd64", "65532", true, true},
		{"gcr.io/distroless/static:nonroot-${ARCH}", "65532", true, true},
		{"gcr.io/distroless/base:debug-nonroot", "65532", true, false},
		{"gcr.io/distroless/static-debian12:nonroot@sha256:1b7b", "65532", true, true},
		{"gcr.io/distroless/static-debian12", "", false, true},
		{"gcr.io/distroless/static:latest-arm64", "", false, true},
		{"gcr.io/distroless/java17-debian12:debug", "", false, false},
		{"cgr.dev/chainguard/static", "65532", true, true},
		{"cgr.dev/chainguard/python:latest", "nonroot", true, true},
		{"cgr.dev/chainguard/python:latest-dev", "nonroot", true, false},
		{"cgr.dev/chainguard/python:3.12-dev", "nonroot", true, false},
		{"cgr.dev/chainguard/node", "65532", true, false},
		{"cgr.dev/chainguard/nginx:latest", "nginx", true, true},
		{"cgr.dev/chainguard/go:latest", "", false, false},
		{"cgr.dev/chainguard/wolfi-base", "", false, false},
		{"cgr.dev/chainguard/glibc-dynamic:latest-dev", "nonroot", true, false},
		{"bitnami/redis:6.2", "1001", true, false},
		{"docker.io/bitnami/postgresql:13", "1001", true, false},
		{"bitnami/python:3.9", "", false, false},
		{"bitnami/keycloak:25.0.2", "1001", true, false},
		{"docker.io/bitnami/kubectl:1.30", "1001", true, false},
		{"jenkins/jenkins:lts", "jenkins", true, false},
		{"selenium/node-chrome:4.20", "1200", true, false},
		{"quay.io/jupyter/scipy-notebook:2024-05-27", "1000", true, false},
		{"mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled", "1654", true, false},
		{"mcr.microsoft.com/dotnet/runtime:10.0-azurelinux3.0-distroless", "1654", true, false},
		{"mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022", "ContainerUser", true, false},
		{"mcr.microsoft.com/windows/nanoserver:ltsc2022", "ContainerUser", true, false},
		{"mcr.microsoft.com/windows/servercore:ltsc2022", "ContainerAdministrator", false, false},
		{"golang:1.26-nanoserver-ltsc2022", "ContainerUser", true, false},
		{"docker:29-dind-rootless", "rootless", true, false},
		{"wordpress:cli-php8.3", "www-data", true, false},
		{"grafana/grafana:11.2.0", "472", true, false},
		{"grafana/grafana-oss:10.4.2", "472", true, false},
		{"docker.io/grafana/k6:2.2.0-with-browser@sha256:defd", "12345", true, false},
		{"elasticsearch:8.17.0", "1000:0", true, false},
		{"docker.elastic.co/elasticsearch/elasticsearch:8.17.0", "1000:0", true, false},
		// Root by config; their entrypoints step down (TestStepsDown).
		{"postgres:16-alpine", "", false, false},
		{"redis:7.4", "", false, false},
		{"mongo:8.0", "", false, false},
	}
	for _, c := range cases {
		d, ok := DefaultsOf(c.ref)
		if !ok {
			t.Errorf("DefaultsOf(%q): unknown", c.ref)
			continue
		}
		if d.User != c.user || d.NonRoot != c.nonRoot || d.Source == "" || d.Image == "" {
			t.Errorf("DefaultsOf(%q) = %+v; want user %q, non-root %v", c.ref, d, c.user, c.nonRoot)
		}
		if noShell := d.Shell.Known && d.Shell.Value == nil; noShell != c.noShell {
			t.Errorf("DefaultsOf(%q): no shell = %v, want %v", c.ref, noShell, c.noShell)
		}
		if nonRoot, known := RunsAsNonRoot(c.ref); !known || nonRoot != c.nonRoot {
			t.Errorf("RunsAsNonRoot(%q) = %v, %v", c.ref, nonRoot, known)
		}
	}
	for _, unknown := range []string{"python:3.12", "gcr.io/distroless/static:${TAG}", "cgr.dev/chainguard/python:${TAG}",
		"cgr.dev/chainguard/node:problem-detector-latest", "cgr.dev/chainguard/glibc-dynamic:latest", "cgr.dev/chainguard/redis",
		"bitnami/unknown", "jenkins/jenkins:jdk17-windowsservercore", "mongo:8.0-windowsservercore-ltsc2022",
		"mongo:8.0-nanoserver-ltsc2022", "grafana/loki:3.0", "myorg/postgres:16", "mcr.microsoft.com/dotnet/aspnet:8.0", "", "a b"} {
		if d, ok := DefaultsOf(unknown); ok {
			t.Errorf("DefaultsOf(%q) = %+v, want unknown", unknown, d)
		}
		if _, known := RunsAsNonRoot(unknown); known {
			t.Errorf("RunsAsNonRoot(%q) claims to know", unknown)
		}
	}
	if d, _ := DefaultsOf("gcr.io/distroless/static-debian12:nonroot"); !d.Entrypoint.Known || d.Entrypoint.Value == nil || len(d.Entrypoint.Value) != 0 {
		t.Errorf("distroless static entrypoint: %+v", d.Entrypoint)
	}
	if d, _ := DefaultsOf("gcr.io/distroless/python3-debian12:nonroot"); d.Entrypoint.Known {
		t.Errorf("distroless python3 entrypoint claimed known: %+v", d.Entrypoint)
	}
}

// tagFor is an image reference an official image would carry for e, the
// shape Lookup must read back to e.
func tagFor(e Entry) []string {
	switch e.Product {
	case Debian:
		major, _, _ := strings.Cut(e.Cycle, ".")
		return []string{"debian:" + e.Codename, "debian:" + major + "-slim", "python:3.12-slim-" + e.Codename}
	case Ubuntu:
		return []string{"ubuntu:" + e.Cycle, "ubuntu:" + e.Codename, "eclipse-temurin:21-jre-" + e.Codename}
	case Alpine:
		return []string{"alpine:" + e.Cycle, "alpine:" + e.Cycle + ".1", "nginx:1.27-alpine" + e.Cycle}
	case CentOS:
		if strings.HasPrefix(e.Cycle, "stream") {
			return []string{"quay.io/centos/centos:" + e.Cycle}
		}
		return []string{"centos:" + e.Cycle, "centos:centos" + e.Cycle}
	case Python:
		return []string{"python:" + e.Cycle, "python:" + e.Cycle + "-slim"}
	case Node:
		refs := []string{"node:" + e.Cycle, "node:" + e.Cycle + "-alpine"}
		if e.Codename != "" {
			refs = append(refs, "node:"+e.Codename)
		}
		return refs
	case Ruby:
		return []string{"ruby:" + e.Cycle, "ruby:" + e.Cycle + "-slim"}
	case PHP:
		return []string{"php:" + e.Cycle + "-fpm", "php:" + e.Cycle + "-apache"}
	case Go:
		return []string{"golang:" + e.Cycle, "golang:" + e.Cycle + "-alpine"}
	}
	return nil
}

// Every release in the table is reachable by the tags images carry for
// it, and the operating systems by their os-release too: an entry no
// reference can name would be dead data.
func TestEveryEntryReachable(t *testing.T) {
	for _, e := range Table() {
		refs := tagFor(e)
		if len(refs) == 0 {
			t.Errorf("%s %s: no tag shape reaches the product", e.Product, e.Cycle)
		}
		for _, ref := range refs {
			found := false
			for _, st := range Lookup(ref, AsOf) {
				found = found || (st.Product == e.Product && st.Cycle == e.Cycle)
			}
			if !found {
				t.Errorf("Lookup(%q) = %q, want %s %s among them", ref, summary(Lookup(ref, AsOf)), e.Product, e.Cycle)
			}
		}
		if e.Name() == "" || e.ShortSource() == "" || e.Ended() == "" {
			t.Errorf("%s %s: Name %q, ShortSource %q", e.Product, e.Cycle, e.Name(), e.ShortSource())
		}
	}
}

func TestLookupOSRelease(t *testing.T) {
	cases := map[string]string{
		"NAME=\"Debian GNU/Linux\"\nID=debian\nVERSION_ID=\"10\"\n":  "debian 10 past",
		"ID=debian\nVERSION_CODENAME=stretch\n":                      "debian 9 past",
		"ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n":  "debian 12 supported",
		"ID=\"ubuntu\"\nVERSION_ID=\"18.04\"\n":                      "ubuntu 18.04 past",
		"ID=ubuntu\nVERSION_CODENAME=noble\n":                        "ubuntu 24.04 supported",
		"ID=alpine\nVERSION_ID=3.12.12\n":                            "alpine 3.12 past",
		"  ID=alpine  \n# comment\nVERSION_ID='3.22.1'\n":            "alpine 3.22 supported",
		"NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"7\"\n":   "centos 7 past",
		"NAME=\"CentOS Linux\"\nID=\"centos\"\nVERSION_ID=\"8\"\n":   "centos 8 past",
		"NAME=\"CentOS Stream\"\nID=\"centos\"\nVERSION_ID=\"8\"\n":  "centos stream8 past",
		"NAME=\"CentOS Stream\"\nID=\"centos\"\nVERSION_ID=\"9\"\n":  "",
		"ID=debian\nPRETTY_NAME=\"Debian GNU/Linux trixie/sid\"\n":   "",
		"ID=alpine\nVERSION_ID=3.21_alpha20240807\n":                 "",
		"ID=fedora\nVERSION_ID=40\n":                                 "",
		"ID=rhel\nVERSION_ID=\"8.10\"\n":                             "",
		"":                                                           "",
		"\x00\xff=\n=\nID\n":                                         "",
		strings.Repeat("X=", 20000) + "\nID=debian\nVERSION_ID=10\n": "",
		"ID=debian\nVERSION_ID=10\n" + strings.Repeat("#", 100000):   "debian 10 past",
	}
	for content, want := range cases {
		var got string
		if st, ok := LookupOSRelease([]byte(content), AsOf); ok {
			got = summary([]Status{st})
		}
		if got != want {
			t.Errorf("LookupOSRelease(%.60q) = %q, want %q", content, got, want)
		}
	}
}

func TestSuccessor(t *testing.T) {
	for _, c := range []struct {
		product string
		asOf    time.Time
		want    string
	}{
		{Debian, AsOf, "Debian 13 (trixie)"},
		{Ubuntu, AsOf, "Ubuntu 26.04 (resolute)"},
		// The table holds no release days: judged as of an earlier day, the
		// advice is still the newest release.
		{Ubuntu, day(2025, 1, 1), "Ubuntu 26.04 (resolute)"},
		{Node, AsOf, "Node.js 26"},
		{Python, AsOf, "Python 3.15"},
		{Alpine, AsOf, "Alpine 3.23"},
		{CentOS, AsOf, ""},
		{Go, AsOf, ""},
		{Go, day(2025, 3, 1), "Go 1.25"},
		{Go, day(2026, 8, 19), "Go 1.25"},
		{Go, day(2026, 8, 20), ""},
	} {
		got := ""
		if e, ok := Successor(c.product, c.asOf); ok {
			got = e.Name()
		}
		if got != c.want {
			t.Errorf("Successor(%s, %s) = %q, want %q", c.product, c.asOf.Format(time.DateOnly), got, c.want)
		}
	}
}

// The official images whose docker-entrypoint.sh switches user serve as
// their service user only for the commands the script recognises.
func TestStepsDown(t *testing.T) {
	cases := []struct {
		ref, user string
		serves    []string
		notServes []string
	}{
		{"postgres:16", "postgres", []string{"postgres", "-c"}, []string{"python3", "psql", ""}},
		{"docker.io/library/postgres:17-alpine3.22", "postgres", []string{"postgres"}, []string{"pg_dump"}},
		{"mysql:8.4", "mysql", []string{"mysqld", "--character-set-server=utf8mb4"}, []string{"mysql"}},
		{"mongo:8.0", "mongodb", []string{"mongod", "mongos", "mongosh"}, []string{"bash"}},
		{"rabbitmq:3.13-management", "rabbitmq", []string{"rabbitmq-server", "rabbitmqctl"}, []string{"sh"}},
		{"redis:7.4-alpine", "redis", []string{"redis-server", "/usr/local/bin/redis-server", "--appendonly"}, []string{"redis-cli"}},
	}
	for _, c := range cases {
		d, ok := DefaultsOf(c.ref)
		if !ok || d.StepsDown == nil || d.NonRoot || d.StepsDown.User != c.user || d.Source == "" {
			t.Errorf("DefaultsOf(%q) = %+v, %v; want root with a step down to %s", c.ref, d, ok, c.user)
			continue
		}
		for _, w := range c.serves {
			if !d.StepsDown.Serves(w) {
				t.Errorf("%s: Serves(%q) = false", c.ref, w)
			}
		}
		for _, w := range c.notServes {
			if d.StepsDown.Serves(w) {
				t.Errorf("%s: Serves(%q) = true", c.ref, w)
			}
		}
	}
	var none *StepDown
	if none.Serves("postgres") {
		t.Error("a nil StepDown serves")
	}
	for _, ref := range []string{"python:3.12", "grafana/grafana:11", "bitnami/postgresql:16"} {
		if d, _ := DefaultsOf(ref); d.StepsDown != nil {
			t.Errorf("%s: claims a step down: %+v", ref, d.StepsDown)
		}
	}
}
