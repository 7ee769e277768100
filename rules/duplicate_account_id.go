package rules

import (
	"sort"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// DuplicateAccountID: two users sharing a UID or two groups a GID.
var DuplicateAccountID = &Rule{
	ID:       "DKS4008",
	Name:     "duplicate-account-id",
	Title:    "Two accounts or groups share a numeric ID",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DKL-LI-0002"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Repudiation},
		ATTACK:   []*t.Technique{t.T1136, t.T1078},
		CWE:      []*t.CWE{t.CWE694, t.CWE269},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST53_AU12},
	},
	Doc: Doc{
		Vulnerability: "Duplicate account ID",
		Mitigation:    "Give every account and group its own ID.",

		Rationale: "The kernel knows users and groups only by number. A second account with UID 0 is root " +
			"under another name (the classic `toor` backdoor), invisible to a check for the name root; two " +
			"names on one UID or GID also make file ownership and logs ambiguous. `useradd -o` and " +
			"`groupadd -o` exist only to create such duplicates.",
		Impact: "A hidden second root account; ambiguous ownership",
		Fix:    "Give every account and group its own ID; drop `-o`/`--non-unique`, and remove extra UID 0 accounts.",
		Bad:    Dockerfiles("FROM debian:12\nRUN useradd -o -u 0 -g 0 toor\n", "FROM debian:12\nRUN groupadd --non-unique -g 10001 app2\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN useradd --uid 10001 app\n"),
		Refs:   []string{"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-li-0002"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkDuplicateAccountID, History: true},
		LayerFileCheck{Want: accountDatabase, Check: checkDuplicateAccountIDLayer, LiveOnly: true},
	},
}

func checkDuplicateAccountID(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("useradd", "usermod", "groupadd", "groupmod") {
		if c.HasFlag("-o", "--non-unique") {
			p.ReportLinef(c.Line, "%s -o allows an ID that another account already has", c.Base())
		}
	}
}

// checkDuplicateAccountIDLayer: a UID shared by users in /etc/passwd, or a GID by
// groups in /etc/group.
func checkDuplicateAccountIDLayer(p *ImagePass, f *image.Entry) {
	// The ID is the third field of both files.
	const field = 2
	if !f.IsRegular() || (f.Path != "/etc/passwd" && f.Path != "/etc/group") {
		return
	}
	byID := map[string][]string{}
	accountLines(f.Content, func(fields []string) {
		if len(fields) > field && fields[0] != "" && fields[field] != "" {
			byID[fields[field]] = append(byID[fields[field]], fields[0])
		}
	})
	ids := make([]string, 0, len(byID))
	for id, names := range byID {
		if len(names) > 1 {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	kind := "UID"
	if f.Path == "/etc/group" {
		kind = "GID"
	}
	for _, id := range ids {
		p.ReportFilef(f, "%s: %s %s is shared by %s", f.Path, kind, id, strings.Join(byID[id], ", "))
	}
}
