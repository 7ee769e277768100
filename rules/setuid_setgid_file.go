package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SetuidSetgidFile: chmod u+s / g+s / 4755 in RUN or COPY --chmod.
var SetuidSetgidFile = &Rule{
	ID:       "DKS4004",
	Name:     "setuid-setgid-file",
	Title:    "setuid or setgid bit set on a file",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"CIS-DI-0008"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1548_001},
		CIS:      []*t.CISItem{t.CIS4_8},
		CWE:      []*t.CWE{t.CWE250, t.CWE732},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_1_2},
	},
	Doc: Doc{
		Vulnerability: "setuid or setgid binary",
		Mitigation:    "Strip setuid/setgid bits; grant single capabilities.",

		Rationale: "A setuid or setgid executable runs with its owner's (usually root's) privileges whatever " +
			"user starts it. Each one is a privilege-escalation path for an attacker who gets a shell as the " +
			"unprivileged user, which is why CIS 4.8 asks for them to be removed.",
		Impact: "Unprivileged user becomes root",
		Fix:    "Do not set the bit; if a binary needs one capability, grant just that with `setcap` or at run time (`--cap-add`), and strip existing bits with `find / -perm /6000 -type f -exec chmod a-s {} +`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN chmod u+s /usr/local/bin/helper\n", "FROM alpine:3.20\nRUN chmod 4755 /usr/local/bin/helper\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN chmod 0755 /usr/local/bin/helper\n", "FROM alpine:3.20\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkSetuidSetgidFile, History: true},
		LayerFileCheck{Check: checkSetuidSetgidFileLayer, LiveOnly: true},
	},
}

func checkSetuidSetgidFile(p *Pass, in dockerfile.Instruction) {
	checkModes(p, in, setuidMode, "sets the setuid/setgid bit")
}

// checkSetuidSetgidFileLayer: a regular file with the setuid or setgid bit. Directories
// are left out: setgid on a directory only makes new files inherit its
// group.
func checkSetuidSetgidFileLayer(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() || f.Header.Mode&0o6000 == 0 {
		return
	}
	bits := "setuid"
	switch {
	case f.Header.Mode&0o6000 == 0o6000:
		bits = "setuid and setgid"
	case f.Header.Mode&0o2000 != 0:
		bits = "setgid"
	}
	p.ReportFilef(f, "%s is %s (mode %s, owner uid %d)", f.Path, bits, modeString(f.Header.Mode), f.Header.Uid)
}

// setuidMode reports whether a mode sets the setuid or setgid bit on a
// file. On a directory the bits mean something else (setgid: new files
// inherit the group) and grant nothing.
func setuidMode(mode string, dir bool) bool {
	if mode == "" || dir {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 4 {
		return n&0o6000 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		_, perm, ok := cutAny(clause, "+=")
		if ok && strings.Contains(perm, "s") {
			return true
		}
	}
	return false
}
