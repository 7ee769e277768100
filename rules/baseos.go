// The operating system a stage runs on, guessed from its base image and
// the package managers it calls: what /bin/sh is (dash, busybox ash, bash)
// and whether there is a POSIX shell at all (Windows has none).

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// osFamily is the family of a stage's operating system.
type osFamily int

const (
	osUnknown osFamily = iota
	// osDebian: Debian and Ubuntu, whose /bin/sh is dash.
	osDebian
	// osAlpine: Alpine and busybox, whose /bin/sh is busybox ash.
	osAlpine
	// osRHEL: CentOS, RHEL, UBI, Fedora, Rocky, Alma, Amazon and Oracle
	// Linux, whose /bin/sh is bash.
	osRHEL
	// osWindows: servercore and nanoserver, whose default shell is cmd.
	osWindows
)

// baseOSOf guesses the operating system s runs on: from the image at the
// root of its FROM chain, else from the package managers its chain calls.
func baseOSOf(file *dockerfile.File, s *dockerfile.Stage) osFamily {
	root := s
	for root.Parent != nil {
		root = root.Parent
	}
	if root.From != nil {
		img, _ := baseImage(file, root.From)
		if fam := osOfImage(img); fam != osUnknown {
			return fam
		}
	}
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			for _, pc := range pkgCalls(in) {
				switch pc.tool {
				case "apt-get", "apt", "aptitude":
					return osDebian
				case "apk":
					return osAlpine
				case "yum", "dnf", "microdnf":
					return osRHEL
				}
			}
		}
	}
	return osUnknown
}

// rhelRepos are image names of the Red Hat family.
var rhelRepos = map[string]bool{
	"centos": true, "rhel": true, "ubi": true, "ubi7": true, "ubi8": true, "ubi9": true, "ubi10": true,
	"ubi-minimal": true, "ubi8-minimal": true, "ubi9-minimal": true, "ubi-micro": true, "ubi9-micro": true,
	"fedora": true, "rockylinux": true, "almalinux": true, "amazonlinux": true, "oraclelinux": true,
	"centos-stream": true, "stream8": true, "stream9": true,
}

// osOfImage classifies an image reference by its name and tag.
func osOfImage(img string) osFamily {
	img = strings.ToLower(img)
	if img == "" || strings.HasPrefix(img, "$") {
		return osUnknown
	}
	name, tag := img, ""
	if i := strings.LastIndexByte(img, ':'); i > strings.LastIndexByte(img, '/') {
		name, tag = img[:i], img[i+1:]
	}
	repo := path.Base(name)
	switch {
	case strings.Contains(name, "windows/") || strings.Contains(name, "nanoserver") || strings.Contains(name, "servercore") ||
		strings.Contains(tag, "nanoserver") || strings.Contains(tag, "windowsservercore") || strings.Contains(tag, "ltsc20"):
		return osWindows
	case repo == "alpine" || repo == "busybox" || strings.Contains(tag, "alpine") || strings.HasPrefix(tag, "musl"):
		return osAlpine
	case rhelRepos[repo] || strings.Contains(tag, "centos") || strings.Contains(tag, "oraclelinux") ||
		strings.Contains(tag, "ubi") || strings.Contains(tag, "fedora") || strings.Contains(tag, "rockylinux") ||
		strings.Contains(tag, "almalinux") || strings.Contains(tag, "amazonlinux"):
		return osRHEL
	case repo == "debian" || repo == "ubuntu" || repo == "buildpack-deps":
		return osDebian
	}
	for _, code := range debianCodenames {
		if strings.Contains(tag, code) {
			return osDebian
		}
	}
	return osUnknown
}

// debianCodenames name Debian and Ubuntu releases in official images' tags
// (python:3.12-slim-bookworm, eclipse-temurin:21-jammy).
var debianCodenames = []string{"buster", "bullseye", "bookworm", "trixie", "forky", "sid",
	"bionic", "focal", "jammy", "noble", "oracular", "plucky", "questing", "resolute"}
