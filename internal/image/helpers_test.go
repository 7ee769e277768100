package image

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// tent is one entry of a hand-made tar layer.
type tent struct {
	name, body, link string
	typ              byte
	mode             int64
}

func file(name, body string) tent { return tent{name: name, body: body, typ: tar.TypeReg, mode: 0o644} }
func dir(name string) tent        { return tent{name: name, typ: tar.TypeDir, mode: 0o755} }
func symlink(name, to string) tent {
	return tent{name: name, link: to, typ: tar.TypeSymlink, mode: 0o777}
}
func hardlink(name, to string) tent {
	return tent{name: name, link: to, typ: tar.TypeLink, mode: 0o644}
}

// tarOf builds an uncompressed tar layer.
func tarOf(t testing.TB, es ...tent) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range es {
		hdr := &tar.Header{Name: e.name, Typeflag: e.typ, Mode: e.mode, Linkname: e.link, Size: int64(len(e.body)), ModTime: time.Unix(1700000000, 0), Format: tar.FormatPAX}
		if e.typ != tar.TypeReg {
			hdr.Size = 0
		}
		if err := tw.WriteHeader(hdr); err != nil {
			t.Fatal(err)
		}
		if e.typ == tar.TypeReg {
			if _, err := tw.Write([]byte(e.body)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func layerOf(t testing.TB, b []byte, opts ...tarball.LayerOption) v1.Layer {
	t.Helper()
	l, err := layerOfErr(b, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func layerOfErr(b []byte, opts ...tarball.LayerOption) (v1.Layer, error) {
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }, opts...)
}

func imageOfErr(layers ...v1.Layer) (v1.Image, error) {
	return mutate.AppendLayers(empty.Image, layers...)
}

type tarHeader = tar.Header

// imageOf stacks layers (bottom first) on an empty linux/amd64 image.
func imageOf(t testing.TB, plat string, layers ...v1.Layer) v1.Image {
	t.Helper()
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	cf = cf.DeepCopy()
	p, err := v1.ParsePlatform(plat)
	if err != nil {
		t.Fatal(err)
	}
	cf.OS, cf.Architecture, cf.Variant = p.OS, p.Architecture, p.Variant
	cf.Config.User = "app"
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func simpleImage(t testing.TB, plat string, files ...tent) v1.Image {
	t.Helper()
	return imageOf(t, plat, layerOf(t, tarOf(t, files...)))
}

// anonymous keeps tests away from the developer's Docker config.
type anonymous = imagetest.Anonymous

func testOpts() Options { return Options{Keychain: anonymous{}} }

// The registry helpers are imagetest's, shared with the CLI tests.
var (
	newRegistry = imagetest.Registry
	push        = imagetest.Push
	pushIndex   = imagetest.PushIndex
)

// tarDir writes the files under dir into a tar at out.
var tarDir = imagetest.TarDir

func ctxT(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}

// walkAll walks img and returns its entries.
func walkAll(t testing.TB, img v1.Image, opts WalkOptions) ([]*Entry, *Result) {
	t.Helper()
	var es []*Entry
	res, err := Walk(context.Background(), img, opts, func(e *Entry) error { es = append(es, e); return nil })
	if err != nil {
		t.Fatal(err)
	}
	return es, res
}

func mustContain(t testing.TB, err error, subs ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want error containing %q, got nil", subs)
	}
	for _, s := range subs {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not contain %q", err, s)
		}
	}
}

func readAll(t testing.TB, rc io.ReadCloser) []byte {
	t.Helper()
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeTar writes members (sorted for determinism) into a tar file.
func writeTar(t testing.TB, out string, members map[string][]byte) {
	t.Helper()
	var names []string
	for n := range members {
		names = append(names, n)
	}
	slices.Sort(names)
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, n := range names {
		if err := tw.WriteHeader(&tar.Header{Name: n, Mode: 0o644, Size: int64(len(members[n])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write(members[n])
	}
	tw.Close()
	if err := os.WriteFile(out, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}
