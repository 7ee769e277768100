package lint

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// scanOne scans img with the given rules.
func scanOne(t *testing.T, img v1.Image, rs ...*rules.Rule) ImageResult {
	t.Helper()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{Rules: rs}).ScanImage(context.Background(), &image.Image{Name: "test", Digest: "sha256:0", Config: cf, Img: img}, ImageOptions{})
}

// A crafted image with more setuid files than the report should hold lists
// the first maxLayerFindings and says how many more there were.
func TestLayerFindingsCapped(t *testing.T) {
	var es []imagetest.Entry
	for i := range maxLayerFindings + 500 {
		es = append(es, imagetest.Entry{Name: fmt.Sprintf("bin/s%d", i), Body: "x", Mode: 0o4755})
	}
	res := scanOne(t, imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, es...))}, nil), rules.SetuidSetgidFile)
	if len(res.Findings) != maxLayerFindings || len(res.Problems) > 0 {
		t.Fatalf("%d findings, problems %v", len(res.Findings), res.Problems)
	}
	n := 0
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "and 500 more findings of this rule not listed") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d findings say how many were left out, want 1", n)
	}
}

// A layer whose blob on disk no longer matches the image's digests still
// yields its findings, each marked unverified, beside the walk's error;
// the findings of the verified layer below it are not marked.
func TestUnverifiedLayerFindingsMarked(t *testing.T) {
	setuid := func(name string) imagetest.Entry { return imagetest.Entry{Name: name, Body: "x", Mode: 0o4755} }
	cases := map[string]struct {
		corrupt func(t *testing.T, blob []byte) []byte
		why     string
	}{
		"swapped content": {
			corrupt: func(t *testing.T, _ []byte) []byte {
				return gzipBytes(t, imagetest.Tar(t, setuid("bin/evil"), setuid("bin/b")))
			},
			why: "(unverified: layer 1 does not match its digest)",
		},
		"truncated": {
			corrupt: func(_ *testing.T, b []byte) []byte { return b[:len(b)-8] },
			why:     "(unverified: layer 1 was not read to its end to check its digest)",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			img := imagetest.Image(t, []v1.Layer{
				imagetest.Layer(t, imagetest.Tar(t, setuid("bin/a"))),
				imagetest.Layer(t, imagetest.Tar(t, setuid("bin/b"))),
			}, nil)
			dir := t.TempDir()
			imagetest.WriteLayout(t, dir, "", img)
			ls, err := img.Layers()
			if err != nil {
				t.Fatal(err)
			}
			d, err := ls[1].Digest()
			if err != nil {
				t.Fatal(err)
			}
			blob := filepath.Join(dir, "blobs", d.Algorithm, d.Hex)
			b, err := os.ReadFile(blob)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(blob, c.corrupt(t, b), 0o644); err != nil {
				t.Fatal(err)
			}
			im, err := image.Open(context.Background(), "oci-dir:"+dir, image.Options{Keychain: imagetest.Anonymous{}})
			if err != nil {
				t.Fatal(err)
			}
			res := New(Options{Rules: []*rules.Rule{rules.SetuidSetgidFile}}).ScanImage(context.Background(), im, ImageOptions{})
			if len(res.Problems) != 1 || !strings.Contains(res.Problems[0].Message, "layer 1") {
				t.Fatalf("problems %v, want the walk's error about layer 1", res.Problems)
			}
			msgs := map[string]string{}
			for _, f := range res.Findings {
				msgs[f.Path] = f.Message
			}
			if m, ok := msgs["/bin/a"]; !ok || strings.Contains(m, "unverified") {
				t.Errorf("verified layer 0's finding: %q (present %v), want it unmarked", m, ok)
			}
			for p, m := range msgs {
				if p != "/bin/a" && !strings.HasSuffix(m, c.why) {
					t.Errorf("layer 1's finding on %s: %q, want it to end %q", p, m, c.why)
				}
			}
			if len(msgs) < 2 {
				t.Errorf("findings %v: layer 1's entries were not reported", msgs)
			}
		})
	}
}

// gzipBytes compresses b.
func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := gzip.NewWriter(&out)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}
