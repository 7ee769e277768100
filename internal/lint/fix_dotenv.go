// Fixing compose projects, the files beside them: a secret moved to
// `.env`, `.env` kept out of build contexts, and whether git ignores it.

package lint

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/glob"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/rules"
	"github.com/moby/patternmatcher"
	"github.com/moby/patternmatcher/ignorefile"
)

// companions are the files beside a compose project that one round of
// fixes writes: `.env` and build contexts' .dockerignore files, staged
// until the round is kept.
type companions struct {
	project *compose.Project
	// read reads a file as the round sees it (fixed texts first); a
	// missing file is fs.ErrNotExist.
	read   func(path string) ([]byte, error)
	staged map[string][]byte
}

// dotEnvPath is the `.env` docker compose reads for the project.
func (c *companions) dotEnvPath() string { return filepath.Join(c.project.Dir, ".env") }

// current is path's text this round: staged, or read; nil for a file
// that does not exist. ok is false when it cannot be read.
func (c *companions) current(path string) (text []byte, ok bool) {
	if t, ok := c.staged[path]; ok {
		return t, true
	}
	t, err := c.read(path)
	if err != nil {
		// The default reader's errors say why in words: ask the disk.
		if _, serr := os.Lstat(path); errors.Is(err, fs.ErrNotExist) || errors.Is(serr, fs.ErrNotExist) {
			return nil, true
		}
	}
	return t, err == nil
}

// stage writes what fx needs beside the compose file: Name=Value appended
// to `.env` (nothing when `.env` holds the same value already), and `.env`
// appended to the .dockerignore of each service's build context that
// would otherwise send it to the builder. It reports false, staging
// nothing, when `.env` cannot be read or sets the name to another value.
func (c *companions) stage(d *rules.DotEnv) bool {
	env := c.dotEnvPath()
	cur, ok := c.current(env)
	if !ok {
		return false
	}
	vars, err := dotenv.ParseWithLookup(bytes.NewReader(cur), func(string) (string, bool) { return "", false })
	if err != nil {
		return false
	}
	if v, set := vars[d.Name]; set {
		return v == d.Value
	}
	line, ok := rules.DotEnvLine(d.Name, d.Value)
	if !ok {
		return false
	}
	ignores := map[string][]byte{}
	for _, s := range c.project.Services {
		path, rel := c.shippingIgnore(s, env)
		if path == "" {
			continue
		}
		text, ok := ignores[path]
		if !ok {
			if text, ok = c.current(path); !ok {
				continue
			}
		}
		if !dockerignored(text, rel) {
			ignores[path] = appendLine(text, rel)
		}
	}
	c.staged[env] = appendLine(cur, line)
	for path, text := range ignores {
		c.staged[path] = text
	}
	return true
}

// shippingIgnore is the .dockerignore that applies to service s's build
// (BuildKit's <Dockerfile>.dockerignore when there is one) and env's path
// inside its context; "" when s builds nothing local or env is outside
// the context.
func (c *companions) shippingIgnore(s *compose.Service, env string) (path, rel string) {
	dir := s.Build.ContextDir
	if !s.Build.Set || dir == "" {
		return "", ""
	}
	r, err := filepath.Rel(dir, env)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", ""
	}
	path = filepath.Join(dir, ".dockerignore")
	if df := s.Build.DockerfilePath(); df != "" {
		if t, ok := c.current(df + ".dockerignore"); ok && t != nil {
			path = df + ".dockerignore"
		}
	}
	return path, filepath.ToSlash(r)
}

// dockerignored reports whether a .dockerignore's text keeps rel out of
// the build context, as BuildKit reads it.
func dockerignored(text []byte, rel string) bool {
	patterns, err := ignorefile.ReadAll(bytes.NewReader(text))
	if err != nil {
		return false
	}
	m, err := patternmatcher.New(patterns)
	if err != nil {
		return false
	}
	ok, err := m.MatchesOrParentMatches(rel)
	return err == nil && ok
}

// appendLine is text with line added as its last line, in its line
// terminator.
func appendLine(text []byte, line string) []byte {
	nl := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		nl = "\r\n"
	}
	out := bytes.Clone(text)
	if len(out) > 0 && !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, nl...)
	}
	return append(out, line+nl...)
}

// maxGitignoreDepth bounds how far up gitIgnored looks for the
// repository's root.
const maxGitignoreDepth = 32

// gitIgnored reports whether a .gitignore between path's directory and
// the root of its git repository (the directory holding .git) ignores
// path: the patterns of each file, nearest last, the last match winning,
// with gitignore's `!`, anchoring `/` and directory `/` read as git does
// for a file. read reads each .gitignore.
func gitIgnored(path string, read func(string) ([]byte, error)) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	var dirs []string
	for dir := filepath.Dir(abs); len(dirs) < maxGitignoreDepth; dir = filepath.Dir(dir) {
		dirs = append(dirs, dir)
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil || filepath.Dir(dir) == dir {
			break
		}
	}
	ignored := false
	for i := len(dirs) - 1; i >= 0; i-- {
		text, err := read(filepath.Join(dirs[i], ".gitignore"))
		if err != nil {
			continue
		}
		rel, err := filepath.Rel(dirs[i], abs)
		if err != nil {
			continue
		}
		rel = filepath.ToSlash(rel)
		for _, line := range strings.Split(string(text), "\n") {
			p := strings.TrimRight(line, " \r")
			if p == "" || strings.HasPrefix(p, "#") || strings.HasSuffix(p, "/") {
				continue // a directory pattern cannot name a file
			}
			neg := strings.HasPrefix(p, "!")
			p = strings.TrimPrefix(p, "!")
			anchored := strings.HasPrefix(p, "/")
			p = strings.TrimPrefix(p, "/")
			match := glob.Match(p, rel)
			if anchored && !strings.Contains(p, "/") {
				match = match && !strings.Contains(rel, "/")
			}
			if match {
				ignored = !neg
			}
		}
	}
	return ignored
}

// dotEnvLineRE is a NAME=value line of a .env file.
var dotEnvLineRE = lazyre.New(`^(\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_.-]*\s*[=:])(.*?)(\r?)$`)

// RedactDotEnv is a .env text with every value replaced by <redacted>,
// names, comments and layout kept: what --diff shows of a .env a fix
// writes a secret to.
func RedactDotEnv(text []byte) []byte {
	if text == nil {
		return nil
	}
	lines := strings.SplitAfter(string(text), "\n")
	for i, l := range lines {
		body := strings.TrimSuffix(l, "\n")
		if m := dotEnvLineRE().FindStringSubmatch(body); m != nil && m[2] != "" {
			lines[i] = m[1] + "<redacted>" + m[3] + l[len(body):]
		}
	}
	return []byte(strings.Join(lines, ""))
}
