package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// InterContainerTrafficOpen: daemon.json without `"icc": false`.
var InterContainerTrafficOpen = &Rule{
	ID:       "DKS6103",
	Name:     "inter-container-traffic-open",
	Title:    "Containers on the default bridge reach each other",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Tampering},
		ATTACK:   []*t.Technique{t.T1210, t.T1046},
		CIS:      []*t.CISItem{t.CIS2_2},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_SC7, t.NIST190_4_4_2},
	},
	Doc: Doc{
		Vulnerability: "Open inter-container traffic",
		Mitigation:    "Set icc to false; connect through user-defined networks.",

		Rationale: "By default every container on the default bridge (`docker run` without `--network`) can " +
			"connect to every port of every other: one compromised container reaches the rest, whatever they " +
			"publish. `\"icc\": false` allows only the links and published ports you ask for. Compose projects " +
			"use their own networks, which `icc` does not govern, so this is advice for hosts that run loose " +
			"containers.",
		Impact: "Lateral movement between unrelated containers",
		Fix:    "Set `\"icc\": false` in daemon.json and connect containers that must talk through user-defined networks.",
		Bad:    DaemonConfigs("{\n  \"icc\": true\n}\n"),
		Good:   DaemonConfigs("{\n  \"icc\": false\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge"},
	},
	// Unsafe, as every daemon.json fix (daemonSettingFix): containers that
	// talk over the default bridge lose each other.
	Fix: UnsafeFix,
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		switch {
		case c.ICC.Set && !c.ICC.Value:
		case c.ICC.Set:
			p.WithFix(func() *Fix { return daemonSettingFix(p, "icc", "false") }).Reportf(c.ICC.Pos, "icc is true: containers on the default bridge can connect to each other")
		default:
			p.WithFix(func() *Fix { return daemonSettingFix(p, "icc", "false") }).Reportf(c.ICC.Pos, "icc is not set to false: containers on the default bridge can connect to each other")
		}
	}}},
}
