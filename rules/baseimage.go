// Base image references: what a FROM names once its ARGs are expanded, and
// how an image reference splits into registry, repository, tag and digest.

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// baseImage is the image a FROM builds on as the builder would see it with
// no --build-arg: unset arguments expand to nothing. It also returns the
// text to show in messages (the expanded value when every variable was
// known, else the reference as written).
//
// A variable that is not a global ARG but is given a default by an ARG
// inside an earlier stage (which FROM cannot see) takes that default: the
// author's evident intent, judged here while UndefinedArgInFrom reports the
// scoping mistake.
func baseImage(file *dockerfile.File, f *dockerfile.From) (img, shown string) {
	if f.Resolved {
		return f.Expanded, f.Expanded
	}
	sc := f.Scope()
	if sc == nil {
		return f.Expanded, f.Image
	}
	// The builder always sets the platform ARGs in FROM; any value will do
	// to see what a reference like busybox${TARGETARCH:+@sha256:…} becomes.
	for name, v := range platformArgValues {
		if pv, ok := sc.Lookup(name); !ok || !pv.Known {
			sc = sc.With(dockerfile.Var{Name: name, Value: v, Known: true})
		}
	}
	exp := sc.Expand(f.Image)
	if len(exp.Unmatched) == 0 {
		return exp.Value, f.Image
	}
	for _, name := range exp.Unmatched {
		if v, ok := stageArgDefault(file, f, name); ok {
			sc = sc.With(dockerfile.Var{Name: name, Value: v, Known: true})
		}
	}
	return sc.Expand(f.Image).Value, f.Image
}

// platformArgValues stand in for the platform ARGs BuildKit sets.
var platformArgValues = map[string]string{
	"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64",
	"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
}

// mayNameStage reports whether a FROM whose value depends on variables
// could name an earlier stage (`FROM binaries-$TARGETOS` with stages
// binaries-linux and binaries-windows): variables are read as wildcards.
func mayNameStage(file *dockerfile.File, f *dockerfile.From) bool {
	if f.Resolved || !strings.Contains(f.Image, "$") {
		return false
	}
	pattern := varRefRE().ReplaceAllString(strings.ToLower(f.Image), "*")
	for _, s := range file.Stages {
		if s == f.Stage() {
			break
		}
		if ok, err := path.Match(pattern, s.Name); err == nil && ok && s.Name != "" {
			return true
		}
	}
	return false
}

// varRefRE matches $VAR and ${VAR…} references.
var varRefRE = lazyre.New(`\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*`)

// stageArgDefault finds the default of an ARG named name declared inside a
// stage before the FROM at.
func stageArgDefault(file *dockerfile.File, at *dockerfile.From, name string) (string, bool) {
	val, found := "", false
	for _, in := range file.Instructions {
		if in == dockerfile.Instruction(at) {
			break
		}
		a, ok := in.(*dockerfile.Arg)
		if !ok || in.Stage() == nil {
			continue
		}
		for _, kv := range a.Cmd.Args {
			if kv.Key == name && kv.Value != nil {
				val, found = *kv.Value, true
			}
		}
	}
	return val, found
}

// ImageRef is a parsed image reference.
type ImageRef struct {
	// Registry is the host part ("" for Docker Hub short names).
	Registry string
	// Repository is the path without registry ("library/alpine" → "alpine"
	// as written).
	Repository string
	Tag        string
	Digest     string
}

// ParseImageRef splits "host:5000/repo/name:tag@sha256:…" leniently; it
// never fails, since rules must judge whatever the author wrote.
func ParseImageRef(s string) ImageRef {
	var r ImageRef
	s, r.Digest, _ = strings.Cut(s, "@")
	name := s
	slash := strings.LastIndexByte(s, '/')
	if colon := strings.LastIndexByte(s, ':'); colon > slash {
		name, r.Tag = s[:colon], s[colon+1:]
	}
	if first, rest, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		r.Registry, r.Repository = first, rest
	} else {
		r.Repository = name
	}
	return r
}
