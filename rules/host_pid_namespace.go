package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostPidNamespace: a compose service with `pid: host`.
var HostPidNamespace = &Rule{
	ID:       "DKS4205",
	Name:     "host-pid-namespace",
	Title:    "Service shares the host's process namespace",
	Severity: Error,
	Since:    "0.2.0",
	Aliases:  []string{"4f31dd9f-2cc3-4751-9b53-67e4af83dac0", "host-namespace-is-shared"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.InformationDisclosure, t.DenialOfService},
		ATTACK:   []*t.Technique{t.T1057, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_16},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host process namespace shared",
		Mitigation:    "Remove pid: host.",

		Rationale: "In the host's PID namespace the container sees every process on the host with its " +
			"command line and environment (`/proc/<pid>/environ` holds other services' secrets), can signal " +
			"them, and, running as root, can enter their namespaces with `nsenter -t 1`, which is the host.",
		Impact: "Host process disclosure and escape through /proc",
		Fix:    "Remove `pid: host`; to debug a neighbour, share only its namespace (`pid: \"service:app\"`).",
		Bad:    ComposeFiles("services:\n  debug:\n    image: busybox:1.36\n    pid: host\n"),
		Good:   ComposeFiles("services:\n  app:\n    image: app:1.0\n  debug:\n    image: busybox:1.36\n    pid: \"service:app\"\n"),
		Refs:   []string{"https://docs.docker.com/engine/containers/run/#pid-settings---pid"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		reportHostMode(p, s, s.Pid, "pid", "it sees, signals and can enter every host process")
	}}},
}
