package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ApparmorUnconfined: security_opt apparmor=unconfined.
var ApparmorUnconfined = &Rule{
	ID:       "DKS4212",
	Name:     "apparmor-unconfined",
	Title:    "Service runs without its AppArmor profile",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1562_001, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_2},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "AppArmor profile disabled",
		Mitigation:    "Keep the default AppArmor profile, or load a narrower one.",

		Rationale: "On AppArmor hosts (Ubuntu, Debian) Docker confines every container with `docker-default`, " +
			"which denies writes to `/proc/sys`, mounting and raw access to kernel interfaces. " +
			"`apparmor:unconfined` drops it, removing a layer that has stopped real escapes.",
		Impact: "Mandatory access control removed from the container",
		Fix:    "Remove `apparmor:unconfined`; if the default profile blocks something the service needs, load a profile that allows just that (`apparmor:app-profile`).",
		Bad:    ComposeFiles("services:\n  app:\n    image: app:1.0\n    security_opt: [\"apparmor=unconfined\"]\n"),
		Good:   ComposeFiles("services:\n  app:\n    image: app:1.0\n    security_opt: [\"apparmor=app-profile\"]\n"),
		Refs:   []string{"https://docs.docker.com/engine/security/apparmor/"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		if o, ok := unconfinedOpt(s, "apparmor", "unconfined"); ok {
			p.Reportf(s, o.pos, "runs without an AppArmor profile (%s)", strconv.Quote(o.raw))
		}
	}}},
}
