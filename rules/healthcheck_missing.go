package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HealthcheckMissing: the shipped stage defines no HEALTHCHECK.
var HealthcheckMissing = &Rule{
	ID:       "DKS6003",
	Name:     "healthcheck-missing",
	Title:    "No HEALTHCHECK in the shipped stage",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3057", "DS-0026", "CKV_DOCKER_2", "CIS-DI-0006"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.Repudiation},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS4_6, t.CIS5_27},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_SI4, t.NIST53_AU12},
	},
	Doc: Doc{
		Rationale: "Without a health check the runtime only knows whether the process exists, not whether it " +
			"serves: a hung or degraded service keeps receiving traffic, and its failure goes unnoticed and " +
			"unlogged. Orchestrators with their own probes (Kubernetes) ignore HEALTHCHECK, so this is " +
			"informational; say so explicitly with `HEALTHCHECK NONE`.",
		Impact: "Degraded service goes undetected",
		Fix:    "Add `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (a probe that needs no shell or curl), or `HEALTHCHECK NONE` when the orchestrator probes instead.",
		Bad:    Dockerfiles("FROM nginx:1.27\nUSER nginx\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"),
		Good:   Dockerfiles("FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n", "FROM nginx:1.27\nHEALTHCHECK NONE\n"),
	},
	Checks: []Check{
		StageCheck{Check: checkHealthcheckMissingStage},
		ImageConfigCheck{Check: checkHealthcheckMissingImage},
	},
}

func checkHealthcheckMissingStage(p *Pass, s *dockerfile.Stage) {
	if !p.IsShipped(s) || s.Implicit {
		return
	}
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if in.Kind() == dockerfile.KindHealthcheck {
				return
			}
		}
	}
	p.ReportLinef(s.Line(), "stage %s defines no HEALTHCHECK", s.Ref())
}

// checkHealthcheckMissingImage: no Healthcheck in the config. HEALTHCHECK NONE
// is recorded as Test ["NONE"] and counts as a deliberate choice.
func checkHealthcheckMissingImage(p *ImagePass, img *image.Image) {
	hc := img.Config.Config.Healthcheck
	if hc == nil || len(hc.Test) == 0 {
		p.Reportf("the image config defines no health check")
	}
}
