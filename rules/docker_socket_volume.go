package rules

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// DockerSocketVolume: VOLUME on the Docker socket, or the socket mounted
// into a compose service.
var DockerSocketVolume = &Rule{
	ID:       "DKS4005",
	Name:     "docker-socket-volume",
	Title:    "Docker socket declared as a volume or mounted into a service",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  kicsDockerSocket,
	// KICS's query is about compose files; a Dockerfile's VOLUME has no
	// peer rule.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1552_007, t.T1610},
		CIS:      []*t.CISItem{t.CIS5_32},
		CWE:      []*t.CWE{t.CWE250, t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Vulnerability: "Docker socket in the container",
		Mitigation:    "Remove the socket; use a rootless builder or socket proxy.",

		Rationale: "Whoever can talk to the Docker socket controls the Docker daemon, and so the host: " +
			"they can start a privileged container that mounts `/`. A compose service that mounts it " +
			"(`/var/run/docker.sock:/var/run/docker.sock`, or the whole `/var/run`), read-only or not, hands " +
			"that control to whoever compromises the service; an image that declares the socket as a volume " +
			"invites operators to mount it.",
		Impact: "Full control of the host through the Docker API",
		Fix:    "Remove the VOLUME; if the workload truly needs to build or run containers, use a rootless builder (BuildKit rootless, kaniko) or a socket proxy that allows only the calls it needs.",
		Bad: append(Dockerfiles("FROM alpine:3.20\nVOLUME /var/run/docker.sock\n"),
			ComposeFiles("services:\n  ci:\n    image: runner:1.0\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n")...),
		Good: append(Dockerfiles("FROM alpine:3.20\nVOLUME /data\n"),
			ComposeFiles("services:\n  ci:\n    image: runner:1.0\n    environment:\n      DOCKER_HOST: tcp://socket-proxy:2375\n")...),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindVolume}, Check: checkDockerSocketVolume},
		ImageConfigCheck{Check: checkDockerSocketVolumeImage},
		ComposeServiceCheck{Check: checkDockerSocketVolumeService},
	},
}

var kicsDockerSocket = []string{"d6355c88-1e8d-49e9-b2f2-f8a1ca12c75b", "docker-socket-mounted-in-container"}

// checkDockerSocketVolumeService: a service volume whose host side is the
// socket, its directory or Docker's Windows pipe, bound directly or
// through a top-level volume.
func checkDockerSocketVolumeService(p *ComposePass, s *compose.Service) {
	for i := range s.Volumes.Items {
		v := &s.Volumes.Items[i]
		src, pos, ok := hostBindSource(p.Project, v)
		if !ok || !isDockerSocketSource(src) {
			continue
		}
		fd := p.Finding(s, pos, "mounts the Docker daemon's socket (%s)", strconv.Quote(v.Source.Raw))
		fd.Aliases = kicsDockerSocket
		p.Report(fd)
	}
}

func checkDockerSocketVolume(p *Pass, in dockerfile.Instruction) {
	for _, v := range in.(*dockerfile.Volume).Cmd.Volumes {
		if IsDockerSocketPath(v) {
			p.Reportf(in.Range(), "VOLUME %s exposes the Docker daemon's socket", v)
		}
	}
}

// checkDockerSocketVolumeImage: a declared volume at the Docker (or containerd,
// Podman) socket.
func checkDockerSocketVolumeImage(p *ImagePass, img *image.Image) {
	for _, v := range slices.Sorted(maps.Keys(img.Config.Config.Volumes)) {
		if IsDockerSocketPath(v) {
			p.Reportf("the image declares the volume %s, the Docker daemon's socket", v)
		}
	}
}

// IsDockerSocketPath recognises the Docker (and containerd/Podman) API
// sockets, wherever they are mounted from.
func IsDockerSocketPath(p string) bool {
	p = strings.TrimRight(strings.TrimSpace(p), "/")
	for _, s := range []string{"/var/run/docker.sock", "/run/docker.sock", "/var/run/docker", "/run/containerd/containerd.sock", "/run/podman/podman.sock"} {
		if p == s {
			return true
		}
	}
	return false
}
