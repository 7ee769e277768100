package rules

import (
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// MaintainerDeprecated: the MAINTAINER instruction.
var MaintainerDeprecated = &Rule{
	ID:       "DKS1005",
	Name:     "maintainer-deprecated",
	Title:    "Deprecated MAINTAINER instruction",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"MaintainerDeprecated", "DL4000", "DS-0022", "CKV_DOCKER_6"},
	BuildKit: &linter.RuleMaintainerDeprecated,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SR4},
	},
	Doc: Doc{
		Vulnerability: "Deprecated MAINTAINER",
		Mitigation:    "Record authorship in an org.opencontainers.image.authors label.",

		Rationale: "MAINTAINER is deprecated and only sets the legacy `Author` field, which OCI tooling " +
			"ignores. Provenance tools read the `org.opencontainers.image.authors` label, so an image " +
			"with only MAINTAINER has no author they can find.",
		Impact:       "Image authorship not recorded where tools look",
		Fix:          "Use `LABEL org.opencontainers.image.authors=\"team@example.com\"`.",
		SeverityNote: "hadolint's DL4000 and trivy's DS-0022 are errors and BuildKit's MaintainerDeprecated a warning; deprecated metadata harms nothing at run time: hygiene, info.",
		Bad:          Dockerfiles("FROM alpine:3.20\nMAINTAINER team@example.com\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.authors=\"team@example.com\"\n"),
		Refs:         []string{buildKitDoc("maintainer-deprecated"), hadolintDoc("DL4000")},
	},
	Checks: []Check{FileCheck{Check: reportBuildKitWarnings(&linter.RuleMaintainerDeprecated)}},
}
