package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostUtsNamespace: a compose service with `uts: host`.
var HostUtsNamespace = &Rule{
	ID:       "DKS4207",
	Name:     "host-uts-namespace",
	Title:    "Service shares the host's UTS namespace",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_21},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host UTS namespace shared",
		Mitigation:    "Remove uts: host; set hostname instead.",

		Rationale: "The UTS namespace is the host name and NIS domain. Sharing the host's lets a container " +
			"with SYS_ADMIN rename the host, which misleads logs, monitoring and anything that trusts the " +
			"name, and it removes one more layer between the container and the host.",
		Impact: "Host name tampering; weaker isolation",
		Fix:    "Remove `uts: host`; set the container's own name with `hostname:`.",
		Bad:    ComposeFiles("services:\n  agent:\n    image: agent:1.4\n    uts: host\n"),
		Good:   ComposeFiles("services:\n  agent:\n    image: agent:1.4\n    hostname: agent\n"),
		Refs:   []string{"https://docs.docker.com/engine/containers/run/#uts-settings---uts"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		reportHostMode(p, s, s.Uts, "uts", "it shares the host's name and domain")
	}}},
}
