package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// LabelKeyInvalid: a label key outside Docker's key format.
var LabelKeyInvalid = &Rule{
	ID:       "DKS1029",
	Name:     "label-key-invalid",
	Title:    "Label key is malformed or in a reserved namespace",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"DL3048"},
	Threat:   provenance(),
	Doc: Doc{
		Vulnerability: "Malformed label key",
		Mitigation:    "Use reverse-DNS, lower-case label keys.",

		Rationale: "Docker's label guidelines: keys start with a lower-case letter, contain only lower-case " +
			"letters, digits, `.` and `-`, never two separators in a row, and stay out of the " +
			"`com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces reserved for Docker, except the " +
			"`com.docker.desktop.extension.*` and `com.docker.extension.*` labels Docker's extension SDK asks for. " +
			"Tools that select images by label (registries, scanners, inventory) expect that form.",
		Impact: "Image metadata that tools cannot rely on",
		Fix:    "Use reverse-DNS, lower-case keys: `LABEL org.opencontainers.image.source=…`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nLABEL com.docker.version=1\n", "FROM alpine:3.20\nLABEL build..date=2024\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0 maintainer=team@example.com\n"),
		Refs:   []string{hadolintDoc("DL3048"), "https://docs.docker.com/engine/manage-resources/labels/"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: checkLabelKeyInvalid}},
}

func checkLabelKeyInvalid(p *Pass, in dockerfile.Instruction) {
	for _, lb := range labels(in) {
		k := lb.key
		if !lb.known {
			// An unset variable in a key is most likely a stray '$'.
			k = lb.rawKey
		}
		switch {
		case slices.ContainsFunc(reservedLabelNamespaces, func(ns string) bool { return strings.HasPrefix(k, ns) }) &&
			!slices.ContainsFunc(dockerDefinedLabels, func(ns string) bool { return strings.HasPrefix(k, ns) }):
			p.Reportf(in.Range(), "label %q is in a namespace reserved for Docker", k)
		case !labelKeyRE().MatchString(k) || strings.Contains(k, "..") || strings.Contains(k, "--"):
			p.Reportf(in.Range(), "label key %q should be lower-case letters, digits, '.' and '-', starting with a letter, without repeated separators", k)
		}
	}
}

var labelKeyRE = lazyre.New(`^[a-z]([a-z0-9.-]*[a-z0-9])?$`)

// reservedLabelNamespaces are reserved for Docker's own use.
var reservedLabelNamespaces = []string{"com.docker.", "io.docker.", "org.dockerproject."}

// dockerDefinedLabels are the keys in Docker's namespace that Docker asks
// image authors to write: the Docker Desktop extension SDK reads an
// extension's title, icon, screenshots and API version from them.
var dockerDefinedLabels = []string{"com.docker.desktop.extension.", "com.docker.extension."}
