package rules

import (
	"fmt"
	"github.com/dockstride/dockstride/internal/image"
	"path"
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
func layerSetuid(p *ImagePass, f *image.Entry) {
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
func layerWorldWritable(p *ImagePass, f *image.Entry) {
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

// packageCache is a package manager's cache directory as it appears in a
// layer, and the peer IDs of the image-side check for it.
type packageCache struct {
	dir, what string
	peers     []string
}

// packageCaches are the download and index caches DKS3004 looks for.
// Home-relative ones match under /root and /home/USER.
var packageCaches = []packageCache{
	{"/var/lib/apt/lists", "apt package lists", []string{"DKL-DI-0005"}},
	{"/var/cache/apt/archives", "apt download cache", []string{"DKL-DI-0005"}},
	{"/var/cache/apk", "apk index cache", []string{"DKL-DI-0004"}},
	{"/var/cache/yum", "yum cache", nil},
	{"/var/cache/dnf", "dnf cache", nil},
	{"/var/cache/zypp", "zypper cache", nil},
	{"~/.cache/pip", "pip cache", nil},
	{"~/.npm/_cacache", "npm cache", nil},
	{"~/.cache/yarn", "yarn cache", nil},
	{"/usr/local/share/.cache/yarn", "yarn cache", nil},
}

// cacheOf returns the cache directory p lies in, and which cache it is.
func cacheOf(p string) (string, *packageCache) {
	for i := range packageCaches {
		c := &packageCaches[i]
		dir := c.dir
		if rest, ok := strings.CutPrefix(dir, "~"); ok {
			home := ""
			switch {
			case strings.HasPrefix(p, "/root/"):
				home = "/root"
			case strings.HasPrefix(p, "/home/"):
				user, _, _ := strings.Cut(strings.TrimPrefix(p, "/home/"), "/")
				home = "/home/" + user
			default:
				continue
			}
			dir = home + rest
		}
		if strings.HasPrefix(p, dir+"/") {
			return dir, c
		}
	}
	return "", nil
}

// layerPackageCache: DKS3004's image side. A regular file in a package
// manager's cache (lock files and empty partial/ directories are what a
// cleaned cache keeps) is reported once per cache and layer. A cache a later
// layer removes still takes its space in the layer that wrote it.
func layerPackageCache(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() {
		return
	}
	dir, c := cacheOf(f.Path)
	if c == nil || path.Base(f.Path) == "lock" || strings.HasSuffix(f.Path, "/partial/.keep") {
		return
	}
	if !p.Seen(f.LayerDigest + dir) {
		d := *f
		d.Path = dir
		p.ReportFileAliasedf(&d, c.peers, "%s: the %s ships in the image", dir, c.what)
	}
}
