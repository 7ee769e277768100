package compose

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/dockstride/dockstride/internal/lazyre"
	"go.yaml.in/yaml/v3"
)

// DefaultMaxFileBytes bounds each compose, `.env`, `extends` and `include`
// file read. Real compose files are a few kilobytes.
const DefaultMaxFileBytes = 4 << 20

// Options say which files make a project and what interpolation sees.
type Options struct {
	// Files are the compose files in load order: the base file first, then
	// its overrides (docker compose -f a -f b). At least one.
	Files []string
	// Dir is the project directory: relative paths in the base and override
	// files, and the default `.env`, are resolved against it. Default: the
	// first file's directory.
	Dir string
	// Env is the environment interpolation reads first, as docker compose
	// reads the shell's. Nil means none: the process environment is never
	// read unless the caller passes it here.
	Env map[string]string
	// EnvFiles replace the default `.env` in Dir (docker compose
	// --env-file). Values there are read after Env.
	EnvFiles []string
	// NoDotEnv skips the default `.env` (COMPOSE_DISABLE_ENV_FILE).
	NoDotEnv bool
	// ReadFile reads a file; default: os.ReadFile of regular files only.
	// Tests and standard input supply their own. Either way a file larger
	// than MaxFileBytes is refused.
	ReadFile func(path string) ([]byte, error)
	// MaxFileBytes bounds every file read; default DefaultMaxFileBytes.
	MaxFileBytes int64
	// OnRead, when set, is given each compose file (given, `extends` or
	// `include`) once it is read, before it is parsed: the lint engine
	// reads suppression comments from them. `.env` files are not given.
	OnRead func(path string, src []byte)
}

// Load reads, merges and models the project opts describes. It returns an
// *Error when a file cannot be read, is not YAML or its top level is not a
// mapping; every other problem is a Project.Warnings entry.
func Load(opts Options) (*Project, error) {
	if len(opts.Files) == 0 {
		return nil, errors.New("compose: no compose file given")
	}
	l := newLoader(opts)
	return l.load()
}

// Parse models one compose file held in memory, as Load would with src as
// its only file, no `.env` and env as the environment. `extends` and
// `include` files are read from disk relative to path's directory.
func Parse(path string, src []byte, env map[string]string) (*Project, error) {
	read := func(p string) ([]byte, error) {
		if p == path {
			return src, nil
		}
		return readRegularFile(p, DefaultMaxFileBytes)
	}
	return Load(Options{Files: []string{path}, Env: env, NoDotEnv: true, ReadFile: read})
}

// loader holds one Load's state.
type loader struct {
	opts    Options
	dir     string
	dotenv  map[string]string
	project *Project
	// parsed caches every file read (compose, override, extends, include)
	// by its cleaned path.
	parsed map[string]*file
	// budget is what is left of the node visits that walks through aliases
	// and merge keys may make (see yaml.go); exhausted once it hits zero.
	budget    int
	exhausted bool
	// includeDepth counts nested `include` loads; parent is the load that
	// included this one.
	includeDepth int
	parent       *loader
	// warned de-duplicates warnings: an anchor shared by many services
	// would otherwise repeat its problem once per service.
	warned map[Error]bool
	// interpolated holds each text interpolation has seen (see
	// substitute).
	interpolated map[string]interpolation
}

// file is one parsed YAML file: its documents' top-level mappings.
type file struct {
	docs []*document
	err  *Error // why the file could not be read or parsed
}

// document is one YAML document of a file, with the directory its relative
// paths are resolved against: the project directory for the files given to
// Load, the file's own directory for an `extends` or `include` file.
type document struct {
	file    string
	baseDir string
	root    *yaml.Node // a mapping
}

func newLoader(opts Options) *loader {
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = DefaultMaxFileBytes
	}
	if opts.ReadFile == nil {
		max := opts.MaxFileBytes
		opts.ReadFile = func(p string) ([]byte, error) { return readRegularFile(p, max) }
	}
	dir := opts.Dir
	if dir == "" {
		dir = filepath.Dir(opts.Files[0])
	}
	return &loader{
		opts:    opts,
		dir:     dir,
		project: &Project{Dir: dir},
		parsed:  map[string]*file{},
		budget:  100_000,
		warned:  map[Error]bool{},
	}
}

func (l *loader) load() (*Project, error) {
	l.readDotEnv()
	var docs []*document
	for _, path := range l.opts.Files {
		f := l.parseFile(path, l.dir)
		if f.err != nil {
			return nil, f.err
		}
		docs = append(docs, f.docs...)
	}
	if len(docs) == 0 {
		l.warn(Pos{File: l.opts.Files[0], Line: 1}, "empty compose file")
	}
	l.buildProject(docs)
	if l.exhausted {
		return nil, &Error{Pos: Pos{File: l.opts.Files[0], Line: 1}, Msg: "YAML anchors and aliases expand too far to be modelled"}
	}
	return l.project, nil
}

// charge takes n node visits from the budget, false once it is spent.
func (l *loader) charge(n int) bool {
	if l.exhausted {
		return false
	}
	l.budget -= n
	if l.budget < 0 {
		l.exhausted = true
		return false
	}
	return true
}

// warn records a problem docker compose would refuse, once per place.
func (l *loader) warn(pos Pos, format string, args ...any) {
	e := Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	if l.warned[e] {
		return
	}
	l.warned[e] = true
	l.project.Warnings = append(l.project.Warnings, &e)
}

// parseFile reads and parses path once, with baseDir for its relative
// paths. Every call after the first returns the same *file.
func (l *loader) parseFile(path, baseDir string) *file {
	key := filepath.Clean(path)
	if f, ok := l.parsed[key]; ok {
		return f
	}
	f := &file{}
	l.parsed[key] = f
	l.project.Files = append(l.project.Files, path)
	src, err := l.opts.ReadFile(path)
	if err == nil && int64(len(src)) > l.opts.MaxFileBytes {
		err = fmt.Errorf("file is larger than %d bytes", l.opts.MaxFileBytes)
	}
	if err != nil {
		f.err = &Error{Pos: Pos{File: path}, Msg: readErrorMessage(err)}
		return f
	}
	if l.opts.OnRead != nil {
		l.opts.OnRead(path, src)
	}
	// Each source byte may be visited a few times through aliases before
	// the input counts as an expansion bomb.
	l.budget += 4 * len(src)
	dec := yaml.NewDecoder(bytes.NewReader(src))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.err = yamlError(path, err)
			return f
		}
		root := n.Content[0]
		if root = resolve(root); root == nil || isNull(root) {
			continue // an empty document, as between `---` lines
		}
		if root.Kind != yaml.MappingNode {
			f.err = &Error{Pos: Pos{File: path, Line: root.Line, Col: root.Column}, Msg: "top-level must be a mapping, not " + kindName(root)}
			return f
		}
		d := &document{file: path, baseDir: baseDir, root: root}
		l.validate(d)
		f.docs = append(f.docs, d)
	}
	return f
}

// yamlLine finds the line yaml.v3 puts in its messages ("yaml: line 7: …").
var yamlLine = lazyre.New(`^yaml: (?:line (\d+): )?`)

func yamlError(path string, err error) *Error {
	msg := err.Error()
	e := &Error{Pos: Pos{File: path, Line: 1}}
	if m := yamlLine().FindStringSubmatch(msg); m != nil {
		msg = msg[len(m[0]):]
		if n, convErr := strconv.Atoi(m[1]); convErr == nil {
			e.Line = n
			// yaml.v3 counts lines from 0 for its parser's errors and
			// from 1 for its scanner's.
			if yamlParserProblems[msg] {
				e.Line++
			}
		}
	}
	e.Msg = "not valid YAML: " + msg
	return e
}

// yamlParserProblems are the messages of yaml.v3's parser (parserc.go), as
// opposed to its scanner.
var yamlParserProblems = map[string]bool{
	"did not find expected ',' or ']'":       true,
	"did not find expected ',' or '}'":       true,
	"did not find expected '-' indicator":    true,
	"did not find expected <document start>": true,
	"did not find expected <stream-start>":   true,
	"did not find expected key":              true,
	"did not find expected node content":     true,
	"found duplicate %TAG directive":         true,
	"found duplicate %YAML directive":        true,
	"found incompatible YAML document":       true,
	"found undefined tag handle":             true,
}

func readErrorMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already the Error's File
	}
	return "cannot read: " + err.Error()
}

// readRegularFile reads a regular file of at most max bytes: a FIFO or a
// device (`extends: {file: /dev/zero}`) would never end.
func readRegularFile(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if st.Size() > max {
		return nil, fmt.Errorf("file is larger than %d bytes", max)
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err == nil && int64(len(b)) > max {
		err = fmt.Errorf("file is larger than %d bytes", max)
	}
	return b, err
}

// readDotEnv reads the project's `.env` (or Options.EnvFiles) into
// l.dotenv with compose-go's dotenv parser, which interpolates a value from
// Env or an earlier line. A missing default `.env` is normal; a missing
// EnvFiles entry, or a line the parser refuses, is a warning.
func (l *loader) readDotEnv() {
	l.dotenv = map[string]string{}
	paths, explicit := l.opts.EnvFiles, true
	if len(paths) == 0 {
		if l.opts.NoDotEnv {
			return
		}
		paths, explicit = []string{filepath.Join(l.dir, ".env")}, false
	}
	for _, p := range paths {
		src, err := l.opts.ReadFile(p)
		if err == nil && int64(len(src)) > l.opts.MaxFileBytes {
			err = fmt.Errorf("file is larger than %d bytes", l.opts.MaxFileBytes)
		}
		if err != nil {
			if explicit || !errors.Is(err, fs.ErrNotExist) {
				l.warn(Pos{File: p}, "%s", readErrorMessage(err))
			}
			continue
		}
		vars, err := dotenv.ParseWithLookup(bytes.NewReader(src), func(name string) (string, bool) {
			if v, ok := l.opts.Env[name]; ok {
				return v, true
			}
			v, ok := l.dotenv[name]
			return v, ok
		})
		if err != nil {
			// dotenv's messages can quote the value it choked on: say only
			// where, never what.
			l.warn(Pos{File: p, Line: dotenvLine(err)}, "cannot parse the env file")
			continue
		}
		for k, v := range vars {
			l.dotenv[k] = v
		}
	}
}

var dotenvLineRE = lazyre.New(`line (\d+)`)

func dotenvLine(err error) int {
	if m := dotenvLineRE().FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// lookupEnv is what `${NAME}` reads: Options.Env, then `.env`.
func (l *loader) lookupEnv(name string) (string, bool) {
	if v, ok := l.opts.Env[name]; ok {
		return v, true
	}
	v, ok := l.dotenv[name]
	return v, ok
}

// posOf is where node n of document d was written.
func posOf(d *document, n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: d.file}
	}
	return Pos{File: d.file, Line: n.Line, Col: n.Column}
}

// joinPath resolves p against dir unless it is absolute, for Unix or for
// Windows (compose-go accepts either, for a client and daemon on different
// systems), or home-relative. compose-go would expand `~` from $HOME; the
// model leaves it, as it reads no process environment of its own.
func joinPath(dir, p string) string {
	if p == "" || filepath.IsAbs(p) || isWindowsAbs(p) || strings.HasPrefix(p, "~") {
		return p
	}
	return filepath.Join(dir, p)
}

// isWindowsAbs reports `C:\x`, `C:/x` or a `\\server\share` path.
func isWindowsAbs(p string) bool {
	if strings.HasPrefix(p, `\\`) || strings.HasPrefix(p, "//") {
		return true
	}
	return len(p) >= 3 && p[1] == ':' && (p[2] == '\\' || p[2] == '/') &&
		('a' <= p[0] && p[0] <= 'z' || 'A' <= p[0] && p[0] <= 'Z')
}
