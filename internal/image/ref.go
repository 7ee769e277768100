package image

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/google/go-containerregistry/pkg/name"
)

// Kind says where an image comes from.
type Kind int

const (
	// KindRegistry is a reference to an image in a registry ("alpine:3.20").
	KindRegistry Kind = iota
	// KindDockerArchive is a `docker save` tarball ("docker-archive:PATH").
	KindDockerArchive
	// KindOCIArchive is a tar of an OCI image layout ("oci-archive:PATH").
	KindOCIArchive
	// KindOCIDir is an OCI image layout directory ("oci-dir:PATH").
	KindOCIDir
	// KindDaemon is an image in the local Docker (or Podman) engine
	// ("docker-daemon:NAME"); only binaries built with the daemon tag can
	// read it.
	KindDaemon
)

// String returns the transport prefix of the kind as users spell it.
func (k Kind) String() string {
	switch k {
	case KindRegistry:
		return "registry"
	case KindDockerArchive:
		return "docker-archive"
	case KindOCIArchive:
		return "oci-archive"
	case KindOCIDir:
		return "oci-dir"
	case KindDaemon:
		return "docker-daemon"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// prefixes are the transport names of DESIGN.md ("Image references"), spelled as
// syft and skopeo spell them.
var prefixes = []struct {
	p string
	k Kind
}{
	{"docker-archive:", KindDockerArchive},
	{"oci-archive:", KindOCIArchive},
	{"oci-dir:", KindOCIDir},
}

// ParseRef splits a user reference into its kind, the path (or, for registry
// references, the reference itself) and an optional selector: a tag
// ("PATH:app:1", "PATH:latest") or a digest ("PATH@sha256:...").
//
// Prefixed forms are "docker-archive:PATH", "oci-archive:PATH" and
// "oci-dir:PATH", each optionally followed by ":TAG" or "@sha256:...", and
// "docker-daemon:NAME" for the local engine. Because
// both paths and tags may hold ':', the shortest prefix that exists on disk is
// taken as the path. Without a prefix, an existing path is auto-detected: a
// directory holding index.json or oci-layout is an OCI layout, a file is a
// docker-archive unless its tar holds index.json and no manifest.json (Docker
// 25+ `docker save` output holds both and is read as docker-archive). Anything
// else must parse as a registry reference. An existing layout or archive
// may carry a selector without a prefix too ("./out:v1").
func ParseRef(s string) (Kind, string, string, error) {
	if s == "" {
		return 0, "", "", errors.New("empty image reference")
	}
	if rest, ok := strings.CutPrefix(s, "docker-daemon:"); ok {
		// The engine names images, not paths: no selector to split off.
		if _, err := name.ParseReference(rest); err != nil {
			return 0, "", "", fmt.Errorf("%q: invalid image name after docker-daemon: %w", s, err)
		}
		return KindDaemon, rest, "", nil
	}
	for _, p := range prefixes {
		if rest, ok := strings.CutPrefix(s, p.p); ok {
			if rest == "" {
				return 0, "", "", fmt.Errorf("%q: missing path after %q", s, p.p)
			}
			path, sel := splitSelector(rest)
			return p.k, path, sel, nil
		}
	}
	if fi, err := os.Stat(s); err == nil {
		k, err := detect(s, fi)
		if err != nil {
			return 0, "", "", err
		}
		return k, s, "", nil
	}
	// "PATH:TAG" or "PATH@sha256:..." of an existing layout or archive.
	if p, sel := splitSelector(s); sel != "" {
		if fi, err := os.Stat(p); err == nil {
			if k, err := detect(p, fi); err == nil {
				return k, p, sel, nil
			}
		}
	}
	if looksLikePath(s) {
		return 0, "", "", fmt.Errorf("%s: no such file or directory (it names a file, so it is not tried as a registry image; "+
			"give an existing path, or docker-archive:PATH, oci-archive:PATH or oci-dir:PATH)", s)
	}
	if _, err := name.ParseReference(s); err != nil {
		return 0, "", "", fmt.Errorf("%q is neither an existing path nor a valid image reference: %w", s, err)
	}
	return KindRegistry, s, "", nil
}

// archiveExts end the names of image archives; no registry repository is
// spelled that way, although "nope.tar" parses as docker.io/library/nope.tar.
var archiveExts = []string{".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz", ".oci"}

// looksLikePath reports whether a reference that exists nowhere on disk
// was meant as a path: it starts like one (/, ., ~), holds a
// backslash, or (its selector split off) ends like an archive.
func looksLikePath(s string) bool {
	for _, p := range []string{"/", ".", "~"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if strings.Contains(s, `\`) {
		return true
	}
	p, _ := splitSelector(s)
	for _, ext := range archiveExts {
		if strings.HasSuffix(strings.ToLower(p), ext) {
			return true
		}
	}
	return false
}

// splitSelector separates "PATH[:TAG|@DIGEST]". The whole string wins when it
// exists; otherwise the shortest existing prefix ending before a ':' or '@' is
// the path. When nothing exists the split happens at the first '@' or ':' so
// the later "no such file" error names the intended path.
func splitSelector(rest string) (string, string) {
	if _, err := os.Stat(rest); err == nil {
		return rest, ""
	}
	first := -1
	for i := 1; i < len(rest); i++ {
		if rest[i] != ':' && rest[i] != '@' {
			continue
		}
		if first < 0 {
			first = i
		}
		if _, err := os.Stat(rest[:i]); err == nil {
			return rest[:i], rest[i+1:]
		}
	}
	if first < 0 {
		return rest, ""
	}
	return rest[:first], rest[first+1:]
}

// detect decides the kind of an existing path given without a prefix.
func detect(p string, fi os.FileInfo) (Kind, error) {
	if fi.IsDir() {
		for _, f := range []string{"index.json", "oci-layout"} {
			if _, err := os.Stat(filepath.Join(p, f)); err == nil {
				return KindOCIDir, nil
			}
		}
		return 0, fmt.Errorf("%s: directory is not an OCI image layout (no index.json or oci-layout); use a registry reference or oci-dir:PATH", p)
	}
	if !fi.Mode().IsRegular() {
		return 0, fmt.Errorf("%s: not a regular file or directory", p)
	}
	f, err := os.Open(p)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var hasIndex, hasManifest bool
	err = scanTar(f, func(_ *tar.Reader, hdr *tar.Header) bool {
		switch strings.TrimPrefix(hdr.Name, "./") {
		case "index.json":
			hasIndex = true
		case "manifest.json":
			hasManifest = true
		}
		return true
	})
	if err != nil {
		// Not a tar at all: call it a docker-archive so Open gives the
		// archive-specific "not an image" error.
		return KindDockerArchive, nil
	}
	if hasIndex && !hasManifest {
		return KindOCIArchive, nil
	}
	return KindDockerArchive, nil
}

// scanTar calls fn for each member of the tar in r until fn returns false or
// the archive ends; it returns the tar reader's error, if any.
func scanTar(r io.Reader, fn func(tr *tar.Reader, hdr *tar.Header) bool) error {
	tr := tar.NewReader(r)
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if !fn(tr, hdr) {
			return nil
		}
	}
}
