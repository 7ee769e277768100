package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SensitiveHostPathMounted: a compose service bind-mounts a host system
// directory or a credential folder.
var SensitiveHostPathMounted = &Rule{
	ID:       "DKS4203",
	Name:     "sensitive-host-path-mounted",
	Title:    "Host system directory or credential folder mounted into a service",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"1c1325ff-831d-43a1-973e-839ae57dfcc0", "volume-has-sensitive-host-directory"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Tampering, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1611, t.T1552_001},
		CIS:      []*t.CISItem{t.CIS5_6},
		CWE:      []*t.CWE{t.CWE668, t.CWE552},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Host system directory mounted",
		Mitigation:    "Mount only project directories, read-only where possible.",

		Rationale: "A bind mount hands the container the host's own files. `/etc` holds the host's accounts " +
			"and cron jobs, `/boot` and `/lib` its kernel and modules, `/proc` and `/sys` its kernel " +
			"interfaces, `/var/lib/docker` every other container, `/` all of them; written to, any of them " +
			"is root on the host, and read, they leak its secrets. `~/.ssh`, `~/.aws` and their kind are the " +
			"operator's credentials. Read-only mounts of the time zone and CA certificates are not reported. " +
			"(A VOLUME inside such a directory in a Dockerfile is DKS4006's; the Docker socket is DKS4005's.)",
		Impact: "Host takeover or credential theft through a mounted host directory",
		Fix:    "Mount only the project's own directories (`./config:/etc/app:ro`), read-only when the service only reads them; pass credentials as secrets, not as a home folder.",
		Bad: ComposeFiles(
			"services:\n  agent:\n    image: monitor:2.1\n    volumes:\n      - /etc:/host/etc\n",
			"services:\n  deploy:\n    image: tools:1.0\n    volumes:\n      - type: bind\n        source: ~/.ssh\n        target: /root/.ssh\n",
		),
		Good: ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./site:/usr/share/nginx/html:ro\n      - /etc/localtime:/etc/localtime:ro\n"),
		Refs: []string{"https://docs.docker.com/engine/storage/bind-mounts/"},
	},
	Checks: []Check{
		ComposeServiceCheck{Check: checkSensitiveHostPathMounted},
		ComposeProjectCheck{Check: checkSensitiveHostPathVolumes},
	},
}

func checkSensitiveHostPathMounted(p *ComposePass, s *compose.Service) {
	for i := range s.Volumes.Items {
		v := &s.Volumes.Items[i]
		if v.Type.Value != "bind" {
			continue // a named volume's host path is reported at its definition
		}
		if what := sensitiveHostPath(v.Source.Value, v.ReadOnly.Value); what != "" {
			p.Reportf(s, v.Source.Pos, "mounts %s (%s)%s", what, strconv.Quote(v.Source.Raw), writable(v))
		}
	}
}

// checkSensitiveHostPathVolumes: a top-level volume that binds a sensitive
// host directory, reported where the directory is written and named by
// the services that mount it.
func checkSensitiveHostPathVolumes(p *ComposePass, proj *compose.Project) {
	for _, nv := range proj.Volumes {
		dev, ok := namedVolumeHostPath(nv)
		if !ok {
			continue
		}
		if what := sensitiveHostPath(dev.Value, false); what != "" {
			fd := p.Finding(nil, dev.Pos, "volume %s binds %s (%s)", nv.Name, what, strconv.Quote(dev.Raw))
			fd.Service = servicesMounting(proj, nv.Name)
			p.Report(fd)
		}
	}
}

// writable says a bind is writable, for messages.
func writable(v *compose.Volume) string {
	if v.ReadOnly.Value {
		return ""
	}
	return ", writable"
}
