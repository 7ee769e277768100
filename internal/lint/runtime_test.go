package lint

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestIsComposeFileName(t *testing.T) {
	for name, want := range map[string]bool{
		"compose.yaml": true, "compose.yml": true, "docker-compose.yml": true, "docker-compose.yaml": true,
		"docker-compose.override.yml": true, "compose.override.yaml": true, "compose.prod.yaml": true,
		"docker-compose.ci.yml": true,
		"compose.json":          false, "docker-compose": false, "my-compose.yml": false, "composer.yaml": false,
		"compose-dev.yml": false, ".compose.yml": false, "values.yaml": false,
	} {
		if got := IsComposeFileName(name); got != want {
			t.Errorf("IsComposeFileName(%q) = %v, want %v", name, got, want)
		}
	}
}

// The walk reads compose files and daemon.json where it reads Dockerfiles,
// and skips the directories it skips for them.
func TestDiscoverRuntimeFiles(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml":                    "services: {}\n",
		"compose.override.yaml":           "services: {}\n",
		"api/docker-compose.yml":          "services: {}\n",
		"etc/docker/daemon.json":          "{}\n",
		"node_modules/x/compose.yaml":     "services: {}\n",
		"vendor/y/daemon.json":            "{}\n",
		".git/compose.yaml":               "services: {}\n",
		"docs/compose-example.yaml":       "services: {}\n",
		"api/Dockerfile":                  "FROM alpine:3.20\n",
		"api/docker-compose.override.yml": "services: {}\n",
	})
	d, problems := discover([]string{dir}, Skip{})
	if len(problems) > 0 {
		t.Fatalf("problems %v", problems)
	}
	var sets []string
	for _, s := range d.runtime.composeSets {
		var files []string
		for _, f := range s.Files {
			r, err := filepath.Rel(dir, f)
			if err != nil {
				t.Fatal(err)
			}
			files = append(files, filepath.ToSlash(r))
		}
		sets = append(sets, strings.Join(files, "+"))
	}
	slices.Sort(sets)
	want := []string{"api/docker-compose.yml+api/docker-compose.override.yml", "compose.yaml+compose.override.yaml"}
	if !slices.Equal(sets, want) {
		t.Errorf("compose sets %v, want %v", sets, want)
	}
	if want := []string{filepath.Join(dir, "etc/docker/daemon.json")}; !slices.Equal(d.runtime.daemons, want) {
		t.Errorf("daemon files %v, want %v", d.runtime.daemons, want)
	}
	if want := []string{filepath.Join(dir, "api/Dockerfile")}; !slices.Equal(d.dockerfiles, want) {
		t.Errorf("Dockerfiles %v, want %v", d.dockerfiles, want)
	}
}
