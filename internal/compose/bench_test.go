package compose

import (
	"testing"

	"github.com/dockstride/dockstride/internal/testcorpus"
	"go.yaml.in/yaml/v3"
)

// BenchmarkLoad1000 loads a generated 1,000-service file (issue 13: the
// whole lint of it has 100 ms). Run it with
//
//	go test ./internal/compose -run '^$' -bench Load1000 -benchmem
func BenchmarkLoad1000(b *testing.B) {
	src := testcorpus.SyntheticCompose(1000)
	env := map[string]string{"DB_PASSWORD": "x"}
	p, err := Parse("compose.yaml", src, env)
	if err != nil {
		b.Fatal(err)
	}
	if len(p.Services) != 1000 || len(p.Warnings) != 0 {
		b.Fatalf("%d services, warnings %v", len(p.Services), p.Warnings)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	for b.Loop() {
		if _, err := Parse("compose.yaml", src, env); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkYAMLParse1000 is the floor under BenchmarkLoad1000: yaml.v3
// parsing the same file into nodes, nothing else.
func BenchmarkYAMLParse1000(b *testing.B) {
	src := testcorpus.SyntheticCompose(1000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	cpu := testcorpus.CPUTime()
	defer func() {
		b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
	}()
	for b.Loop() {
		var n yaml.Node
		if err := yaml.Unmarshal(src, &n); err != nil {
			b.Fatal(err)
		}
	}
}
