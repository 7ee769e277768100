package compose

import (
	"errors"
	"net"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// ports reads `ports:`. A short-syntax item docker would refuse (a bad
// address, mismatched ranges) is a warning and is still modelled from its
// text, so a check can judge what it says.
func (l *loader) ports(v view) List[Port] {
	k, its := l.seq(v, "ports")
	out := List[Port]{Key: k}
	for _, it := range its {
		pos := posOf(it.doc, it.node)
		p := Port{Pos: pos}
		switch it.node.Kind {
		case yaml.ScalarNode:
			s, ok := l.text(it.doc, pos, it.node)
			if !ok || isNull(it.node) {
				continue
			}
			p.Raw = s.Raw
			ip, published, target, proto, err := splitPort(s.Value)
			if err != nil {
				l.warn(pos, "ports: %s", err)
			}
			at := func(val string) Field[string] {
				return Field[string]{Key: Key{Pos: pos, Set: val != ""}, Value: val, Raw: s.Raw, Interpolated: s.Interpolated}
			}
			p.HostIP, p.Published, p.Target, p.Protocol = at(ip), at(published), at(target), at(proto)
		case yaml.MappingNode:
			iv := view{{doc: it.doc, val: it.node}}
			p.HostIP = l.str(iv, "host_ip")
			p.Published = l.str(iv, "published")
			p.Target = l.str(iv, "target")
			p.Protocol = l.str(iv, "protocol")
			p.Mode = l.str(iv, "mode")
		default:
			l.badItem(it, "ports")
			continue
		}
		p.HostIP.Value = strings.TrimSuffix(strings.TrimPrefix(p.HostIP.Value, "["), "]")
		if p.Protocol.Value == "" {
			p.Protocol.Value = "tcp"
		}
		if p.Mode.Value == "" {
			p.Mode.Value = "ingress"
		}
		out.Items = append(out.Items, p)
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

// volumes reads a service's `volumes:`; the short syntax with compose-go's
// own parser.
func (l *loader) volumes(v view) List[Volume] {
	k, its := l.seq(v, "volumes")
	out := List[Volume]{Key: k}
	for _, it := range its {
		pos := posOf(it.doc, it.node)
		vol := Volume{Pos: pos}
		switch it.node.Kind {
		case yaml.ScalarNode:
			s, ok := l.text(it.doc, pos, it.node)
			if !ok || isNull(it.node) {
				continue
			}
			vol.Raw = s.Raw
			parsed, err := parseVolume(s.Value)
			if err != nil {
				l.warn(pos, "volumes: not a valid volume (%s)", err)
			}
			at := func(val string) Field[string] {
				return Field[string]{Key: Key{Pos: pos, Set: val != ""}, Value: val, Raw: s.Raw, Interpolated: s.Interpolated}
			}
			vol.Type, vol.Source, vol.Target = at(parsed.typ), at(parsed.source), at(cleanTarget(parsed.target))
			vol.ReadOnly = Field[bool]{Key: Key{Pos: pos, Set: parsed.readOnly}, Value: parsed.readOnly, Raw: s.Raw}
			vol.Propagation, vol.SELinux = at(parsed.propagation), at(parsed.selinux)
		case yaml.MappingNode:
			iv := view{{doc: it.doc, val: it.node}}
			vol.Type = l.str(iv, "type")
			vol.Source = l.str(iv, "source")
			vol.Target = l.str(iv, "target")
			vol.Target.Value = cleanTarget(vol.Target.Value)
			vol.ReadOnly = l.boolean(iv, "read_only", "volumes.")
			bind := l.sub(iv, "bind")
			vol.Propagation = l.str(bind, "propagation")
			vol.SELinux = l.str(bind, "selinux")
		default:
			l.badItem(it, "volumes")
			continue
		}
		if vol.Type.Value == "bind" {
			vol.HostPath = joinPath(it.doc.baseDir, vol.Source.Value)
		}
		out.Items = append(out.Items, vol)
	}
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
	k, its := l.seq(v, "devices")
	out := List[Device]{Key: k}
	for _, it := range its {
		pos := posOf(it.doc, it.node)
		dev := Device{Pos: pos}
		switch it.node.Kind {
		case yaml.ScalarNode:
			s, ok := l.text(it.doc, pos, it.node)
			if !ok || isNull(it.node) {
				continue
			}
			dev.Raw = s.Raw
			at := func(val string, set bool) Field[string] {
				return Field[string]{Key: Key{Pos: pos, Set: set}, Value: val, Raw: s.Raw, Interpolated: s.Interpolated}
			}
			parts := strings.Split(s.Value, ":")
			if len(parts) > 3 {
				l.warn(pos, "devices: confusing device mapping, use the long syntax")
			}
			src, dst, perms := parts[0], "", "rwm"
			if len(parts) > 1 {
				dst = parts[1]
			}
			if len(parts) == 3 {
				perms = parts[2]
			}
			dev.Source = at(src, true)
			dev.Target = at(dst, dst != "")
			if dst == "" {
				dev.Target.Value = src
			}
			dev.Permissions = at(perms, len(parts) == 3)
		case yaml.MappingNode:
			iv := view{{doc: it.doc, val: it.node}}
			dev.Source = l.str(iv, "source")
			dev.Target = l.str(iv, "target")
			dev.Permissions = l.str(iv, "permissions")
		default:
			l.badItem(it, "devices")
			continue
		}
		out.Items = append(out.Items, dev)
	}
	out.Items = unique(out.Items, func(d *Device) string { return d.Target.Value })
	return out
}
