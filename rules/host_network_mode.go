package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostNetworkMode: a compose service with `network_mode: host`.
var HostNetworkMode = &Rule{
	ID:       "DKS4204",
	Name:     "host-network-mode",
	Title:    "Service shares the host's network namespace",
	Severity: Error,
	Since:    "0.2.0",
	Aliases:  []string{"071a71ff-f868-47a4-ac0b-3c59e4ab5443", "shared-host-network-namespace"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1040, t.T1046, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_10},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_SC7, t.NIST190_4_4_2, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host network namespace shared",
		Mitigation:    "Remove network_mode: host; publish the needed ports.",

		Rationale: "On the host's network stack a container listens on every host interface with no port " +
			"mapping in between, reaches services bound to the host's 127.0.0.1 (the Docker API on TCP, " +
			"databases, cloud metadata proxies) and, with NET_RAW or NET_ADMIN, sniffs or reroutes the host's " +
			"traffic. `ports:` is ignored, so nothing the compose file says limits what it exposes.",
		Impact: "Host network exposure, traffic sniffing and access to host-local services",
		Fix:    "Remove `network_mode: host`; publish the ports the service needs (`ports: [\"127.0.0.1:8080:8080\"]`) on a user-defined network.",
		Bad:    ComposeFiles("services:\n  exporter:\n    image: node-exporter:1.8\n    network_mode: host\n"),
		Good:   ComposeFiles("services:\n  exporter:\n    image: node-exporter:1.8\n    ports: [\"127.0.0.1:9100:9100\"]\n", "services:\n  batch:\n    image: job:2.0\n    network_mode: none\n"),
		Refs:   []string{"https://docs.docker.com/engine/network/drivers/host/"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		reportHostMode(p, s, s.NetworkMode, "network_mode", "it listens on the host's interfaces and sees the host's traffic")
	}}},
}
