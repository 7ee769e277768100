package cli

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/image/imagetest"
)

// lint --resolve-base reads the base's config from the registry once, says
// so with --verbose, keeps it under XDG_CACHE_HOME, and the next run
// answers from the cache; without the flag nothing is asked.
func TestLintResolveBase(t *testing.T) {
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	var requests atomic.Int64
	host := imagetest.Registry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			requests.Add(1)
			h.ServeHTTP(w, r)
		})
	})
	// An arm64-only base, its config setting a non-root user.
	base := imagetest.Image(t, nil, func(cf *v1.ConfigFile) { cf.Architecture, cf.Config.User = "arm64", "1001" })
	imagetest.Push(t, host+"/tools/armonly:1", base)
	requests.Store(0)
	dir := repo(t, map[string]string{"Dockerfile": "FROM " + host + "/tools/armonly:1\nRUN make\n"})
	cache := t.TempDir()
	env := map[string]string{"XDG_CACHE_HOME": cache}
	args := []string{"lint", "--format", "json", "--only", "DKS1035", "Dockerfile"}

	out, errOut, code := runIn(t, dir, env, day, args...)
	if code != 0 || len(decode(t, out).Findings) != 0 || requests.Load() != 0 {
		t.Fatalf("offline: exit %d, %d requests, out %s, err %s", code, requests.Load(), out, errOut)
	}

	out, errOut, code = runIn(t, dir, env, day, append(args, "--resolve-base", "--verbose")...)
	want := "Base image " + host + "/tools/armonly:1 was pulled with platform \"linux/arm64\", expected \"linux/amd64\" for current build"
	if j := decode(t, out); code != 1 || len(j.Findings) != 1 || j.Findings[0].Message != want || j.Findings[0].Line != 1 {
		t.Fatalf("--resolve-base: exit %d, findings %+v, want one at line 1: %s\nstderr: %s", code, j.Findings, want, errOut)
	}
	if !strings.Contains(errOut, "asking the registry") || requests.Load() == 0 {
		t.Errorf("network use not said with --verbose (%d requests):\n%s", requests.Load(), errOut)
	}
	if _, err := os.Stat(filepath.Join(cache, "dockstride", "base-configs", "refs")); err != nil {
		t.Errorf("nothing cached under XDG_CACHE_HOME: %v", err)
	}

	// The configuration file and environment turn it on too; the cache
	// answers without a request.
	before := requests.Load()
	envOn := map[string]string{"XDG_CACHE_HOME": cache, "DOCKSTRIDE_RESOLVE_BASE": "true"}
	out, errOut, code = runIn(t, dir, envOn, day, append(args, "--verbose")...)
	if code != 1 || len(decode(t, out).Findings) != 1 || !strings.Contains(errOut, "from the cache") {
		t.Errorf("DOCKSTRIDE_RESOLVE_BASE from the cache: exit %d, out %s, stderr %s", code, out, errOut)
	}
	writeFile(t, filepath.Join(dir, ".dockstride.yaml"), "resolve-base: true\n")
	out, _, code = runIn(t, dir, env, day, args...)
	if code != 1 || len(decode(t, out).Findings) != 1 {
		t.Errorf("resolve-base: true in the file: exit %d, out %s", code, out)
	}
	if n := requests.Load(); n != before {
		t.Errorf("%d registry requests on cached runs, want none", n-before)
	}
}
