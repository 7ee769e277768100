package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CPUUnlimited: a compose service without a CPU limit or share.
var CPUUnlimited = &Rule{
	ID:       "DKS6202",
	Name:     "cpu-unlimited",
	Title:    "Service has no CPU limit",
	Severity: Info,
	Since:    "0.2.0",
	Aliases:  []string{"6b610c50-99fb-4ef0-a5f3-e312fd945bc3", "cpus-not-limited"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS5_12},
		CWE:      []*t.CWE{t.CWE770},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "No CPU limit",
		Mitigation:    "Set a CPU limit on the service.",

		Rationale: "A container without a CPU limit or share competes for the CPUs as an equal of every other " +
			"process: a busy loop or a flood of requests slows every service on the host. CPU pressure, unlike " +
			"memory, kills nothing, so this is advice.",
		Impact: "One service can starve the host's CPUs",
		Fix:    "Set `deploy.resources.limits.cpus` (or `cpus`), or give the service a relative weight with `cpu_shares`.",
		Bad:    ComposeFiles("services:\n  worker:\n    image: worker:1.0\n    mem_limit: 256m\n"),
		Good:   ComposeFiles("services:\n  worker:\n    image: worker:1.0\n    deploy:\n      resources:\n        limits: {cpus: \"0.5\", memory: 256M}\n", "services:\n  worker:\n    image: worker:1.0\n    cpu_shares: 512\n"),
		Refs:   []string{"https://docs.docker.com/engine/containers/resource_constraints/#cpu"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		_, cpuset := s.Keys["cpuset"]
		if cpuset || positive(s.Cpus) || positive(s.CPUQuota) || positive(s.CPUShares) || positive(s.Deploy.Resources.Limits.Cpus) {
			return
		}
		p.Reportf(s, limitsAt(s), "has no CPU limit (deploy.resources.limits.cpus, cpus or cpu_shares)")
	}}},
}
