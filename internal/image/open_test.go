package image

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func multiArch(t testing.TB) v1.ImageIndex {
	t.Helper()
	idx := v1.ImageIndex(empty.Index)
	for _, p := range []string{"linux/amd64", "linux/arm64", "linux/arm/v7"} {
		pp, _ := v1.ParsePlatform(p)
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{
			Add:        simpleImage(t, p, file("etc/arch", p)),
			Descriptor: v1.Descriptor{Platform: pp},
		})
	}
	return idx
}

func TestParseRef(t *testing.T) {
	d := t.TempDir()
	layoutDir := filepath.Join(d, "lay")
	if _, err := layout.Write(layoutDir, empty.Index); err != nil {
		t.Fatal(err)
	}
	plainDir := filepath.Join(d, "plain")
	os.Mkdir(plainDir, 0o755)
	dockerTar := filepath.Join(d, "img.tar")
	if err := tarball.WriteToFile(dockerTar, name.MustParseReference("app:1"), simpleImage(t, "linux/amd64", file("a", "b"))); err != nil {
		t.Fatal(err)
	}
	ociTar := filepath.Join(d, "oci.tar")
	tarDir(t, layoutDir, ociTar)

	cases := []struct {
		in            string
		kind          Kind
		path, sel, er string
	}{
		{in: "alpine:3.20", kind: KindRegistry, path: "alpine:3.20"},
		{in: "127.0.0.1:5000/a/b@sha256:" + strings.Repeat("a", 64), kind: KindRegistry, path: "127.0.0.1:5000/a/b@sha256:" + strings.Repeat("a", 64)},
		{in: "docker-archive:" + dockerTar, kind: KindDockerArchive, path: dockerTar},
		{in: "docker-archive:" + dockerTar + ":app:1", kind: KindDockerArchive, path: dockerTar, sel: "app:1"},
		{in: "oci-dir:" + layoutDir + ":v1", kind: KindOCIDir, path: layoutDir, sel: "v1"},
		{in: "oci-dir:" + layoutDir + "@sha256:abc", kind: KindOCIDir, path: layoutDir, sel: "sha256:abc"},
		{in: "oci-archive:" + ociTar, kind: KindOCIArchive, path: ociTar},
		{in: "oci-dir:/no/such:tag", kind: KindOCIDir, path: "/no/such", sel: "tag"},
		{in: layoutDir, kind: KindOCIDir, path: layoutDir},
		{in: dockerTar, kind: KindDockerArchive, path: dockerTar},
		{in: ociTar, kind: KindOCIArchive, path: ociTar},
		{in: plainDir, er: "not an OCI image layout"},
		{in: "oci-dir:", er: "missing path"},
		{in: "", er: "empty"},
		{in: "Not A Ref!", er: "neither an existing path"},
		// Missing files are not tried as registry references.
		{in: "nope.tar", er: "nope.tar: no such file or directory"},
		{in: "nope.tar.gz:app:1", er: "not tried as a registry image"},
		{in: "./img", er: "docker-archive:PATH"},
		{in: filepath.Join(d, "gone.oci"), er: "no such file"},
		{in: "registry.example.com:5000/team/app:1.0", kind: KindRegistry, path: "registry.example.com:5000/team/app:1.0"},
	}
	for _, c := range cases {
		k, p, s, err := ParseRef(c.in)
		if c.er != "" {
			mustContain(t, err, c.er)
			continue
		}
		if err != nil || k != c.kind || p != c.path || s != c.sel {
			t.Errorf("ParseRef(%q) = %v, %q, %q, %v; want %v, %q, %q", c.in, k, p, s, err, c.kind, c.path, c.sel)
		}
	}
}

func TestOpenRegistry(t *testing.T) {
	host := newRegistry(t, nil)
	img := simpleImage(t, "linux/amd64", file("etc/hello", "hi"))
	push(t, host+"/app:1", img)
	want, _ := img.Digest()

	im, err := Open(ctxT(t, 10*time.Second), host+"/app:1", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if im.Digest != want.String() || im.Name != host+"/app:1" || im.Platform != "linux/amd64" || im.Kind != KindRegistry || im.Config.Config.User != "app" {
		t.Errorf("got %+v", im)
	}
	_, err = Open(ctxT(t, 10*time.Second), host+"/app:nope", testOpts())
	mustContain(t, err, host+"/app:nope", "MANIFEST_UNKNOWN")
}

func TestOpenRegistryMultiArch(t *testing.T) {
	host := newRegistry(t, nil)
	pushIndex(t, host+"/multi:1", multiArch(t))
	for plat, want := range map[string]string{"": "linux/amd64", "linux/arm64": "linux/arm64", "linux/arm64/v8": "linux/arm64", "linux/arm/v7": "linux/arm/v7"} {
		o := testOpts()
		o.Platform = plat
		im, err := Open(ctxT(t, 10*time.Second), host+"/multi:1", o)
		if err != nil {
			t.Fatal(plat, err)
		}
		if im.Platform != want {
			t.Errorf("platform %q: got %s want %s", plat, im.Platform, want)
		}
	}
	o := testOpts()
	o.Platform = "linux/s390x"
	_, err := Open(ctxT(t, 10*time.Second), host+"/multi:1", o)
	mustContain(t, err, "no platform linux/s390x", "linux/amd64, linux/arm/v7, linux/arm64")
	o.Platform = "bogus"
	_, err = Open(context.Background(), host+"/multi:1", o)
	mustContain(t, err, "invalid platform")
}

func TestOpenDockerArchive(t *testing.T) {
	d := t.TempDir()
	a := simpleImage(t, "linux/amd64", file("a", "1"))
	b := simpleImage(t, "linux/amd64", file("b", "2"))
	one := filepath.Join(d, "one.tar")
	if err := tarball.WriteToFile(one, name.MustParseReference("app:1"), a); err != nil {
		t.Fatal(err)
	}
	multi := filepath.Join(d, "multi.tar")
	if err := tarball.MultiRefWriteToFile(multi, map[name.Reference]v1.Image{
		name.MustParseReference("app:a"):                  a,
		name.MustParseReference("example.com/team/b:2.0"): b,
	}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	im, err := Open(ctx, one, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	cn, _ := a.ConfigName()
	if im.Kind != KindDockerArchive || im.Digest != cn.String() || im.Name != one+":app:1" {
		t.Errorf("got %+v", im)
	}

	_, err = Open(ctx, "docker-archive:"+multi, testOpts())
	mustContain(t, err, "holds 2 images", "app:a", "example.com/team/b:2.0")
	_, err = Open(ctx, "docker-archive:"+multi+":app:nope", testOpts())
	mustContain(t, err, `no tag "app:nope"`, "available tags: app:a, example.com/team/b:2.0")
	im, err = Open(ctx, "docker-archive:"+multi+":example.com/team/b:2.0", testOpts())
	if err != nil {
		t.Fatal(err)
	}
	if cn, _ := b.ConfigName(); im.Digest != cn.String() {
		t.Errorf("selected the wrong image: %s", im.Digest)
	}
	all, err := OpenAll(ctx, multi, testOpts())
	if err != nil || len(all) != 2 {
		t.Fatalf("OpenAll: %d images, %v", len(all), err)
	}
	es, _ := walkAll(t, all[0].Img, WalkOptions{})
	if len(es) != 1 || !strings.HasPrefix(es[0].LayerDigest, "sha256:") {
		t.Errorf("walk of archive image: %+v", es)
	}

	_, err = Open(ctx, "docker-archive:"+filepath.Join(d, "missing.tar"), testOpts())
	mustContain(t, err, "missing.tar", "no such file")
	junk := filepath.Join(d, "junk.tar")
	os.WriteFile(junk, []byte("this is not a tar"), 0o644)
	_, err = Open(ctx, junk, testOpts())
	mustContain(t, err, "junk.tar", "not a docker-archive")
}

// TestOpenDockerArchivePlainLayers covers classic `docker save` output,
// whose layers are uncompressed tars: Walk must not gzip them for a digest.
func TestOpenDockerArchivePlainLayers(t *testing.T) {
	d := t.TempDir()
	img := simpleImage(t, "linux/amd64", file("etc/x", "y"))
	layers, _ := img.Layers()
	raw, _ := img.RawConfigFile()
	cn, _ := img.ConfigName()
	diff, _ := layers[0].DiffID()
	rc, _ := layers[0].Uncompressed()
	lb := readAll(t, rc)
	arch := filepath.Join(d, "plain.tar")
	manifest := `[{"Config":"` + cn.Hex + `.json","RepoTags":["plain:1"],"Layers":["` + diff.Hex + `/layer.tar"]}]`
	writeTar(t, arch, map[string][]byte{cn.Hex + ".json": raw, diff.Hex + "/layer.tar": lb, "manifest.json": []byte(manifest)})
	im, err := Open(context.Background(), arch, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	es, _ := walkAll(t, im.Img, WalkOptions{})
	if len(es) != 1 || es[0].LayerDigest != diff.String() || es[0].Path != "/etc/x" {
		t.Errorf("got %+v", es[0])
	}
}

func writeLayout(t testing.TB, dir string) (v1.Image, v1.Image) {
	t.Helper()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	a := simpleImage(t, "linux/amd64", file("a", "1"))
	b := simpleImage(t, "linux/amd64", file("b", "2"))
	if err := p.AppendImage(a, layout.WithAnnotations(map[string]string{indexRefName: "v1"})); err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(b, layout.WithAnnotations(map[string]string{indexRefName: "docker.io/library/app:v2"})); err != nil {
		t.Fatal(err)
	}
	if err := p.AppendIndex(multiArch(t), layout.WithAnnotations(map[string]string{indexRefName: "multi"})); err != nil {
		t.Fatal(err)
	}
	return a, b
}

func TestOpenOCILayoutAndArchive(t *testing.T) {
	d := t.TempDir()
	dir := filepath.Join(d, "layout")
	a, b := writeLayout(t, dir)
	arch := filepath.Join(d, "layout.tar")
	tarDir(t, dir, arch)
	ad, _ := a.Digest()
	bd, _ := b.Digest()
	ctx := context.Background()

	for _, src := range []string{"oci-dir:" + dir, "oci-archive:" + arch, dir, arch} {
		t.Run(filepath.Base(src), func(t *testing.T) {
			im, err := Open(ctx, src+":v1", testOpts())
			if err != nil {
				t.Fatal(err)
			}
			if im.Digest != ad.String() || !strings.HasSuffix(im.Name, ":v1") {
				t.Errorf("v1: %+v", im)
			}
			if im, err = Open(ctx, src+":v2", testOpts()); err != nil || im.Digest != bd.String() {
				t.Errorf("v2 by tag part of a full ref.name: %v %v", im, err)
			}
			if im, err = Open(ctx, src+"@"+bd.String(), testOpts()); err != nil || im.Digest != bd.String() {
				t.Errorf("by digest: %v %v", im, err)
			}
			o := testOpts()
			o.Platform = "linux/arm/v7"
			if im, err = Open(ctx, src+":multi", o); err != nil || im.Platform != "linux/arm/v7" {
				t.Errorf("multi: %v %v", im, err)
			}
			o.Platform = "windows/amd64"
			_, err = Open(ctx, src+":multi", o)
			mustContain(t, err, "no platform windows/amd64", "available platforms: linux/amd64, linux/arm/v7, linux/arm64")
			_, err = Open(ctx, src+":nope", testOpts())
			mustContain(t, err, `no tag "nope"`, "v1", "docker.io/library/app:v2", "multi")
			_, err = Open(ctx, src, testOpts())
			mustContain(t, err, "holds 3 images")
			all, err := OpenAll(ctx, src, testOpts())
			if err != nil || len(all) != 3 {
				t.Fatalf("OpenAll: %d, %v", len(all), err)
			}
			if all[2].Platform != "linux/amd64" {
				t.Errorf("nested index default platform: %s", all[2].Platform)
			}
			for _, im := range all {
				if _, err := Walk(ctx, im.Img, WalkOptions{}, func(*Entry) error { return nil }); err != nil {
					t.Errorf("walk %s: %v", im.Name, err)
				}
			}
		})
	}
	_, err := Open(ctx, "oci-dir:"+filepath.Join(d, "nope"), testOpts())
	mustContain(t, err, "nope", "no such file")
	_, err = Open(ctx, "oci-dir:"+d, testOpts())
	mustContain(t, err, "no index.json")
	_, err = Open(ctx, "oci-archive:"+arch+"x", testOpts())
	mustContain(t, err, "no such file")
}

// TestHTTPSGuard checks that a private-network registry gets TLS unless
// Insecure, although go-containerregistry would pick plain HTTP for it.
func TestHTTPSGuard(t *testing.T) {
	for _, insecure := range []bool{false, true} {
		var mu sync.Mutex
		schemes := map[string]bool{}
		o := testOpts()
		o.Insecure = insecure
		o.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			schemes[r.URL.Scheme] = true
			mu.Unlock()
			return nil, errors.New("no network in tests")
		})
		_, err := Open(ctxT(t, 5*time.Second), "10.11.12.13:5000/app:1", o)
		if err == nil {
			t.Fatal("want error")
		}
		mu.Lock()
		if schemes["http"] != insecure || !schemes["https"] {
			t.Errorf("insecure=%v: schemes used %v", insecure, schemes)
		}
		mu.Unlock()
	}
	for h, want := range map[string]bool{"localhost": true, "127.0.0.2": true, "::1": true, "[::1]": true, "10.0.0.1": false, "registry.localhost": false, "example.com": false} {
		if isLoopbackHost(h) != want {
			t.Errorf("isLoopbackHost(%q) = %v", h, !want)
		}
	}
}

// TestPlainHTTPRegistryHint: a registry that answers TLS with plain HTTP
// fails with a hint about Insecure. Every connection goes to a local
// plain-HTTP server whatever the host.
func TestPlainHTTPRegistryHint(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "not found", http.StatusNotFound)
	}))
	t.Cleanup(srv.Close)
	var dialer net.Dialer
	o := testOpts()
	o.Transport = &http.Transport{DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
		return dialer.DialContext(ctx, network, srv.Listener.Addr().String())
	}}
	_, err := Open(ctxT(t, 10*time.Second), "registry.example.com/team/app:1", o)
	mustContain(t, err, "registry.example.com/team/app:1", plainHTTPAnswer, "--insecure")
	if err := explainRegistry(errors.New("dial tcp: no such host"), false); strings.Contains(err.Error(), "--insecure") {
		t.Errorf("hint on an unrelated error: %v", err)
	}
	if err := explainRegistry(errors.New(plainHTTPAnswer), true); strings.Contains(err.Error(), "--insecure") {
		t.Errorf("hint although Insecure is set: %v", err)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestRegistryFaults(t *testing.T) {
	t.Run("500s", func(t *testing.T) {
		host := newRegistry(t, func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Error(w, "boom", http.StatusInternalServerError)
			})
		})
		start := time.Now()
		_, err := Open(ctxT(t, 1500*time.Millisecond), host+"/app:1", testOpts())
		mustContain(t, err, host+"/app:1")
		if time.Since(start) > 5*time.Second {
			t.Errorf("took %v despite the deadline", time.Since(start))
		}
	})
	t.Run("slow", func(t *testing.T) {
		host := newRegistry(t, func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-r.Context().Done():
				case <-time.After(10 * time.Second):
				}
			})
		})
		start := time.Now()
		_, err := Open(ctxT(t, 300*time.Millisecond), host+"/app:1", testOpts())
		mustContain(t, err, "deadline exceeded")
		if time.Since(start) > 3*time.Second {
			t.Errorf("took %v despite the deadline", time.Since(start))
		}
	})
	t.Run("digest mismatch", func(t *testing.T) {
		good := simpleImage(t, "linux/amd64", file("etc/good", "good"))
		other := layerOf(t, tarOf(t, file("etc/evil", "evil")))
		ol, _ := other.Compressed()
		evil := readAll(t, ol)
		ls, _ := good.Layers()
		ld, _ := ls[0].Digest()
		host := newRegistry(t, func(h http.Handler) http.Handler {
			return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/blobs/"+ld.String()) {
					w.Write(evil) // a valid gzip tar, but not the blob asked for
					return
				}
				h.ServeHTTP(w, r)
			})
		})
		push(t, host+"/app:1", good)
		im, err := Open(ctxT(t, 10*time.Second), host+"/app:1", testOpts())
		if err != nil {
			t.Fatal(err)
		}
		_, err = Walk(context.Background(), im.Img, WalkOptions{}, func(*Entry) error { return nil })
		mustContain(t, err, "layer 0 ("+ld.String()+")")
	})
}
