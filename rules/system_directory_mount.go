package rules

import (
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SystemDirectoryMount: WORKDIR or VOLUME on /proc, /sys, /dev or /boot.
var SystemDirectoryMount = &Rule{
	ID:       "DKS4006",
	Name:     "system-directory-mount",
	Title:    "WORKDIR or VOLUME inside a kernel or system directory",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0030", "DKL-DI-0002"},
	// trivy judges WORKDIR, dockle VOLUME.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Tampering},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_6},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Vulnerability: "System directory as WORKDIR or VOLUME",
		Mitigation:    "Keep work and volumes under an application directory.",

		Rationale: "/proc, /sys and /dev are the kernel's interfaces into the container, and /boot holds the " +
			"host's kernel when it is mounted. A VOLUME there invites operators to bind-mount the host's own " +
			"directory (the classic escape: a writable host /proc or /sys), and a WORKDIR there makes the " +
			"application read and write kernel files by relative path.",
		Impact: "Container escape through host kernel interfaces",
		Fix:    "Work in and declare volumes under an application directory such as `/app` or `/var/lib/app`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nWORKDIR /proc/self/fd/1\n", "FROM alpine:3.20\nVOLUME [\"/sys\"]\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nWORKDIR /app\nVOLUME /var/lib/app\n", "FROM alpine:3.20\nWORKDIR /development\n"),
		Refs:   []string{"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-di-0002-avoid-sensitive-directory-mounting"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindWorkdir, dockerfile.KindVolume}, Check: checkSystemDirectoryMount},
		ImageConfigCheck{Check: checkSystemDirectoryMountImage},
	},
}

func checkSystemDirectoryMount(p *Pass, in dockerfile.Instruction) {
	var dirs []string
	switch x := in.(type) {
	case *dockerfile.Workdir:
		dirs = []string{x.Cmd.Path}
	case *dockerfile.Volume:
		dirs = x.Cmd.Volumes
	}
	for _, d := range dirs {
		if sys := systemDirOf(in.Scope(), d); sys != "" {
			peer := "DS-0030"
			if in.Kind() == dockerfile.KindVolume {
				peer = "DKL-DI-0002"
			}
			p.ReportAliasedf(in.Range(), []string{peer}, "%s %s is inside %s", in.Kind(), d, sys)
		}
	}
}

// checkSystemDirectoryMountImage: a volume or the working directory inside /proc,
// /sys, /dev, /boot…. The Docker socket is DKS4005's concept and the kernel
// directories this one's, on images as in Dockerfiles.
func checkSystemDirectoryMountImage(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	for _, v := range slices.Sorted(maps.Keys(c.Volumes)) {
		if sys := systemDirOf(nil, v); sys != "" {
			p.ReportAliasedf([]string{"DKL-DI-0002"}, "the image declares the volume %s, inside %s", v, sys)
		}
	}
	if wd := c.WorkingDir; wd != "" {
		if sys := systemDirOf(nil, path.Clean(wd)); sys != "" {
			p.ReportAliasedf(nil, "the image's working directory %s is inside %s", wd, sys)
		}
	}
}

// systemDirs are kernel pseudo-filesystems and boot or recovery
// directories that no application should work in or declare as a volume.
var systemDirs = []string{"/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"}

// systemDirOf returns the system directory dir is in (after variable
// expansion), or "".
func systemDirOf(sc *dockerfile.Scope, dir string) string {
	dir = strings.Trim(strings.TrimSpace(dir), `"'`)
	if strings.Contains(dir, "$") && sc != nil {
		dir = sc.Expand(dir).Value
	}
	if !strings.HasPrefix(dir, "/") {
		return ""
	}
	dir = path.Clean(dir)
	for _, s := range systemDirs {
		if dir == s || strings.HasPrefix(dir, s+"/") {
			return s
		}
	}
	return ""
}
