// Fixing a whole run: the Dockerfiles first, then the compose projects
// that build them, then the Dockerfiles whose build context the compose
// fixes changed, linted again, so the report after --fix judges every
// file as fixed.

package lint

import (
	"context"
	"path/filepath"
	"runtime"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// fixedBuilds are the fixed texts of the Dockerfiles compose services
// build, by cleaned path, for the compose fixes that read them.
func fixedBuilds(fixed []*Fixed, builds []*build) map[string][]byte {
	out := map[string][]byte{}
	for i, f := range fixed {
		if f != nil && builds[i] != nil {
			out[filepath.Clean(f.Path)] = f.After
		}
	}
	return out
}

// relintBuilds lints again each Dockerfile a service builds whose build
// context holds a file the compose fixes wrote (.dockerignore, .env): its
// findings were judged against the context as it was (a whole-context
// COPY that takes .env along, which the new .dockerignore keeps out). The
// engines read those files as fixed (contextIgnores.setOverlay), whether
// or not they are written yet. The code found in the shipped files and
// the problems fixing met are kept.
func relintBuilds(ctx context.Context, rt *runtimeRun, inputs []Input, builds []*build, perInput []*Engine,
	results []Result, models []*dockerfile.File, fixed []*Fixed) {
	overlay := map[string][]byte{}
	for _, f := range rt.fixedFiles() {
		if f.Companion {
			overlay[filepath.Clean(f.Path)] = f.After
		}
	}
	if len(overlay) == 0 {
		return
	}
	var redo []int
	engines := map[*Engine]bool{}
	for i, bd := range builds {
		if bd == nil || !touchesContext(overlay, inputs[i].Path, bd.context) {
			continue
		}
		redo = append(redo, i)
		engines[perInput[i]] = true
	}
	for e := range engines {
		e.ignores.setOverlay(overlay)
	}
	forEach(ctx, len(redo), runtime.GOMAXPROCS(0), func(k int) {
		i := redo[k]
		var src []byte
		if fixed[i] != nil {
			src = fixed[i].After
		} else {
			var err error
			if src, err = loadOf(inputs[i])(); err != nil {
				return // the first lint's result stands
			}
		}
		res, model := perInput[i].lintModel(ctx, inputs[i].Path, src, true)
		res.code = results[i].code
		for _, p := range results[i].Problems {
			if p.Internal {
				res.Problems = append(res.Problems, p)
			}
		}
		results[i] = res
		if models[i] != nil {
			models[i] = model
		}
	})
}

// touchesContext reports whether one of the overlay's files lies where
// linting the Dockerfile at path with build context dir reads: the
// context's top level or beside the Dockerfile.
func touchesContext(overlay map[string][]byte, path, contextDir string) bool {
	dirs := []string{filepath.Clean(buildContextDir(path, contextDir)), filepath.Dir(filepath.Clean(path))}
	for p := range overlay {
		d := filepath.Dir(p)
		if d == dirs[0] || d == dirs[1] {
			return true
		}
	}
	return false
}
