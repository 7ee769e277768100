package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PrivilegedPortMapped: a compose `ports:` item with a port below 1024 on
// the host or in the container.
var PrivilegedPortMapped = &Rule{
	ID:       "DKS6102",
	Name:     "privileged-port-mapped",
	Title:    "Port below 1024 published or listened on",
	Severity: Info,
	Since:    "0.2.0",
	Aliases:  []string{"bc2908f3-f73c-40a9-8793-c1b7d5544f79", "privileged-ports-mapped-in-container"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1190},
		CIS:      []*t.CISItem{t.CIS5_8},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Privileged port below 1024",
		Mitigation:    "Listen above 1024 inside the container.",

		Rationale: "Ports below 1024 are reserved for root on the host: publishing a container there " +
			"(`\"80:8080\"`) lets it take a port clients trust as the host's own service, so it should be a " +
			"deliberate choice (a web front end on 80 and 443). Inside the container, listening below 1024 " +
			"(`\"8080:80\"`) needs root or the NET_BIND_SERVICE capability, which keeps services from dropping " +
			"all capabilities and running as an unprivileged user. Both are advice.",
		Impact: "Root or extra capabilities kept to bind a port",
		Fix:    "Listen on a port above 1024 inside the container (`\"80:8080\"` maps it to 80 for clients); publish below 1024 only for the public front end.",
		Bad:    ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:80:80\"\n"),
		Good:   ComposeFiles("services:\n  web:\n    image: nginxinc/nginx-unprivileged:1.27\n    ports:\n      - \"127.0.0.1:8080:8080\"\n"),
		Refs:   []string{"https://docs.docker.com/reference/compose-file/services/#ports"},
	},
	Checks: []Check{ComposeServiceCheck{Check: checkPrivilegedPortMapped}},
}

func checkPrivilegedPortMapped(p *ComposePass, s *compose.Service) {
	for i := range s.Ports.Items {
		port := &s.Ports.Items[i]
		if _, lo, _, ok := publishedHost(port); ok && lo > 0 && lo < 1024 {
			p.Report(p.ItemFinding(s, s.Ports.Key, port.Pos, "publishes %s on host port %d, below 1024", describePort(port), lo))
			continue
		}
		if lo, _, ok := port.TargetRange(); ok && lo > 0 && lo < 1024 {
			p.Report(p.ItemFinding(s, s.Ports.Key, port.Pos,
				"listens on container port %d (%s), below 1024: its process needs root or NET_BIND_SERVICE", lo, describePort(port)))
		}
	}
}
