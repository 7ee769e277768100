package testcorpus

import (
	"io/fs"
	"os/exec"
	"path/filepath"
	"strings"
)

// ComposeFiles lists the real compose files on this machine, from the Go
// module cache: every YAML file of compose-go's testdata, and every file
// named like a compose file (compose*.y[a]ml, docker-compose*.y[a]ml) in
// any module. It returns nil when the module cache cannot be found, so
// callers skip.
func ComposeFiles() []string {
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		return nil
	}
	cache := strings.TrimSpace(string(out))
	if cache == "" {
		return nil
	}
	// The compose-go version go.mod requires: its testdata is the
	// loader's own set of compose files.
	composeGo, _ := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/compose-spec/compose-go/v2").Output()
	var files []string
	seen := map[string]bool{}
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			files = append(files, p)
		}
	}
	_ = filepath.WalkDir(strings.TrimSpace(string(composeGo)), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.Contains(p, "testdata") && isYAMLName(d.Name()) {
			add(p)
		}
		return nil
	})
	_ = filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "cache" && filepath.Dir(p) == cache {
			return fs.SkipDir // downloaded zips, not sources
		}
		name := d.Name()
		if d.Type().IsRegular() && isYAMLName(name) && (strings.HasPrefix(name, "compose") || strings.HasPrefix(name, "docker-compose")) {
			add(p)
		}
		return nil
	})
	return files
}

func isYAMLName(name string) bool {
	return strings.HasSuffix(name, ".yml") || strings.HasSuffix(name, ".yaml")
}
