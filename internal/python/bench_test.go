package python

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkParseStdlib parses every .py file of Debian's Python 3.11
// standard library (read into memory first) per iteration, and reports
// MB/s, files/s and allocations. The files CPython rejects too (the
// Python 2 test data that libpython3.11-testsuite adds) are left out.
//
//	go test ./internal/python -run '^$' -bench ParseStdlib -benchtime 5x
func BenchmarkParseStdlib(b *testing.B) {
	var srcs [][]byte
	var total int64
	_ = filepath.WalkDir("/usr/lib/python3.11", func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() && strings.HasSuffix(path, ".py") {
			src, err := os.ReadFile(path)
			if err != nil {
				return nil
			}
			if _, err := Parse(path, src); err != nil {
				b.Logf("left out: %v", err)
				return nil
			}
			srcs = append(srcs, src)
			total += int64(len(src))
		}
		return nil
	})
	if len(srcs) == 0 {
		b.Skip("no /usr/lib/python3.11")
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, src := range srcs {
			if _, err := Parse("bench.py", src); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(srcs))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
}
