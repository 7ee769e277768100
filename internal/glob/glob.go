// Package glob matches slash-separated paths against the patterns users
// write in configuration: path.Match syntax per segment, plus "**" for any
// number of segments, and gitignore's convention that a pattern without a
// slash matches a base name at any depth.
package glob

import (
	"path"
	"strings"
)

// Valid reports whether pattern is well-formed (its brackets close).
func Valid(pattern string) bool {
	for _, seg := range strings.Split(pattern, "/") {
		if seg == "**" {
			continue
		}
		if _, err := path.Match(seg, ""); err != nil {
			return false
		}
	}
	return true
}

// Match reports whether name (slash-separated, relative or absolute)
// matches pattern. "**" as a whole segment matches zero or more segments;
// a pattern with no "/" is matched against every suffix of name, so
// "*.dev.Dockerfile" matches "svc/api/x.dev.Dockerfile" as gitignore would.
// A leading "./" on either side is ignored. Malformed patterns match
// nothing (check them with Valid when they are loaded).
func Match(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	name = strings.TrimPrefix(name, "./")
	if pattern == "" {
		return false
	}
	ps := strings.Split(pattern, "/")
	ns := strings.Split(name, "/")
	if !strings.Contains(pattern, "/") {
		for i := range ns {
			if matchSegments(ps, ns[i:]) {
				return true
			}
		}
		return false
	}
	return matchSegments(ps, ns)
}

func matchSegments(ps, ns []string) bool {
	for len(ps) > 0 {
		if ps[0] == "**" {
			// Collapse runs of ** and try every split point.
			for len(ps) > 0 && ps[0] == "**" {
				ps = ps[1:]
			}
			if len(ps) == 0 {
				return true
			}
			for i := range len(ns) + 1 {
				if matchSegments(ps, ns[i:]) {
					return true
				}
			}
			return false
		}
		if len(ns) == 0 {
			return false
		}
		ok, err := path.Match(ps[0], ns[0])
		if err != nil || !ok {
			return false
		}
		ps, ns = ps[1:], ns[1:]
	}
	return len(ns) == 0
}
