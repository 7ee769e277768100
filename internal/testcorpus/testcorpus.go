// Package testcorpus locates the shared corpus of real-world Dockerfiles
// (../shared/corpus beside the repository) for tests, benchmarks and fuzz
// seeds. It is imported only from _test.go files and scripts/.
//
// The corpus is data kept outside the repository, so every user of it must
// skip cleanly when it is absent.
package testcorpus

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// EnvVar names an environment variable that, when set, overrides where the
// corpus folder (the one holding dockerfiles/) is looked for.
const EnvVar = "DOCKSTRIDE_CORPUS"

// Dir returns the corpus folder (holding dockerfiles/ and MANIFEST.tsv) and
// whether it exists. It looks at $DOCKSTRIDE_CORPUS, then at shared/corpus
// beside the repository root (CI's layout) and one level further up (a git
// worktree under /work/wt/NAME sits one level deeper than the main clone).
func Dir() (string, bool) {
	if d := os.Getenv(EnvVar); d != "" {
		return d, isDir(filepath.Join(d, "dockerfiles"))
	}
	root, ok := repoRoot()
	if !ok {
		return "", false
	}
	for _, up := range []string{"..", filepath.Join("..", "..")} {
		d := filepath.Join(root, up, "shared", "corpus")
		if isDir(filepath.Join(d, "dockerfiles")) {
			return filepath.Clean(d), true
		}
	}
	return "", false
}

// Files lists every file under the corpus's dockerfiles/ folder, sorted.
func Files(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(filepath.Join(dir, "dockerfiles"), func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// Sample returns a deterministic subset of files: every one MANIFEST.tsv
// flags as unusual (BOM, CRLF, no FROM, templates, syntax directives,
// heredocs) and every nth of the rest, so a slow mode (the race detector)
// still sees each kind of input.
func Sample(dir string, files []string, n int) []string {
	flagged := map[string]bool{}
	if b, err := os.ReadFile(filepath.Join(dir, "MANIFEST.tsv")); err == nil {
		for _, row := range strings.Split(string(b), "\n")[1:] {
			cols := strings.Split(row, "\t")
			if len(cols) >= 8 && cols[7] != "-" {
				flagged[filepath.Join(dir, cols[0])] = true
			}
		}
	}
	var out []string
	for i, f := range files {
		if flagged[f] || i%n == 0 {
			out = append(out, f)
		}
	}
	return out
}

// repoRoot walks up from the working directory (a package folder, when run
// by go test) to the folder holding go.mod.
func repoRoot() (string, bool) {
	d, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, true
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", false
		}
		d = parent
	}
}

func isDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}
