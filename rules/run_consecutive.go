package rules

import (
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RunConsecutive: two single-command RUNs in a row in the shipped image.
var RunConsecutive = &Rule{
	ID:       "DKS3105",
	Name:     "run-consecutive",
	Title:    "Consecutive RUN instructions could be one layer",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3059"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Consecutive RUN layers",
		Mitigation:    "Join related commands into one RUN.",

		Rationale: "Each RUN is a layer. Steps that belong together but run separately keep what the " +
			"first one leaves behind (downloaded archives, caches, temporary credentials) in a layer " +
			"of the image even when a later step deletes it. Only the stage that ships (and the stages " +
			"it builds on) is judged: layers of builder stages never reach the image, unlike hadolint, " +
			"which reports every stage.",
		Impact: "Larger images that keep deleted files in lower layers",
		Fix:    "Join related commands with `&&` in one RUN (a heredoc keeps long ones readable).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN ./fetch.sh\nRUN ./install.sh\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN ./fetch.sh && ./install.sh\n"),
		Refs:   []string{hadolintDoc("DL3059")},
	},
	Checks: []Check{StageCheck{Check: checkRunConsecutiveStage}},
}

func checkRunConsecutiveStage(p *Pass, s *dockerfile.Stage) {
	if !p.ShipsLayers(s) {
		return
	}
	var prev dockerfile.Instruction
	for _, in := range s.Instructions {
		if singleCommandRun(in) && prev != nil && singleCommandRun(prev) && slices.Equal(in.Flags(), prev.Flags()) {
			p.Reportf(in.Range(), "RUN directly after a RUN (line %d); combine them into one layer", prev.Range().StartLine)
		}
		prev = in
	}
}

// singleCommandRun reports whether a RUN is one plain command, the kind
// that could have joined its neighbour.
func singleCommandRun(in dockerfile.Instruction) bool {
	r, ok := in.(*dockerfile.Run)
	return ok && r.Script != nil && len(r.Script.Commands) == 1 && len(r.Node().Heredocs) == 0 && r.Parent() == nil
}
