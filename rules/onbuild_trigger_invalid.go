package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// OnbuildTriggerInvalid: ONBUILD ONBUILD / FROM / MAINTAINER.
var OnbuildTriggerInvalid = &Rule{
	ID:       "DKS1009",
	Name:     "onbuild-trigger-invalid",
	Title:    "ONBUILD wraps ONBUILD, FROM or MAINTAINER",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3043"},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "Invalid ONBUILD trigger",
		Mitigation:    "Remove the trigger or move the instruction out of ONBUILD.",

		Rationale: "The builder refuses `ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` when a " +
			"child image is built, so the mistake surfaces in someone else's build, far from the " +
			"Dockerfile that holds it.",
		Impact:       "Downstream builds fail",
		Fix:          "Remove the trigger, or move the instruction out of ONBUILD.",
		SeverityNote: "hadolint's DL3043 is an error; a trigger that fails the downstream build is a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM alpine:3.20\nONBUILD ONBUILD RUN echo hi\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nONBUILD RUN echo hi\n"),
		Refs:         []string{hadolintDoc("DL3043")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindOnbuild}, Check: checkOnbuildTriggerInvalid}},
}

func checkOnbuildTriggerInvalid(p *Pass, in dockerfile.Instruction) {
	ob := in.(*dockerfile.Onbuild)
	kw, _, _ := strings.Cut(strings.TrimSpace(ob.Cmd.Expression), " ")
	switch strings.ToUpper(kw) {
	case "ONBUILD", "FROM", "MAINTAINER":
		p.Reportf(in.Range(), "ONBUILD %s is not allowed", strings.ToUpper(kw))
	}
}
