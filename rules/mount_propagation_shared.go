package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// MountPropagationShared: a bind mount with shared or slave propagation.
var MountPropagationShared = &Rule{
	ID:       "DKS4210",
	Name:     "mount-propagation-shared",
	Title:    "Bind mount propagates mounts between host and container",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"baa452f0-1f21-4a25-ace5-844e7a5f410d", "volume-mounted-in-multiple-containers"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_20},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Shared mount propagation",
		Mitigation:    "Drop bind.propagation unless a storage plugin needs it.",

		Rationale: "With `shared` (or `rshared`) propagation a mount made inside the container appears on " +
			"the host and in every container sharing the mount, so a compromised service can cover host " +
			"directories with its own files; `slave` and `rslave` carry the host's later mounts (a newly " +
			"attached disk, another container's volumes) into the container. The default, `rprivate`, " +
			"isolates both ways.",
		Impact: "Mounts crossing between host and container",
		Fix:    "Drop `bind.propagation` (rprivate is the default) unless the service is a storage plugin that needs it.",
		Bad:    ComposeFiles("services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - type: bind\n        source: /mnt/data\n        target: /data\n        bind:\n          propagation: rshared\n"),
		Good:   ComposeFiles("services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - type: bind\n        source: /mnt/data\n        target: /data\n        bind:\n          propagation: rprivate\n"),
		Refs:   []string{"https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation"},
	},
	Checks: []Check{ComposeServiceCheck{Check: checkMountPropagationShared}},
}

func checkMountPropagationShared(p *ComposePass, s *compose.Service) {
	for i := range s.Volumes.Items {
		v := &s.Volumes.Items[i]
		switch prop := v.Propagation.Value; prop {
		case "shared", "rshared", "slave", "rslave":
			p.Reportf(s, v.Propagation.Pos, "mounts %q with %s propagation", v.Target.Raw, prop)
		}
	}
}
