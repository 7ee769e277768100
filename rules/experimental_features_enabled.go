package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ExperimentalFeaturesEnabled: daemon.json with `"experimental": true`.
var ExperimentalFeaturesEnabled = &Rule{
	ID:       "DKS6207",
	Name:     "experimental-features-enabled",
	Title:    "Daemon runs experimental features",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1068},
		CIS:      []*t.CISItem{t.CIS2_18},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "Experimental daemon features enabled",
		Mitigation:    "Turn experimental features off in production.",

		Rationale: "Experimental features are not covered by Docker's stability and security guarantees and " +
			"change between releases: they add code paths that have seen little review to a daemon that runs " +
			"as root. Keep them to test hosts.",
		Impact: "Less reviewed code in a root daemon",
		Fix:    "Remove `\"experimental\": true` from production hosts' daemon.json.",
		Bad:    DaemonConfigs("{\n  \"experimental\": true\n}\n"),
		Good:   DaemonConfigs("{\n  \"experimental\": false\n}\n"),
		Refs:   []string{"https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file"},
	},
	// Unsafe, as every daemon.json fix (daemonSettingFix): a host may use
	// an experimental feature.
	Fix: UnsafeFix,
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		if c.Experimental.Set && c.Experimental.Value {
			p.WithFix(func() *Fix { return daemonSettingFix(p, "experimental", "false") }).Reportf(c.Experimental.Pos, "experimental is true: the daemon runs features without stability or security guarantees")
		}
	}}},
}
