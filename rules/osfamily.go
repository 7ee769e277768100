// The tools a stage's distribution has, for the fixes that must name them
// (the shell with pipefail, the command that adds a user). Which
// distribution it is comes from baseOSOf.

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// debianBased are Docker Official Images whose default variants are built
// on Debian (their -alpine and -windowsservercore tags are not, and
// baseOSOf reads those tags first).
var debianBased = map[string]bool{
	"python": true, "node": true, "golang": true, "ruby": true, "php": true, "perl": true, "rust": true,
	"openjdk": true, "eclipse-temurin": true, "maven": true, "gradle": true, "nginx": true, "httpd": true,
	"postgres": true, "redis": true, "elixir": true,
}

// stageOS is the family of s as baseOSOf tells it, with the official
// images built on Debian by default (python:3.12-slim) known too. A
// family we cannot tell is osUnknown: a fix that needs its tools is then
// not offered.
func stageOS(f *dockerfile.File, s *dockerfile.Stage) osFamily {
	if fam := baseOSOf(f, s); fam != osUnknown {
		return fam
	}
	root := s
	for root.Parent != nil {
		root = root.Parent
	}
	if root.From == nil || !root.From.Resolved {
		return osUnknown
	}
	ref := ParseImageRef(strings.ToLower(root.From.Expanded))
	if debianBased[path.Base(ref.Repository)] && (ref.Registry == "" || ref.Registry == "docker.io") {
		return osDebian
	}
	return osUnknown
}

// pipefailShell is the SHELL that turns pipefail on in os's shell.
func pipefailShell(os osFamily) []string {
	switch os {
	case osDebian, osRHEL:
		return []string{"/bin/bash", "-o", "pipefail", "-c"}
	case osAlpine:
		return []string{"/bin/ash", "-o", "pipefail", "-c"}
	}
	return nil
}

// addUserCommand is the RUN command that creates the unprivileged user uid
// on os, named app, with a home directory; "" where we do not know it.
func addUserCommand(os osFamily, uid string) string {
	switch os {
	case osDebian, osRHEL:
		return "useradd --uid " + uid + " --create-home app"
	case osAlpine:
		return "adduser -D -u " + uid + " app"
	}
	return ""
}
