package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SeccompUnconfined: security_opt seccomp=unconfined.
var SeccompUnconfined = &Rule{
	ID:       "DKS4211",
	Name:     "seccomp-unconfined",
	Title:    "Service runs without the seccomp filter",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"404fde2c-bc4b-4371-9747-7054132ac953", "default-seccomp-profile-disabled"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1562_001, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_22},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST53_CM7, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Seccomp filter disabled",
		Mitigation:    "Keep Docker's seccomp profile, or extend it.",

		Rationale: "Docker's default seccomp profile blocks about 50 system calls no service needs " +
			"(`keyctl`, `unshare`, `bpf`, `mount`, kernel module loading …), and with them a large share of the " +
			"kernel bugs that have been container escapes. `seccomp:unconfined` switches it off.",
		Impact: "Full kernel attack surface exposed to the container",
		Fix:    "Remove `seccomp:unconfined`; if a call is really missing, write a profile that adds it to Docker's default (`seccomp:./seccomp.json`).",
		Bad:    ComposeFiles("services:\n  app:\n    image: app:1.0\n    security_opt:\n      - seccomp:unconfined\n"),
		Good:   ComposeFiles("services:\n  app:\n    image: app:1.0\n    security_opt:\n      - seccomp:./profiles/app.json\n      - no-new-privileges:true\n"),
		Refs:   []string{"https://docs.docker.com/engine/security/seccomp/"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		if o, ok := unconfinedOpt(s, "seccomp", "unconfined"); ok {
			p.Reportf(s, o.pos, "turns the seccomp filter off (%s)", strconv.Quote(o.raw))
		}
	}}},
}
