package lint

import (
	"context"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// BenchmarkLintCompose1000Fixes is BenchmarkLintCompose1000 with the
// findings' fixes built, as `lint --format json` (or sarif, --explain)
// builds them: the cost of the fixes on a 1,000-service file.
// scripts/bench.sh times the same file through a whole process.
func BenchmarkLintCompose1000Fixes(b *testing.B) {
	src := testcorpus.SyntheticCompose(1000)
	opts := compose.Options{
		Files: []string{"compose.yaml"}, NoDotEnv: true, Env: map[string]string{"DB_PASSWORD": "x"},
		ReadFile: func(string) ([]byte, error) { return src, nil },
	}
	e := New(Options{Rules: rules.All()})
	if res := e.lintCompose(context.Background(), opts, true, nil); len(res.Problems) > 0 || res.Project == nil || len(res.Project.Services) != 1000 {
		b.Fatalf("the synthetic project did not load: %v", res.Problems)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		e.lintCompose(context.Background(), opts, true, nil)
	}
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(b.N), "cpu-ns/op")
}
