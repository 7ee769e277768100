package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// HealthcheckMissing: the shipped stage defines no HEALTHCHECK; a compose
// service turns its image's off.
var HealthcheckMissing = &Rule{
	ID:       "DKS6003",
	Name:     "healthcheck-missing",
	Title:    "Health check missing or turned off",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  append(slices.Clone(healthcheckPeers), kicsHealthcheck...),
	// KICS's query reads compose files, the others Dockerfiles and images.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService, t.Repudiation},
		ATTACK:   []*t.Technique{t.T1499},
		CIS:      []*t.CISItem{t.CIS4_6, t.CIS5_27},
		CWE:      []*t.CWE{t.CWE693},
		Controls: []*t.Control{t.NIST53_SI4, t.NIST53_AU12},
	},
	Doc: Doc{
		Vulnerability: "No health check",
		Mitigation:    "Add a HEALTHCHECK, or let the orchestrator probe.",

		Rationale: "Without a health check the runtime only knows whether the process exists, not whether it " +
			"serves: a hung or degraded service keeps receiving traffic, and its failure goes unnoticed and " +
			"unlogged. Orchestrators with their own probes (Kubernetes) ignore HEALTHCHECK, so this is " +
			"informational; say so explicitly with `HEALTHCHECK NONE`. A compose service's `healthcheck:` " +
			"replaces the image's (and satisfies a Dockerfile without one, for that service); " +
			"`disable: true` or `test: [\"NONE\"]` turns it off.",
		Impact: "Degraded service goes undetected",
		Fix:    "Add `HEALTHCHECK --interval=30s --timeout=3s CMD [\"/app\", \"healthcheck\"]` (a probe that needs no shell or curl), or `HEALTHCHECK NONE` when the orchestrator probes instead.",
		Bad: append(Dockerfiles("FROM nginx:1.27\nUSER nginx\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n"),
			ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      disable: true\n")...),
		Good: append(Dockerfiles("FROM nginx:1.27\nHEALTHCHECK CMD [\"curl\", \"-f\", \"http://127.0.0.1/\"]\n", "FROM nginx:1.27\nHEALTHCHECK NONE\n"),
			ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    healthcheck:\n      test: [\"CMD\", \"curl\", \"-f\", \"http://127.0.0.1/\"]\n")...),
	},
	// Unsafe: the stub probe fails until someone writes the real one, so
	// the container reports unhealthy meanwhile.
	Fix: UnsafeFix,
	Checks: []Check{
		StageCheck{Check: checkHealthcheckMissingStage},
		ImageConfigCheck{Check: checkHealthcheckMissingImage},
		ComposeServiceCheck{Check: checkHealthcheckMissingService},
	},
}

var (
	healthcheckPeers = []string{"DL3057", "DS-0026", "CKV_DOCKER_2", "CIS-DI-0006"}
	kicsHealthcheck  = []string{"698ed579-b239-4f8f-a388-baa4bcb13ef8", "healthcheck-not-set"}
)

// checkHealthcheckMissingService: the service turns the health check off.
// A service without `healthcheck:` keeps its image's, which only the
// image's Dockerfile (or the image) shows.
func checkHealthcheckMissingService(p *ComposePass, s *compose.Service) {
	if pos, off := s.Healthcheck.Disabled(); off {
		fd := p.Finding(s, pos, "turns its health check off")
		fd.Aliases = kicsHealthcheck
		p.Report(fd)
	}
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
	if d, ok := p.BaseDefaults(s); ok && d.Healthcheck.Known && d.Healthcheck.Value {
		return // inherits the base image's HEALTHCHECK (or its HEALTHCHECK NONE)
	}
	p.WithFix(func() *Fix { return healthcheckStub(p.File, s) }).ReportAliasedf(dockerfile.LineRange(s.Line(), s.Line()), healthcheckPeers, "stage %s defines no HEALTHCHECK", s.Ref())
}

// checkHealthcheckMissingImage: no Healthcheck in the config. HEALTHCHECK NONE
// is recorded as Test ["NONE"] and counts as a deliberate choice.
func checkHealthcheckMissingImage(p *ImagePass, img *image.Image) {
	hc := img.Config.Config.Healthcheck
	if hc == nil || len(hc.Test) == 0 {
		p.ReportAliasedf(healthcheckPeers, "the image config defines no health check")
	}
}

// healthcheckStub adds a HEALTHCHECK to complete before CMD: what probes a
// service is the service's to say, so the stub fails, and says why, until
// it is replaced.
func healthcheckStub(f *dockerfile.File, s *dockerfile.Stage) *Fix {
	kw := "HEALTHCHECK"
	if s.From != nil && s.From.Keyword() == strings.ToLower(s.From.Keyword()) {
		kw = "healthcheck"
	}
	e, ok := insertLines(f, beforeCommand(s), s,
		"# TODO(dockstride): replace [\"false\"] with a probe of this service (an HTTP endpoint, a CLI",
		"# subcommand); until then the container reports unhealthy. Or write HEALTHCHECK NONE.",
		kw+" --interval=30s --timeout=3s --start-period=10s --retries=3 CMD [\"false\"]")
	if !ok {
		return nil
	}
	return NewFix("add a HEALTHCHECK stub to complete", e)
}
