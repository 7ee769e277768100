package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// WorldWritablePermissions: chmod 777 / o+w, and files or directories
// created world-writable (install -m, mkdir -m, COPY/ADD --chmod).
var WorldWritablePermissions = &Rule{
	ID:       "DKS4003",
	Name:     "world-writable-permissions",
	Title:    "Files made world-writable",
	Severity: Warning,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1222},
		CWE:      []*t.CWE{t.CWE732},
		Controls: []*t.Control{t.NIST53_AC3, t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "World-writable files",
		Mitigation:    "Give ownership to the writer; use 755/644.",

		Rationale: "A world-writable file or directory (mode 777, o+w) can be replaced by any user in the " +
			"container. If it is a binary, a script or a config read by a more privileged process, that is " +
			"a path to code execution as that process. The rule reads `chmod`, the mode `install -m` and " +
			"`mkdir -m` create with, and `COPY`/`ADD --chmod`; sticky directories (1777, like /tmp) are left alone.",
		Impact: "Any process can alter the application's files",
		Fix:    "Give ownership to the user that needs to write (`COPY --chown=app`, `chown app`) and use 755/644 (or 775/664 with a shared group).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN chmod -R 777 /app\n", "FROM alpine:3.20\nCOPY --chmod=777 app /app\n", "FROM debian:12\nRUN install -d -m 0777 /app/uploads\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN chmod -R 755 /app\n", "FROM alpine:3.20\nRUN chmod 1777 /tmp/cache\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkWorldWritablePermissions, History: true},
		LayerFileCheck{Check: checkWorldWritablePermissionsLayer, LiveOnly: true},
	},
}

func checkWorldWritablePermissions(p *Pass, in dockerfile.Instruction) {
	checkModes(p, in, worldWritableMode, "makes files world-writable")
}

// tempDirs are where world-writable files are expected.
var tempDirs = []string{"/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock"}

func inTempDir(p string) bool {
	for _, d := range tempDirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// checkWorldWritablePermissionsLayer: a file or directory anyone may write, outside the
// temporary directories. Sticky directories (1777) are safe, as on the
// Dockerfile side; links have no permissions of their own.
func checkWorldWritablePermissionsLayer(p *ImagePass, f *image.Entry) {
	if !(f.IsRegular() || f.IsDir()) || f.Header.Mode&0o002 == 0 || inTempDir(f.Path) {
		return
	}
	if f.IsDir() && f.Header.Mode&0o1000 != 0 {
		return
	}
	what := "file"
	if f.IsDir() {
		what = "directory"
	}
	p.ReportFilef(f, "%s is a world-writable %s (mode %s)", f.Path, what, modeString(f.Header.Mode))
}

// worldWritableMode reports whether a chmod mode grants write to others,
// leaving out sticky directories (1777, like /tmp), which are safe.
func worldWritableMode(mode string, _ bool) bool {
	if mode == "" {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 3 {
		if n&0o1000 != 0 {
			return false
		}
		return n&0o002 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		who, perm, ok := cutAny(clause, "+=")
		if !ok || strings.Contains(perm, "t") {
			continue
		}
		if (who == "" || strings.ContainsAny(who, "oa")) && strings.Contains(perm, "w") {
			return true
		}
	}
	return false
}
