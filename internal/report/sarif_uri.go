package report

import (
	"path/filepath"
	"strings"
)

// uriMaker writes SARIF artifact locations relative to the source root
// (the repository root), so code scanning places results right whichever
// directory dockstride ran in.
type uriMaker struct {
	root string // absolute; "" keeps names relative to the working directory
	wd   string
}

func newURIMaker(m Meta) uriMaker { return uriMaker{root: m.SourceRoot, wd: m.WorkDir} }

// base is %SRCROOT%'s entry of originalUriBaseIds: the root as an absolute
// file: URI (with the trailing slash SARIF asks of a base) when known.
func (u uriMaker) base() sarifArtifactLocation {
	if u.root == "" {
		return sarifArtifactLocation{Description: &sarifText{Text: "The directory dockstride ran in; relative paths are relative to it."}}
	}
	return sarifArtifactLocation{
		URI:         strings.TrimSuffix(artifactLocation(u.root).URI, "/") + "/",
		Description: &sarifText{Text: "The repository root; relative paths are relative to it."},
	}
}

// file locates a file: relative to the root when it lies inside it, an
// absolute file: URI when it does not.
func (u uriMaker) file(name string) sarifArtifactLocation {
	return artifactLocation(u.rel(name))
}

// rel is name relative to the root, or absolute when it lies outside;
// name as given when the root is unknown. Fingerprints use it too, so they
// do not change with the directory dockstride ran in.
func (u uriMaker) rel(name string) string {
	if u.root == "" || name == "" || name == "-" {
		return name
	}
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(u.wd, abs)
	}
	rel, err := filepath.Rel(u.root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return abs
	}
	return rel
}

// problem locates an input that failed: a file, or an image reference
// (a registry name, a transport-prefixed archive), which stays as written.
func (u uriMaker) problem(name string) sarifArtifactLocation {
	if strings.Contains(name, ":") && !filepath.IsAbs(name) {
		return artifactLocation(name)
	}
	return u.file(name)
}
