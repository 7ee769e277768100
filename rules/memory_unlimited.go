package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// MemoryUnlimited: a compose service without a memory limit.
var MemoryUnlimited = &Rule{
	ID:       "DKS6201",
	Name:     "memory-unlimited",
	Title:    "Service has no memory limit",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"bb9ac4f7-e13b-423d-a010-c74a1bfbe492", "memory-not-limited"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS5_11},
		CWE:      []*t.CWE{t.CWE770, t.CWE400},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "No memory limit",
		Mitigation:    "Set a memory limit on the service.",

		Rationale: "Without a limit a container may use all of the host's memory: a leak, a large request " +
			"or an attacker's payload makes the kernel's OOM killer end processes across the host, other " +
			"services and the Docker daemon included. With a limit only the offending container is killed " +
			"and restarted.",
		Impact: "One service can exhaust the host's memory",
		Fix:    "Set `deploy.resources.limits.memory` (or `mem_limit`) a little above the service's normal peak.",
		Bad:    ComposeFiles("services:\n  api:\n    image: api:1.2\n", "services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          cpus: \"0.5\"\n"),
		Good:   ComposeFiles("services:\n  api:\n    image: api:1.2\n    deploy:\n      resources:\n        limits:\n          memory: 512M\n", "services:\n  api:\n    image: api:1.2\n    mem_limit: 512m\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/deploy/#resources", "https://docs.docker.com/engine/containers/resource_constraints/#memory"},
	},
	// Unsafe: a service whose peak is above the limit is killed.
	Fix: UnsafeFix,
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		if !positive(s.MemLimit) && !positive(s.Deploy.Resources.Limits.Memory) {
			p.WithFix(func() *Fix { return memLimitFix(p, s) }).Reportf(s, limitsAt(s), "has no memory limit (deploy.resources.limits.memory or mem_limit)")
		}
	}}},
}
