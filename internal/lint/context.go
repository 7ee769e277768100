package lint

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
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
// be read; a missing .dockerignore is normal, not a problem. c caches what
// each directory holds, so a folder of Dockerfiles is listed once rather
// than stat'ed once per Dockerfile for a `<Dockerfile>.dockerignore` that
// is almost never there.
func loadDockerignore(path, contextDir string, c *contextIgnores) *rules.Dockerignore {
	contextDir = buildContextDir(path, contextDir)
	if contextDir == "" {
		return nil
	}
	if path == "" || path == "-" {
		path = filepath.Join(contextDir, "Dockerfile")
	}
	if c.mayHold(filepath.Dir(path), filepath.Base(path)+".dockerignore") {
		if d := c.readIgnore(path + ".dockerignore"); d != nil {
			return d
		}
	}
	return c.read(filepath.Join(contextDir, ".dockerignore"))
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

// dirListing is what a directory's top level holds that linting a
// Dockerfile in it asks about.
type dirListing struct {
	// secrets are the entries a whole-context COPY must not take along:
	// version-control history, .env files and private keys, sorted.
	secrets []string
	// ignores are the entries named *.dockerignore.
	ignores map[string]bool
	// complete is set when every entry was listed: only then does a name
	// missing from ignores mean there is no such file.
	complete bool
}

// readDirListing lists the top level of dir, at most maxContextEntries
// entries, so the cost stays bounded.
func readDirListing(dir string) *dirListing {
	fh, err := os.Open(dir)
	if err != nil {
		return &dirListing{}
	}
	defer fh.Close()
	entries, err := fh.ReadDir(maxContextEntries)
	l := &dirListing{complete: err == nil && len(entries) < maxContextEntries}
	for _, e := range entries {
		name := e.Name()
		if rules.ContextSecretName(name) {
			l.secrets = append(l.secrets, name)
		}
		if strings.HasSuffix(name, ".dockerignore") {
			if l.ignores == nil {
				l.ignores = map[string]bool{}
			}
			l.ignores[name] = true
		}
	}
	sort.Strings(l.secrets)
	return l
}

// contextIgnores caches, for one engine, the context .dockerignore of
// each directory and what each directory holds: linting a folder of
// Dockerfiles looked for the same files once per Dockerfile.
type contextIgnores struct {
	m, dirs sync.Map
	// overlay are the files a run's fixes wrote beside a compose project
	// (a .dockerignore, .env), by cleaned path: the lint after fixing
	// reads them as fixed, whether or not they are on disk yet (--diff
	// writes nothing). Set by setOverlay, between lints.
	overlay map[string][]byte
}

// setOverlay makes c read files as overlay has them and forgets what it
// read before. It must not run while the engine lints.
func (c *contextIgnores) setOverlay(overlay map[string][]byte) {
	c.overlay = overlay
	c.m.Clear()
	c.dirs.Clear()
}

func (c *contextIgnores) read(name string) *rules.Dockerignore {
	if v, ok := c.m.Load(name); ok {
		return v.(*rules.Dockerignore)
	}
	d := c.readIgnore(name)
	c.m.Store(name, d)
	return d
}

// readIgnore is readDockerignore, the overlay's text first.
func (c *contextIgnores) readIgnore(name string) *rules.Dockerignore {
	if text, ok := c.overlay[filepath.Clean(name)]; ok {
		patterns, err := ignorefile.ReadAll(io.LimitReader(bytes.NewReader(text), maxIgnoreBytes))
		if err != nil {
			return nil
		}
		return &rules.Dockerignore{Path: name, Patterns: patterns}
	}
	return readDockerignore(name)
}

// listing is readDirListing of dir, read once per directory, with the
// overlay's files in dir added.
func (c *contextIgnores) listing(dir string) *dirListing {
	if v, ok := c.dirs.Load(dir); ok {
		return v.(*dirListing)
	}
	l := readDirListing(dir)
	for path := range c.overlay {
		if filepath.Dir(path) != filepath.Clean(dir) {
			continue
		}
		name := filepath.Base(path)
		if rules.ContextSecretName(name) && !slices.Contains(l.secrets, name) {
			l.secrets = append(l.secrets, name)
			sort.Strings(l.secrets)
		}
		if strings.HasSuffix(name, ".dockerignore") {
			if l.ignores == nil {
				l.ignores = map[string]bool{}
			}
			l.ignores[name] = true
		}
	}
	c.dirs.Store(dir, l)
	return l
}

// contextSecrets lists the top-level entries of the context directory
// dir that a whole-context COPY must not take along (dirListing.secrets);
// nil when there are none or dir cannot be read.
func (c *contextIgnores) contextSecrets(dir string) []string {
	if dir == "" {
		return nil
	}
	return c.listing(dir).secrets
}

// mayHold is false when dir's listing shows it has no entry named name
// (one of *.dockerignore); true when it has, or its listing is not
// complete.
func (c *contextIgnores) mayHold(dir, name string) bool {
	l := c.listing(dir)
	return !l.complete || l.ignores[name]
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
