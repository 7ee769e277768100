package lint_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	cgloader "github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// composeGoReads reports whether compose-go's loader reads src as the
// compose file at path (variables unresolved, as with
// SkipResolveEnvironment; nothing else is read), and its error.
func composeGoReads(path string, src []byte) error {
	cd := types.ConfigDetails{WorkingDir: filepath.Dir(path), Environment: types.Mapping{},
		ConfigFiles: []types.ConfigFile{{Filename: path, Content: src}}}
	_, err := cgloader.LoadWithContext(context.Background(), cd, func(o *cgloader.Options) {
		o.SetProjectName("fix", true)
		o.SkipResolveEnvironment = true
		o.SkipConsistencyCheck = true
		o.SkipInclude = true
		o.SkipExtends = true
	})
	return err
}

// TestFixRealComposeFiles runs `--fix --unsafe-fixes` over every real
// compose file on this machine (testcorpus.ComposeFiles), each a project
// of its own, in memory: no fix fails inside dockstride, a file that
// compose-go read before still reads after the fixes, and fixing the
// fixed file changes nothing. The shared corpus holds Dockerfiles only
// (TestFixCorpus); these are the compose files the fixes are held to.
func TestFixRealComposeFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the module cache")
	}
	files := testcorpus.ComposeFiles()
	if len(files) == 0 {
		t.Skip("no compose files in the module cache")
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	mode := lint.FixMode{Unsafe: true}
	fixOnce := func(path string, src []byte) []byte {
		t.Helper()
		read := func(p string) ([]byte, error) {
			if p == path {
				return src, nil
			}
			return nil, fs.ErrNotExist // nothing beside it: a .env is created in memory
		}
		res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{path}, Dir: filepath.Dir(path), ReadFile: read, NoDotEnv: true}, mode)
		for _, p := range res.Problems {
			if p.Internal {
				t.Errorf("%s: internal problem: %s", path, p)
			}
		}
		for _, f := range fixed {
			if f.Path == path {
				return f.After
			}
		}
		return nil
	}
	changed := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		after := fixOnce(path, src)
		if after == nil {
			continue
		}
		changed++
		if composeGoReads(path, src) == nil {
			if err := composeGoReads(path, after); err != nil {
				t.Errorf("%s: compose-go read the file but not the fixed file: %v\n%s", path, err, after)
			}
		}
		if again := fixOnce(path, after); again != nil {
			t.Errorf("%s: fixing the fixed file changed it again:\n%s\n->\n%s", path, after, again)
		}
	}
	t.Logf("%d of %d compose files fixed", changed, len(files))
	if changed == 0 {
		t.Error("no compose file was fixed")
	}
}
