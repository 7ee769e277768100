package cli

import (
	"context"
	"io"
	"testing"

	"github.com/dockstride/dockstride/internal/testcorpus"
)

// BenchmarkLintCorpusCLI is `dockstride lint --format json` over every
// corpus file, in-process: reading the files, linting, sorting and writing
// the JSON report. It is what the whole-process figure of scripts/bench.sh
// measures minus process start, and the one to profile when that figure
// moves (go test -bench LintCorpusCLI -cpuprofile).
func BenchmarkLintCorpusCLI(b *testing.B) {
	dir, ok := testcorpus.Dir()
	if !ok {
		b.Skip("shared corpus not found")
	}
	files, err := testcorpus.Files(dir)
	if err != nil {
		b.Fatal(err)
	}
	args := append([]string{"lint", "--format", "json", "--fail-level", "none", "--no-config"}, files...)
	sys := IO{Out: io.Discard, Err: io.Discard, Getenv: func(k string) string {
		if k == "DOCKSTRIDE_SHELLCHECK" {
			return "off"
		}
		return ""
	}}
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		// ExitError: the corpus holds ~50 files BuildKit rejects.
		if code := Execute(context.Background(), args, sys); code != ExitError {
			b.Fatalf("exit code %d, want %d", code, ExitError)
		}
	}
	b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(len(files)*b.N), "cpu-ns/file")
}
