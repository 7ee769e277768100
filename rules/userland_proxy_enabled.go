package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UserlandProxyEnabled: daemon.json without `"userland-proxy": false`.
var UserlandProxyEnabled = &Rule{
	ID:       "DKS6104",
	Name:     "userland-proxy-enabled",
	Title:    "Published ports go through the userland proxy",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.Repudiation},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS2_16},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST53_SC5},
	},
	Doc: Doc{
		Vulnerability: "Userland proxy enabled",
		Mitigation:    "Set userland-proxy to false in daemon.json.",

		Rationale: "With the userland proxy on (the default) Docker runs a `docker-proxy` process per " +
			"published port, which copies every connection in user space: more processes and memory, an extra " +
			"piece of code facing the network, and the container sees the proxy, not the client, as the source " +
			"of traffic looped back through the host. Hairpin NAT in the kernel does the same job.",
		Impact: "Extra network-facing processes; client addresses lost",
		Fix:    "Set `\"userland-proxy\": false` in daemon.json (the kernel's hairpin NAT then forwards published ports).",
		Bad:    DaemonConfigs("{\n  \"userland-proxy\": true\n}\n"),
		Good:   DaemonConfigs("{\n  \"userland-proxy\": false\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/network/packet-filtering-firewalls/#docker-on-a-router"},
	},
	// Unsafe, as every daemon.json fix (daemonSettingFix): a host without
	// hairpin NAT loses loopback access to published ports.
	Fix: UnsafeFix,
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		switch {
		case c.UserlandProxy.Set && !c.UserlandProxy.Value:
		case c.UserlandProxy.Set:
			p.WithFix(func() *Fix { return daemonSettingFix(p, "userland-proxy", "false") }).Reportf(c.UserlandProxy.Pos, "userland-proxy is true: each published port runs a docker-proxy process")
		default:
			p.WithFix(func() *Fix { return daemonSettingFix(p, "userland-proxy", "false") }).Reportf(c.UserlandProxy.Pos, "userland-proxy is not set to false: each published port runs a docker-proxy process")
		}
	}}},
}
