// How the runtime rules read a compose service: its security options, the
// host paths it mounts, its ports, and where a missing setting is reported.

package rules

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
)

// securityOpt is one security_opt item split as docker splits it: the key
// before the first '=' or ':', the value after it.
type securityOpt struct {
	key, value string
	pos        compose.Pos
	raw        string
}

// securityOpts reads a service's security_opt items. A bare
// `no-new-privileges` means true, as docker reads it.
func securityOpts(s *compose.Service) []securityOpt {
	out := make([]securityOpt, 0, len(s.SecurityOpt.Items))
	for _, it := range s.SecurityOpt.Items {
		v := strings.TrimSpace(it.Value)
		i := strings.IndexAny(v, "=:")
		o := securityOpt{key: strings.ToLower(v), pos: it.Pos, raw: it.Raw}
		if i >= 0 {
			o.key, o.value = strings.ToLower(strings.TrimSpace(v[:i])), strings.TrimSpace(v[i+1:])
		} else if o.key == "no-new-privileges" {
			o.value = "true"
		}
		out = append(out, o)
	}
	return out
}

// unconfinedOpt returns the security_opt item that turns key's confinement
// off (seccomp=unconfined, apparmor:unconfined, label=disable), if any.
func unconfinedOpt(s *compose.Service, key string, off ...string) (securityOpt, bool) {
	for _, o := range securityOpts(s) {
		if o.key != key {
			continue
		}
		for _, v := range off {
			if strings.EqualFold(o.value, v) {
				return o, true
			}
		}
	}
	return securityOpt{}, false
}

// missingAt is where a finding about a setting that is not written points:
// the deepest of the enclosing keys that is written (deploy.resources.limits,
// then deploy.resources, then deploy), else the service's name. That is
// where the setting would be added, and where KICS points.
func missingAt(s *compose.Service, enclosing ...compose.Key) compose.Pos {
	for _, k := range enclosing {
		if k.Set && k.Pos.IsValid() {
			return k.Pos
		}
	}
	return s.Pos
}

// limitsAt is missingAt for a resource limit: deploy.resources.limits,
// deploy.resources, deploy, the service.
func limitsAt(s *compose.Service) compose.Pos {
	return missingAt(s, s.Deploy.Resources.Limits.Key, s.Deploy.Resources.Key, s.Deploy.Key)
}

// positive reports whether a numeric setting is written with a value above
// zero, or with a variable: a value the operator supplies when deploying
// is not a missing setting.
func positive[T int64 | float64](f compose.Field[T]) bool {
	return f.Set && (f.Interpolated || f.Value > 0)
}

// isHostMode reports a namespace setting (network_mode, pid, ipc, uts,
// userns_mode) that shares the host's namespace.
func isHostMode(f compose.Field[string]) bool {
	return f.Set && strings.EqualFold(strings.TrimSpace(f.Value), "host")
}

// sensitiveHostDirs are host directories whose contents are the host's own
// system, configuration or container runtime state (CIS 5.6 lists /, /boot,
// /dev, /etc, /lib, /proc, /sys and /usr); a directory below one counts.
// "/" counts only itself.
var sensitiveHostDirs = []string{
	"/bin", "/boot", "/dev", "/etc", "/lib", "/lib32", "/lib64", "/proc", "/root", "/sbin", "/sys", "/usr",
	"/var/lib/docker", "/var/lib/containerd", "/var/lib/kubelet", "/run/containerd", "/var/run/containerd",
}

// harmlessReadOnly are public host files commonly mounted read-only for
// the time zone or CA certificates: reading them tells nothing.
var harmlessReadOnly = []string{
	"/etc/localtime", "/etc/timezone", "/usr/share/zoneinfo", "/etc/ssl/certs", "/usr/share/ca-certificates",
	"/etc/ca-certificates", "/etc/pki/ca-trust/extracted",
}

// sensitiveHostPath says why mounting the host path src is dangerous (""
// when it is not): the sensitive directory it is in, or the credential
// folder it names (credentialDirs). Only absolute paths and home paths (`~/.ssh`) are
// judged: a relative path is the project's own. The Docker socket and its
// directory are DockerSocketVolume's concern.
func sensitiveHostPath(src string, readOnly bool) string {
	src = strings.TrimSpace(src)
	if isDockerSocketSource(src) {
		return ""
	}
	if !strings.HasPrefix(src, "/") && !strings.HasPrefix(src, "~") {
		return ""
	}
	p := path.Clean(strings.TrimPrefix(src, "~"))
	for _, seg := range strings.Split(p, "/") {
		if what, ok := credentialDirs[seg]; ok {
			return what
		}
	}
	if strings.HasPrefix(src, "~") {
		return ""
	}
	if p == "/" {
		return "the host's root directory"
	}
	if readOnly && underAny(p, harmlessReadOnly) {
		return ""
	}
	for _, d := range sensitiveHostDirs {
		if under(p, d) {
			return "the host's " + d
		}
	}
	return ""
}

func under(p, dir string) bool { return p == dir || strings.HasPrefix(p, dir+"/") }

func underAny(p string, dirs []string) bool {
	for _, d := range dirs {
		if under(p, d) {
			return true
		}
	}
	return false
}

// isDockerSocketSource recognises a host path that hands the container
// runtime's API to a container: the socket itself, the directory it lives
// in, or Docker's named pipe on Windows.
func isDockerSocketSource(src string) bool {
	s := strings.TrimRight(strings.TrimSpace(src), "/")
	switch {
	case IsDockerSocketPath(s), s == "/var/run", s == "/run":
		return true
	}
	return strings.EqualFold(strings.ReplaceAll(s, "/", `\`), `\\.\pipe\docker_engine`)
}

// hostBindSource is the host path a service volume binds, and whether it
// is one: a bind mount's source, or a named volume whose top-level
// definition binds a host directory (driver_opts `o: bind` with a
// `device`, or local-persist's `mountpoint`). pos is where the path is
// written.
func hostBindSource(proj *compose.Project, v *compose.Volume) (src string, pos compose.Pos, ok bool) {
	switch v.Type.Value {
	case "bind", "npipe":
		return v.Source.Value, v.Source.Pos, v.Source.Value != ""
	case "volume":
		if nv := proj.Volume(v.Source.Value); nv != nil {
			if dev, ok := namedVolumeHostPath(nv); ok {
				return dev.Value, dev.Pos, true
			}
		}
	}
	return "", compose.Pos{}, false
}

// namedVolumeHostPath is the host directory a top-level volume binds.
func namedVolumeHostPath(nv *compose.NamedVolume) (compose.Var, bool) {
	var device, mountpoint compose.Var
	bind := false
	for _, o := range nv.DriverOpts.Items {
		switch o.Name {
		case "device":
			device = o
		case "mountpoint":
			mountpoint = o
		case "o":
			for _, opt := range strings.Split(o.Value, ",") {
				if opt = strings.TrimSpace(opt); opt == "bind" || opt == "rbind" {
					bind = true
				}
			}
		}
	}
	switch {
	case bind && device.Name != "":
		return device, true
	case nv.Driver.Value == "local-persist" && mountpoint.Name != "":
		return mountpoint, true
	}
	return compose.Var{}, false
}

// servicesMounting names the services that mount the top-level volume.
func servicesMounting(proj *compose.Project, volume string) string {
	var names []string
	for _, s := range proj.Services {
		for i := range s.Volumes.Items {
			if v := &s.Volumes.Items[i]; v.Type.Value == "volume" && v.Source.Value == volume {
				names = append(names, s.Name)
				break
			}
		}
	}
	return strings.Join(names, ", ")
}

// describePort names a ports item as written: the short syntax itself, or
// the long syntax's host address, published and target ports. It quotes
// what the file says, never an interpolated value.
func describePort(p *compose.Port) string {
	if p.Raw != "" {
		return strconv.Quote(p.Raw)
	}
	var b strings.Builder
	b.WriteString("target ")
	b.WriteString(p.Target.Raw)
	if p.Published.Raw != "" {
		b.WriteString(" published as ")
		if p.HostIP.Raw != "" {
			b.WriteString(p.HostIP.Raw + ":")
		}
		b.WriteString(p.Published.Raw)
	}
	return b.String()
}

// publishedHost is the host address and port range a ports item publishes.
// A long-syntax `published: 127.0.0.1:8080`, which docker refuses (the
// loader warns), is read as the address its author meant.
func publishedHost(p *compose.Port) (ip string, lo, hi int, ok bool) {
	ip = strings.Trim(p.HostIP.Value, "[]")
	pub := p.Published.Value
	if i := strings.LastIndexByte(pub, ':'); i >= 0 && ip == "" {
		ip, pub = strings.Trim(pub[:i], "[]"), pub[i+1:]
	} else if strings.Count(pub, ".") == 3 && ip == "" {
		ip, pub = pub, ""
	}
	tmp := compose.Port{Published: compose.Field[string]{Value: pub}}
	lo, hi, ok = tmp.PublishedRange()
	return ip, lo, hi, ok
}

// allInterfaces reports whether ip (from publishedHost) is every interface.
func allInterfaces(ip string) bool {
	switch ip {
	case "", "0.0.0.0", "::":
		return true
	}
	return false
}

// reportHostMode reports a namespace setting (key: value host) that shares
// the host's namespace, saying what the service then sees.
func reportHostMode(p *ComposePass, s *compose.Service, f compose.Field[string], key, consequence string) {
	if isHostMode(f) {
		p.Reportf(s, f.Pos, "sets %s: host, so %s", key, consequence)
	}
}
