package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UserNotNumeric: the shipped stage's USER is a name, not a UID.
var UserNotNumeric = &Rule{
	ID:       "DKS4101",
	Name:     "user-not-numeric",
	Title:    "USER is a name, not a numeric UID",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3066"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS4_1},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6},
	},
	Doc: Doc{
		Vulnerability: "Non-numeric USER",
		Mitigation:    "Set USER to a numeric UID:GID.",

		Rationale: "Kubernetes' `runAsNonRoot` and pod security admission can only verify a numeric " +
			"user: a pod whose image says `USER app` is refused, or the check is skipped by a " +
			"`runAsUser` override, and nothing proves `app` is not UID 0 in the image's /etc/passwd. " +
			"A numeric UID (and GID) is checkable everywhere. Only USER in the stage that ships is " +
			"judged; `USER root` is left to the runs-as-root rule.",
		Impact: "Non-root policy cannot verify the container's user",
		Fix:    "Use the numeric IDs: `USER 10001:10001` (create the user with those IDs).",
		Bad:    Dockerfiles("FROM debian:12\nRUN useradd -u 10001 app\nUSER app\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN useradd -u 10001 app\nUSER 10001:10001\n"),
		Refs:   []string{hadolintDoc("DL3066")},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindUser}, Check: checkUserNotNumeric}},
}

func checkUserNotNumeric(p *Pass, in dockerfile.Instruction) {
	u := in.(*dockerfile.User)
	if in.Parent() != nil || !p.ShipsLayers(in.Stage()) {
		return
	}
	if strings.Contains(u.Cmd.User, "$") && !in.Scope().Expand(u.Cmd.User).Resolved {
		return
	}
	user, group, _ := strings.Cut(u.Expanded, ":")
	if user == "root" || user == "" {
		return
	}
	numeric := func(s string) bool { return s == "" || strings.Trim(s, "0123456789") == "" }
	if !numeric(user) || !numeric(group) {
		p.Reportf(in.Range(), "USER %s is not numeric; use the UID (and GID) so non-root policies can verify it", u.Expanded)
	}
}
