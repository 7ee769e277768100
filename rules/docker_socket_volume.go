package rules

import (
	"maps"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// DockerSocketVolume: VOLUME on the Docker socket.
var DockerSocketVolume = &Rule{
	ID:       "DKS4005",
	Name:     "docker-socket-volume",
	Title:    "Docker socket declared as a volume",
	Severity: Error,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1552_007, t.T1610},
		CIS:      []*t.CISItem{t.CIS5_32},
		CWE:      []*t.CWE{t.CWE250, t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Rationale: "Whoever can talk to the Docker socket controls the Docker daemon, and so the host: " +
			"they can start a privileged container that mounts `/`. An image that declares the socket as a " +
			"volume invites operators to mount it.",
		Impact: "Full control of the host through the Docker API",
		Fix:    "Remove the VOLUME; if the workload truly needs to build or run containers, use a rootless builder (BuildKit rootless, kaniko) or a socket proxy that allows only the calls it needs.",
		Bad:    Dockerfiles("FROM alpine:3.20\nVOLUME /var/run/docker.sock\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nVOLUME /data\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindVolume}, Check: checkDockerSocketVolume},
		ImageConfigCheck{Check: checkDockerSocketVolumeImage},
	},
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
