package report

import (
	"os"
	"path/filepath"
)

// FindSourceRoot is the repository root that SARIF paths are relative to:
// the nearest directory holding .git (a folder, or a file in a worktree or
// submodule) above the first input that is a file or folder on disk, or
// above workDir when no input is (images, standard input). "" when there
// is no repository: paths then stay relative to the working directory.
func FindSourceRoot(inputs []string, workDir string) string {
	start := workDir
	for _, in := range inputs {
		p := in
		if !filepath.IsAbs(p) {
			p = filepath.Join(workDir, p)
		}
		info, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !info.IsDir() {
			p = filepath.Dir(p)
		}
		start = p
		break
	}
	for dir := filepath.Clean(start); ; {
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}
