package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostUserNamespace: a compose service with `userns_mode: host`.
var HostUserNamespace = &Rule{
	ID:       "DKS4208",
	Name:     "host-user-namespace",
	Title:    "Service opts out of user namespace remapping",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"8af7162d-6c98-482f-868e-0d33fb675ca8", "shared-host-user-namespace"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_31},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "User namespace remapping bypassed",
		Mitigation:    "Remove userns_mode: host.",

		Rationale: "When the daemon remaps user namespaces (`userns-remap`), root in a container is an " +
			"unprivileged user on the host. `userns_mode: host` takes the service out of that protection: " +
			"its root is the host's root again, so any escape lands with full privileges.",
		Impact: "Container root is host root",
		Fix:    "Remove `userns_mode: host`; if a volume's ownership is the reason, chown it to the remapped range instead.",
		Bad:    ComposeFiles("services:\n  backup:\n    image: restic:0.17\n    userns_mode: host\n"),
		Good:   ComposeFiles("services:\n  backup:\n    image: restic:0.17\n    user: \"10001\"\n"),
		Refs:   []string{"https://docs.docker.com/engine/security/userns-remap/"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		reportHostMode(p, s, s.UsernsMode, "userns_mode", "its root is the host's root even when the daemon remaps users")
	}}},
}
