package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// LabelNotInSchema: with strict labels, a label the schema does not list.
var LabelNotInSchema = &Rule{
	ID:       "DKS1031",
	Name:     "label-not-in-schema",
	Title:    "Label not defined in the label schema (strict labels)",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3050"},
	Threat:   provenance(),
	Doc: Doc{
		Vulnerability: "Label outside the schema",
		Mitigation:    "Use a label the schema defines.",

		Rationale: "With `strict-labels`, a team allows only the labels its schema defines, so that " +
			"misspelt keys (`org.opencontainers.image.soruce`) and ad-hoc metadata are caught. " +
			"Silent unless `strict-labels` is on and a `label-schema` is configured.",
		Impact:   "Misspelt or unexpected image metadata",
		Fix:      "Use a label the schema defines, or add it to the schema.",
		Bad:      Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.soruce=https://example.com/app\n"),
		Good:     Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app\n"),
		Refs:     []string{hadolintDoc("DL3050")},
		Settings: &Settings{LabelSchema: map[string]string{"org.opencontainers.image.source": "url"}, StrictLabels: true},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: checkLabelNotInSchema}},
}

func checkLabelNotInSchema(p *Pass, in dockerfile.Instruction) {
	if p.Settings == nil || !p.Settings.StrictLabels || len(p.Settings.LabelSchema) == 0 {
		return
	}
	for _, lb := range labels(in) {
		if _, ok := p.Settings.LabelSchema[lb.key]; !ok && lb.known {
			p.Reportf(in.Range(), "label %q is not in the label schema", lb.key)
		}
	}
}
