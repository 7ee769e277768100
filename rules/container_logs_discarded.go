package rules

import (
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ContainerLogsDiscarded: daemon.json with `"log-driver": "none"`.
var ContainerLogsDiscarded = &Rule{
	ID:       "DKS6206",
	Name:     "container-logs-discarded",
	Title:    "Container output is discarded (log-driver none)",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		ATTACK:   []*t.Technique{t.T1070},
		CIS:      []*t.CISItem{t.CIS2_13},
		CWE:      []*t.CWE{t.CWE778},
		Controls: []*t.Control{t.Top10_A09, t.NIST53_AU2, t.NIST53_AU12},
	},
	Doc: Doc{
		Vulnerability: "Container logs discarded",
		Mitigation:    "Use a log driver that keeps or ships logs.",

		Rationale: "With the `none` log driver nothing a container prints is kept: no access log, no error, " +
			"no trace of an attack, and `docker logs` shows nothing. Ship logs off the host (journald, syslog, " +
			"fluentd, gelf, awslogs) so an intruder on the host cannot erase them either.",
		Impact: "Attacks and failures leave no record",
		Fix:    "Set `\"log-driver\"` to a driver that keeps or ships logs (`journald`, `fluentd`, `local` with rotation).",
		Bad:    DaemonConfigs("{\n  \"log-driver\": \"none\"\n}\n"),
		Good:   DaemonConfigs("{\n  \"log-driver\": \"journald\"\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/logging/configure/"},
	},
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		if c.LogDriver.Set && c.LogDriver.Value == "none" {
			p.Reportf(c.LogDriver.Pos, "log-driver is none: no container output is kept")
		}
	}}},
}
