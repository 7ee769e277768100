package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// ExposeProtocolCasing: EXPOSE 80/TCP.
var ExposeProtocolCasing = &Rule{
	ID:       "DKS1027",
	Name:     "expose-protocol-casing",
	Title:    "EXPOSE protocol is not lowercase",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"ExposeProtoCasing"},
	BuildKit: &linter.RuleExposeProtoCasing,
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "EXPOSE protocol not lowercase",
		Mitigation:    "Write the protocol in lowercase.",

		Rationale: "Protocols in EXPOSE are case-insensitive to the builder but recorded as written " +
			"elsewhere; lowercase `tcp`/`udp` is the convention every tool expects.",
		Impact:       "Inconsistent port metadata",
		Fix:          "Write the protocol in lowercase: `EXPOSE 8080/tcp`.",
		SeverityNote: "BuildKit's ExposeProtoCasing is a warning; the protocol's casing is formatting: style.",
		Bad:          Dockerfiles("FROM nginx:1.27\nEXPOSE 80/TCP\n"),
		Good:         Dockerfiles("FROM nginx:1.27\nEXPOSE 80/tcp\n"),
		Refs:         []string{buildKitDoc("expose-proto-casing")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: checkExposeProtocolCasing}},
}

func checkExposeProtocolCasing(p *Pass, in dockerfile.Instruction) {
	for _, raw := range exposePorts(in) {
		_, _, container := splitPortParts(raw)
		if _, proto, ok := strings.Cut(container, "/"); ok && proto != strings.ToLower(proto) {
			p.Reportf(in.Range(), "Defined protocol '%s' in EXPOSE instruction should be lowercase", raw)
		}
	}
}
