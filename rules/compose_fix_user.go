// Who a compose service's process runs as, for the unsafe fixes that are
// sound only when it is not root: cap_drop: [ALL] and read_only: true.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/baseimage"
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// serviceNonRoot reports whether service s is known to run its process as
// a user other than root, and when it is not, why not (a sentence that
// starts with what the project says, for a NoFix reason).
//
// Dropping every capability or making the root filesystem read-only is
// sound for a non-root process: it holds no capability once it runs, and
// it can write only what it owns, where a tmpfs or volume goes. A process
// that runs as root is another matter: official images start as root to
// chown their data directory and switch user (postgres's entrypoint needs
// CHOWN, DAC_OVERRIDE, SETUID and SETGID, and writes /var/run/postgresql),
// and nothing in the project says what else. So the fix is offered when
// the service sets a non-root `user:`, builds its image here from a
// Dockerfile whose shipped stage ends as a non-root USER (or on a base the
// offline table knows runs as non-root), or, when imageTable is set, runs
// an image the table knows runs as non-root. A read-only root needs more
// than that: a non-root image not built here still writes the directories
// it owns (bitnami's write under /opt/bitnami), which the project does not
// show, so readOnlyFix does not take the table's word.
func serviceNonRoot(p *ComposePass, s *compose.Service, imageTable bool) (ok bool, why string) {
	if s.User.Set {
		u := strings.TrimSpace(s.User.Value)
		name, _, _ := strings.Cut(u, ":")
		switch {
		case strings.TrimSpace(name) == "":
			return false, "user: of service " + s.Name + " is empty once interpolated"
		case IsRootUser(u):
			return false, "service " + s.Name + " runs as root (user: " + s.User.Raw + ")"
		}
		return true, ""
	}
	if s.Build.Set {
		return builtNonRoot(p, s)
	}
	image := strings.TrimSpace(s.Image.Raw)
	if image == "" {
		return false, "service " + s.Name + " names no image and builds none"
	}
	if d, known := baseimage.DefaultsOf(s.Image.Value); imageTable && known && d.NonRoot && !s.Image.Interpolated {
		return true, ""
	}
	return false, "image " + image + " is not built here and service " + s.Name + " sets no user:"
}

// builtNonRoot is serviceNonRoot for a service that builds its image: the
// last USER of the stage the build ships (its target, else the last
// stage), or the user of its base when it sets none.
func builtNonRoot(p *ComposePass, s *compose.Service) (bool, string) {
	var f *dockerfile.File
	name := "the inline Dockerfile of service " + s.Name
	switch path := s.Build.DockerfilePath(); {
	case s.Build.DockerfileInline.Set:
		if g, err := dockerfile.Parse("", []byte(s.Build.DockerfileInline.Value)); err == nil {
			f = g
		}
	case path == "":
		return false, "service " + s.Name + " builds from a remote context, whose Dockerfile is not read here, and sets no user:"
	case p.Dockerfile != nil:
		written := s.Build.Dockerfile.Raw // as written: a Value may hold a secret
		if written == "" {
			written = "Dockerfile"
		}
		f, name = p.Dockerfile(path), "the Dockerfile service "+s.Name+" builds ("+written+")"
	}
	if f == nil {
		return false, "the Dockerfile service " + s.Name + " builds was not read, and the service sets no user:"
	}
	stage := f.FinalStage()
	if t := s.Build.Target.Value; t != "" {
		stage = f.StageByName(strings.ToLower(t))
	}
	if stage == nil {
		return false, name + " has no stage " + s.Build.Target.Raw + " to ship, and the service sets no user:"
	}
	if u := effectiveUser(stage); u != nil {
		switch {
		case strings.Contains(u.Expanded, "$"):
			return false, name + " ends with USER " + u.Expanded + ", a variable, and the service sets no user:"
		case IsRootUser(u.Expanded):
			return false, name + " ends as root (USER " + u.Expanded + ") and the service sets no user:"
		}
		return true, ""
	}
	if d, known := baseimage.DefaultsOf(baseImageOf(stage)); known && d.NonRoot {
		return true, ""
	}
	return false, name + " sets no USER, so it runs as root, and the service sets no user:"
}
