package lint

import (
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/patternmatcher"
)

// Which application code a run checks. For a Dockerfile (CodeShipped):
// the source files that a COPY or ADD without --from brings from the build
// context into the stage that ships or a stage it is built FROM, with the
// sources resolved as BuildKit resolves them (a directory brings what is
// below it, a wildcard matches path by path with Go's filepath.Match, the
// .dockerignore in force removes what it excludes, --exclude too). For a
// directory that holds no Dockerfile: every source file below it.
// Directories of other people's code (installed dependencies, virtual
// environments) and of tools are never entered: skipCodeDirs.

// skipCodeDirs are never entered when listing source files: version
// control, installed dependencies, tools' environments and caches. What
// they hold is third-party code, the dependency scanners' concern, even
// when a COPY ships it. A virtual environment is skipped by its
// pyvenv.cfg (isVirtualEnv), whatever its name: "venv" is also the name
// of a package (the standard library's), which is code like any other.
var skipCodeDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".venv": true, ".tox": true, ".nox": true,
	"node_modules": true, "site-packages": true, "dist-packages": true, "__pycache__": true, ".mypy_cache": true,
}

// isVirtualEnv reports whether dir is a Python virtual environment: it
// holds the pyvenv.cfg that venv, virtualenv (20 and later) and uv write.
func isVirtualEnv(dir string) bool {
	fi, err := os.Lstat(filepath.Join(dir, "pyvenv.cfg"))
	return err == nil && fi.Mode().IsRegular()
}

// MaxCodeFileBytes caps the size of a source file the code checks read:
// a larger .py or .json is generated data, not code written by hand, and
// is skipped.
const MaxCodeFileBytes = 4 << 20

// codeListings caches, for one engine, the source files below each
// directory: a folder of Dockerfiles sharing one build context lists it
// once.
type codeListings struct{ m sync.Map }

type listing struct {
	once  sync.Once
	files []string
}

// list returns the regular source files below dir, as slash-separated
// paths relative to it, sorted; unreadable directories are skipped.
func (c *codeListings) list(dir string) []string {
	v, _ := c.m.LoadOrStore(dir, &listing{})
	l := v.(*listing)
	l.once.Do(func() { l.files = listCode(dir) })
	return l.files
}

// listCode walks dir for source files.
func listCode(dir string) []string {
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && (skipCodeDirs[d.Name()] || isVirtualEnv(p)) {
				return fs.SkipDir
			}
			return nil
		}
		// Compose files and daemon.json are runtime configuration, which
		// their own checks read.
		if d.Type().IsRegular() && IsCodeFile(d.Name()) && !IsComposeFileName(d.Name()) && d.Name() != daemonConfigName {
			if rel, err := filepath.Rel(dir, p); err == nil {
				out = append(out, filepath.ToSlash(rel))
			}
		}
		return nil
	})
	slices.Sort(out)
	return out
}

// shippedCode returns the source files the Dockerfile at dfPath ships from
// its build context (all of the context's with CodeAll), as paths joined
// to the context directory, sorted. f is its parsed model.
func (e *Engine) shippedCode(f *dockerfile.File, dfPath string) []string {
	ctxDir := e.settings.ContextDir
	if ctxDir == "" {
		if dfPath == "" || dfPath == "-" {
			return nil
		}
		ctxDir = filepath.Dir(dfPath)
	}
	files := e.listings.list(ctxDir)
	if len(files) == 0 {
		return nil
	}
	var picked []string
	if e.opts.Code == CodeAll {
		picked = files
	} else {
		picked = shippedFiles(f, e.settings.Target, files)
		if ig := loadDockerignore(dfPath, e.settings.ContextDir, &e.ignores); ig != nil && len(picked) > 0 {
			if pm, err := patternmatcher.New(ig.Patterns); err == nil {
				picked = slices.DeleteFunc(picked, func(p string) bool {
					hit, err := pm.MatchesOrParentMatches(filepath.FromSlash(p))
					return err == nil && hit
				})
			}
		}
	}
	out := make([]string, len(picked))
	for i, p := range picked {
		out[i] = filepath.Join(ctxDir, filepath.FromSlash(p))
	}
	return out
}

// shippedFiles picks, from the context's source files, those that a COPY
// or ADD of the shipped stage (target, or the last) or of a stage it is
// built FROM brings in.
func shippedFiles(f *dockerfile.File, target string, files []string) []string {
	ship := f.FinalStage()
	if target != "" {
		if s := f.StageByName(target); s != nil {
			ship = s
		}
	}
	picked := make([]bool, len(files))
	seen := map[*dockerfile.Stage]bool{}
	for s := ship; s != nil && !seen[s]; s = s.Parent {
		seen[s] = true
		for _, in := range s.Instructions {
			var sd []string
			var exclude []string
			switch x := in.(type) {
			case *dockerfile.Copy:
				if x.Cmd.From != "" {
					continue // another stage's or image's files, not the context's
				}
				sd, exclude = x.Cmd.SourcePaths, x.Cmd.ExcludePatterns
			case *dockerfile.Add:
				sd, exclude = x.Cmd.SourcePaths, x.Cmd.ExcludePatterns
			default:
				continue
			}
			var ex *patternmatcher.PatternMatcher
			if len(exclude) > 0 {
				ex, _ = patternmatcher.New(exclude)
			}
			for _, src := range sd {
				if in.Scope() != nil {
					src = in.Scope().Expand(src).Value
				}
				if isRemote(src) {
					continue
				}
				markSource(contextPath(src), files, picked, ex)
			}
		}
	}
	var out []string
	for i, ok := range picked {
		if ok {
			out = append(out, files[i])
		}
	}
	return out
}

// isRemote reports whether an ADD source is fetched, not read from the
// context.
func isRemote(src string) bool {
	l := strings.ToLower(src)
	return strings.Contains(l, "://") || strings.HasPrefix(l, "git@")
}

// contextPath is a COPY source as a slash-separated path relative to the
// context root ("" for the root itself): sources are relative to the
// context whether or not they start with "/" or "./".
func contextPath(src string) string {
	p := path.Clean("/" + strings.ReplaceAll(src, `\`, "/"))
	return strings.TrimPrefix(p, "/")
}

// markSource marks the files one source brings: the file itself, what is
// below a directory, or, for a wildcard, the files and directories whose
// path of as many components matches it. Files the --exclude patterns
// match are left out.
func markSource(src string, files []string, picked []bool, exclude *patternmatcher.PatternMatcher) {
	glob := strings.ContainsAny(src, "*?[")
	depth := strings.Count(src, "/") + 1
	for i, f := range files {
		if picked[i] {
			continue
		}
		var hit bool
		switch {
		case src == "":
			hit = true
		case !glob:
			hit = f == src || strings.HasPrefix(f, src+"/")
		default:
			prefix := f
			if parts := strings.SplitN(f, "/", depth+1); len(parts) > depth {
				prefix = strings.Join(parts[:depth], "/")
			}
			hit, _ = path.Match(src, prefix)
		}
		if hit && exclude != nil {
			if ex, err := exclude.MatchesOrParentMatches(filepath.FromSlash(f)); err == nil && ex {
				hit = false
			}
		}
		picked[i] = hit
	}
}

// readCode reads one source file; a file larger than MaxCodeFileBytes is
// skipped (nil, nil).
func readCode(p string) ([]byte, error) {
	fh, err := os.Open(p)
	if err != nil {
		return nil, errorString(describeOpenError(err))
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil {
		return nil, errorString(describeOpenError(err))
	}
	if info.Size() > MaxCodeFileBytes {
		return nil, nil
	}
	src, err := io.ReadAll(io.LimitReader(fh, MaxCodeFileBytes+1))
	if err != nil {
		return nil, errorString(describeOpenError(err))
	}
	if len(src) > MaxCodeFileBytes {
		return nil, nil
	}
	return src, nil
}
