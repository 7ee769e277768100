package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PortPublishedAllInterfaces: a compose `ports:` item published on every
// host interface.
var PortPublishedAllInterfaces = &Rule{
	ID:       "DKS6101",
	Name:     "port-published-all-interfaces",
	Title:    "Port published on every host interface",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"451d79dc-0588-476a-ad03-3c7f0320abb3", "container-traffic-not-bound-to-host-interface"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.DenialOfService, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1190, t.T1046, t.T1499},
		CIS:      []*t.CISItem{t.CIS5_14},
		CWE:      []*t.CWE{t.CWE1327, t.CWE668},
		Controls: []*t.Control{t.Top10_A05, t.NIST53_SC7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Vulnerability: "Port published on all host interfaces",
		Mitigation:    "Publish on 127.0.0.1 or one address, not every interface.",

		Rationale: "`ports: [\"5000:5000\"]` (and `\"5000\"`, which picks a random host port) publishes the " +
			"service on every interface of the host: every network the host is on can reach it, and Docker's " +
			"iptables rules put it in front of the host firewall (ufw does not see it). An application that " +
			"listens on 0.0.0.0 inside the container (bandit's B104) is then on the internet. Bind the port to " +
			"the address clients use: 127.0.0.1 behind a reverse proxy on the same host.",
		Impact: "Service reachable from every network, open to scanning, exploitation and DoS",
		Fix:    "Publish on one address: `ports: [\"127.0.0.1:5000:5000\"]`; for services only other containers use, drop `ports:` and let them connect over the compose network.",
		Bad:    ComposeFiles("services:\n  api:\n    image: api:1.2\n    ports:\n      - \"5000:5000\"\n"),
		Good:   ComposeFiles("services:\n  api:\n    image: api:1.2\n    ports:\n      - \"127.0.0.1:5000:5000\"\n", "services:\n  db:\n    image: postgres:16\n    expose: [\"5432\"]\n"),
		Refs:   []string{"https://docs.docker.com/engine/network/packet-filtering-firewalls/", "https://docs.docker.com/reference/compose-file/services/#ports"},
	},
	// Unsafe: other hosts can no longer reach a port bound to 127.0.0.1.
	Fix:    UnsafeFix,
	Checks: []Check{ComposeServiceCheck{Check: checkPortPublishedAllInterfaces}},
}

func checkPortPublishedAllInterfaces(p *ComposePass, s *compose.Service) {
	if isHostMode(s.NetworkMode) {
		return // no port mapping applies; HostNetworkMode says why
	}
	for i := range s.Ports.Items {
		port := &s.Ports.Items[i]
		if ip, _, _, _ := publishedHost(port); allInterfaces(ip) {
			p.WithFix(func() *Fix { return loopbackPortFix(p, s, port) }).Report(p.ItemFinding(s, s.Ports.Key, port.Pos,
				"publishes %s on every host interface; bind it to one address (127.0.0.1 for a local proxy)", describePort(port)))
		}
	}
}
