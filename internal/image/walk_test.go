package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/compression"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
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
	removedBy := overlayOf(es)
	for _, c := range deleted {
		by, ok := removedBy(c.path, c.layer)
		if ok != c.ok || by != c.by {
			t.Errorf("removed(%s, %d) = %d, %v; want %d, %v", c.path, c.layer, by, ok, c.by, c.ok)
		}
	}
}

// overlayOf feeds the entries to an Overlay, watching each, and returns
// what it says of the entry of path in layer.
func overlayOf(es []*Entry) func(path string, layer int) (int, bool) {
	o := NewOverlay()
	type key struct {
		path  string
		layer int
	}
	idx := map[key]int{}
	for _, e := range es {
		o.See(e)
		if e.Whiteout == "" {
			idx[key{e.Path, e.Layer}] = o.Watch(e.Path, e.Layer, e.IsDir())
		}
	}
	return func(path string, layer int) (int, bool) {
		i, ok := idx[key{path, layer}]
		if !ok {
			return 0, false
		}
		return o.RemovedBy(i)
	}
}

func TestWalkHostileNames(t *testing.T) {
	img := simpleImage(t, "linux/amd64",
		file("../../etc/passwd", "a"), file("/abs/file", "b"), file("./dot/./x", "c"), file("a/../../../b", "d"),
		symlink("lnk", "../../../../etc/shadow"), hardlink("hl", "../../etc/passwd"), file("..", "e"),
		symlink("a/b/up", "../../c"), symlink("a/b/out", "../../../c"), symlink("abs", "/etc/passwd"),
		hardlink("h2", "etc/x"), hardlink("h3", "/etc/x"))
	es, res := walkAll(t, img, WalkOptions{})
	want := []struct {
		path, link           string
		escaped, linkEscaped bool
	}{
		{"/etc/passwd", "", true, false}, {"/abs/file", "", true, false}, {"/dot/x", "", false, false}, {"/b", "", true, false},
		{"/lnk", "../../../../etc/shadow", false, true}, {"/hl", "/etc/passwd", false, true}, {"/", "", true, false},
		{"/a/b/up", "../../c", false, false}, {"/a/b/out", "../../../c", false, true}, {"/abs", "/etc/passwd", false, false},
		{"/h2", "/etc/x", false, false}, {"/h3", "/etc/x", false, true},
	}
	if len(es) != len(want) {
		t.Fatalf("%d entries", len(es))
	}
	for i, w := range want {
		if es[i].Path != w.path || es[i].Link != w.link || es[i].Escaped != w.escaped || es[i].LinkEscaped != w.linkEscaped {
			t.Errorf("entry %d = %q link %q escaped %v/%v; want %+v", i, es[i].Path, es[i].Link, es[i].Escaped, es[i].LinkEscaped, w)
		}
		if strings.Contains(es[i].Path, "..") {
			t.Errorf("path %q escapes", es[i].Path)
		}
	}
	if es[4].Header.Typeflag != tar.TypeSymlink || res.Entries != int64(len(want)) {
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

// streamLayer is a gzip layer whose compressed bytes come from open, for
// layers too big to build in memory.
type streamLayer struct {
	open   func() io.Reader
	diffID v1.Hash
}

func (l streamLayer) Digest() (v1.Hash, error) {
	return v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("b", 64)}, nil
}
func (l streamLayer) DiffID() (v1.Hash, error)           { return l.diffID, nil }
func (l streamLayer) Compressed() (io.ReadCloser, error) { return io.NopCloser(l.open()), nil }
func (l streamLayer) Uncompressed() (io.ReadCloser, error) {
	return nil, errors.New("not used by Walk")
}
func (l streamLayer) Size() (int64, error)                { return 1, nil }
func (l streamLayer) MediaType() (types.MediaType, error) { return types.DockerLayer, nil }

// gzipped compresses b into one gzip member at the given level.
func gzipped(t testing.TB, b []byte, level int) []byte {
	t.Helper()
	var out bytes.Buffer
	zw, err := gzip.NewWriterLevel(&out, level)
	if err != nil {
		t.Fatal(err)
	}
	zw.Write(b)
	zw.Close()
	return out.Bytes()
}

// onRead calls fn once, when more than after bytes have been read.
type onRead struct {
	r     io.Reader
	after int64
	n     int64
	fn    func()
}

func (o *onRead) Read(p []byte) (int, error) {
	n, err := o.r.Read(p)
	if o.n += int64(n); o.n > o.after && o.fn != nil {
		o.fn()
		o.fn = nil
	}
	return n, err
}

// TestWalkDeadlineInsideEntry: the deadline passes while the tar reader
// skips the content of the last entry, where no check between entries
// would see it; the walk must still stop (before, it finished and
// succeeded: `dockstride image --timeout` exited 0).
func TestWalkDeadlineInsideEntry(t *testing.T) {
	content := make([]byte, 8<<20)
	raw := tarOf(t, file("big", string(content)))
	sum := sha256.Sum256(raw)
	// Stored blocks, so the compressed stream is read bit by bit while the
	// entry is skipped, not in one gulp before it.
	gz := gzipped(t, raw, gzip.NoCompression)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	l := streamLayer{
		open:   func() io.Reader { return &onRead{r: bytes.NewReader(gz), after: 2 << 20, fn: cancel} },
		diffID: v1.Hash{Algorithm: "sha256", Hex: hex.EncodeToString(sum[:])},
	}
	img := imageOf(t, "linux/amd64", l)
	var visited []string
	res, err := Walk(ctx, img, WalkOptions{}, func(e *Entry) error { visited = append(visited, e.Path); return nil })
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("walk cancelled inside the entry returned %v", err)
	}
	if len(visited) != 1 || res == nil || len(res.Checks) != 1 || res.Checks[0].Verified {
		t.Errorf("visited %v; checks %+v", visited, res)
	}

	// The same layer without a cancel walks and verifies: the layer is sound.
	l.open = func() io.Reader { return bytes.NewReader(gz) }
	if res, err := Walk(context.Background(), imageOf(t, "linux/amd64", l), WalkOptions{}, func(*Entry) error { return nil }); err != nil || !res.Checks[0].Verified {
		t.Fatalf("sound layer: %v, %+v", err, res)
	}
}

// TestWalkTimeoutBomb: a gzip bomb declaring one 16 GiB entry of zeros
// (1,024 gzip members of 16 MiB each, ~16 KiB apiece, generated as read)
// stops at the deadline instead of inflating to the end.
func TestWalkTimeoutBomb(t *testing.T) {
	var hdr bytes.Buffer
	tw := tar.NewWriter(&hdr)
	if err := tw.WriteHeader(&tar.Header{Name: "bomb", Typeflag: tar.TypeReg, Mode: 0o644, Size: 16 << 30, Format: tar.FormatPAX}); err != nil {
		t.Fatal(err)
	}
	tw.Flush()
	head := gzipped(t, hdr.Bytes(), gzip.BestSpeed)
	zeros := gzipped(t, make([]byte, 16<<20), gzip.BestCompression)
	l := streamLayer{
		open: func() io.Reader {
			parts := []io.Reader{bytes.NewReader(head)}
			for range 1024 {
				parts = append(parts, bytes.NewReader(zeros))
			}
			return io.MultiReader(parts...)
		},
		diffID: v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("c", 64)},
	}
	ctx, cancel := context.WithTimeout(context.Background(), 250*time.Millisecond)
	defer cancel()
	_, err := Walk(ctx, imageOf(t, "linux/amd64", l), WalkOptions{}, func(*Entry) error { return nil })
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("bomb walk returned %v, want the deadline", err)
	}
}

// TestWalkLayerChecks: every layer read is reported verified or not, and a
// walk that fails on a digest mismatch still returns what it learned, so
// findings from the unverified layer can be withheld or marked.
func TestWalkLayerChecks(t *testing.T) {
	good := layerOf(t, tarOf(t, file("etc/a", "1")))
	_, res := walkAll(t, imageOf(t, "linux/amd64", good, layerOf(t, tarOf(t, file("etc/b", "2")))), WalkOptions{})
	if len(res.Checks) != 2 || !res.Checks[0].Verified || !res.Checks[1].Verified || res.Checks[1].Err != nil || !strings.HasPrefix(res.Checks[1].DiffID, "sha256:") {
		t.Fatalf("checks of a sound image: %+v", res.Checks)
	}

	raw := tarOf(t, file("etc/swapped", "not what the config says"))
	gz := gzipped(t, raw, gzip.BestSpeed)
	bad := streamLayer{open: func() io.Reader { return bytes.NewReader(gz) }, diffID: v1.Hash{Algorithm: "sha256", Hex: strings.Repeat("d", 64)}}
	var layers []int
	res, err := Walk(context.Background(), imageOf(t, "linux/amd64", good, bad), WalkOptions{}, func(e *Entry) error {
		layers = append(layers, e.Layer)
		return nil
	})
	var ve *VerifyError
	if !errors.As(err, &ve) || ve.Layer != 1 || ve.Want != "sha256:"+strings.Repeat("d", 64) || !strings.HasPrefix(ve.Got, "sha256:") {
		t.Fatalf("err = %v, want a VerifyError for layer 1", err)
	}
	mustContain(t, err, "layer 1", "does not match diff_id")
	if res == nil || len(res.Checks) != 2 || !res.Checks[0].Verified || res.Checks[1].Verified || !errors.As(res.Checks[1].Err, &ve) {
		t.Fatalf("checks: %+v", res)
	}
	if !slices.Equal(layers, []int{0, 1}) {
		t.Errorf("visited layers %v: the failing layer's entries come before its check", layers)
	}

	// go-containerregistry's check of a registry blob surfaces as a read error.
	blob := fmt.Errorf("reading tar: %w", errors.New(`error verifying sha256 checksum after reading 10 bytes; got "sha256:aa", want "sha256:bb"`))
	if err := blobVerify(blob, 2, "sha256:bb"); !errors.As(err, &ve) || ve.Layer != 2 || !strings.Contains(err.Error(), "does not match its digest") {
		t.Errorf("blobVerify = %v", err)
	}
	if err := blobVerify(errors.New("reading tar: unexpected EOF"), 0, "x"); errors.As(err, &ve) {
		t.Errorf("a truncated blob is not a digest mismatch: %v", err)
	}
}
