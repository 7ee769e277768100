package image

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	kgzip "github.com/klauspost/compress/gzip"
)

// benchLayer makes a gzipped tar of many small files and a few large ones,
// with text-like content that compresses about 3:1 as real layers do.
func benchLayer(tb testing.TB, seed uint64, mib int) (gz []byte, raw int64) {
	r := rand.New(rand.NewPCG(seed, 1))
	words := strings.Fields("the quick brown fox jumps over lazy dog lorem ipsum dolor sit amet usr lib bin etc share python3 site packages node modules index js so 0x7f ELF")
	chunk := func(n int) []byte {
		var b bytes.Buffer
		for b.Len() < n {
			b.WriteString(words[r.IntN(len(words))])
			b.WriteByte(" \n/"[r.IntN(3)])
			if r.IntN(8) == 0 {
				b.WriteString(strconv.FormatUint(r.Uint64(), 36))
			}
		}
		return b.Bytes()[:n]
	}
	var out bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&out, gzip.BestSpeed)
	cw := &countWriter{w: zw}
	tw := tar.NewWriter(cw)
	target := int64(mib) << 20
	for i := 0; cw.n < target; i++ {
		size := 512 + r.IntN(16<<10)
		if i%500 == 499 {
			size = 4 << 20
		}
		body := chunk(size)
		tw.WriteHeader(&tar.Header{Name: "usr/lib/pkg" + strconv.Itoa(i/100) + "/file" + strconv.Itoa(i) + ".txt", Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(body))})
		tw.Write(body)
	}
	tw.Close()
	zw.Close()
	return out.Bytes(), cw.n
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return c.w.Write(p) }

// benchImage writes a 4-layer image to an OCI layout on disk so the walk
// streams from files, as a real scan of an oci-dir would.
func benchImage(b *testing.B) (v1.Image, [][]byte, int64) {
	mib := 64
	if s := os.Getenv("DOCKSTRIDE_BENCH_MIB"); s != "" {
		mib, _ = strconv.Atoi(s)
	}
	var layers []v1.Layer
	var blobs [][]byte
	var total int64
	for i := range 4 {
		gz, n := benchLayer(b, uint64(i), mib)
		total += n
		blobs = append(blobs, gz)
		layers = append(layers, layerOf(b, gz))
	}
	dir := b.TempDir()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		b.Fatal(err)
	}
	if err := p.AppendImage(imageOf(b, "linux/amd64", layers...)); err != nil {
		b.Fatal(err)
	}
	im, err := Open(context.Background(), "oci-dir:"+dir, testOpts())
	if err != nil {
		b.Fatal(err)
	}
	return im.Img, blobs, total
}

// BenchmarkWalk reports MB/s of uncompressed layer data through Walk, and
// beside it the bare cost of gunzip+tar listing (stdlib and klauspost), the
// `gzip -dc | tar -t` floor, plus the peak Go heap seen during the walk.
func BenchmarkWalk(b *testing.B) {
	img, blobs, total := benchImage(b)
	want := func(p string, _ *tar.Header) bool { return strings.HasSuffix(p, "7.txt") }
	b.Run("walk", func(b *testing.B) {
		b.SetBytes(total)
		for b.Loop() {
			if _, err := Walk(context.Background(), img, WalkOptions{Want: want}, func(*Entry) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	})
	// walk-live-heap samples the live heap (after a forced GC) every 2000
	// entries, minus the benchmark's own in-memory blobs: what the walk
	// itself keeps, without GC slack.
	b.Run("walk-live-heap", func(b *testing.B) {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		base := ms.HeapAlloc
		var peak uint64
		for b.Loop() {
			n := 0
			_, err := Walk(context.Background(), img, WalkOptions{Want: want}, func(e *Entry) error {
				if n++; n%2000 == 0 {
					runtime.GC()
					runtime.ReadMemStats(&ms)
					peak = max(peak, ms.HeapAlloc-min(base, ms.HeapAlloc))
				}
				return nil
			})
			if err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(peak)/(1<<20), "live-heap-MiB")
	})
	list := func(b *testing.B, open func(io.Reader) (io.Reader, error)) {
		b.SetBytes(total)
		for b.Loop() {
			for _, gz := range blobs {
				zr, err := open(bytes.NewReader(gz))
				if err != nil {
					b.Fatal(err)
				}
				tr := tar.NewReader(zr)
				for {
					if _, err := tr.Next(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
			}
		}
	}
	b.Run("gunzip-tar-list/stdlib", func(b *testing.B) {
		list(b, func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) })
	})
	b.Run("gunzip-tar-list/klauspost", func(b *testing.B) {
		list(b, func(r io.Reader) (io.Reader, error) { return kgzip.NewReader(r) })
	})
}
