package rules_test

import (
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// The shipped stage's user as far as the Dockerfile and the well-known
// bases tell: no finding where the base or the entrypoint is not root, and
// a message that says what is known.
func TestRunsAsRootBaseAndEntrypoint(t *testing.T) {
	cases := []struct {
		name, src string
		sev       rules.Severity // ignored when want is ""
		want      string         // message fragment; "" for no finding
	}{
		{"distroless nonroot", "FROM gcr.io/distroless/static-debian12:nonroot\nENTRYPOINT [\"/app\"]\n", 0, ""},
		{"distroless nonroot-arch", "ARG ARCH=arm64\nFROM gcr.io/distroless/static-debian12:nonroot-${ARCH}\nENTRYPOINT [\"/app\"]\n", 0, ""},
		{"dotnet chiseled", "FROM mcr.microsoft.com/dotnet/runtime-deps:8.0-jammy-chiseled\nENTRYPOINT [\"./app\"]\n", 0, ""},
		{"jupyter", "FROM quay.io/jupyter/base-notebook:2024-05-27\nCMD [\"start-notebook.py\"]\n", 0, ""},
		{"nanoserver ContainerUser", "FROM mcr.microsoft.com/dotnet/aspnet:10.0-nanoserver-ltsc2022\nENTRYPOINT [\"aspnetapp\"]\n", 0, ""},
		{"gosu", "FROM debian:12-slim\nENTRYPOINT [\"gosu\", \"app\", \"/app\"]\n", 0, ""},
		{"tini su-exec", "FROM alpine:3.20\nENTRYPOINT [\"/sbin/tini\", \"--\", \"su-exec\", \"app:app\", \"/app\"]\n", 0, ""},
		{"s6-setuidgid", "FROM alpine:3.20\nENTRYPOINT [\"s6-setuidgid\", \"app\", \"/app\"]\n", 0, ""},
		{"setpriv after USER root", "FROM debian:12-slim\nUSER root\nENTRYPOINT [\"setpriv\", \"--reuid=10001\", \"--regid=10001\", \"--init-groups\", \"/app\"]\n", 0, ""},
		{"chpst in CMD", "FROM debian:12-slim\nCMD [\"chpst\", \"-u\", \"app\", \"/app\"]\n", 0, ""},
		{"sudo -E -u", "FROM debian:12-slim\nENTRYPOINT [\"sudo\", \"-E\", \"-u\", \"app\", \"/app\"]\n", 0, ""},
		{"setpriv keeping root", "FROM debian:12-slim\nENTRYPOINT [\"setpriv\", \"--no-new-privs\", \"/app\"]\n", rules.Warning, "runs as root, as its base debian:12-slim does"},
		{"CMD behind an ENTRYPOINT", "FROM debian:12-slim\nENTRYPOINT [\"/entry.sh\"]\nCMD [\"gosu\", \"app\", \"/app\"]\n", rules.Warning, "runs as root"},
		{"official base", "FROM node:22\nCMD [\"node\", \"server.js\"]\n", rules.Warning, "runs as root, as its base node:22 does"},
		{"unknown base", "FROM registry.example.com/team/runtime:3\nCMD [\"/app\"]\n", rules.Warning, "inherits the user of its base registry.example.com/team/runtime:3: root unless that image sets one"},
		{"servercore", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD [\"app.exe\"]\n", rules.Warning, "runs as ContainerAdministrator (Windows' administrator)"},
		{"USER ContainerAdministrator", "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator\nCMD [\"app.exe\"]\n", rules.Warning, "\"ContainerAdministrator\" (Windows' administrator)"},
		{"no process of its own", "FROM debian:12-slim\nRUN apt-get update\n", rules.Info, "starts no process of its own"},
		{"through a stage", "FROM node:22 AS base\nCMD [\"node\", \"server.js\"]\nFROM base\nCOPY . /app\n", rules.Warning, "as its base node:22 does"},

		// Issue 16: images that are not deployed as a service are info.
		{"language base image", "FROM debian:bookworm-slim\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [ \"node\" ]\n", rules.Info, "its process is node with nothing to run"},
		{"windows REPL", "FROM mcr.microsoft.com/windows/servercore:ltsc2025\nCMD [\"python\"]\n", rules.Info, "its process is python with nothing to run"},
		{"maven", "FROM azul/zulu-openjdk-alpine:25\nENTRYPOINT [\"/usr/local/bin/mvn-entrypoint.sh\"]\nCMD [\"mvn\"]\n", rules.Info, "mvn with nothing to run"},
		{"toolbox shell", "FROM alpine:3.23\nCMD [\"bash\", \"--login\", \"-i\"]\n", rules.Info, "bash with nothing to run"},
		{"powershell entrypoint", "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nENTRYPOINT [\"powershell.exe\"]\n", rules.Info, "powershell with nothing to run"},
		{"dev stage", "FROM node:lts AS dev-envs\nCOPY . /app\nCMD [\"npm\", \"start\"]\n", rules.Info, "development-environment stage (dev-envs)"},
		{"apache workers", "FROM debian:trixie-slim\nENTRYPOINT [\"docker-php-entrypoint\"]\nCMD [\"apache2-foreground\"]\n", rules.Info, "apache2-foreground"},
		{"php-fpm workers", "FROM docker.io/bitnami/minideb:buster\nCMD [ \"php-fpm\", \"-F\", \"-y\", \"/opt/bitnami/php/etc/php-fpm.conf\" ]\n", rules.Info, "php-fpm"},
		{"sslsplit drops to nobody", "FROM alpine\nENTRYPOINT [\"sslsplit\", \"-D\"]\nCMD [\"-h\"]\n", rules.Info, "its server (sslsplit) drops root itself"},
		{"containerd", "FROM debian:trixie-slim\nCOPY docker-entrypoint.sh /usr/local/bin/\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"containerd\"]\n", rules.Info, "its process (containerd) needs root by design"},
		{"kaniko executor", "FROM scratch AS kaniko-base\nCOPY --from=builder /src/out /kaniko\nFROM kaniko-base AS kaniko-slim\nENTRYPOINT [\"/kaniko/executor\"]\n", rules.Info, "/kaniko/executor) needs root by design"},
		{"echo after USER root", "FROM alpine:3.20\nUSER root\nCMD echo hi\n", rules.Warning, "last USER of the shipped stage is \"root\""},
		{"echo fixture", "FROM alpine:3.14.2\nENTRYPOINT [ \"echo\" ]\nCMD [ \"Hello world!\" ]\n", rules.Info, "its process is echo, which prints and exits"},
		// Issue 16: bases whose USER is not root, or whose entrypoint
		// switches to the service's user (docker-library's scripts).
		{"grafana", "FROM grafana/grafana:11.2.0\nCOPY dashboards /var/lib/grafana/dashboards\n", 0, ""},
		{"k6 with browser", "FROM docker.io/grafana/k6:2.2.0-with-browser@sha256:defdc0a3e70c46bce010bfc10dedc03e335cc7febe01f6359552fe72827c2aa2\nCOPY --chmod=755 ./entrypoint.sh .\nENTRYPOINT [\"./entrypoint.sh\"]\n", 0, ""},
		{"elasticsearch", "FROM docker.elastic.co/elasticsearch/elasticsearch:8.17.0\nRUN bin/elasticsearch-plugin install analysis-icu\n", 0, ""},
		{"postgres, its CMD", "FROM postgres:16\nCOPY init.sql /docker-entrypoint-initdb.d/\n", 0, ""},
		{"postgres with flags", "FROM postgres:16-alpine\nCMD [\"postgres\", \"-c\", \"shared_buffers=256MB\"]\n", 0, ""},
		{"postgres flags alone", "FROM postgres:16\nCMD [\"-c\", \"max_connections=200\"]\n", 0, ""},
		{"redis with a config", "FROM redis:7.4\nCOPY redis.conf /usr/local/etc/redis/\nCMD [\"redis-server\", \"/usr/local/etc/redis/redis.conf\"]\n", 0, ""},
		{"mongo", "FROM mongo:8.0\nCMD [\"mongod\", \"--replSet\", \"rs0\"]\n", 0, ""},
		{"rabbitmq", "FROM rabbitmq:3.13-management\nRUN rabbitmq-plugins enable --offline rabbitmq_shovel\n", 0, ""},
		{"mysql", "FROM mysql:8.4\nCMD [\"mysqld\", \"--character-set-server=utf8mb4\"]\n", 0, ""},
		{"postgres running another program", "FROM postgres:16\nCMD [\"python3\", \"/app/worker.py\"]\n", rules.Warning,
			"runs as root, as its base postgres:16 does (its base's docker-entrypoint.sh switches to postgres only for postgres, and this CMD runs python3)"},
		{"postgres with an entrypoint of its own", "FROM postgres:16\nENTRYPOINT [\"/app/run\"]\n", rules.Warning, "runs as root, as its base postgres:16 does"},
		{"mongo on windows", "FROM mongo:8.0-windowsservercore-ltsc2022\nCMD [\"mongod\"]\n", rules.Warning, "runs as root"},
		// A program to run, or a server that keeps root, is a service.
		{"executor of another project", "FROM debian:12-slim\nENTRYPOINT [\"/app/executor\"]\n", rules.Warning, "runs as root"},
		{"echo then a server", "FROM alpine:3.20\nCMD [\"sh\", \"-c\", \"echo start && exec /app\"]\n", rules.Warning, "runs as root"},
		{"python script", "FROM alpine:3.20\nCMD [\"python\", \"/code/worker.py\"]\n", rules.Warning, "runs as root"},
		{"bash script", "FROM centos:centos6\nCMD [\"/bin/bash\", \"/start.sh\"]\n", rules.Warning, "runs as root"},
		{"node server behind entrypoint", "FROM node:22\nENTRYPOINT [\"docker-entrypoint.sh\"]\nCMD [\"node\", \"server.js\"]\n", rules.Warning, "runs as root"},
		{"tomcat", "FROM eclipse-temurin:8-jdk-noble\nENTRYPOINT []\nCMD [\"catalina.sh\", \"run\"]\n", rules.Warning, "runs as root"},
		{"production stage", "FROM node:22 AS production\nCMD [\"node\", \"server.js\"]\n", rules.Warning, "runs as root"},
	}
	for _, c := range cases {
		res := lintWith(rules.RunsAsRoot, rules.Settings{}, "Dockerfile", []byte(c.src))
		if c.want == "" {
			for _, f := range res.Findings {
				t.Errorf("%s: unexpected finding %s: %s", c.name, f.Severity, f.Message)
			}
			continue
		}
		if len(res.Findings) != 1 {
			t.Errorf("%s: %d findings %v, want one", c.name, len(res.Findings), res.Findings)
			continue
		}
		if f := res.Findings[0]; f.Severity != c.sev || !strings.Contains(f.Message, c.want) {
			t.Errorf("%s: %s %q, want %s with %q", c.name, f.Severity, f.Message, c.sev, c.want)
		}
	}
}

// A development container's Dockerfile is worked in, not deployed: its
// root user (often explicit, for features to install) is info.
func TestRunsAsRootDevcontainer(t *testing.T) {
	src := []byte("FROM mcr.microsoft.com/devcontainers/anaconda:1-3\nRUN conda install -y numpy\nUSER root\nCMD [\"sleep\", \"infinity\"]\n")
	for path, want := range map[string]rules.Severity{".devcontainer/Dockerfile": rules.Info, "src/anaconda/.devcontainer/Dockerfile": rules.Info, "Dockerfile": rules.Warning, "devcontainer.Dockerfile": rules.Warning} {
		res := lintWith(rules.RunsAsRoot, rules.Settings{}, path, src)
		if len(res.Findings) != 1 || res.Findings[0].Severity != want {
			t.Errorf("%s: %v, want one finding at %s", path, res.Findings, want)
		}
	}
}
