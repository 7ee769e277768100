package dockerfile_test

import (
	"os"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/testcorpus"
)

// runScripts collects the shell text of every RUN in the corpus (or, without
// it, in the repository's examples) with its first line.
func runScripts(b *testing.B) []script {
	b.Helper()
	var paths []string
	if dir, ok := testcorpus.Dir(); ok {
		all, err := testcorpus.Files(dir)
		if err != nil {
			b.Fatal(err)
		}
		paths = all
	} else {
		paths = []string{"../../testdata/examples/insecure.Dockerfile", "../../testdata/examples/hardened.Dockerfile"}
	}
	var out []script
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		f, err := dockerfile.Parse(p, src)
		if err != nil {
			continue
		}
		for _, in := range f.Instructions {
			if r, ok := in.(*dockerfile.Run); ok && !r.ExecForm() {
				out = append(out, script{f.Source(r.Range()), r.Range().StartLine})
			}
		}
	}
	return out
}

type script struct {
	src  string
	line int
}

// BenchmarkParseScript is the shell model alone (mvdan's parser and our
// command walk) over every shell-form RUN of the corpus, keyword included
// (it parses as a command named RUN, which costs the same).
func BenchmarkParseScript(b *testing.B) {
	scripts := runScripts(b)
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range scripts {
			_, _ = dockerfile.ParseScript(s.src, s.line, dockerfile.ShellPOSIX)
		}
	}
	b.ReportMetric(float64(len(scripts))*float64(b.N)/b.Elapsed().Seconds(), "scripts/s")
}

// BenchmarkParseSynthetic50k is the model of the 50,000-line synthetic
// Dockerfile that BenchmarkSynthetic50k (internal/lint) lints.
func BenchmarkParseSynthetic50k(b *testing.B) {
	src := testcorpus.Synthetic(50_000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := dockerfile.Parse("synthetic.Dockerfile", src); err != nil {
			b.Fatal(err)
		}
	}
}
