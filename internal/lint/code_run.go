package lint

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// The application-code step of Run: after the Dockerfiles are linted
// (each Result lists the code it ships), the applications are gathered
// (a Dockerfile's shipped files, a directory without Dockerfile, the .py
// files named on the command line), every file is checked once, each
// application's AppChecks run, and the files' suppressions apply.

// codeApp is one application to check: the engine that judges it and its
// files, as indexes into codeRun.files.
type codeApp struct {
	engine *Engine
	files  []int
}

// codeRun is the application code of one run.
type codeRun struct {
	apps  []codeApp
	paths []string
	// engines and byPath are the engine and the index of each file.
	engines []*Engine
	byPath  map[string]int
	files   []*codeFile
	// dockerfiles are the run's Dockerfile inputs, never checked as code.
	dockerfiles map[string]bool
}

// add registers an application; a file already checked for an earlier
// application keeps its first engine.
func (cr *codeRun) add(e *Engine, paths []string) {
	if len(paths) == 0 || !e.code.any() {
		return
	}
	if cr.byPath == nil {
		cr.byPath = map[string]int{}
	}
	a := codeApp{engine: e}
	for _, p := range paths {
		if cr.dockerfiles[filepath.Clean(p)] {
			continue
		}
		i, ok := cr.byPath[p]
		if !ok {
			i = len(cr.paths)
			cr.byPath[p] = i
			cr.paths = append(cr.paths, p)
			cr.engines = append(cr.engines, e)
		}
		a.files = append(a.files, i)
	}
	cr.apps = append(cr.apps, a)
}

// splitCodePaths separates the Python files named on the command line
// from the other paths (Dockerfiles and directories, and anything that
// does not exist, which discovery reports).
func splitCodePaths(paths []string) (other, code []string) {
	for _, p := range paths {
		if p != "-" && IsPythonFile(p) {
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				code = append(code, p)
				continue
			}
		}
		other = append(other, p)
	}
	return other, code
}

// codeRoots are the directories named on the command line that hold no
// Dockerfile: all the source below them is the application.
func codeRoots(paths []string, inputs []Input) []string {
	var roots []string
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
			continue
		}
		clean := filepath.Clean(p)
		holds := false
		for _, in := range inputs {
			if rel, err := filepath.Rel(clean, in.Path); err == nil && !strings.HasPrefix(rel, "..") && IsDockerfileName(filepath.Base(in.Path)) {
				holds = true
				break
			}
		}
		if !holds {
			roots = append(roots, p)
		}
	}
	return roots
}

// lintCode checks the application code of a run: what each Dockerfile
// input ships (results[i].code, judged by perInput[i]), every source file
// below the directories without a Dockerfile, and the Python files named.
// It returns one Result per file, in application order.
func lintCode(ctx context.Context, req Request, inputs []Input, results []Result, perInput []*Engine, engines *engineCache) ([]Result, error) {
	var cr codeRun
	// A file the run reads as a Dockerfile (Dockerfile.env) is not code.
	cr.dockerfiles = map[string]bool{}
	for _, in := range inputs {
		cr.dockerfiles[filepath.Clean(in.Path)] = true
	}
	for i, r := range results {
		cr.add(perInput[i], r.code)
	}
	_, named := splitCodePaths(req.Paths)
	for _, root := range codeRoots(req.Paths, inputs) {
		// Options are per file: those of a file directly in the root.
		e, err := engines.forPath(filepath.Join(root, "_"))
		if err != nil {
			return nil, err
		}
		if e.opts.Code == CodeNone {
			continue
		}
		var files []string
		for _, rel := range e.listings.list(root) {
			files = append(files, filepath.Join(root, filepath.FromSlash(rel)))
		}
		cr.add(e, files)
	}
	if len(named) > 0 {
		e, err := engines.forPath(named[0])
		if err != nil {
			return nil, err
		}
		cr.add(e, named)
	}
	if len(cr.paths) == 0 {
		return nil, nil
	}
	cr.files = make([]*codeFile, len(cr.paths))
	forEach(ctx, len(cr.paths), runtime.GOMAXPROCS(0), func(i int) {
		p, e := cr.paths[i], cr.engines[i]
		src, err := readCode(p)
		if err != nil {
			cr.files[i] = &codeFile{Result: Result{File: p, Problems: []Problem{{File: p, Message: err.Error()}}}, engine: e}
			return
		}
		if req.OnRead != nil {
			req.OnRead(int64(len(src)))
		}
		if src == nil {
			cr.files[i] = &codeFile{Result: Result{File: p}, engine: e}
			return
		}
		where := rules.Location{Target: rules.TargetCode, File: p}
		cr.files[i] = e.checkCode(where, p, src, i)
	})
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	for _, a := range cr.apps {
		runAppChecks(a.engine, a.files, cr.files)
	}
	out := make([]Result, len(cr.files))
	for i, cf := range cr.files {
		out[i] = cf.finish(true)
	}
	return out, nil
}
