package image

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestTagOrder(t *testing.T) {
	tags := []string{"main", "1.2", "latest", "1.10", "v1.9.1", "1.2.0", "1.2.0-rc1", "1.10-debug", "sha-3f2a9c1", "20240115", "edge", "v1.2", "1.2.0+build7"}
	want := []string{"20240115", "1.10", "1.10-debug", "v1.9.1", "1.2.0", "1.2.0+build7", "1.2.0-rc1", "1.2", "v1.2", "latest", "edge", "main", "sha-3f2a9c1"}
	if got := LatestTags(tags, 0); !slices.Equal(got, want) {
		t.Errorf("order\n got %v\nwant %v", got, want)
	}
	if got := LatestTags(tags, 2); !slices.Equal(got, want[:2]) {
		t.Errorf("latest 2: %v", got)
	}
	if got := LatestTags([]string{"main", "latest", "dev"}, 1); !slices.Equal(got, []string{"latest"}) {
		t.Errorf("without versions, latest comes first: %v", got)
	}
	for _, tag := range []string{"v", "1..2", ".1", "1.", "-rc1", "1.x", "v-1"} {
		if _, ok := parseVersion(tag); ok {
			t.Errorf("%q read as a version", tag)
		}
	}
}

func TestParseCatalog(t *testing.T) {
	for in, want := range map[string]Catalog{
		"registry.example.com":            {Registry: "registry.example.com"},
		"registry.example.com:5000/team/": {Registry: "registry.example.com:5000", Prefix: "team"},
		"127.0.0.1:5000/team/app":         {Registry: "127.0.0.1:5000", Prefix: "team/app"},
	} {
		got, err := ParseCatalog(in)
		if err != nil || got.Registry != want.Registry || got.Prefix != want.Prefix {
			t.Errorf("%s: %+v %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "/team", "registry.example.com/Team", "reg istry"} {
		if _, err := ParseCatalog(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The catalogue of an in-process registry: prefix, patterns, latest tags,
// and a repository whose tag list fails without stopping the others.
func TestCatalogList(t *testing.T) {
	host := newRegistry(t, func(h http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/team/broken/tags/list") {
				http.Error(w, "boom", http.StatusForbidden)
				return
			}
			h.ServeHTTP(w, r)
		})
	})
	img := simpleImage(t, "linux/amd64", file("etc/hello", "hi"))
	for _, ref := range []string{
		"team/app:1.0", "team/app:1.2", "team/app:1.10", "team/app:latest", "team/app:1.10-debug",
		"team/app/worker:2.0", "team/broken:1", "team/legacy:0.1", "teamwork/x:1", "other/y:1",
	} {
		push(t, host+"/"+ref, img)
	}
	list := func(c Catalog) ([]string, []string) {
		t.Helper()
		c.Registry = host
		refs, failed, err := c.List(ctxT(t, 20*time.Second), testOpts(), 3)
		if err != nil {
			t.Fatal(err)
		}
		var fs []string
		for _, f := range failed {
			fs = append(fs, f.Error())
		}
		for i := range refs {
			refs[i] = strings.TrimPrefix(refs[i], host+"/")
		}
		return refs, fs
	}
	refs, failed := list(Catalog{Prefix: "team", Exclude: []string{"legacy", "*:*-debug"}, Latest: 2})
	want := []string{"team/app:1.10", "team/app:1.2", "team/app/worker:2.0"}
	if !slices.Equal(refs, want) {
		t.Errorf("refs %v, want %v", refs, want)
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], host+"/team/broken: ") {
		t.Errorf("failed %v", failed)
	}
	refs, _ = list(Catalog{Include: []string{"other/*", "team/app:latest"}})
	if !slices.Equal(refs, []string{"other/y:1", "team/app:latest"}) {
		t.Errorf("include: %v", refs)
	}
	_, _, err := Catalog{Registry: "127.0.0.1:1"}.List(ctxT(t, 5*time.Second), testOpts(), 1)
	mustContain(t, err, "127.0.0.1:1")
}

// Tags come from the registry, which may be hostile: TagOrder must be a
// total order on whatever it is given, or sorting would not be
// deterministic and shards would disagree on the list.
func FuzzTagOrder(f *testing.F) {
	f.Add("1.2.0", "1.2.0-rc1", "latest")
	f.Add("v1.2", "1.2", "1.2.0+b")
	f.Add("18446744073709551616", "1.-", "v")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		if TagOrder(a, a) != 0 {
			t.Fatalf("%q is not equal to itself", a)
		}
		ab, ba := TagOrder(a, b), TagOrder(b, a)
		if (ab < 0) != (ba > 0) || (ab == 0) != (ba == 0) {
			t.Fatalf("not antisymmetric: %q %q: %d %d", a, b, ab, ba)
		}
		if ab == 0 && a != b {
			t.Fatalf("%q and %q are equal but differ", a, b)
		}
		if ab < 0 && TagOrder(b, c) < 0 && TagOrder(a, c) >= 0 {
			t.Fatalf("not transitive: %q < %q < %q", a, b, c)
		}
	})
}
