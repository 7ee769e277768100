package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RunsAsRoot: the shipped stage has no USER, or its last USER is root.
var RunsAsRoot = &Rule{
	ID:       "DKS4001",
	Name:     "runs-as-root",
	Title:    "Container runs as root",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3002", "DS-0002", "CIS-DI-0001", "CKV_DOCKER_3", "CKV_DOCKER_8"},
	// hadolint's DL3002 and checkov's CKV_DOCKER_8 judge an explicit USER
	// root; CKV_DOCKER_3 a missing USER; trivy and dockle both.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1609, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_1},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Rationale: "A process that runs as root inside the container is root on the host's kernel: one " +
			"vulnerability in the application, or a misconfigured mount or capability, and the attacker " +
			"escapes to the host with full privileges. Only the stage that ships matters: builder stages " +
			"may run as root.",
		Impact: "Unauthorized system-level access",
		Fix: "Create an unprivileged user and switch to it before CMD/ENTRYPOINT: " +
			"`RUN useradd --system --uid 10001 app` then `USER 10001` (a numeric UID also works with " +
			"Kubernetes' runAsNonRoot). In a compose file, `user: \"10001\"` sets it for the service (and a " +
			"Dockerfile's root finding for that service becomes info).",
		Bad: append(Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD [\"curl\", \"--version\"]\n", "FROM alpine:3.20\nUSER root\nCMD [\"sh\"]\n"),
			ComposeFiles("services:\n  app:\n    image: app:1.0\n    user: root\n")...),
		Good: append(Dockerfiles("FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"sh\"]\n", "FROM golang:1.23 AS build\nRUN go version\nFROM gcr.io/distroless/static:nonroot\nUSER nonroot:nonroot\n"),
			ComposeFiles("services:\n  app:\n    image: app:1.0\n    user: \"10001:10001\"\n")...),
		Refs: []string{"https://docs.docker.com/build/building/best-practices/#user"},
	},
	Checks: []Check{
		StageCheck{Check: checkRunsAsRootStage},
		ImageConfigCheck{Check: checkRunsAsRootImage},
		ComposeServiceCheck{Check: checkRunsAsRootService},
	},
}

// checkRunsAsRootService: `user: root` (or 0) on a compose service. A
// service that sets no user runs as its image's: the Dockerfile's finding,
// when dockstride lints it, says so.
func checkRunsAsRootService(p *ComposePass, s *compose.Service) {
	if s.User.Set && IsRootUser(s.User.Value) {
		p.Report(p.Finding(s, s.User.Pos, "runs as %q (root)", s.User.Raw))
	}
}

func checkRunsAsRootStage(p *Pass, s *dockerfile.Stage) {
	if !p.IsShipped(s) || (s.From != nil && s.From.IsScratch() && effectiveUser(s) == nil) {
		return
	}
	u := effectiveUser(s)
	switch {
	case u == nil:
		p.ReportAliasedf(dockerfile.LineRange(s.Line(), s.Line()), []string{"DS-0002", "CIS-DI-0001", "CKV_DOCKER_3"},
			"stage %s sets no USER, so the container runs as root", s.Ref())
	case IsRootUser(u.Expanded):
		p.ReportAliasedf(u.Range(), []string{"DL3002", "DS-0002", "CIS-DI-0001", "CKV_DOCKER_8"},
			"last USER of the shipped stage is %q (root)", u.Expanded)
	}
}

// dockleRoot is the peer ID of the image-side root check: dockle reads the
// config as this check does.
var dockleRoot = []string{"CIS-DI-0001"}

// checkRunsAsRootImage: User empty (root by default), root, 0, or root/0 with a
// group.
func checkRunsAsRootImage(p *ImagePass, img *image.Image) {
	u := strings.TrimSpace(img.Config.Config.User)
	switch {
	case u == "":
		p.ReportAliasedf(dockleRoot, "the image config sets no User, so the container runs as root")
	case IsRootUser(u):
		p.ReportAliasedf(dockleRoot, "the image config's User is %q (root)", u)
	}
}

// effectiveUser is the last USER in force at the end of s, following the
// stages it is built FROM.
func effectiveUser(s *dockerfile.Stage) *dockerfile.User {
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			if u, ok := c.Instructions[i].(*dockerfile.User); ok {
				return u
			}
		}
	}
	return nil
}

// IsRootUser recognises root, 0, root:group and 0:group (a USER, an image
// config's User, a compose service's user:).
func IsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}
