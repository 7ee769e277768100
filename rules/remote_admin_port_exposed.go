package rules

import (
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lazyre"
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
		SeverityNote: "An admin port that is the image's own guarded service is info: 2375 beside 2376 in a Docker-in-Docker " +
			"image (its daemon listens with TLS on 2376 unless DOCKER_TLS_CERTDIR is set empty), and 22 in an SSH server image " +
			"whose process is sshd with password logins switched off.",
		Bad:  Dockerfiles("FROM debian:12\nEXPOSE 22\n", "FROM docker:27-dind\nEXPOSE 2375/tcp\n"),
		Good: Dockerfiles("FROM nginx:1.27\nEXPOSE 8080\n"),
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
			svc, admin := remoteAdminPorts[port]
			if !admin || allowedPort(p, port) {
				continue
			}
			if why := adminPortIsService(in.Stage(), port); why != "" {
				p.ReportAtf(Info, in.Range(), nil, "EXPOSE %s opens port %d (%s), but %s", spec, port, svc, why)
				continue
			}
			p.Reportf(in.Range(), "EXPOSE %s opens port %d (%s)", spec, port, svc)
		}
	}
}

// passwordAuthOff matches an sshd_config line (as RUN writes it) turning
// password logins off.
var passwordAuthOff = lazyre.New(`(?i)\bPasswordAuthentication\s+no\b`)

// adminPortIsService says why an exposed admin port is the image's own,
// guarded service ("" when it is not): Docker-in-Docker exposes 2375 beside
// 2376, where its daemon listens with TLS unless DOCKER_TLS_CERTDIR is set
// empty; an SSH server image (sshd is its process) with password logins
// switched off serves keys only.
func adminPortIsService(s *dockerfile.Stage, port int) string {
	if s == nil {
		return ""
	}
	switch port {
	case 2375:
		if exposesPort(s, 2376) && !tlsCertDirEmpty(s) {
			return "2376 is exposed too: a Docker-in-Docker image, whose daemon listens on 2376 with TLS unless DOCKER_TLS_CERTDIR is set empty"
		}
	case 22:
		if slices.ContainsFunc(containerArgv(s), func(a string) bool { return path.Base(a) == "sshd" }) && writesInStages(s, passwordAuthOff()) {
			return "the image is an SSH server (sshd is its process) with password logins switched off"
		}
	}
	return ""
}

// exposesPort reports an EXPOSE of port in s or the stages it builds on.
func exposesPort(s *dockerfile.Stage, port int) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			e, ok := in.(*dockerfile.Expose)
			if !ok {
				continue
			}
			for _, spec := range e.Cmd.Ports {
				if lo, hi, ok := portRange(spec, in.Scope()); ok && lo <= port && port <= hi {
					return true
				}
			}
		}
	}
	return false
}

// tlsCertDirEmpty reports an ENV that sets DOCKER_TLS_CERTDIR empty, which
// turns dind's TLS off.
func tlsCertDirEmpty(s *dockerfile.Stage) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if e, ok := in.(*dockerfile.Env); ok {
				for _, kv := range e.Cmd.Env {
					if kv.Key == "DOCKER_TLS_CERTDIR" && strings.Trim(kv.Value, `"'`) == "" {
						return true
					}
				}
			}
		}
	}
	return false
}

// writesInStages reports a RUN of s or the stages it builds on whose text
// matches re.
func writesInStages(s *dockerfile.Stage, re *regexp.Regexp) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if r, ok := in.(*dockerfile.Run); ok && re.MatchString(strings.Join(r.Cmd.CmdLine, " ")) {
				return true
			}
		}
	}
	return false
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
