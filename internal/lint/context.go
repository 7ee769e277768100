package lint

import (
	"io"
	"os"
	"path/filepath"
	"sort"
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
	contextDir = buildContextDir(path, contextDir)
	if contextDir == "" {
		return nil
	}
	if path == "" || path == "-" {
		path = filepath.Join(contextDir, "Dockerfile")
	}
	if d := readDockerignore(path + ".dockerignore"); d != nil {
		return d
	}
	return readContext(filepath.Join(contextDir, ".dockerignore"))
}

// buildContextDir is the build context of the Dockerfile at path: the
// --context directory, else the Dockerfile's own; "" for a Dockerfile read
// from standard input with no --context.
func buildContextDir(path, contextDir string) string {
	if contextDir != "" {
		return contextDir
	}
	if path == "" || path == "-" {
		return ""
	}
	return filepath.Dir(path)
}

// maxContextEntries bounds how many entries of a context directory are
// looked at: a context is untrusted and may be huge.
const maxContextEntries = 10000

// readContextSecrets lists the top-level entries of the context directory
// dir that a whole-context COPY must not take along: version-control
// history, .env files and private keys. Only the top level is read, so the
// cost stays bounded; nil when there are none or dir cannot be read.
func readContextSecrets(dir string) []string {
	fh, err := os.Open(dir)
	if err != nil {
		return nil
	}
	defer fh.Close()
	entries, _ := fh.ReadDir(maxContextEntries)
	var out []string
	for _, e := range entries {
		if rules.ContextSecretName(e.Name()) {
			out = append(out, e.Name())
		}
	}
	sort.Strings(out)
	return out
}

// contextIgnores caches the context .dockerignore of each directory for
// one engine: linting a folder of Dockerfiles looked for the same file
// once per Dockerfile.
type contextIgnores struct{ m, secrets sync.Map }

func (c *contextIgnores) read(name string) *rules.Dockerignore {
	if v, ok := c.m.Load(name); ok {
		return v.(*rules.Dockerignore)
	}
	d := readDockerignore(name)
	c.m.Store(name, d)
	return d
}

// contextSecrets is readContextSecrets of dir, read once per directory.
func (c *contextIgnores) contextSecrets(dir string) []string {
	if dir == "" {
		return nil
	}
	if v, ok := c.secrets.Load(dir); ok {
		return v.([]string)
	}
	s := readContextSecrets(dir)
	c.secrets.Store(dir, s)
	return s
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
