package lint

import (
	"io"
	"os"
	"path/filepath"
	"sync"

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
// be read; a missing .dockerignore is normal, not a problem. readContext
// reads the context's .dockerignore (readDockerignore, or a cache of it).
func loadDockerignore(path, contextDir string, readContext func(string) *rules.Dockerignore) *rules.Dockerignore {
	if path == "" || path == "-" {
		if contextDir == "" {
			return nil
		}
		path = filepath.Join(contextDir, "Dockerfile")
	}
	if contextDir == "" {
		contextDir = filepath.Dir(path)
	}
	if d := readDockerignore(path + ".dockerignore"); d != nil {
		return d
	}
	return readContext(filepath.Join(contextDir, ".dockerignore"))
}

// contextIgnores caches the context .dockerignore of each directory for
// one engine: linting a folder of Dockerfiles looked for the same file
// once per Dockerfile.
type contextIgnores struct{ m sync.Map }

func (c *contextIgnores) read(name string) *rules.Dockerignore {
	if v, ok := c.m.Load(name); ok {
		return v.(*rules.Dockerignore)
	}
	d := readDockerignore(name)
	c.m.Store(name, d)
	return d
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
