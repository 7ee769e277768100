package lint

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
)

// How a run reads runtime configuration: the compose projects and
// daemon.json files its paths hold, and the Dockerfiles compose services
// build. Run loads the compose projects before it lints any Dockerfile,
// since a service's `build:` says which Dockerfile to lint with which
// context; after the lint, correlate weighs each service's settings
// against the findings of the Dockerfile it builds.

// runtimeFiles are the compose projects and daemon.json files of a run.
type runtimeFiles struct {
	composeSets []compose.FileSet
	daemons     []string
	// pending are directories the walk found a compose file name in, to
	// hand to compose.Discover once the walk is over.
	pending []string
	seen    map[string]bool
}

// IsComposeFileName reports whether a file name is one docker compose
// looks for (compose.yaml, docker-compose.yml, …) or a variant of one
// (compose.prod.yaml, docker-compose.override.yml).
func IsComposeFileName(name string) bool {
	ext := filepath.Ext(name)
	if ext != ".yml" && ext != ".yaml" {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	return stem == "compose" || stem == "docker-compose" ||
		strings.HasPrefix(stem, "compose.") || strings.HasPrefix(stem, "docker-compose.")
}

// daemonConfigName is the name dockerd's configuration file has.
const daemonConfigName = "daemon.json"

// addFile classifies a file named on the command line: any .yml or .yaml
// file is a compose project of that file alone, a daemon.json a daemon
// configuration. It reports false for a Dockerfile.
func (r *runtimeFiles) addFile(p string) bool {
	switch ext := filepath.Ext(p); {
	case ext == ".yml" || ext == ".yaml":
		r.addSet(compose.FileSet{Dir: filepath.Dir(p), Files: []string{p}})
	case filepath.Base(p) == daemonConfigName:
		r.addDaemon(p)
	default:
		return false
	}
	return true
}

// noteFound records a regular file the directory walk met.
func (r *runtimeFiles) noteFound(path, name string) {
	switch {
	case name == daemonConfigName:
		r.addDaemon(path)
	case IsComposeFileName(name):
		if dir := filepath.Dir(path); !r.once("dir\x00" + dir) {
			r.pending = append(r.pending, dir)
		}
	}
}

// discoverDirs turns the directories noted into compose file sets, as
// compose.Discover finds them.
func (r *runtimeFiles) discoverDirs() []Problem {
	var problems []Problem
	for _, dir := range r.pending {
		sets, err := compose.Discover(dir)
		if err != nil {
			problems = append(problems, Problem{File: dir, Message: describeOpenError(err)})
		}
		for _, s := range sets {
			r.addSet(s)
		}
	}
	r.pending = nil
	return problems
}

func (r *runtimeFiles) addSet(s compose.FileSet) {
	if !r.once("set\x00" + strings.Join(s.Files, "\x00")) {
		r.composeSets = append(r.composeSets, s)
	}
}

func (r *runtimeFiles) addDaemon(p string) {
	if !r.once("daemon\x00" + p) {
		r.daemons = append(r.daemons, p)
	}
}

// once reports whether key was seen before, and marks it seen.
func (r *runtimeFiles) once(key string) bool {
	if r.seen == nil {
		r.seen = map[string]bool{}
	}
	if r.seen[key] {
		return true
	}
	r.seen[key] = true
	return false
}

// runtimeRun is a run's runtime configuration, loaded and checked.
type runtimeRun struct {
	composes []ComposeResult
	// fixed are what fixing each compose project changed (FixCompose).
	fixed   [][]Fixed
	daemons []Result
	// daemonFixed are what fixing each daemon.json changed (FixDaemon).
	daemonFixed []*Fixed
	// builds are the Dockerfiles the compose services build, by path.
	builds map[string][]*build
	// engines caches the engines that lint a Dockerfile with a service's
	// build context and target.
	engines map[buildEngineKey]*Engine
	// sets and composeEngines are the compose projects and their engines,
	// kept for fixComposes; buildProblems are the problems collectBuilds
	// found in each project, kept across it.
	sets           []compose.FileSet
	composeEngines []*Engine
	buildProblems  [][]Problem
	// onRead is Request.OnRead (see loadRuntime).
	onRead func(int64)
}

// build is one Dockerfile as compose services build it: with a context
// and a target, by one or more services.
type build struct {
	dockerfile string
	context    string
	target     string
	services   []builder
}

// builder is a compose service that builds a Dockerfile, with the result
// of its project (where its findings are).
type builder struct {
	service *compose.Service
	project *ComposeResult
}

type buildEngineKey struct {
	base            *Engine
	context, target string
}

// loadRuntime loads and checks every compose project and daemon.json,
// GOMAXPROCS at a time, each with the engine its file's options give.
//
// onRead, when set, is told the size of each compose file and daemon.json
// read (Request.OnRead): a compose file's model, findings and fixes take
// tens of times its size, and the CLI caps the heap by the largest input
// it hears of. Unheard, a 1 MB compose file of a thousand services ran
// under the 40 MiB floor and `lint --format json` spent most of its CPU
// (1.7 s of 2) collecting garbage.
func loadRuntime(ctx context.Context, engines *engineCache, files runtimeFiles, fixMode *FixMode, showFixes bool, onRead func(int64)) (*runtimeRun, error) {
	rt := &runtimeRun{
		composes:    make([]ComposeResult, len(files.composeSets)),
		fixed:       make([][]Fixed, len(files.composeSets)),
		daemons:     make([]Result, len(files.daemons)),
		daemonFixed: make([]*Fixed, len(files.daemons)),
		builds:      map[string][]*build{},
		engines:     map[buildEngineKey]*Engine{},
	}
	composeEngines := make([]*Engine, len(files.composeSets))
	for i, s := range files.composeSets {
		e, err := engines.forPath(s.Files[0])
		if err != nil {
			return nil, err
		}
		composeEngines[i] = e
	}
	daemonEngines := make([]*Engine, len(files.daemons))
	for i, p := range files.daemons {
		e, err := engines.forPath(p)
		if err != nil {
			return nil, err
		}
		daemonEngines[i] = e
	}
	rt.sets, rt.composeEngines, rt.onRead = files.composeSets, composeEngines, onRead
	n := len(files.composeSets)
	forEach(ctx, n+len(files.daemons), runtime.GOMAXPROCS(0), func(i int) {
		if i < n {
			// A run that fixes fixes the compose projects after the
			// Dockerfiles (fixComposes); this lint tells what they build.
			s := files.composeSets[i]
			rt.composes[i] = composeEngines[i].lintCompose(ctx, rt.composeOptions(s), showFixes && fixMode == nil, nil)
			return
		}
		p := files.daemons[i-n]
		in := readFile(p)
		if onRead != nil && in.Err == nil {
			onRead(int64(len(in.Src)))
		}
		if in.Err != nil {
			rt.daemons[i-n] = Result{File: p, Problems: []Problem{{File: p, Message: in.Err.Error()}}}
			return
		}
		if fixMode != nil {
			rt.daemons[i-n], rt.daemonFixed[i-n] = daemonEngines[i-n].FixDaemon(ctx, p, in.Src, *fixMode)
			return
		}
		rt.daemons[i-n] = daemonEngines[i-n].lintDaemon(p, in.Src, showFixes)
	})
	rt.collectBuilds()
	return rt, ctx.Err()
}

// collectBuilds gathers the Dockerfiles the services build, one build per
// Dockerfile, context and target. A service whose Dockerfile does not
// exist is a Problem at its `build:`; one that builds from a remote
// context or an inline Dockerfile has nothing on disk to lint.
func (rt *runtimeRun) collectBuilds() {
	exists := map[string]error{}
	rt.buildProblems = make([][]Problem, len(rt.composes))
	for i := range rt.composes {
		cr := &rt.composes[i]
		if cr.Project == nil {
			continue
		}
		for _, s := range cr.Project.Services {
			path := s.Build.DockerfilePath()
			if path == "" {
				continue
			}
			err, checked := exists[path]
			if !checked {
				err = regularFile(path)
				exists[path] = err
			}
			if err != nil {
				p := Problem{File: s.Build.Pos.File, Line: s.Build.Pos.Line,
					Message: fmt.Sprintf("service %s builds %s: %s", s.Name, path, err)}
				cr.Problems = append(cr.Problems, p)
				rt.buildProblems[i] = append(rt.buildProblems[i], p)
				continue
			}
			rt.addBuilder(path, s.Build.ContextDir, s.Build.Target.Value, builder{s, cr})
		}
	}
}

// composeOptions are the options that load the compose project of s,
// telling rt.onRead the size of each file read.
func (rt *runtimeRun) composeOptions(s compose.FileSet) compose.Options {
	opts := compose.Options{Files: s.Files, Dir: s.Dir}
	if onRead := rt.onRead; onRead != nil {
		opts.OnRead = func(_ string, src []byte) { onRead(int64(len(src))) }
	}
	return opts
}

// fixComposes fixes each compose project (FixCompose) once the
// Dockerfiles are fixed: a compose fix that depends on the user an image
// runs as (cap_drop: [ALL], read_only) reads the Dockerfile as the run
// leaves it, from dockerfiles (fixed texts by cleaned path) before the
// disk. The builds then point at the fixed projects' services.
func (rt *runtimeRun) fixComposes(ctx context.Context, mode FixMode, dockerfiles map[string][]byte) {
	forEach(ctx, len(rt.sets), runtime.GOMAXPROCS(0), func(i int) {
		s := rt.sets[i]
		res, fixed := rt.composeEngines[i].fixCompose(ctx, rt.composeOptions(s), mode, dockerfiles)
		res.Problems = append(res.Problems, rt.buildProblems[i]...)
		rt.composes[i], rt.fixed[i] = res, fixed
	})
	for _, bds := range rt.builds {
		for _, bd := range bds {
			for j, b := range bd.services {
				if b.project.Project == nil {
					continue
				}
				if s := b.project.Project.Service(b.service.Name); s != nil {
					bd.services[j].service = s
				}
			}
		}
	}
}

func (rt *runtimeRun) addBuilder(path, context, target string, b builder) {
	for _, bd := range rt.builds[path] {
		if bd.context == context && bd.target == target {
			bd.services = append(bd.services, b)
			return
		}
	}
	rt.builds[path] = append(rt.builds[path], &build{dockerfile: path, context: context, target: target, services: []builder{b}})
}

// regularFile says why path is not a regular file to read, or nil.
func regularFile(path string) error {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		return errorString(describeOpenError(err))
	case !info.Mode().IsRegular():
		return errorString("not a regular file")
	}
	return nil
}

// withBuilds returns the run's Dockerfile inputs with the Dockerfiles the
// services build: a Dockerfile the walk found and a service builds is
// linted once, with the service's context and target (once per distinct
// context and target); one the walk did not find is added. builds[i] is
// the build of input i, nil for a Dockerfile no service builds.
func (rt *runtimeRun) withBuilds(inputs []Input) ([]Input, []*build) {
	if len(rt.builds) == 0 {
		return inputs, make([]*build, len(inputs))
	}
	var out []Input
	var builds []*build
	done := map[string]bool{}
	addBuilds := func(in Input, bds []*build) {
		for j, bd := range bds {
			if j > 0 {
				in = Input{Path: in.Path, Load: loadOf(in), Found: in.Found}
			}
			out = append(out, in)
			builds = append(builds, bd)
		}
	}
	for _, in := range inputs {
		key := filepath.Clean(in.Path)
		bds, built := rt.builds[key]
		switch {
		case !built:
			out = append(out, in)
			builds = append(builds, nil)
		case !done[key]:
			done[key] = true
			addBuilds(in, bds)
		}
	}
	for _, path := range sortedPaths(rt.builds) {
		if !done[path] {
			done[path] = true
			addBuilds(openFiles([]string{path})[0], rt.builds[path])
		}
	}
	return out, builds
}

// loadOf is a Load that reads in's file again, for a second lint of it.
func loadOf(in Input) func() ([]byte, error) {
	if in.Src != nil {
		src := in.Src
		return func() ([]byte, error) { return src, nil }
	}
	return openFiles([]string{in.Path})[0].Load
}

// engineFor is the engine that lints a Dockerfile as bd builds it: base,
// with the build's context and target.
func (rt *runtimeRun) engineFor(base *Engine, bd *build) *Engine {
	key := buildEngineKey{base, bd.context, bd.target}
	if e, ok := rt.engines[key]; ok {
		return e
	}
	opts := base.opts
	opts.Settings.ContextDir = bd.context
	if bd.target != "" {
		opts.Settings.Target = bd.target
	}
	e := New(opts)
	rt.engines[key] = e
	return e
}

// results are the compose and daemon results, in discovery order, and
// the files they read.
func (rt *runtimeRun) results() (out []Result, files []string) {
	for _, cr := range rt.composes {
		out = append(out, cr.Result)
		if cr.Project != nil {
			files = append(files, cr.Project.Files...)
		} else {
			files = append(files, cr.File)
		}
	}
	for _, d := range rt.daemons {
		out = append(out, d)
		files = append(files, d.File)
	}
	return out, files
}

// sortedPaths are the builds' Dockerfile paths, sorted.
func sortedPaths(builds map[string][]*build) []string {
	return slices.Sorted(maps.Keys(builds))
}

// serviceNames joins the names of a build's services, for Location.Service.
func (bd *build) serviceNames() string {
	names := make([]string, 0, len(bd.services))
	for _, b := range bd.services {
		if !slices.Contains(names, b.service.Name) {
			names = append(names, b.service.Name)
		}
	}
	return strings.Join(names, ", ")
}

// fixedFiles are the compose files the run's fixes changed, each once: a
// file two projects share (an override set and its base alone) keeps
// the first project's fixes.
func (rt *runtimeRun) fixedFiles() []Fixed {
	var out []Fixed
	seen := map[string]bool{}
	for _, fs := range rt.fixed {
		for _, f := range fs {
			if !seen[f.Path] {
				seen[f.Path] = true
				out = append(out, f)
			}
		}
	}
	for _, f := range rt.daemonFixed {
		if f != nil {
			out = append(out, *f)
		}
	}
	return out
}
