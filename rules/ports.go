// Port specifications as EXPOSE and image configs write them.

package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// exposePorts returns an EXPOSE's port specs, variables expanded and split
// into words as BuildKit does.
func exposePorts(in dockerfile.Instruction) []string {
	if in.Parent() != nil {
		return nil
	}
	var out []string
	for _, p := range in.(*dockerfile.Expose).Cmd.Ports {
		out = append(out, strings.Fields(scopeExpand(in, p))...)
	}
	return out
}

// splitPortParts splits [ip:][hostPort:]containerPort[/proto] as BuildKit
// does; an IPv6 address may contain colons.
func splitPortParts(raw string) (ip, host, container string) {
	parts := strings.Split(raw, ":")
	switch n := len(parts); n {
	case 1:
		return "", "", parts[0]
	case 2:
		return "", parts[0], parts[1]
	case 3:
		return parts[0], parts[1], parts[2]
	default:
		return strings.Join(parts[:n-2], ":"), parts[n-2], parts[n-1]
	}
}

// portRange parses "8080", "8080/tcp", "8000-8010/udp" (after ARG/ENV
// expansion); ok is false when it is not a number.
func portRange(spec string, scope *dockerfile.Scope) (lo, hi int, ok bool) {
	s := spec
	if strings.Contains(s, "$") && scope != nil {
		exp := scope.Expand(s)
		if !exp.Resolved {
			return 0, 0, false
		}
		s = exp.Value
	}
	s, _, _ = strings.Cut(s, "/")
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		// ip:host:container or host:container forms: the container port counts.
		s = s[i+1:]
	}
	a, b, isRange := strings.Cut(s, "-")
	lo, err := strconv.Atoi(a)
	if err != nil {
		return 0, 0, false
	}
	hi = lo
	if isRange {
		if hi, err = strconv.Atoi(b); err != nil {
			return 0, 0, false
		}
	}
	return lo, hi, true
}
