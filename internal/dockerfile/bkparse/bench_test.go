package bkparse_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile/bkparse"
	"github.com/dockstride/dockstride/internal/testcorpus"
)

// BenchmarkParse is BuildKit's parse alone (the fork) over every file of
// the shared corpus; one op is one pass over the corpus.
func BenchmarkParse(b *testing.B) {
	dir, ok := testcorpus.Dir()
	if !ok {
		b.Skip("no shared corpus")
	}
	paths, err := testcorpus.Files(dir)
	if err != nil {
		b.Fatal(err)
	}
	srcs := make([][]byte, len(paths))
	for i, p := range paths {
		if srcs[i], err = os.ReadFile(p); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			_, _ = bkparse.Parse(bytes.NewReader(src))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(srcs)*b.N), "ns/file")
}
