// The unsafe hardening fixes of compose services: a read-only root with a
// tmpfs at /tmp, memory and PIDs limits, ports bound to 127.0.0.1.

package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/fix"
	"go.yaml.in/yaml/v3"
)

// Default limits the limit fixes write when the configuration sets none
// (fix.mem-limit, fix.pids-limit). 512m is above the resident size of a
// typical web or worker process with a few workers (100–300 MiB), so the
// limit stops a leak or a decompression bomb long before the host swaps
// without killing a healthy service; 200 PIDs, the figure the rule's own
// advice gives, leaves room for thread pools (threads count as PIDs) and
// still stops a fork bomb.
const (
	DefaultFixMemLimit  = "512m"
	DefaultFixPidsLimit = 200
)

// fixMemLimit and fixPidsLimit are the limits the fixes write.
func (p *ComposePass) fixMemLimit() string {
	if p.Settings != nil && p.Settings.FixMemLimit != "" {
		return p.Settings.FixMemLimit
	}
	return DefaultFixMemLimit
}

func (p *ComposePass) fixPidsLimit() int64 {
	if p.Settings != nil && p.Settings.FixPidsLimit > 0 {
		return p.Settings.FixPidsLimit
	}
	return DefaultFixPidsLimit
}

// ParseMemLimit reads a memory size as compose does ("512m", "1g",
// "268435456", units b, k, m, g, kb, mb, gb in any case) and returns its
// bytes; the fix.mem-limit key is checked with it.
func ParseMemLimit(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"kb", 1 << 10}, {"mb", 1 << 20}, {"gb", 1 << 30}, {"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSuffix(t, u.suffix), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("%q is not a memory size such as 512m or 1g", s)
	}
	return n * mult, nil
}

// replaceScalar is the edit that replaces the plain scalar value of the
// service's key with text; ok is false when the value is not a plain
// scalar on one line.
func (ct *composeText) replaceScalar(key, text string) (fix.Edit, bool) {
	_, v := mappingPair(ct.svc, key)
	if v == nil || v.Kind != yaml.ScalarNode || v.Style != 0 || v.Value == "" {
		return fix.Edit{}, false
	}
	at := ct.offset(v.Line, v.Column)
	if at < 0 || !strings.HasPrefix(ct.text[at:], v.Value) {
		return fix.Edit{}, false
	}
	return Replace(at, at+len(v.Value), text), true
}

// setServiceScalar is a fix that sets the service's key to value (written
// as text): it replaces the value the service writes, or adds the key.
func setServiceScalar(p *ComposePass, s *compose.Service, title, key, text string, value any) *Fix {
	want := func(svc map[string]any) bool {
		svc[key] = value
		return true
	}
	if _, written := s.Keys[key]; !written {
		return addServiceLines(p, s, title, []string{key + ": " + text}, want)
	}
	ct, why := serviceText(p, s, s.Keys[key])
	if ct == nil {
		return NoFixf("%s", why)
	}
	e, ok := ct.replaceScalar(key, text)
	if !ok || !ct.changesOnly([]fix.Edit{e}, s.Name, want) {
		return NoFixf("%s of service %s is not written as a plain value to replace", key, s.Name)
	}
	return NewFix(title, e)
}

// hasTmp reports whether the service mounts something at /tmp: a tmpfs
// item or a volume.
func hasTmp(s *compose.Service) bool {
	for _, t := range s.Tmpfs.Items {
		path, _, _ := strings.Cut(strings.TrimSpace(t.Value), ":")
		if strings.TrimRight(path, "/") == "/tmp" {
			return true
		}
	}
	for _, v := range s.Volumes.Items {
		if strings.TrimRight(v.Target.Value, "/") == "/tmp" {
			return true
		}
	}
	return false
}

// readOnlyFix sets `read_only: true` and, unless the service mounts
// something at /tmp already, gives it `tmpfs: [/tmp]`, where programs
// expect to write. Unsafe: a service that writes elsewhere in its root
// filesystem (a cache, a pid file, uploads) fails until that path gets a
// tmpfs or a volume too. It is offered only for a service known to run as
// non-root (see serviceNonRoot), which can write only what it owns: where
// a root process writes (a run directory, files it chowns), nothing in the
// project says.
func readOnlyFix(p *ComposePass, s *compose.Service) *Fix {
	if ok, why := serviceNonRoot(p, s, false); !ok {
		return NoFixf("%s; where it writes is not known. Give each path it writes a tmpfs or a volume and set read_only: true, "+
			"or run it as a non-root user", why)
	}
	ct, why := serviceText(p, s, s.Pos)
	if ct == nil {
		return NoFixf("%s", why)
	}
	var lines []string
	var more []fix.Edit
	if s.ReadOnly.Set {
		e, ok := ct.replaceScalar("read_only", "true")
		if !ok {
			return NoFixf("read_only of service %s is not written as a plain value in %s to replace", s.Name, ct.file)
		}
		more = append(more, e)
	} else {
		lines = append(lines, "read_only: true")
	}
	title, tmp := "set read_only: true", !hasTmp(s)
	if tmp {
		title += " with a tmpfs at /tmp"
		if !s.Tmpfs.Set {
			lines = append(lines, "tmpfs:", "  - /tmp")
		} else if e, ok := ct.appendEdit("tmpfs", "/tmp"); ok {
			more = append(more, e)
		} else {
			return NoFixf("tmpfs of service %s is not a list written in the service to add /tmp to", s.Name)
		}
	}
	want := func(svc map[string]any) bool {
		svc["read_only"] = true
		if !tmp {
			return true
		}
		switch l := svc["tmpfs"].(type) {
		case nil:
			svc["tmpfs"] = []any{"/tmp"}
		case []any:
			svc["tmpfs"] = append(l, "/tmp")
		default:
			return false
		}
		return true
	}
	if len(lines) > 0 {
		return addServiceLines(p, s, title, lines, want, more...)
	}
	if !ct.changesOnly(more, s.Name, want) {
		return NoFixf("cannot tell where read_only of service %s is written to set it", s.Name)
	}
	return NewFix(title, more...)
}

// memLimitFix sets mem_limit to the configured default. Unsafe: a service
// whose peak is above the limit is killed by the kernel.
func memLimitFix(p *ComposePass, s *compose.Service) *Fix {
	if s.Deploy.Resources.Limits.Memory.Set {
		return NoFixf("deploy.resources.limits.memory is written; set it to a size there")
	}
	limit := p.fixMemLimit()
	return setServiceScalar(p, s, "set mem_limit: "+limit, "mem_limit", limit, limit)
}

// pidsLimitFix sets pids_limit to the configured default. Unsafe: a
// service that runs more processes or threads fails to start more.
func pidsLimitFix(p *ComposePass, s *compose.Service) *Fix {
	if s.Deploy.Resources.Limits.Pids.Set {
		return NoFixf("deploy.resources.limits.pids is written; set it to a number there")
	}
	n := p.fixPidsLimit()
	return setServiceScalar(p, s, fmt.Sprintf("set pids_limit: %d", n), "pids_limit", strconv.FormatInt(n, 10), int(n))
}

// loopbackPortFix binds a port published on every interface to
// 127.0.0.1: "15000:5000" becomes "127.0.0.1:15000:5000", a long-syntax
// item gains `host_ip: 127.0.0.1`. A port bound to an address written in
// the file (0.0.0.0 included) is the author's choice and is left alone.
// Unsafe: other hosts can no longer reach the port; a reverse proxy on
// the host, or the compose network, must carry their traffic.
func loopbackPortFix(p *ComposePass, s *compose.Service, port *compose.Port) *Fix {
	if ip, _, _, _ := publishedHost(port); ip != "" || port.HostIP.Set {
		return NoFixf("the port is bound to an address written in the file (%s); change it by hand", describePort(port))
	}
	if strings.Contains(port.Raw, "$") {
		return NoFixf("the port is written with a variable; bind it to an address where the variable is set")
	}
	ct, why := serviceText(p, s, port.Pos)
	if ct == nil {
		return NoFixf("%s", why)
	}
	_, list := mappingPair(ct.svc, "ports")
	index := -1
	if list != nil && list.Kind == yaml.SequenceNode {
		for i, it := range list.Content {
			if it.Line == port.Pos.Line && it.Column == port.Pos.Col {
				index = i
			}
		}
	}
	if index < 0 {
		return NoFixf("the port is not an item of the ports the service writes in %s", port.Pos.File)
	}
	item := list.Content[index]
	setItem := func(v any) func(svc map[string]any) bool {
		return func(svc map[string]any) bool {
			l, ok := svc["ports"].([]any)
			if !ok || index >= len(l) {
				return false
			}
			if m, ok := l[index].(map[string]any); ok && v == nil {
				m["host_ip"] = "127.0.0.1"
				return true
			}
			l[index] = v
			return v != nil
		}
	}
	var e fix.Edit
	var want func(map[string]any) bool
	switch {
	case item.Kind == yaml.ScalarNode:
		at := ct.offset(item.Line, item.Column)
		if at < 0 {
			return NoFixf("the port is not where the file was read")
		}
		if item.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			at++
		} else if item.Style != 0 {
			return NoFixf("the port is written as a block scalar")
		}
		prefix := "127.0.0.1:"
		if !strings.Contains(item.Value, ":") {
			prefix = "127.0.0.1::" // a container port alone: docker picks the host port
		}
		e, want = Insert(at, prefix), setItem(prefix+item.Value)
	case item.Kind == yaml.MappingNode && item.Style&yaml.FlowStyle == 0 && len(item.Content) > 0:
		first := item.Content[0]
		indent := first.Column - 1
		last := first.Line
		for l := first.Line + 1; l <= len(ct.starts); l++ {
			line := ct.line(l)
			body := strings.TrimLeft(line, " ")
			if strings.TrimSpace(body) == "" || strings.HasPrefix(body, "#") {
				continue
			}
			if len(line)-len(body) < indent {
				break
			}
			last = l
		}
		e = ct.insertAfterLine(last, strings.Repeat(" ", indent)+"host_ip: 127.0.0.1"+ct.newline())
		want = setItem(nil)
	default:
		return NoFixf("the port is written in flow style; add host_ip: 127.0.0.1 by hand")
	}
	if !ct.changesOnly([]fix.Edit{e}, s.Name, want) {
		return NoFixf("cannot tell where the port ends to bind it to 127.0.0.1")
	}
	return NewFix("bind "+describePort(port)+" to 127.0.0.1", e)
}
