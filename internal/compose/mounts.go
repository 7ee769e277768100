package compose

import (
	"errors"
	"net"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ports reads `ports:`. A short-syntax item docker would refuse (a bad
// address, mismatched ranges) is a warning and is still modelled from its
// text, so a check can judge what it says.
func (l *loader) ports(v view) List[Port] {
	out := listOf(l, v, "ports", func(_ item, s Field[string]) Port {
		ip, published, target, proto, err := splitPort(s.Value)
		if err != nil {
			l.warn(s.Pos, "ports: %s", err)
		}
		return Port{Pos: s.Pos, Raw: s.Raw, HostIP: derived(s, ip), Published: derived(s, published),
			Target: derived(s, target), Protocol: derived(s, proto)}
	}, func(it item, iv view) Port {
		return Port{Pos: posOf(it.doc, it.node), HostIP: l.str(iv, "host_ip"), Published: l.str(iv, "published"),
			Target: l.str(iv, "target"), Protocol: l.str(iv, "protocol"), Mode: l.str(iv, "mode")}
	})
	for i := range out.Items {
		p := &out.Items[i]
		p.HostIP.Value = strings.TrimSuffix(strings.TrimPrefix(p.HostIP.Value, "["), "]")
		if p.Protocol.Value == "" {
			p.Protocol.Value = "tcp"
		}
		if p.Mode.Value == "" {
			p.Mode.Value = "ingress"
		}
	}
	// compose-go's portIndexer, on the canonical (long) form.
	out.Items = unique(out.Items, func(p *Port) string {
		ip := p.HostIP.Value
		if ip == "" {
			ip = "0.0.0.0"
		}
		return ip + ":" + p.Published.Value + ":" + p.Target.Value + "/" + p.Protocol.Value
	})
	return out
}

// splitPort splits a short-syntax port ("[ip:][host:]container[/proto]")
// the way docker's nat.ParsePortSpec does, and returns the first reason
// docker would refuse it. Unlike nat it does not expand ranges, so a
// hostile "1-65535" costs nothing. Messages never quote the text.
func splitPort(s string) (ip, published, target, proto string, err error) {
	parts := strings.Split(s, ":")
	switch n := len(parts); n {
	case 1:
		target = parts[0]
	case 2:
		published, target = parts[0], parts[1]
	default:
		ip, published, target = strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
	target, proto, _ = strings.Cut(target, "/")
	if proto == "" {
		proto = "tcp"
	}
	proto = strings.ToLower(proto)
	switch {
	case target == "":
		return ip, published, target, proto, errors.New("no container port")
	case proto != "tcp" && proto != "udp" && proto != "sctp":
		return ip, published, target, proto, errors.New("protocol is not tcp, udp or sctp")
	}
	addr := ip
	if strings.HasPrefix(addr, "[") {
		if h, _, splitErr := net.SplitHostPort(addr + ":"); splitErr == nil {
			addr = h
		}
	}
	if addr != "" && net.ParseIP(addr) == nil {
		return ip, published, target, proto, errors.New("host address is not an IP address")
	}
	lo, hi, ok := natRange(target)
	if !ok {
		return ip, published, target, proto, errors.New("container port is not a port or range")
	}
	if published != "" {
		hlo, hhi, ok := natRange(published)
		if !ok {
			return ip, published, target, proto, errors.New("host port is not a port or range")
		}
		if hi-lo != hhi-hlo && hi != lo {
			return ip, published, target, proto, errors.New("host and container port ranges differ in size")
		}
	}
	return ip, published, target, proto, nil
}

// natRange parses a port or range as nat does: numbers from 0 to 65535,
// the end not below the start.
func natRange(s string) (lo, hi int, ok bool) {
	a, b, isRange := strings.Cut(s, "-")
	x, ok := natPort(a)
	if !ok {
		return 0, 0, false
	}
	if !isRange || a == b {
		return x, x, true
	}
	y, ok := natPort(b)
	if !ok || y < x {
		return 0, 0, false
	}
	return x, y, true
}

func natPort(s string) (int, bool) {
	n, err := strconv.ParseInt(s, 10, 0)
	return int(n), err == nil && n >= 0 && n <= 65535
}

// volumes reads a service's `volumes:`.
func (l *loader) volumes(v view) List[Volume] {
	// A bind's source is relative to the directory of the file it is in.
	hostPath := func(it item, vol *Volume) {
		if vol.Type.Value == "bind" {
			vol.HostPath = joinPath(it.doc.baseDir, vol.Source.Value)
		}
	}
	out := listOf(l, v, "volumes", func(it item, s Field[string]) Volume {
		parsed, err := parseVolume(s.Value)
		if err != nil {
			l.warn(s.Pos, "volumes: not a valid volume (%s)", err)
		}
		vol := Volume{Pos: s.Pos, Raw: s.Raw, Type: derived(s, parsed.typ), Source: derived(s, parsed.source),
			Target: derived(s, cleanTarget(parsed.target)), Propagation: derived(s, parsed.propagation),
			SELinux: derived(s, parsed.selinux)}
		vol.ReadOnly = Field[bool]{Key: Key{Pos: s.Pos, Set: parsed.readOnly}, Value: parsed.readOnly, Raw: s.Raw}
		hostPath(it, &vol)
		return vol
	}, func(it item, iv view) Volume {
		bind := l.sub(iv, "bind")
		vol := Volume{Pos: posOf(it.doc, it.node), Type: l.str(iv, "type"), Source: l.str(iv, "source"),
			Target: l.str(iv, "target"), ReadOnly: l.boolean(iv, "read_only"),
			Propagation: l.str(bind, "propagation"), SELinux: l.str(bind, "selinux")}
		vol.Target.Value = cleanTarget(vol.Target.Value)
		hostPath(it, &vol)
		return vol
	})
	// compose-go's volumeIndexer: one mount per target.
	out.Items = unique(out.Items, func(v *Volume) string { return v.Target.Value })
	return out
}

// cleanTarget is compose-go's: targets are compared once cleaned.
func cleanTarget(t string) string {
	if t == "" {
		return ""
	}
	return path.Clean(t)
}

// volumeSpec is a short-syntax volume ("[source:]target[:options]").
type volumeSpec struct {
	typ, source, target  string
	readOnly             bool
	propagation, selinux string
}

// parseVolume reads a short-syntax volume as compose-go's
// format.ParseVolume does (TestParseVolumeMatchesComposeGo and
// FuzzParseVolume hold it to that), without linking compose-go's types
// package and the YAML v4 library behind it: split at colons outside
// `${…}` and after a Windows drive letter; one field is an anonymous
// volume's target; options after the target are ro, rw, nocopy, a bind
// propagation or z/Z, and others are ignored. A source that is a path
// makes a bind. What it returns on error is what was read so far.
func parseVolume(spec string) (volumeSpec, error) {
	var v volumeSpec
	switch len(spec) {
	case 0:
		return v, errors.New("empty volume")
	case 1, 2:
		v.target, v.typ = spec, "volume"
		return v, nil
	}
	var buf []rune
	nested := 0 // depth of ${…}
	const end = rune(0)
	for i, c := range spec + string(end) {
		switch {
		case c == '$' && i+1 < len(spec) && spec[i+1] == '{':
			nested++
			buf = append(buf, c)
		case c == '}' && nested > 0:
			nested--
			buf = append(buf, c)
		case c == ':' && len(buf) == 1 && unicode.IsLetter(buf[0]): // C:\…
			buf = append(buf, c)
		case (c == ':' || c == end) && nested == 0:
			if err := v.setField(string(buf), c == end); err != nil {
				v.setType()
				return v, err
			}
			buf = buf[:0]
		default:
			buf = append(buf, c)
		}
	}
	v.setType()
	return v, nil
}

func (v *volumeSpec) setField(field string, last bool) error {
	switch {
	case field == "":
		return errors.New("empty section between colons")
	case v.source == "" && last:
		v.target = field
	case v.source == "":
		v.source = field
	case v.target == "":
		v.target = field
	case !last:
		return errors.New("too many colons")
	default:
		for _, opt := range strings.Split(field, ",") {
			switch opt {
			case "ro":
				v.readOnly = true
			case "rw":
				v.readOnly = false
			case "shared", "rshared", "slave", "rslave", "private", "rprivate":
				v.propagation = opt
			case "z", "Z":
				v.selinux = opt
			}
		}
	}
	return nil
}

// setType makes a path source a bind ("./data", "/srv", "~/x", `C:\x`,
// `\\pipe`) and anything else a named volume.
func (v *volumeSpec) setType() {
	v.typ = "volume"
	s := v.source
	if s == "" {
		return
	}
	switch {
	case s[0] == '.' || s[0] == '/' || s[0] == '~' || strings.HasPrefix(s, `\\`):
		v.typ = "bind"
	default:
		first, n := utf8.DecodeRuneInString(s)
		if len(s) > n && unicode.IsLetter(first) && s[n] == ':' {
			v.typ = "bind"
		}
	}
}

// devices reads `devices:` ("src[:dst[:perms]]", or the long syntax), as
// compose-go's transformDeviceMapping does.
func (l *loader) devices(v view) List[Device] {
	out := listOf(l, v, "devices", func(_ item, s Field[string]) Device {
		parts := strings.Split(s.Value, ":")
		if len(parts) > 3 {
			l.warn(s.Pos, "devices: confusing device mapping, use the long syntax")
		}
		dev := Device{Pos: s.Pos, Raw: s.Raw, Source: derived(s, parts[0]), Target: derived(s, parts[0]), Permissions: derived(s, "rwm")}
		dev.Target.Set, dev.Permissions.Set = false, false
		if len(parts) > 1 && parts[1] != "" {
			dev.Target = derived(s, parts[1])
		}
		if len(parts) == 3 {
			dev.Permissions = derived(s, parts[2])
		}
		return dev
	}, func(it item, iv view) Device {
		return Device{Pos: posOf(it.doc, it.node), Source: l.str(iv, "source"), Target: l.str(iv, "target"),
			Permissions: l.str(iv, "permissions")}
	})
	out.Items = unique(out.Items, func(d *Device) string { return d.Target.Value })
	return out
}
