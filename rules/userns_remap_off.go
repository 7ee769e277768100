package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UsernsRemapOff: daemon.json without userns-remap.
var UsernsRemapOff = &Rule{
	ID:       "DKS4217",
	Name:     "userns-remap-off",
	Title:    "Daemon does not remap container users",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS2_9},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Daemon without user namespace remapping",
		Mitigation:    "Set userns-remap in daemon.json, or run Docker rootless.",

		Rationale: "Without `userns-remap`, UID 0 in a container is UID 0 on the host: a container escape, " +
			"or a file a container writes to a bind mount, is the host's root. Remapping shifts every " +
			"container's users into an unprivileged range. It changes volume ownership and is not possible " +
			"with some setups (host networking for some tools, rootless Docker already does it), so this is advice.",
		Impact: "Container root is host root",
		Fix:    "Set `\"userns-remap\": \"default\"` in daemon.json (Docker creates the `dockremap` user), or run Docker rootless.",
		Bad:    DaemonConfigs("{\n  \"log-driver\": \"journald\"\n}\n"),
		Good:   DaemonConfigs("{\n  \"userns-remap\": \"default\"\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/security/userns-remap/"},
	},
	// Unsafe, as every daemon.json fix (daemonSettingFix): images and
	// volumes are owned by another range of IDs once it applies.
	Fix: UnsafeFix,
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		if !c.UsernsRemap.Set || c.UsernsRemap.Value == "" {
			p.WithFix(func() *Fix { return daemonSettingFix(p, "userns-remap", `"default"`) }).Reportf(c.UsernsRemap.Pos, "userns-remap is not set, so root in a container is root on the host")
		}
	}}},
}
