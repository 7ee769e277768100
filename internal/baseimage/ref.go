package baseimage

import (
	"errors"
	"strings"
)

// maxRefLen bounds a reference; real ones are far shorter, and a
// Dockerfile is untrusted input.
const maxRefLen = 1024

// Ref is an image reference split into its parts, as a FROM line or an
// image's config names it. Unresolved ARG references (${VAR}, $VAR) are
// kept as written.
type Ref struct {
	// Registry is the registry host, lower-cased ("gcr.io"); "docker.io"
	// when the reference names none. It is empty when the reference starts
	// with an unresolved variable, since the registry is then unknown.
	Registry string
	// Path is the repository inside the registry, lower-cased; Docker Hub
	// images without a namespace get "library/" ("library/python").
	Path string
	// Tag is "" when the reference has none.
	Tag string
	// Digest is "sha256:…" when the reference pins one.
	Digest string
}

// dockerHubAliases are the hosts that serve Docker Hub itself.
var dockerHubAliases = map[string]bool{
	"docker.io": true, "index.docker.io": true, "registry-1.docker.io": true, "registry.hub.docker.com": true,
}

// ParseRef splits an image reference. It accepts what docker build accepts
// in FROM, plus ARG references anywhere; it rejects an empty reference, one
// with white space, and one over 1 KiB.
func ParseRef(s string) (Ref, error) {
	switch {
	case s == "":
		return Ref{}, errors.New("empty image reference")
	case len(s) > maxRefLen:
		return Ref{}, errors.New("image reference longer than 1 KiB")
	case strings.ContainsAny(s, " \t\r\n"):
		return Ref{}, errors.New("image reference contains white space")
	}
	var r Ref
	name := s
	if i := strings.LastIndexByte(name, '@'); i >= 0 {
		name, r.Digest = name[:i], name[i+1:]
	}
	if i := tagSep(name); i >= 0 {
		name, r.Tag = name[:i], name[i+1:]
	}
	if name == "" {
		return Ref{}, errors.New("image reference has no repository")
	}
	first, rest, hasSlash := strings.Cut(name, "/")
	switch {
	case hasSlash && strings.Contains(first, "$"):
		r.Path = strings.ToLower(rest)
	case hasSlash && (strings.ContainsAny(first, ".:") || first == "localhost"):
		r.Registry, r.Path = strings.ToLower(first), strings.ToLower(rest)
	default:
		r.Registry, r.Path = "docker.io", strings.ToLower(name)
	}
	if dockerHubAliases[r.Registry] {
		r.Registry = "docker.io"
		if !strings.Contains(r.Path, "/") {
			r.Path = "library/" + r.Path
		}
	}
	if r.Path == "" {
		return Ref{}, errors.New("image reference has no repository")
	}
	return r, nil
}

// Repository is the registry and path ("gcr.io/distroless/static-debian12",
// "docker.io/library/python").
func (r Ref) Repository() string {
	if r.Registry == "" {
		return r.Path
	}
	return r.Registry + "/" + r.Path
}

// Official returns the name of the Docker Official Image the reference
// names ("python" for python, docker.io/library/python, or the Hub mirrors
// mirror.gcr.io/library/python and public.ecr.aws/docker/library/python).
func (r Ref) Official() (string, bool) {
	switch r.Registry {
	case "docker.io", "mirror.gcr.io":
		if name, ok := strings.CutPrefix(r.Path, "library/"); ok && !strings.Contains(name, "/") {
			return name, true
		}
		if r.Registry == "mirror.gcr.io" && !strings.Contains(r.Path, "/") {
			return r.Path, true
		}
	case "public.ecr.aws":
		if name, ok := strings.CutPrefix(r.Path, "docker/library/"); ok && !strings.Contains(name, "/") {
			return name, true
		}
	}
	return "", false
}

// tagSep returns the index of the ":" that starts the tag, or -1: the
// first one after the last "/", outside ${...} (whose :- default may hold
// colons and slashes of its own).
func tagSep(name string) int {
	depth, sep := 0, -1
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c == '$' && i+1 < len(name) && name[i+1] == '{':
			depth++
			i++
		case c == '}' && depth > 0:
			depth--
		case depth > 0:
		case c == '/':
			sep = -1
		case c == ':' && sep < 0:
			sep = i
		}
	}
	return sep
}

// tagTokens splits a tag at "-" ("3.7-slim-buster" → 3.7, slim, buster).
func tagTokens(tag string) []string {
	if tag == "" {
		return nil
	}
	return strings.Split(tag, "-")
}
