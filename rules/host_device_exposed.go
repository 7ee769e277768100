package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HostDeviceExposed: a compose service with `devices:`.
var HostDeviceExposed = &Rule{
	ID:       "DKS4209",
	Name:     "host-device-exposed",
	Title:    "Host device passed into a service",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Tampering, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1006, t.T1611},
		CIS:      []*t.CISItem{t.CIS5_18},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host device passed into the container",
		Mitigation:    "Pass only the narrowest device the service needs.",

		Rationale: "A device node gives the container the kernel driver behind it: a disk (`/dev/sda`) is read " +
			"and written below every file permission, `/dev/mem` and `/dev/kmsg` expose the kernel, and each " +
			"driver is attack surface for an escape. Some services need one (a GPU, `/dev/net/tun`, `/dev/fuse`): " +
			"review each, and grant it read-only (`:r`) where the service only reads.",
		Impact: "Raw host device access around file permissions",
		Fix:    "Remove devices the service does not need; pass the narrowest one (`/dev/dri/renderD128`, not `/dev/dri`) with the least permissions (`:r`).",
		Bad:    ComposeFiles("services:\n  backup:\n    image: backup:2.0\n    devices:\n      - /dev/sda:/dev/sda\n"),
		Good:   ComposeFiles("services:\n  backup:\n    image: backup:2.0\n    volumes:\n      - ./data:/data:ro\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#devices"},
	},
	Checks: []Check{ComposeServiceCheck{Check: checkHostDeviceExposed}},
}

func checkHostDeviceExposed(p *ComposePass, s *compose.Service) {
	for _, d := range s.Devices.Items {
		what := strconv.Quote(d.Raw)
		if d.Raw == "" {
			what = strconv.Quote(d.Source.Raw)
		}
		p.Reportf(s, d.Pos, "is given the host device %s", what)
	}
}
