package baseresolve

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
)

// testRegistry is go-containerregistry's in-process registry on
// 127.0.0.1, counting the config blobs it serves and able to go down.
type testRegistry struct {
	host    string
	configs atomic.Int64
	down    atomic.Bool
}

func newTestRegistry(t *testing.T) *testRegistry {
	reg := &testRegistry{}
	reg.host = imagetest.Registry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if reg.down.Load() {
				// 403 rather than 503, which go-containerregistry retries with
				// back-off.
				http.Error(w, "down", http.StatusForbidden)
				return
			}
			if strings.Contains(r.URL.Path, "/blobs/") && r.Method == http.MethodGet {
				reg.configs.Add(1)
			}
			h.ServeHTTP(w, r)
		})
	})
	return reg
}

// userImage is an empty linux/amd64 image whose config sets User.
func userImage(t *testing.T, user string) v1.Image {
	return imagetest.Image(t, nil, func(cf *v1.ConfigFile) { cf.Config.User = user })
}

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// newResolver resolves with dir as its cache and collects its log.
func newResolver(dir string, clk *clock, log *[]string) *Resolver {
	var mu sync.Mutex
	return New(Options{
		CacheDir: dir,
		Registry: image.Options{Keychain: imagetest.Anonymous{}},
		Now:      clk.Now,
		// Registry errors must not wait for the default retries.
		Timeout: 5 * time.Second,
		Log: func(format string, args ...any) {
			mu.Lock()
			defer mu.Unlock()
			*log = append(*log, fmt.Sprintf(format, args...))
		},
	})
}

func mustConfig(t *testing.T, r *Resolver, ref, platform string) *v1.ConfigFile {
	t.Helper()
	cf, ok := r.BaseConfig(context.Background(), ref, platform)
	if !ok {
		t.Fatalf("BaseConfig(%s, %q): not found", ref, platform)
	}
	return cf
}

func TestCacheAnswersWithoutRegistry(t *testing.T) {
	reg := newTestRegistry(t)
	ref := reg.host + "/app/base:1"
	imagetest.Push(t, ref, userImage(t, "1001"))
	dir := t.TempDir()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var log []string

	if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "1001" {
		t.Fatalf("User = %q, want 1001", got)
	}
	if reg.configs.Load() != 1 {
		t.Fatalf("registry served %d blobs, want 1 (the config)", reg.configs.Load())
	}
	if !logged(log, "asking the registry") {
		t.Errorf("network use not logged: %q", log)
	}

	// A new run (a new Resolver) within the tag's lifetime: no request.
	reg.down.Store(true)
	log = nil
	if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "1001" {
		t.Fatalf("from cache: User = %q, want 1001", got)
	}
	if !logged(log, "from the cache") || logged(log, "asking the registry") {
		t.Errorf("cache hit not logged as such: %q", log)
	}
}

func TestTagAskedAgainWhenOld(t *testing.T) {
	reg := newTestRegistry(t)
	ref := reg.host + "/app/base:1"
	imagetest.Push(t, ref, userImage(t, "1001"))
	dir := t.TempDir()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var log []string
	mustConfig(t, newResolver(dir, clk, &log), ref, "")

	// The tag moves; a day later the cache entry is old.
	imagetest.Push(t, ref, userImage(t, "root"))
	clk.add(DefaultTagTTL + time.Minute)
	if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "root" {
		t.Errorf("after the TTL: User = %q, want the moved tag's root", got)
	}

	// Old again, and the registry is down: the stale entry answers.
	clk.add(DefaultTagTTL + time.Minute)
	reg.down.Store(true)
	log = nil
	if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "root" {
		t.Errorf("registry down: User = %q, want the stale entry's root", got)
	}
	if !logged(log, "using the cached base config") {
		t.Errorf("stale use not logged: %q", log)
	}
}

func TestDigestPinnedNeverExpires(t *testing.T) {
	reg := newTestRegistry(t)
	img := userImage(t, "65532")
	imagetest.Push(t, reg.host+"/app/base:1", img)
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	ref := reg.host + "/app/base@" + d.String()
	dir := t.TempDir()
	clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var log []string
	mustConfig(t, newResolver(dir, clk, &log), ref, "")
	clk.add(365 * 24 * time.Hour)
	reg.down.Store(true)
	if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "65532" {
		t.Errorf("User = %q, want 65532", got)
	}
	if n := reg.configs.Load(); n != 1 {
		t.Errorf("registry served %d blobs, want 1", n)
	}
}

func TestCorruptEntriesAreNotTrusted(t *testing.T) {
	for _, tc := range []struct {
		name    string
		corrupt func(t *testing.T, c *cache, e entry)
	}{
		{"config flipped", func(t *testing.T, c *cache, e entry) {
			h, _ := v1.NewHash(e.Config)
			p := c.configPath(h)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data = []byte(strings.Replace(string(data), `"1001"`, `"0000"`, 1))
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"config truncated", func(t *testing.T, c *cache, e entry) {
			h, _ := v1.NewHash(e.Config)
			if err := os.Truncate(c.configPath(h), 10); err != nil {
				t.Fatal(err)
			}
		}},
		{"entry garbage", func(t *testing.T, c *cache, e entry) {
			if err := os.WriteFile(c.entryPath(e.Ref, e.Platform), []byte("{\"ref\": 1"), 0o600); err != nil {
				t.Fatal(err)
			}
		}},
		{"entry of another reference", func(t *testing.T, c *cache, e entry) {
			p := c.entryPath(e.Ref, e.Platform)
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			data = []byte(strings.Replace(string(data), "/app/base:1", "/app/other:1", 1))
			if err := os.WriteFile(p, data, 0o600); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			reg := newTestRegistry(t)
			ref := reg.host + "/app/base:1"
			imagetest.Push(t, ref, userImage(t, "1001"))
			dir := t.TempDir()
			clk := &clock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
			var log []string
			r := newResolver(dir, clk, &log)
			mustConfig(t, r, ref, "")
			e, err := r.cache.lookup(reg.host+"/app/base:1", DefaultPlatform)
			if err != nil {
				t.Fatal(err)
			}
			tc.corrupt(t, r.cache, e)

			log = nil
			if got := mustConfig(t, newResolver(dir, clk, &log), ref, "").Config.User; got != "1001" {
				t.Errorf("User = %q, want the registry's 1001", got)
			}
			if n := reg.configs.Load(); n != 2 {
				t.Errorf("registry served %d blobs, want 2 (the corrupt entry refetched)", n)
			}
			if !logged(log, "ignored") {
				t.Errorf("corrupt entry not logged: %q", log)
			}
			// The refetch repaired the cache.
			if _, err := r.cache.lookup(e.Ref, e.Platform); err != nil {
				t.Errorf("cache not repaired: %v", err)
			}
		})
	}
}

func TestPlatformPicksIndexChild(t *testing.T) {
	reg := newTestRegistry(t)
	ref := reg.host + "/multi:1"
	arm := imagetest.Image(t, nil, func(cf *v1.ConfigFile) { cf.Architecture, cf.Config.User = "arm64", "arm" })
	imagetest.PushIndex(t, ref, imagetest.Index(t, map[string]v1.Image{"linux/amd64": userImage(t, "amd"), "linux/arm64": arm}))
	var log []string
	r := newResolver(t.TempDir(), &clock{now: time.Now()}, &log)
	if got := mustConfig(t, r, ref, "").Config.User; got != "amd" {
		t.Errorf("default platform: User = %q, want amd", got)
	}
	if got := mustConfig(t, r, ref, "linux/arm64").Config.User; got != "arm" {
		t.Errorf("linux/arm64: User = %q, want arm", got)
	}
	if _, ok := r.BaseConfig(context.Background(), ref, "linux/s390x"); ok {
		t.Error("linux/s390x: found, want unknown (the index has none)")
	}
	if !logged(log, "no platform linux/s390x") {
		t.Errorf("missing platform not logged: %q", log)
	}
}

func TestConcurrentLookupsShareOneRequest(t *testing.T) {
	reg := newTestRegistry(t)
	ref := reg.host + "/app/base:1"
	imagetest.Push(t, ref, userImage(t, "1001"))
	dir := t.TempDir()
	var log []string
	r := newResolver(dir, &clock{now: time.Now()}, &log)
	// A second run sharing the cache directory at the same time.
	var log2 []string
	r2 := newResolver(dir, &clock{now: time.Now()}, &log2)
	var wg sync.WaitGroup
	users := make([]string, 16)
	for i := range users {
		wg.Go(func() {
			res := r
			if i%2 == 1 {
				res = r2
			}
			if cf, ok := res.BaseConfig(context.Background(), ref, ""); ok {
				users[i] = cf.Config.User
			}
		})
	}
	wg.Wait()
	for i, u := range users {
		if u != "1001" {
			t.Errorf("lookup %d: User = %q, want 1001", i, u)
		}
	}
	// One look-up per Resolver at most: 16 callers, two runs.
	if n := reg.configs.Load(); n > 2 {
		t.Errorf("registry served %d blobs, want at most 2", n)
	}
}

func TestCacheStaysBounded(t *testing.T) {
	reg := newTestRegistry(t)
	dir := t.TempDir()
	var log []string
	r := New(Options{CacheDir: dir, MaxCacheBytes: 8 << 10, Registry: image.Options{Keychain: imagetest.Anonymous{}}, Log: func(f string, a ...any) {
		log = append(log, fmt.Sprintf(f, a...))
	}})
	for i := range 40 {
		ref := fmt.Sprintf("%s/app/n%d:1", reg.host, i)
		// Each config is made distinct (and ~1 KiB) by its environment.
		imagetest.Push(t, ref, imagetest.Image(t, nil, func(cf *v1.ConfigFile) {
			cf.Config.Env = []string{fmt.Sprintf("N=%d", i), "PAD=" + strings.Repeat("x", 800)}
		}))
		mustConfig(t, r, ref, "")
	}
	total := dirSize(t, dir)
	if total > 8<<10 {
		t.Errorf("cache holds %d bytes, bound is %d", total, 8<<10)
	}
	if total == 0 {
		t.Error("cache is empty: nothing was kept")
	}
	// The newest entry survived eviction and answers offline.
	reg.down.Store(true)
	last := fmt.Sprintf("%s/app/n%d:1", reg.host, 39)
	r2 := New(Options{CacheDir: dir, Registry: image.Options{Keychain: imagetest.Anonymous{}}})
	if _, ok := r2.BaseConfig(context.Background(), last, ""); !ok {
		t.Error("the newest entry was evicted")
	}
}

func TestNotAReference(t *testing.T) {
	var log []string
	r := newResolver(t.TempDir(), &clock{now: time.Now()}, &log)
	if _, ok := r.BaseConfig(context.Background(), "Not A Ref!!", ""); ok {
		t.Error("an invalid reference resolved")
	}
	if !logged(log, "not an image reference") {
		t.Errorf("log = %q", log)
	}
}

func TestDefaultCacheDir(t *testing.T) {
	env := map[string]string{"XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"}
	getenv := func(k string) string { return env[k] }
	if d, _ := DefaultCacheDir(getenv); d != filepath.Join("/xdg", "dockstride", "base-configs") {
		t.Errorf("with XDG_CACHE_HOME: %s", d)
	}
	env["XDG_CACHE_HOME"] = "relative/cache"
	if d, _ := DefaultCacheDir(getenv); d != filepath.Join("/home/u", ".cache", "dockstride", "base-configs") {
		t.Errorf("relative XDG_CACHE_HOME is ignored, as the spec says: %s", d)
	}
	delete(env, "XDG_CACHE_HOME")
	if d, _ := DefaultCacheDir(getenv); d != filepath.Join("/home/u", ".cache", "dockstride", "base-configs") {
		t.Errorf("without XDG_CACHE_HOME: %s", d)
	}
}

func logged(log []string, part string) bool {
	for _, l := range log {
		if strings.Contains(l, part) {
			return true
		}
	}
	return false
}

func dirSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
