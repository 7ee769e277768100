package lint_test

import (
	"context"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// Benchmarks over the whole shared corpus (skipped without it). One op is
// one pass over every file; files/s is the figure issue 7 sets targets
// for. Per-rule-family costs are in rules/bench_test.go, the shell model
// in internal/dockerfile.

// reportFiles adds files/s and ns/file (wall) and cpu-ns/file (CPU time of
// the whole process, GC included, which a busy shared machine disturbs far
// less than wall time). cpuStart is testcorpus.CPUTime() before the loop.
func reportFiles(b *testing.B, files int, cpuStart time.Duration) {
	b.ReportMetric(float64(files)*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(files*b.N), "ns/file")
	if cpu := testcorpus.CPUTime() - cpuStart; cpuStart > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(files*b.N), "cpu-ns/file")
	}
}

// BenchmarkParse is the model alone: BuildKit's parser, instructions,
// scopes and the shell model of every RUN.
func BenchmarkParse(b *testing.B) {
	inputs := corpusInputs(b)
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		for _, in := range inputs {
			_, _ = dockerfile.Parse(in.Path, in.Src)
		}
	}
	reportFiles(b, len(inputs), cpu)
}

// BenchmarkLint is parse plus every rule (optional ones too), one file
// after another on one goroutine.
func BenchmarkLint(b *testing.B) { benchLint(b, (*lint.Engine).LintContext) }

// BenchmarkLintWithFixes is BenchmarkLint with every finding's fix built
// (--diff, --fix and the formats that show fixes): the difference is what
// building fixes costs, and why a plain lint does not.
func BenchmarkLintWithFixes(b *testing.B) { benchLint(b, (*lint.Engine).LintWithFixes) }

// benchLint lints every corpus file with every rule, one after another on
// one goroutine, through lintOne.
func benchLint(b *testing.B, lintOne func(*lint.Engine, context.Context, string, []byte) lint.Result) {
	inputs := corpusInputs(b)
	e := lint.New(lint.Options{Rules: rules.All()})
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		for _, in := range inputs {
			lintOne(e, context.Background(), in.Path, in.Src)
		}
	}
	reportFiles(b, len(inputs), cpu)
}

// BenchmarkRun is what `dockstride lint` does: read the files and lint
// them with every rule, spread over GOMAXPROCS workers.
func BenchmarkRun(b *testing.B) {
	files := corpusFiles(b)
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		runAll(b, files)
	}
	reportFiles(b, len(files), cpu)
}

// BenchmarkSynthetic50k is the 50,000-line file of TestLinearCost.
func BenchmarkSynthetic50k(b *testing.B) {
	src := testcorpus.Synthetic(50_000)
	e := lint.New(lint.Options{Rules: rules.All()})
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		e.Lint("synthetic.Dockerfile", src)
	}
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}

// BenchmarkLintCompose1000 is the compose figure of issue 13: a generated
// 1,000-service project (testcorpus.SyntheticCompose), loaded and judged by
// every rule, held in memory (target: <= 100 ms). scripts/bench.sh prints
// it and times the same file through a whole process.
func BenchmarkLintCompose1000(b *testing.B) {
	src := testcorpus.SyntheticCompose(1000)
	opts := compose.Options{
		Files: []string{"compose.yaml"}, NoDotEnv: true, Env: map[string]string{"DB_PASSWORD": "x"},
		ReadFile: func(string) ([]byte, error) { return src, nil },
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	if res := e.LintCompose(context.Background(), opts); len(res.Problems) > 0 || res.Project == nil || len(res.Project.Services) != 1000 {
		b.Fatalf("the synthetic project did not load: %v", res.Problems)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		e.LintCompose(context.Background(), opts)
	}
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
