package compose

import (
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// realComposeFiles lists the compose files of the Go module cache: every
// YAML file of compose-go's own testdata (the version this module builds
// with), and every file named like a compose file in any module.
func realComposeFiles(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skipf("go env GOMODCACHE: %v", err)
	}
	cache := strings.TrimSpace(string(out))
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	composeGo := filepath.Join(cache, "github.com", "compose-spec", "compose-go", "v2@v2.16.2")
	_ = filepath.WalkDir(composeGo, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.Contains(p, "testdata") && isYAMLName(d.Name()) {
			add(p)
		}
		return nil
	})
	_ = filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && (d.Name() == "cache" && filepath.Dir(p) == cache) {
			return fs.SkipDir // downloaded zips, not sources
		}
		name := d.Name()
		if d.Type().IsRegular() && isYAMLName(name) && (strings.HasPrefix(name, "compose") || strings.HasPrefix(name, "docker-compose")) {
			add(p)
		}
		return nil
	})
	if len(files) == 0 {
		t.Skip("no compose files in the module cache")
	}
	return files
}

func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}

// TestRealFiles loads every compose file of the module cache. None may
// panic; Load may fail only on a file compose-go also refuses (not YAML, or
// not a mapping); and on every file compose-go accepts the two models must
// agree.
func TestRealFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("walks the module cache")
	}
	files := realComposeFiles(t)
	var loaded, failed, warned, accepted int
	for _, f := range files {
		dir := filepath.Dir(f)
		p, err := Load(Options{Files: []string{f}, Dir: dir})
		_, refErr := referenceSummary(t, []string{f}, dir, nil)
		switch {
		case err != nil:
			failed++
			t.Logf("%s: %v", f, err)
			if refErr == nil {
				t.Errorf("%s: compose-go loads it; Load: %v", f, err)
			}
		default:
			loaded++
			if len(p.Warnings) > 0 {
				warned++
			}
		}
		if refErr == nil {
			accepted++
			compareWithReference(t, []string{f}, dir, nil)
		}
	}
	t.Logf("%d files: %d loaded (%d with warnings), %d errors; compose-go accepted %d, each compared", len(files), loaded, warned, failed, accepted)
}
