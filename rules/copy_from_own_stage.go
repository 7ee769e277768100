package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// CopyFromOwnStage: COPY --from names the stage it is in.
var CopyFromOwnStage = &Rule{
	ID:       "DKS1014",
	Name:     "copy-from-own-stage",
	Title:    "COPY --from names its own stage",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3023", "DS-0006"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy}, Check: checkCopyFromOwnStage}},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "COPY from its own stage",
		Mitigation:    "Copy from the stage that produces the files.",

		Rationale: "A stage cannot copy from itself; BuildKit fails with a circular dependency. The " +
			"reference is almost always a wrong stage name.",
		Impact:       "Dockerfile does not build",
		Fix:          "Name the stage that produces the files.",
		SeverityNote: "hadolint's DL3023 and trivy's DS-0006 are errors; a build that fails is a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM node:22 AS web\nCOPY --from=web /app/dist /srv\n"),
		Good:         Dockerfiles("FROM node:22 AS web\nRUN npm run build\nFROM nginx:1.27\nCOPY --from=web /app/dist /srv\n"),
		Refs:         []string{hadolintDoc("DL3023")},
	},
}

func checkCopyFromOwnStage(p *Pass, in dockerfile.Instruction) {
	c := in.(*dockerfile.Copy)
	s := in.Stage()
	if in.Parent() != nil || s == nil || s.Name == "" {
		return
	}
	if strings.ToLower(copyFrom(c)) == s.Name {
		p.Reportf(in.Range(), "COPY --from=%s copies from the stage it is in", copyFrom(c))
	}
}
