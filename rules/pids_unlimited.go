package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PidsUnlimited: a compose service without a PIDs limit.
var PidsUnlimited = &Rule{
	ID:       "DKS6203",
	Name:     "pids-unlimited",
	Title:    "Service has no PIDs limit",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"221e0658-cb2a-44e3-b08a-db96a341d6fa", "pids-limit-not-set"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS5_29},
		CWE:      []*t.CWE{t.CWE770, t.CWE400},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "No PIDs limit",
		Mitigation:    "Set pids_limit on the service.",

		Rationale: "Process IDs are a host-wide resource. A fork bomb, or a service that spawns a thread or " +
			"process per request under load, exhausts them and then nothing on the host can start a process, " +
			"not even a shell to fix it. A PIDs limit stops the container at its own ceiling.",
		Impact: "One service can exhaust the host's process table",
		Fix:    "Set `pids_limit: 200` (or `deploy.resources.limits.pids`), comfortably above what the service uses.",
		Bad:    ComposeFiles("services:\n  api:\n    image: api:1.2\n", "services:\n  api:\n    image: api:1.2\n    pids_limit: -1\n"),
		Good:   ComposeFiles("services:\n  api:\n    image: api:1.2\n    pids_limit: 200\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#pids_limit"},
	},
	// Unsafe: a service that runs more processes or threads cannot start
	// more.
	Fix: UnsafeFix,
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		fixed := func() *ComposePass { return p.WithFix(func() *Fix { return pidsLimitFix(p, s) }) }
		switch {
		case positive(s.PidsLimit) || positive(s.Deploy.Resources.Limits.Pids):
		case s.PidsLimit.Set:
			fixed().Reportf(s, s.PidsLimit.Pos, "sets pids_limit to %s, which is no limit", s.PidsLimit.Raw)
		default:
			fixed().Reportf(s, limitsAt(s), "has no PIDs limit (pids_limit or deploy.resources.limits.pids)")
		}
	}}},
}
