package lint

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/dockstride/dockstride/internal/glob"
)

// skipDirs are never descended into when discovering Dockerfiles.
var skipDirs = map[string]bool{".git": true, "vendor": true, "node_modules": true, ".hg": true, ".svn": true}

// IsDockerfileName reports whether a file name looks like a Dockerfile or
// Containerfile: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile,
// Containerfile, Containerfile.*.
func IsDockerfileName(name string) bool {
	lower := strings.ToLower(name)
	for _, base := range []string{"dockerfile", "containerfile"} {
		if lower == base || strings.HasPrefix(lower, base+".") {
			return true
		}
	}
	return strings.HasSuffix(lower, ".dockerfile") || strings.HasSuffix(lower, ".containerfile")
}

// Skip leaves paths out of directory walks (trivy's --skip-dirs and
// --skip-files). Patterns are globs as configuration overrides write them
// ("**" spans folders; one without "/" matches a name at any depth),
// matched against the path as walked and relative to the folder walked.
// Files named on the command line are never skipped.
type Skip struct {
	Dirs, Files []string
}

// skips reports whether one of the patterns matches path, found walking
// root.
func skips(patterns []string, root, path string) bool {
	if len(patterns) == 0 {
		return false
	}
	walked := filepath.ToSlash(path)
	rel, err := filepath.Rel(root, path)
	if err != nil {
		rel = path
	}
	rel = filepath.ToSlash(rel)
	for _, p := range patterns {
		p = strings.TrimSuffix(filepath.ToSlash(p), "/")
		if glob.Match(p, walked) || glob.Match(p, rel) {
			return true
		}
	}
	return false
}

// Discover expands the given paths: files are kept as named (whatever their
// name: the user asked for them), directories are walked for Dockerfile
// names. The result is sorted within each directory and de-duplicated.
// Errors for missing paths are returned alongside the files found.
func Discover(paths []string) ([]string, []Problem) {
	d, problems := discover(paths, Skip{})
	return d.dockerfiles, problems
}

// discovered is what a run's paths hold: Dockerfiles, and the runtime
// configuration beside them (discover_runtime.go).
type discovered struct {
	dockerfiles []string
	runtime     runtimeFiles
}

// discover is Discover for every kind of file a directory walk finds,
// leaving out of the walks what skip names.
func discover(paths []string, skip Skip) (discovered, []Problem) {
	var out discovered
	var problems []Problem
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			out.dockerfiles = append(out.dockerfiles, p)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			problems = append(problems, Problem{File: p, Message: describeOpenError(err)})
			continue
		}
		if !info.IsDir() {
			if !out.runtime.addFile(p) {
				add(p)
			}
			continue
		}
		var found []string
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				problems = append(problems, Problem{File: path, Message: describeOpenError(err)})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if path != p && (skipDirs[d.Name()] || skips(skip.Dirs, p, path)) {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && !skips(skip.Files, p, path) {
				if IsDockerfileName(d.Name()) {
					found = append(found, path)
				}
				out.runtime.noteFound(path, d.Name())
			}
			return nil
		})
		if err != nil {
			problems = append(problems, Problem{File: p, Message: err.Error()})
		}
		sort.Strings(found)
		for _, f := range found {
			add(f)
		}
		problems = append(problems, out.runtime.discoverDirs()...)
	}
	return out, problems
}

// describeOpenError says what is wrong with a path in words, without Go's
// "stat x:" prefix.
func describeOpenError(err error) string {
	switch {
	case os.IsNotExist(err):
		return "no such file or directory"
	case os.IsPermission(err):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// MaxFileBytes caps the size of a Dockerfile read into memory; a larger
// file is refused rather than risking the run's memory.
const MaxFileBytes = 32 << 20

// openFiles makes an Input per path that reads its file when it is linted
// (Input.Load): reading overlaps linting, and a file's bytes live only
// while it is linted.
func openFiles(paths []string) []Input {
	inputs := make([]Input, len(paths))
	for i, p := range paths {
		inputs[i] = Input{Path: p, Load: func() ([]byte, error) {
			in := readFile(p)
			return in.Src, in.Err
		}}
	}
	return inputs
}

// readFile reads one Dockerfile, refusing one over MaxFileBytes.
func readFile(p string) Input {
	in := Input{Path: p}
	src, err := readLimited(p, MaxFileBytes)
	switch {
	case err == errTooLarge:
		in.Err = errorString(tooLarge)
	case err != nil:
		in.Err = errorString(describeOpenError(err))
	default:
		in.Src = src
	}
	return in
}

// errTooLarge is readLimited's answer for a file over its limit.
var errTooLarge = errors.New("too large")

// growRead reads from read into buf (sized by the caller from the file's
// size, plus one byte to see EOF at once) until read returns 0 bytes or an
// error, refusing more than limit bytes. A file may grow while it is read:
// buf then grows too, and the limit still holds.
func growRead(buf []byte, limit int, read func([]byte) (int, error)) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := read(buf[len(buf):cap(buf)])
		if n > 0 {
			buf = buf[:len(buf)+n]
		}
		if len(buf) > limit {
			return nil, errTooLarge
		}
		if err == io.EOF || (err == nil && n == 0) {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// sizedRead wraps read for a regular file of the size fstat gave: a
// read that comes up short once that size is reached ends the file, so
// the read of nothing that would say so is not made (one system call of
// the five a file costs). A short read before the size is reached (a
// network file system may make one) or a file that grew is read on until
// a read returns nothing, as before.
func sizedRead(size int64, read func([]byte) (int, error)) func([]byte) (int, error) {
	var got int64
	return func(b []byte) (int, error) {
		n, err := read(b)
		got += int64(n)
		if err == nil && n > 0 && n < len(b) && got == size {
			return n, io.EOF
		}
		return n, err
	}
}

const tooLarge = "file is larger than 32 MiB; not a Dockerfile?"

type errorString string

func (e errorString) Error() string { return string(e) }
