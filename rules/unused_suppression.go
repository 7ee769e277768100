package rules

import (
	t "github.com/dockstride/dockstride/internal/threat"
)

// UnusedSuppression: a dockstride pragma that silences nothing. The engine
// reports it (Engine is set): only it knows which findings each pragma
// matched.
var UnusedSuppression = &Rule{
	ID:       "DKS1900",
	Name:     "unused-suppression",
	Title:    "Suppression pragma that silences nothing",
	Severity: Info,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		ATTACK:   []*t.Technique{t.T1562_001},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "Stale suppression",
		Mitigation:    "Remove or correct the pragma.",

		Rationale: "A `# dockstride ignore=` pragma records a decision that a finding is acceptable. Once the " +
			"instruction is fixed, moved or rewritten, a pragma that no longer matches anything stays behind " +
			"and silently waits: the next time the same rule fires on that line it is hidden without anyone " +
			"having looked at it. Pragmas that rot this way turn reviewed exceptions into blanket ones, and " +
			"pragmas that name an unknown rule, carry a malformed `until=` date or sit where they cannot apply " +
			"never worked at all.",
		Impact: "Real findings hidden by stale exceptions",
		Fix: "Remove the pragma, or fix its rule ID, date or position (directly above the instruction, or above " +
			"the FROM for `stage ignore`). hadolint, BuildKit and trivy pragmas are honoured but never reported, " +
			"since those tools may still need them.",
		Bad: append(Dockerfiles(
			"FROM alpine:3.20\n# dockstride ignore=DKS9999\nRUN echo hi\n",
			"FROM alpine:3.20\n# dockstride ignore=runs-as-root until=2027-02-30\nUSER root\n",
			"FROM alpine:3.20\nRUN echo hi\n# dockstride ignore=runs-as-root\n",
		), Code(
			"import subprocess\n\n# dockstride ignore=shell-comand-execution -- the command is fixed\nsubprocess.run(\"true\", shell=True)\n",
		)...),
		Good: append(Dockerfiles(
			"FROM alpine:3.20\n# hadolint ignore=DL9999\nRUN echo hi\n",
		), Code(
			"import subprocess\n\nsubprocess.run(\"true\", shell=True)  # nosec B602\n",
		)...),
	},
	Checks: []Check{PragmaCheck{}},
}
