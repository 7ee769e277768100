package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CgroupParentSet: a compose service with `cgroup_parent:`.
var CgroupParentSet = &Rule{
	ID:       "DKS4216",
	Name:     "cgroup-parent-set",
	Title:    "Service placed in a cgroup of its own choosing",
	Severity: Info,
	Since:    "0.2.0",
	Aliases:  []string{"4d9f44c6-2f4a-4317-9bb5-267adbea0232", "cgroup-not-default"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS5_25},
		CWE:      []*t.CWE{t.CWE770},
		Controls: []*t.Control{t.NIST53_SC5, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Custom cgroup parent",
		Mitigation:    "Remove cgroup_parent; set limits on the service.",

		Rationale: "`cgroup_parent` moves the container out of Docker's cgroup into one the compose file " +
			"names, whose limits (memory, CPU, PIDs) Docker does not manage and may not exist: the service " +
			"can take resources meant for others, and a wrong parent can put it beside host services. Check " +
			"that the parent exists and is limited.",
		Impact: "Resource limits bypassed",
		Fix:    "Remove `cgroup_parent` unless the host's cgroup layout is designed for it; set limits on the service itself (`deploy.resources.limits`).",
		Bad:    ComposeFiles("services:\n  worker:\n    image: worker:1.0\n    cgroup_parent: /system.slice\n"),
		Good:   ComposeFiles("services:\n  worker:\n    image: worker:1.0\n    deploy:\n      resources:\n        limits: {memory: 512M}\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#cgroup_parent"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		if s.CgroupParent.Set && s.CgroupParent.Value != "" {
			p.Reportf(s, s.CgroupParent.Pos, "runs under the cgroup parent %q, outside Docker's own", s.CgroupParent.Raw)
		}
	}}},
}
