package rules

import (
	"fmt"
	"strings"
)

// Layer checks: the same concepts as the Dockerfile checks of the rule they
// belong to, read from the files the image's layers ship. The engine walks
// the layers once for all of them; each check looks at one entry at a time.

// modeString renders a tar mode as the octal permission bits with the
// setuid, setgid and sticky bits ("4755").
func modeString(mode int64) string { return fmt.Sprintf("%04o", mode&0o7777) }

// layerSetuid: a regular file with the setuid or setgid bit. Directories
// are left out: setgid on a directory only makes new files inherit its
// group.
func layerSetuid(p *ImagePass, f *ImageFile) {
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

// layerWorldWritable: a file or directory anyone may write, outside the
// temporary directories. Sticky directories (1777) are safe, as on the
// Dockerfile side; links have no permissions of their own.
func layerWorldWritable(p *ImagePass, f *ImageFile) {
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
