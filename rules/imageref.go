package rules

import "strings"

// validImageReference reports whether s is an image reference docker
// accepts, exactly when distribution/reference's ParseNormalizedNamed
// (what BuildKit's InvalidDefaultArgInFrom check calls) returns no error.
// That package compiles nine regular expressions when the program starts,
// 4 % of the CPU of a cold lint of one service folder, for the one rule
// that reads a reference's validity; TestValidImageReferenceSameAsLibrary
// and FuzzValidImageReference hold this to it.
func validImageReference(s string) bool {
	if isLowerHex(s, 64) {
		return false // an image ID, not a name
	}
	domain, remainder := splitDockerDomain(s)
	remote := remainder
	if i := strings.IndexByte(remainder, ':'); i >= 0 {
		remote = remainder[:i]
	}
	if strings.ToLower(remote) != remote {
		return false
	}
	return validNormalizedReference(domain + "/" + remainder)
}

// splitDockerDomain is distribution/reference's: the registry of a name,
// docker.io (with library/ for a one-part name) when it names none.
func splitDockerDomain(name string) (domain, remoteName string) {
	maybeDomain, maybeRemoteName, ok := strings.Cut(name, "/")
	if !ok {
		return "docker.io", "library/" + name
	}
	switch {
	case maybeDomain == "localhost":
		domain, remoteName = maybeDomain, maybeRemoteName
	case maybeDomain == "index.docker.io":
		domain, remoteName = "docker.io", maybeRemoteName
	case strings.ContainsAny(maybeDomain, ".:"), strings.ToLower(maybeDomain) != maybeDomain:
		domain, remoteName = maybeDomain, maybeRemoteName
	default:
		domain, remoteName = "docker.io", name
	}
	if domain == "docker.io" && !strings.Contains(remoteName, "/") {
		remoteName = "library/" + remoteName
	}
	return domain, remoteName
}

// validNormalizedReference is reference.Parse's test of
// `[domain[:port]/]path[:tag][@digest]` with a path of at most 255
// characters and a digest go-digest can check.
func validNormalizedReference(s string) bool {
	name, digest, hasDigest := strings.Cut(s, "@")
	if hasDigest && !validDigest(digest) {
		return false
	}
	// No path component holds a colon: one in the last is the tag's.
	if i := strings.LastIndexByte(name, '/') + 1; strings.Contains(name[i:], ":") {
		j := i + strings.IndexByte(name[i:], ':')
		if !validTag(name[j+1:]) {
			return false
		}
		name = name[:j]
	}
	// The regexp prefers a domain when the first component can be one.
	if first, rest, ok := strings.Cut(name, "/"); ok && validDomain(first) && validPath(rest) {
		return len(rest) <= 255
	}
	return validPath(name) && len(name) <= 255
}

// validDigest: sha256, sha384 or sha512 and lower-case hex of that size
// (go-digest's Digest.Validate for the algorithms it registers).
func validDigest(d string) bool {
	alg, hex, _ := strings.Cut(d, ":")
	switch alg {
	case "sha256":
		return isLowerHex(hex, 64)
	case "sha384":
		return isLowerHex(hex, 96)
	case "sha512":
		return isLowerHex(hex, 128)
	}
	return false
}

func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func isWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// validTag: `[\w][\w.-]{0,127}`.
func validTag(t string) bool {
	if t == "" || len(t) > 128 || !isWordByte(t[0]) {
		return false
	}
	for i := 1; i < len(t); i++ {
		if c := t[i]; !isWordByte(c) && c != '.' && c != '-' {
			return false
		}
	}
	return true
}

// validDomain: a host name of dot-separated labels (alphanumerics with
// inner hyphens) or a bracketed IPv6 address, and an optional `:port`.
func validDomain(d string) bool {
	host, port, hasPort := d, "", false
	if strings.HasPrefix(d, "[") {
		end := strings.IndexByte(d, ']')
		if end < 2 {
			return false
		}
		for i := 1; i < end; i++ {
			if c := d[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' || c == ':') {
				return false
			}
		}
		switch rest := d[end+1:]; {
		case rest == "":
		case rest[0] == ':':
			port, hasPort = rest[1:], true
		default:
			return false
		}
		host = ""
	} else if i := strings.IndexByte(d, ':'); i >= 0 {
		host, port, hasPort = d[:i], d[i+1:], true
	}
	if hasPort {
		if port == "" {
			return false
		}
		for i := 0; i < len(port); i++ {
			if port[i] < '0' || port[i] > '9' {
				return false
			}
		}
	}
	if host == "" {
		return strings.HasPrefix(d, "[")
	}
	for label := range strings.SplitSeq(host, ".") {
		if label == "" || !isAlnum(label[0]) || !isAlnum(label[len(label)-1]) {
			return false
		}
		for i := 0; i < len(label); i++ {
			if c := label[i]; !isAlnum(c) && c != '-' {
				return false
			}
		}
	}
	return true
}

// validPath: slash-separated components of lower-case alphanumerics
// joined by one separator each: ".", "_", "__" or a run of "-".
func validPath(p string) bool {
	for comp := range strings.SplitSeq(p, "/") {
		if !validPathComponent(comp) {
			return false
		}
	}
	return true
}

func validPathComponent(c string) bool {
	isLowerAlnum := func(b byte) bool { return 'a' <= b && b <= 'z' || '0' <= b && b <= '9' }
	if c == "" || !isLowerAlnum(c[0]) || !isLowerAlnum(c[len(c)-1]) {
		return false
	}
	for i := 0; i < len(c); {
		if isLowerAlnum(c[i]) {
			i++
			continue
		}
		j := i
		for j < len(c) && !isLowerAlnum(c[j]) {
			j++
		}
		switch sep := c[i:j]; {
		case sep == ".", sep == "_", sep == "__":
		case strings.Trim(sep, "-") == "":
		default:
			return false
		}
		i = j
	}
	return true
}
