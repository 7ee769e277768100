package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/compression"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

func TestWalkWhiteouts(t *testing.T) {
	img := imageOf(t, "linux/amd64",
		layerOf(t, tarOf(t, dir("etc"), file("etc/passwd", "root:x:0:0"), file("etc/secret.pem", "-----BEGIN PRIVATE KEY-----"),
			dir("app"), file("app/key", "k1"), file("app/keep", "x"), dir("data"), file("data/old", "o"), file("data/f", "f"))),
		layerOf(t, tarOf(t, file("etc/.wh.secret.pem", ""), file("app/key", "k2"), file("data/.wh..wh..opq", ""), file("data/new", "n"))),
		layerOf(t, tarOf(t, file(".wh.app", ""), file("data", "now a file"))),
		layerOf(t, tarOf(t, dir("app"), file("app/key", "k3"))),
	)
	es, res := walkAll(t, img, WalkOptions{})
	if res.Layers != 4 || res.Entries != int64(len(es)) {
		t.Errorf("layers %d entries %d/%d", res.Layers, res.Entries, len(es))
	}
	var wh []string
	for _, e := range es {
		if e.Whiteout != "" {
			wh = append(wh, e.Whiteout)
		}
	}
	if strings.Join(wh, " ") != "/etc/secret.pem /data /app" {
		t.Errorf("whiteouts %q", wh)
	}
	deleted := []struct {
		path      string
		layer, by int
		ok        bool
	}{
		{"/etc/secret.pem", 0, 1, true}, // deleted but still shipped in layer 0
		{"/etc/passwd", 0, 0, false},
		{"/app/key", 0, 1, true}, // overwritten
		{"/app/key", 1, 2, true}, // parent whited out
		{"/app/key", 3, 0, false},
		{"/app/keep", 0, 2, true},
		{"/data/old", 0, 1, true}, // opaque parent
		{"/data/new", 1, 2, true}, // parent replaced by a file
		{"/data", 0, 2, true},
		{"/etc", 0, 0, false},
	}
	for _, c := range deleted {
		by, ok := res.DeletedIn(c.path, c.layer)
		if ok != c.ok || by != c.by {
			t.Errorf("DeletedIn(%s, %d) = %d, %v; want %d, %v", c.path, c.layer, by, ok, c.by, c.ok)
		}
	}
	exists := map[string]bool{"/": true, "/etc": true, "/etc/passwd": true, "/etc/secret.pem": false, "/app/key": true,
		"/app/keep": false, "/data": true, "/data/old": false, "/data/new": false, "/nope": false, "etc/passwd": true}
	for p, want := range exists {
		if res.Exists(p) != want {
			t.Errorf("Exists(%s) = %v", p, !want)
		}
	}
}

func TestWalkHostileNames(t *testing.T) {
	img := simpleImage(t, "linux/amd64",
		file("../../etc/passwd", "a"), file("/abs/file", "b"), file("./dot/./x", "c"), file("a/../../../b", "d"),
		symlink("lnk", "../../../../etc/shadow"), hardlink("hl", "../../etc/passwd"), file("..", "e"))
	es, res := walkAll(t, img, WalkOptions{})
	want := []struct {
		path, link string
		escaped    bool
	}{
		{"/etc/passwd", "", true}, {"/abs/file", "", true}, {"/dot/x", "", false}, {"/b", "", true},
		{"/lnk", "../../../../etc/shadow", false}, {"/hl", "/etc/passwd", false}, {"/", "", true},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries", len(es))
	}
	for i, w := range want {
		if es[i].Path != w.path || es[i].Link != w.link || es[i].Escaped != w.escaped {
			t.Errorf("entry %d = %q link %q escaped %v; want %+v", i, es[i].Path, es[i].Link, es[i].Escaped, w)
		}
		if strings.Contains(es[i].Path, "..") {
			t.Errorf("path %q escapes", es[i].Path)
		}
	}
	if !res.Exists("/lnk") || es[4].Header.Typeflag != tar.TypeSymlink {
		t.Error("symlink not recorded")
	}
}

func TestWalkCapture(t *testing.T) {
	big := strings.Repeat("x", 5000)
	img := simpleImage(t, "linux/amd64", file("etc/shadow", "root::0:"), file("big.pem", big), file("other", "no"), dir("etc/ssl"))
	es, _ := walkAll(t, img, WalkOptions{MaxFileBytes: 100, Want: func(p string, h *tar.Header) bool { return p != "/other" }})
	got := map[string]*Entry{}
	for _, e := range es {
		got[e.Path] = e
	}
	if string(got["/etc/shadow"].Content) != "root::0:" || got["/etc/shadow"].Truncated {
		t.Errorf("shadow %+v", got["/etc/shadow"])
	}
	if len(got["/big.pem"].Content) != 100 || !got["/big.pem"].Truncated || got["/big.pem"].Header.Size != 5000 {
		t.Errorf("big: %d bytes, truncated %v", len(got["/big.pem"].Content), got["/big.pem"].Truncated)
	}
	if got["/other"].Content != nil || got["/etc/ssl"].Content != nil {
		t.Error("captured unwanted content")
	}
	if d := got["/etc/shadow"]; d.Layer != 0 || !strings.HasPrefix(d.LayerDigest, "sha256:") || !strings.HasPrefix(d.DiffID, "sha256:") {
		t.Errorf("layer fields %+v", d)
	}
}

func TestWalkStopsAndDeadline(t *testing.T) {
	img := simpleImage(t, "linux/amd64", file("a", "1"), file("b", "2"))
	stop := errors.New("stop")
	n := 0
	_, err := Walk(context.Background(), img, WalkOptions{}, func(*Entry) error { n++; return stop })
	if err != stop || n != 1 {
		t.Errorf("visit error not returned as is: %v after %d", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Walk(ctx, img, WalkOptions{}, func(*Entry) error { return nil })
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v", err)
	}
	_, err = Walk(context.Background(), img, WalkOptions{MaxPaths: 1}, func(*Entry) error { return nil })
	mustContain(t, err, "more than 1 distinct paths")
}

// layoutImage writes img into an OCI layout and returns the reopened image
// and the path of its only layer blob, for corrupting on disk.
func layoutImage(t *testing.T, img v1.Image) (string, string) {
	t.Helper()
	dir := t.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.AppendImage(img); err != nil {
		t.Fatal(err)
	}
	ls, _ := img.Layers()
	d, _ := ls[0].Digest()
	return "oci-dir:" + dir, filepath.Join(dir, "blobs", d.Algorithm, d.Hex)
}

func TestWalkCorruptBlobs(t *testing.T) {
	var body bytes.Buffer
	for i := 0; i < 2000; i++ {
		body.WriteString("some not very compressible line number ")
		body.WriteString(strings.Repeat(string(rune('a'+i%26)), i%7))
	}
	mk := func() v1.Image {
		return simpleImage(t, "linux/amd64", file("etc/data", body.String()), file("etc/more", "x"))
	}
	cases := map[string]func(b []byte) []byte{
		"corrupt gzip": func(b []byte) []byte { b[len(b)/2] ^= 0xff; b[len(b)/2+1] ^= 0xff; return b },
		"truncated":    func(b []byte) []byte { return b[:len(b)/2] },
		"not gzip":     func(b []byte) []byte { return bytes.Repeat([]byte("garbage!"), 100) },
		"empty":        func(b []byte) []byte { return nil },
	}
	for name, corrupt := range cases {
		t.Run(name, func(t *testing.T) {
			ref, blob := layoutImage(t, mk())
			b, err := os.ReadFile(blob)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(blob, corrupt(b), 0o644)
			im, err := Open(context.Background(), ref, testOpts())
			if err != nil {
				t.Fatal(err)
			}
			_, err = Walk(context.Background(), im.Img, WalkOptions{}, func(*Entry) error { return nil })
			mustContain(t, err, "layer 0 (sha256:"+filepath.Base(blob)+")")
		})
	}
	t.Run("config swapped", func(t *testing.T) {
		ref, blob := layoutImage(t, mk())
		dir := strings.TrimPrefix(ref, "oci-dir:")
		img := mk()
		cn, _ := img.ConfigName()
		os.WriteFile(filepath.Join(dir, "blobs", "sha256", cn.Hex), []byte(`{"architecture":"amd64","os":"linux"}`), 0o644)
		_, err := Open(context.Background(), ref, testOpts())
		mustContain(t, err, "config digest mismatch")
		_ = blob
	})
}

func TestWalkZstdAndBomb(t *testing.T) {
	zl := layerOf(t, tarOf(t, file("z/file", "zstd content")), tarball.WithCompression(compression.ZStd))
	ref, _ := layoutImage(t, imageOf(t, "linux/amd64", zl))
	im, err := Open(context.Background(), ref, testOpts())
	if err != nil {
		t.Fatal(err)
	}
	es, _ := walkAll(t, im.Img, WalkOptions{Want: func(string, *tar.Header) bool { return true }})
	if len(es) != 1 || string(es[0].Content) != "zstd content" {
		t.Errorf("zstd walk: %+v", es)
	}

	// A bomb: a small tar followed by 8 MiB of zeros (more than the 1 MiB
	// of trailing data Walk accepts), gzipped to ~8 KiB.
	bomb := append(tarOf(t, file("a", "b")), make([]byte, 8<<20)...)
	start := time.Now()
	_, err = Walk(context.Background(), imageOf(t, "linux/amd64", layerOf(t, bomb)), WalkOptions{}, func(*Entry) error { return nil })
	mustContain(t, err, "after the end of the tar archive")
	if time.Since(start) > 10*time.Second {
		t.Errorf("bomb took %v", time.Since(start))
	}
}

// NoPathIndex walks the same entries and records no paths.
func TestWalkNoPathIndex(t *testing.T) {
	img := imageOf(t, "linux/amd64",
		layerOf(t, tarOf(t, dir("etc"), file("etc/passwd", "root:x:0:0"), file("etc/key", "k"))),
		layerOf(t, tarOf(t, file("etc/.wh.key", ""))),
	)
	full, fres := walkAll(t, img, WalkOptions{})
	bare, bres := walkAll(t, img, WalkOptions{NoPathIndex: true, MaxPaths: 1})
	if len(full) != len(bare) || bres.Entries != fres.Entries || bres.Layers != 2 {
		t.Errorf("entries %d/%d, counts %d/%d", len(full), len(bare), fres.Entries, bres.Entries)
	}
	if bres.Paths != 0 || bres.Exists("/etc/passwd") || !fres.Exists("/etc/passwd") {
		t.Errorf("paths %d; Exists without an index %v, with %v", bres.Paths, bres.Exists("/etc/passwd"), fres.Exists("/etc/passwd"))
	}
}
