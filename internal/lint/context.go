package lint

import (
	"io"
	"os"
	"path/filepath"

	"github.com/dockstride/dockstride/rules"
	"github.com/moby/patternmatcher/ignorefile"
)

// maxIgnoreBytes bounds how much of a .dockerignore is read: the file is
// untrusted input like the Dockerfile.
const maxIgnoreBytes = 1 << 20

// loadDockerignore finds the .dockerignore BuildKit would use for the
// Dockerfile at path: `<Dockerfile>.dockerignore` beside it first, then
// `.dockerignore` at the root of the build context (contextDir, or the
// Dockerfile's directory). It returns nil when there is none or it cannot
// be read; a missing .dockerignore is normal, not a problem.
func loadDockerignore(path, contextDir string) *rules.Dockerignore {
	if path == "" || path == "-" {
		if contextDir == "" {
			return nil
		}
		path = filepath.Join(contextDir, "Dockerfile")
	}
	if contextDir == "" {
		contextDir = filepath.Dir(path)
	}
	for _, candidate := range []string{path + ".dockerignore", filepath.Join(contextDir, ".dockerignore")} {
		if d := readDockerignore(candidate); d != nil {
			return d
		}
	}
	return nil
}

func readDockerignore(name string) *rules.Dockerignore {
	fi, err := os.Stat(name)
	if err != nil || !fi.Mode().IsRegular() {
		return nil
	}
	fh, err := os.Open(name)
	if err != nil {
		return nil
	}
	defer fh.Close()
	patterns, err := ignorefile.ReadAll(io.LimitReader(fh, maxIgnoreBytes))
	if err != nil {
		return nil
	}
	return &rules.Dockerignore{Path: name, Patterns: patterns}
}
