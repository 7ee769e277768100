package rules

import (
	"github.com/dockstride/dockstride/internal/image"
	"path"
	"strings"
)

// Image config checks: the same concepts as the Dockerfile checks of the
// rule they belong to, read from the config of a built image, where the
// final USER, ENV, EXPOSE, ENTRYPOINT/CMD, HEALTHCHECK, VOLUME and WORKDIR
// of every stage and base image have landed.

// dockleRoot is the peer ID of the image-side root check: dockle reads the
// config as this check does.
var dockleRoot = []string{"CIS-DI-0001"}

// imageRunsAsRoot: User empty (root by default), root, 0, or root/0 with a
// group.
func imageRunsAsRoot(p *ImagePass, img *image.Image) {
	u := strings.TrimSpace(img.Config.Config.User)
	switch {
	case u == "":
		p.ReportAliasedf(dockleRoot, "the image config sets no User, so the container runs as root")
	case isRootUser(u):
		p.ReportAliasedf(dockleRoot, "the image config's User is %q (root)", u)
	}
}

// imageSecretEnv: a credential in the config's Env, by name or value.
func imageSecretEnv(p *ImagePass, img *image.Image) {
	for _, kv := range img.Config.Config.Env {
		name, value, _ := strings.Cut(kv, "=")
		if why := secretVar(p.Secrets(), "ENV", name, value); why != "" {
			p.Reportf("%s", why)
		}
	}
}

// imageAdminPort: ExposedPorts holds SSH, Telnet, RDP, VNC, WinRM or the
// plain Docker API.
func imageAdminPort(p *ImagePass, img *image.Image) {
	for _, spec := range sortedKeys(img.Config.Config.ExposedPorts) {
		lo, hi, ok := portRange(spec, nil)
		if !ok || hi-lo > 65535 {
			continue
		}
		for port := lo; port <= hi; port++ {
			if svc, admin := remoteAdminPorts[port]; admin && !portAllowed(p.Settings, port) {
				p.Reportf("the image exposes port %s (%s)", spec, svc)
			}
		}
	}
}

// imagePortOutOfRange: an exposed port outside 0-65535.
func imagePortOutOfRange(p *ImagePass, img *image.Image) {
	for _, spec := range sortedKeys(img.Config.Config.ExposedPorts) {
		lo, hi, ok := portRange(spec, nil)
		if ok && (lo < 0 || hi > 65535 || lo > 65535) {
			p.Reportf("the image exposes port %s: ports must be between 0 and 65535", spec)
		}
	}
}

// shellWrapped reports whether argv runs its command through `sh -c`, as
// Docker writes a shell-form ENTRYPOINT or CMD: ["/bin/sh", "-c", "…"].
func shellWrapped(argv []string) bool {
	if len(argv) < 2 || argv[1] != "-c" {
		return false
	}
	switch argv[0] {
	case "/bin/sh", "sh", "/usr/bin/sh":
		return true
	}
	return false
}

// imageShellForm: Entrypoint or Cmd wrapped in /bin/sh -c, or a CMD-SHELL
// health check. A config that sets Shell chose its shell on purpose, as a
// Dockerfile with SHELL does.
func imageShellForm(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	if len(c.Shell) > 0 {
		return
	}
	if shellWrapped(c.Entrypoint) {
		p.Reportf("the image's Entrypoint runs under /bin/sh -c (shell form); use the exec form")
	}
	// With a shell-form Entrypoint, Docker ignores Cmd.
	if shellWrapped(c.Cmd) && !shellWrapped(c.Entrypoint) {
		p.Reportf("the image's Cmd runs under /bin/sh -c (shell form); use the exec form")
	}
	if c.Healthcheck != nil && len(c.Healthcheck.Test) > 0 && c.Healthcheck.Test[0] == "CMD-SHELL" {
		p.Reportf("the image's health check runs under /bin/sh -c (CMD-SHELL); use the exec form")
	}
}

// imageHealthcheckMissing: no Healthcheck in the config. HEALTHCHECK NONE
// is recorded as Test ["NONE"] and counts as a deliberate choice.
func imageHealthcheckMissing(p *ImagePass, img *image.Image) {
	hc := img.Config.Config.Healthcheck
	if hc == nil || len(hc.Test) == 0 {
		p.Reportf("the image config defines no health check")
	}
}

// imageBindsAll: Entrypoint or Cmd tells the service to listen on 0.0.0.0.
func imageBindsAll(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	for _, argv := range [][]string{c.Entrypoint, c.Cmd} {
		for _, a := range argv {
			for _, w := range strings.Fields(a) {
				if bindsAll(w) {
					p.Reportf("the image's command makes the service listen on all interfaces (%s)", w)
					return
				}
			}
		}
	}
}

// imageDockerSocketVolume: a declared volume at the Docker (or containerd,
// Podman) socket.
func imageDockerSocketVolume(p *ImagePass, img *image.Image) {
	for _, v := range sortedKeys(img.Config.Config.Volumes) {
		if IsDockerSocketPath(v) {
			p.Reportf("the image declares the volume %s, the Docker daemon's socket", v)
		}
	}
}

// imageSystemDirectory: a volume or the working directory inside /proc,
// /sys, /dev, /boot…. The Docker socket is DKS4005's concept and the kernel
// directories this one's, on images as in Dockerfiles.
func imageSystemDirectory(p *ImagePass, img *image.Image) {
	c := img.Config.Config
	for _, v := range sortedKeys(c.Volumes) {
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
