package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RootFilesystemWritable: a compose service without `read_only: true`.
var RootFilesystemWritable = &Rule{
	ID:       "DKS4215",
	Name:     "root-filesystem-writable",
	Title:    "Service's root filesystem is writable",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1105, t.T1222},
		CIS:      []*t.CISItem{t.CIS5_13},
		CWE:      []*t.CWE{t.CWE732},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST53_SI7, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Writable root filesystem",
		Mitigation:    "Set read_only: true with tmpfs for written paths.",

		Rationale: "A writable root filesystem lets an attacker who gets code execution drop tools, change " +
			"the application's own code or configuration, and persist for the container's life. With " +
			"`read_only: true` the image stays as built and only the volumes and tmpfs mounts you list can be " +
			"written. Many images need a writable `/tmp` or run directory, so this is advice.",
		Impact: "Attacker can modify the running application and drop tools",
		Fix:    "Set `read_only: true` and give the paths the service writes a `tmpfs:` (`/tmp`, `/run`) or a volume.",
		Bad:    ComposeFiles("services:\n  api:\n    image: api:1.2\n", "services:\n  api:\n    image: api:1.2\n    read_only: false\n"),
		Good:   ComposeFiles("services:\n  api:\n    image: api:1.2\n    read_only: true\n    tmpfs: [/tmp]\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#read_only"},
	},
	// Unsafe: a service that writes outside /tmp fails until that path
	// gets a tmpfs or a volume.
	Fix: UnsafeFix,
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		switch {
		case s.ReadOnly.Set && (s.ReadOnly.Value || s.ReadOnly.Interpolated):
		case s.ReadOnly.Set:
			p.WithFix(func() *Fix { return readOnlyFix(p, s) }).Reportf(s, s.ReadOnly.Pos, "sets read_only: false, so its root filesystem is writable")
		default:
			p.WithFix(func() *Fix { return readOnlyFix(p, s) }).Reportf(s, s.Pos, "does not set read_only: true, so its root filesystem is writable")
		}
	}}},
}
