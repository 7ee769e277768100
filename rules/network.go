package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BindsAllInterfaces: CMD/ENTRYPOINT tells a service to listen on 0.0.0.0.
var BindsAllInterfaces = &Rule{
	ID:       "DKS6002",
	Name:     "binds-all-interfaces",
	Title:    "Service told to listen on all interfaces",
	Severity: Info,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1190, t.T1046, t.T1499},
		CIS:      []*t.CISItem{t.CIS5_9},
		CWE:      []*t.CWE{t.CWE1327},
		Controls: []*t.Control{t.Top10_A05, t.NIST53_SC7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Rationale: "Binding to 0.0.0.0 (bandit's B104) makes the service reachable on every network the " +
			"container is attached to, not only through the port mapping the operator chose. Inside a " +
			"container this is often required, which is why this is informational: make sure the port is " +
			"published deliberately and that admin or debug endpoints are not on the same listener.",
		Impact: "Service reachable from every network, open to scanning and DoS",
		Fix:    "Bind to a specific interface where possible (127.0.0.1 for sidecar-only services), and publish only the ports clients need; keep debug and admin listeners on localhost.",
		Bad:    Dockerfiles("FROM python:3.12-slim\nCMD [\"flask\", \"run\", \"--host=0.0.0.0\"]\n"),
		Good:   Dockerfiles("FROM python:3.12-slim\nCMD [\"flask\", \"run\", \"--host=127.0.0.1\"]\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b104_hardcoded_bind_all_interfaces.html"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCmd, dockerfile.KindEntrypoint}, Check: func(p *Pass, in dockerfile.Instruction) {
			if !p.IsShipped(in.Stage()) {
				return
			}
			for _, a := range commandWords(in) {
				if bindsAll(a) {
					p.Reportf(in.Range(), "%s makes the service listen on all interfaces (%s)", in.Kind(), a)
					return
				}
			}
		}},
		ImageConfigCheck{Check: imageBindsAll},
	},
}

// commandWords splits a CMD/ENTRYPOINT into words, whatever its form.
func commandWords(in dockerfile.Instruction) []string {
	var line []string
	switch x := in.(type) {
	case *dockerfile.Cmd:
		line = x.Cmd.CmdLine
	case *dockerfile.Entrypoint:
		line = x.Cmd.CmdLine
	default:
		return nil
	}
	var words []string
	for _, l := range line {
		words = append(words, strings.Fields(l)...)
	}
	return words
}

func bindsAll(word string) bool {
	w := strings.Trim(word, `"'`)
	if i := strings.LastIndexByte(w, '='); i >= 0 {
		w = w[i+1:]
	}
	for _, any := range []string{"0.0.0.0", "[::]", "::"} {
		if w == any || strings.HasPrefix(w, any+":") {
			return true
		}
	}
	return strings.HasPrefix(w, "tcp://0.0.0.0") || strings.HasPrefix(w, "http://0.0.0.0")
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
		ATTACK:   []*t.Technique{t.T1021_004, t.T1133, t.T1190},
		CIS:      []*t.CISItem{t.CIS5_7, t.CIS5_9},
		CWE:      []*t.CWE{t.CWE284, t.CWE319},
		Controls: []*t.Control{t.NIST53_AC17, t.NIST53_CM7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Rationale: "A container should run one service; an SSH, Telnet, RDP or VNC daemon inside it is a " +
			"second, interactive entry point with its own credentials to leak and brute-force. Port 2375 is " +
			"the Docker API without TLS: whoever reaches it owns the host.",
		Impact: "Interactive remote access to the container",
		Fix:    "Remove the daemon and the EXPOSE; use `docker exec` / `kubectl exec` for debugging, and TLS on 2376 if a Docker API must be served.",
		Bad:    Dockerfiles("FROM debian:12\nEXPOSE 22\n", "FROM docker:27-dind\nEXPOSE 2375/tcp\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 8080\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: func(p *Pass, in dockerfile.Instruction) {
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
		}},
		ImageConfigCheck{Check: imageAdminPort},
	},
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

// portRange parses "8080", "8080/tcp", "8000-8010/udp" (after ARG/ENV
// expansion); ok is false when it is not a number.
func portRange(spec string, scope *dockerfile.Scope) (lo, hi int, ok bool) {
	s := spec
	if strings.Contains(s, "$") && scope != nil {
		exp := scope.Expand(s)
		if !exp.Resolved {
			return 0, 0, false
		}
		s = exp.Value
	}
	s, _, _ = strings.Cut(s, "/")
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		// ip:host:container or host:container forms: the container port counts.
		s = s[i+1:]
	}
	a, b, isRange := strings.Cut(s, "-")
	lo, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	hi = lo
	if isRange {
		if hi, err = strconv.Atoi(b); err != nil {
			return 0, 0, false
		}
	}
	return lo, hi, true
}

// ExposePortOutOfRange: EXPOSE of a port outside 0–65535.
var ExposePortOutOfRange = &Rule{
	ID:       "DKS6005",
	Name:     "expose-port-out-of-range",
	Title:    "EXPOSE port outside 0-65535",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DL3011", "DS-0008"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE20},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "TCP and UDP ports are 16-bit. A port outside 0-65535 is a typo that the runtime rejects " +
			"or truncates, so the service is not reachable where the operator expects.",
		Impact: "Service unreachable as configured",
		Fix:    "Use the port the service really listens on, between 0 and 65535.",
		Bad:    Dockerfiles("FROM nginx:1.27\nEXPOSE 80800\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 8080\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: func(p *Pass, in dockerfile.Instruction) {
			for _, spec := range in.(*dockerfile.Expose).Cmd.Ports {
				lo, hi, ok := portRange(spec, in.Scope())
				if ok && (lo < 0 || hi > 65535 || lo > 65535) {
					p.Reportf(in.Range(), "EXPOSE %s: ports must be between 0 and 65535", spec)
				}
			}
		}},
		ImageConfigCheck{Check: imagePortOutOfRange},
	},
}
