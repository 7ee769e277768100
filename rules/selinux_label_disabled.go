package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SelinuxLabelDisabled: security_opt label=disable, or the unconfined
// spc_t type.
var SelinuxLabelDisabled = &Rule{
	ID:       "DKS4213",
	Name:     "selinux-label-disabled",
	Title:    "Service runs without SELinux separation",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1562_001, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_3},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "SELinux separation disabled",
		Mitigation:    "Remove label:disable; relabel volumes with :Z.",

		Rationale: "On SELinux hosts (RHEL, Fedora) each container runs as `container_t` with its own MCS " +
			"category, so it can touch neither the host's files nor another container's. `label:disable` " +
			"and the super-privileged type `label:type:spc_t` turn that separation off.",
		Impact: "Mandatory access control removed from the container",
		Fix:    "Remove `label:disable`; relabel the volumes the service needs instead (`./data:/data:Z`).",
		Bad:    ComposeFiles("services:\n  app:\n    image: app:1.0\n    security_opt:\n      - label:disable\n"),
		Good:   ComposeFiles("services:\n  app:\n    image: app:1.0\n    volumes:\n      - ./data:/data:Z\n"),
		Refs:   []string{"https://docs.docker.com/reference/cli/docker/container/run/#security-opt"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		if o, ok := unconfinedOpt(s, "label", "disable", "type:spc_t"); ok {
			p.Reportf(s, o.pos, "turns SELinux separation off (%s)", strconv.Quote(o.raw))
		}
	}}},
}
