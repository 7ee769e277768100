package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PrivilegedContainer: a compose service with `privileged: true`.
var PrivilegedContainer = &Rule{
	ID:       "DKS4201",
	Name:     "privileged-container",
	Title:    "Service runs privileged",
	Severity: Error,
	Since:    "0.2.0",
	Aliases:  []string{"ae5b6871-7f45-42e0-bb4c-ab300c4d2026", "privileged-containers-enabled"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1610},
		CIS:      []*t.CISItem{t.CIS5_5},
		CWE:      []*t.CWE{t.CWE250, t.CWE269},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Privileged container",
		Mitigation:    "Remove privileged; add only the capability or device needed.",

		Rationale: "`privileged: true` gives the container every capability, every host device and no " +
			"seccomp, AppArmor or SELinux confinement: root in it is root on the host, one `mount /dev/sda1` " +
			"away from the host's disk. It is almost never what a service needs.",
		Impact: "Container escape to root on the host",
		Fix:    "Remove `privileged`; grant the one capability (`cap_add: [NET_ADMIN]`) or device (`devices:`) the service needs.",
		Bad:    ComposeFiles("services:\n  vpn:\n    image: wireguard:1.0\n    privileged: true\n"),
		Good:   ComposeFiles("services:\n  vpn:\n    image: wireguard:1.0\n    cap_add: [NET_ADMIN]\n    devices: [/dev/net/tun]\n", "services:\n  web:\n    image: nginx:1.27\n    privileged: false\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#privileged", "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities"},
	},
	Checks: []Check{ComposeServiceCheck{Check: checkPrivilegedContainer}},
}

func checkPrivilegedContainer(p *ComposePass, s *compose.Service) {
	if s.Privileged.Set && s.Privileged.Value {
		p.Reportf(s, s.Privileged.Pos, "runs privileged: every capability and host device, no seccomp or AppArmor")
	}
}
