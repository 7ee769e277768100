package baseimage

import (
	"slices"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// FromConfig reads the defaults of image from its own config, as
// `dockstride lint --resolve-base` fetches it: the user, entrypoint and
// health check are then known; the shell only when the config sets one
// (otherwise /bin/sh -c is used, if the image has it, which a config
// cannot tell).
func FromConfig(image string, cf *v1.ConfigFile) Defaults {
	c := cf.Config
	user := strings.TrimSpace(c.User)
	d := Defaults{
		Image:      image,
		User:       user,
		NonRoot:    !rootUser(user),
		Entrypoint: known(slices.Clone(c.Entrypoint)),
		// HEALTHCHECK NONE counts as defined, as the image checks read it:
		// the base's author chose it.
		Healthcheck: known(c.Healthcheck != nil && len(c.Healthcheck.Test) > 0),
		Source:      "the image's config in its registry (--resolve-base)",
	}
	if d.Entrypoint.Value == nil {
		d.Entrypoint.Value = []string{}
	}
	if len(c.Shell) > 0 {
		d.Shell = known(slices.Clone(c.Shell))
	}
	return d
}

// rootUser reports whether a config's User runs as root: unset, root, 0
// (with or without a group), or Windows' ContainerAdministrator.
func rootUser(u string) bool {
	name, _, _ := strings.Cut(u, ":")
	switch strings.TrimSpace(name) {
	case "", "root", "0":
		return true
	}
	return strings.EqualFold(name, "ContainerAdministrator")
}
