package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// LiveRestoreOff: daemon.json without `"live-restore": true`.
var LiveRestoreOff = &Rule{
	ID:       "DKS6205",
	Name:     "live-restore-off",
	Title:    "Restarting the daemon stops every container",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS2_15},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST53_SI2},
	},
	Doc: Doc{
		Vulnerability: "Live restore disabled",
		Mitigation:    "Set live-restore to true in daemon.json.",

		Rationale: "Without live restore, stopping or upgrading dockerd stops every container on the host. " +
			"Teams then put off daemon upgrades, security fixes included, to avoid the outage. With " +
			"`\"live-restore\": true` containers keep running while the daemon restarts.",
		Impact: "Daemon upgrades mean downtime, so they are deferred",
		Fix:    "Set `\"live-restore\": true` in daemon.json (not supported with Swarm mode).",
		Bad:    DaemonConfigs("{\n  \"live-restore\": false\n}\n"),
		Good:   DaemonConfigs("{\n  \"live-restore\": true\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/daemon/live-restore/"},
	},
	// Unsafe, as every daemon.json fix (daemonSettingFix): Swarm mode does
	// not support it.
	Fix: UnsafeFix,
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		if !c.LiveRestore.Set || !c.LiveRestore.Value {
			p.WithFix(func() *Fix { return daemonSettingFix(p, "live-restore", "true") }).Reportf(c.LiveRestore.Pos, "live-restore is off: restarting or upgrading the daemon stops every container")
		}
	}}},
}
