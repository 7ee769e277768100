package rules

import (
	"maps"
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ExposePortOutOfRange: EXPOSE of a port outside 0–65535.
var ExposePortOutOfRange = &Rule{
	ID:       "DKS6005",
	Name:     "expose-port-out-of-range",
	Title:    "EXPOSE port outside 0-65535",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3011", "DS-0008"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE20},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "EXPOSE port out of range",
		Mitigation:    "EXPOSE the port the service listens on.",

		Rationale: "TCP and UDP ports are 16-bit. A port outside 0-65535 is a typo that the runtime rejects " +
			"or truncates, so the service is not reachable where the operator expects.",
		Impact:       "Service unreachable as configured",
		Fix:          "Use the port the service really listens on, between 0 and 65535.",
		SeverityNote: "hadolint's DL3011 and trivy's DS-0008 are errors; a port out of range fails the build or the run, a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM nginx:1.27\nEXPOSE 80800\n"),
		Good:         Dockerfiles("FROM nginx:1.27\nEXPOSE 8080\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindExpose}, Check: checkExposePortOutOfRange},
		ImageConfigCheck{Check: checkExposePortOutOfRangeImage},
	},
}

func checkExposePortOutOfRange(p *Pass, in dockerfile.Instruction) {
	for _, spec := range in.(*dockerfile.Expose).Cmd.Ports {
		lo, hi, ok := portRange(spec, in.Scope())
		if ok && (lo < 0 || hi > 65535 || lo > 65535) {
			p.Reportf(in.Range(), "EXPOSE %s: ports must be between 0 and 65535", spec)
		}
	}
}

// checkExposePortOutOfRangeImage: an exposed port outside 0-65535.
func checkExposePortOutOfRangeImage(p *ImagePass, img *image.Image) {
	for _, spec := range slices.Sorted(maps.Keys(img.Config.Config.ExposedPorts)) {
		lo, hi, ok := portRange(spec, nil)
		if ok && (lo < 0 || hi > 65535 || lo > 65535) {
			p.Reportf("the image exposes port %s: ports must be between 0 and 65535", spec)
		}
	}
}
