package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UseraddLargeUIDLastlog: useradd with a long UID and no -l.
var UseraddLargeUIDLastlog = &Rule{
	ID:       "DKS3103",
	Name:     "useradd-large-uid-lastlog",
	Title:    "useradd with a large UID and without -l",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3046"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkUseraddLargeUIDLastlog}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "useradd without --no-log-init",
		Mitigation:    "Pass -l (--no-log-init) to useradd.",

		Rationale: "useradd records every user in /var/log/lastlog and /var/log/faillog, files indexed " +
			"by UID. A UID like 1000000 makes them sparse files hundreds of megabytes long; layer " +
			"tarballs do not keep them sparse, so the image grows by that much and pulls slow down or " +
			"fill disks.",
		Impact: "Bloated image layers",
		Fix:    "Pass `-l` (`--no-log-init`): `useradd -l -u 1000000 app`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN useradd -u 1000000 app\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN useradd -l -u 1000000 app\n", "FROM debian:12\nRUN useradd -u 10001 app\n"),
		Refs:   []string{hadolintDoc("DL3046")},
	},
}

func checkUseraddLargeUIDLastlog(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("useradd") {
		uid, ok := c.FlagValue("-u", "--uid")
		if !ok || len(uid) <= 5 || strings.Trim(uid, "0123456789") != "" || c.HasFlag("-l", "--no-log-init") {
			continue
		}
		p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "useradd -u %s without -l writes a huge sparse lastlog into the layer", uid)
	}
}
