package rules

import (
	"maps"
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RemoteAdminPortExposed: EXPOSE of SSH, Telnet, plain Docker API, RDP or VNC.
var RemoteAdminPortExposed = &Rule{
	ID:       "DKS6004",
	Name:     "remote-admin-port-exposed",
	Title:    "Remote administration port exposed",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0004", "CKV_DOCKER_1"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1021_004, t.T1133},
		CIS:      []*t.CISItem{t.CIS5_7, t.CIS5_9},
		CWE:      []*t.CWE{t.CWE284, t.CWE319},
		Controls: []*t.Control{t.NIST53_AC17, t.NIST53_CM7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Vulnerability: "Remote administration port exposed",
		Mitigation:    "Remove the remote-access daemon and its EXPOSE.",

		Rationale: "A container should run one service; an SSH, Telnet, RDP or VNC daemon inside it is a " +
			"second, interactive entry point with its own credentials to leak and brute-force. Port 2375 is " +
			"the Docker API without TLS: whoever reaches it owns the host.",
		Impact: "Interactive remote access to the container",
		Fix:    "Remove the daemon and the EXPOSE; use `docker exec` / `kubectl exec` for debugging, and TLS on 2376 if a Docker API must be served.",
		Bad:    Dockerfiles("FROM debian:12\nEXPOSE 22\n", "FROM docker:27-dind\nEXPOSE 2375/tcp\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 8080\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: checkRemoteAdminPortExposed},
		ImageConfigCheck{Check: checkRemoteAdminPortExposedImage},
	},
}

func checkRemoteAdminPortExposed(p *Pass, in dockerfile.Instruction) {
	for _, spec := range in.(*dockerfile.Expose).Cmd.Ports {
		lo, hi, ok := portRange(spec, in.Scope())
		if !ok || hi-lo > 65535 {
			continue
		}
		for port := lo; port <= hi; port++ {
			if svc, admin := remoteAdminPorts[port]; admin && !allowedPort(p, port) {
				p.Reportf(in.Range(), "EXPOSE %s opens port %d (%s)", spec, port, svc)
			}
		}
	}
}

// checkRemoteAdminPortExposedImage: ExposedPorts holds SSH, Telnet, RDP, VNC, WinRM or the
// plain Docker API.
func checkRemoteAdminPortExposedImage(p *ImagePass, img *image.Image) {
	for _, spec := range slices.Sorted(maps.Keys(img.Config.Config.ExposedPorts)) {
		lo, hi, ok := portRange(spec, nil)
		if !ok || hi-lo > 65535 {
			continue
		}
		for port := lo; port <= hi; port++ {
			if svc, admin := remoteAdminPorts[port]; admin && !portAllowed(p.Settings, port) {
				p.Reportf("the image exposes port %s (%s)", spec, svc)
			}
		}
	}
}

// remoteAdminPorts are ports whose services give remote control of the
// host or container.
var remoteAdminPorts = map[int]string{
	22:   "SSH",
	23:   "Telnet",
	2375: "the Docker API without TLS",
	3389: "RDP",
	5900: "VNC",
	5985: "WinRM over HTTP",
}

func allowedPort(p *Pass, port int) bool { return portAllowed(p.Settings, port) }

// portAllowed reports whether the settings accept an exposed port.
func portAllowed(s *Settings, port int) bool {
	if s == nil {
		return false
	}
	for _, a := range s.AllowedPorts {
		if a == port {
			return true
		}
	}
	return false
}
