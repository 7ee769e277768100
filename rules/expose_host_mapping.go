package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// ExposeHostMapping: EXPOSE with an IP address or host port.
var ExposeHostMapping = &Rule{
	ID:       "DKS1028",
	Name:     "expose-host-mapping",
	Title:    "EXPOSE defines an IP address or host port",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"ExposeInvalidFormat"},
	BuildKit: &linter.RuleExposeInvalidFormat,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SC7},
	},
	Doc: Doc{
		Vulnerability: "Host address or port in EXPOSE",
		Mitigation:    "EXPOSE the container port only; publish it at run time.",

		Rationale: "EXPOSE documents container ports; it cannot publish them. `EXPOSE 127.0.0.1:80:80` " +
			"or `EXPOSE 8080:80` looks like a host binding, so readers believe a port is restricted " +
			"to localhost or mapped when it is not; the builder drops the IP and host part (and will " +
			"refuse them in a future release).",
		Impact: "Port exposure misread in review",
		Fix:    "EXPOSE only the container port (`EXPOSE 80`) and publish with `docker run -p 127.0.0.1:8080:80` or the orchestrator.",
		Bad:    Dockerfiles("FROM nginx:1.27\nEXPOSE 127.0.0.1:8080:80\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nEXPOSE 80\n"),
		Refs:   []string{buildKitDoc("expose-invalid-format")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: checkExposeHostMapping}},
}

func checkExposeHostMapping(p *Pass, in dockerfile.Instruction) {
	for _, raw := range exposePorts(in) {
		if ip, host, _ := splitPortParts(raw); ip != "" || host != "" {
			p.Reportf(in.Range(), "EXPOSE instruction should not define an IP address or host-port mapping, found '%s'", raw)
		}
	}
}
