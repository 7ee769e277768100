package compose

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// The names docker compose looks for, in its order of preference
// (compose-go's cli.DefaultFileNames and DefaultOverrideFileNames).
var (
	composeFileNames  = []string{"compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml"}
	overrideFileNames = []string{"compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml"}
)

// FileSet is the files of one project found in a directory, base file
// first: what to pass as Options.Files.
type FileSet struct {
	Dir   string
	Files []string
}

// Discover finds the compose projects in dir (not below it). The first set
// is what `docker compose` loads there by default: the first of
// compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml, and
// the first of compose.override.yml, compose.override.yaml,
// docker-compose.override.yml, docker-compose.override.yaml.
//
// A linter must also see the files docker compose skips, so Discover
// differs from it in three ways: every other base name present (docker
// compose warns and ignores it) is a set of its own; every variant
// (`compose.prod.yaml`, `docker-compose.ci.yml`, and override names after
// the first) is a set of the chosen base file and that variant, as `docker
// compose -f compose.yaml -f compose.prod.yaml` would load it; and it does
// not look in parent directories. Only regular files count: a symlink is
// not followed. It returns no sets, and no error, when dir holds no
// compose file.
func Discover(dir string) ([]FileSet, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	present := map[string]bool{}
	var variants []string
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() {
			continue
		}
		present[name] = true
		if isVariant(name) && !slices.Contains(overrideFileNames, name) {
			variants = append(variants, name)
		}
	}
	path := func(name string) string { return filepath.Join(dir, name) }

	var sets []FileSet
	base := ""
	for _, name := range composeFileNames {
		if !present[name] {
			continue
		}
		if base == "" {
			base = name
		}
		sets = append(sets, FileSet{Dir: dir, Files: []string{path(name)}})
	}
	overrideChosen := false
	for _, name := range overrideFileNames {
		if !present[name] {
			continue
		}
		if base != "" && !overrideChosen {
			sets[0].Files = append(sets[0].Files, path(name))
			overrideChosen = true
			continue
		}
		variants = append(variants, name)
	}
	slices.Sort(variants)
	for _, name := range variants {
		files := []string{path(name)}
		if base != "" {
			files = []string{path(base), path(name)}
		}
		sets = append(sets, FileSet{Dir: dir, Files: files})
	}
	return sets, nil
}

// isVariant reports a name like compose.prod.yaml or
// docker-compose.ci.yml: a compose file name with a qualifier.
func isVariant(name string) bool {
	ext := filepath.Ext(name)
	if ext != ".yaml" && ext != ".yml" {
		return false
	}
	stem := strings.TrimSuffix(name, ext)
	for _, prefix := range []string{"compose.", "docker-compose."} {
		if rest, ok := strings.CutPrefix(stem, prefix); ok && rest != "" {
			return true
		}
	}
	return false
}
