package rules

import (
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// maxContextFileBytes bounds how much of a build-context file a rule
// reads: the context is untrusted and the files rules judge (a sudoers
// drop-in, an sshd_config) are small.
const maxContextFileBytes = 256 << 10

// ContextFile returns the content of src, a COPY or ADD source, as the
// build context holds it; false when there is no context, src is not a
// plain relative path in it (a variable, a wildcard, a path that leaves
// the context, a URL), or it is not a regular file that can be read. Only
// the first maxContextFileBytes are returned.
func (p *Pass) ContextFile(src string) ([]byte, bool) {
	if p.ContextDir == "" || src == "" || strings.ContainsAny(src, "$*?[\\") || strings.Contains(src, "://") {
		return nil, false
	}
	rel := path.Clean("/" + src)[1:] // an absolute source is relative to the context too
	if rel == "" || rel == "." {
		return nil, false
	}
	name := filepath.Join(p.ContextDir, filepath.FromSlash(rel))
	fi, err := os.Lstat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	// A directory on the way may be a link out of the context, which
	// BuildKit would not follow either.
	root, err1 := filepath.EvalSymlinks(p.ContextDir)
	real, err2 := filepath.EvalSymlinks(name)
	if err1 != nil || err2 != nil || !strings.HasPrefix(real, root+string(filepath.Separator)) {
		return nil, false
	}
	return readSmallFile(name, maxContextFileBytes)
}

// readSmallFile reads up to limit bytes of a regular file.
func readSmallFile(name string, limit int64) ([]byte, bool) {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil, false
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil, false
	}
	defer fh.Close()
	b, err := io.ReadAll(io.LimitReader(fh, limit))
	return b, err == nil
}
