package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostIpcNamespace: a compose service with `ipc: host`.
var HostIpcNamespace = &Rule{
	ID:       "DKS4206",
	Name:     "host-ipc-namespace",
	Title:    "Service shares the host's IPC namespace",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"baa3890f-bed7-46f5-ab8f-1da8fc91c729", "shared-host-ipc-namespace"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Tampering},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_17},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host IPC namespace shared",
		Mitigation:    "Remove ipc: host; share IPC only between services.",

		Rationale: "The IPC namespace holds System V shared memory, semaphores and message queues, and " +
			"`/dev/shm`. Sharing the host's lets the container read and write the shared memory of host " +
			"processes (databases keep their buffers there) and of every other container that shares it.",
		Impact: "Reading or corrupting host processes' shared memory",
		Fix:    "Remove `ipc: host`; share IPC only between the services that need it (`ipc: shareable` on one, `ipc: \"service:x\"` on the other).",
		Bad:    ComposeFiles("services:\n  worker:\n    image: worker:3.2\n    ipc: host\n"),
		Good:   ComposeFiles("services:\n  db:\n    image: postgres:16\n    ipc: shareable\n  worker:\n    image: worker:3.2\n    ipc: \"service:db\"\n"),
		Refs:   []string{"https://docs.docker.com/engine/containers/run/#ipc-settings---ipc"},
	},
	Checks: []Check{ComposeServiceCheck{Check: func(p *ComposePass, s *compose.Service) {
		reportHostMode(p, s, s.Ipc, "ipc", "it shares memory segments with host processes")
	}}},
}
