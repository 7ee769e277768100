package lint_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// boundedLint lints src with every rule and fails the test when it takes
// more than cpuLimit of CPU time (scaled up under the race detector) or
// allocates more than maxAlloc bytes in total. CPU rather than wall time
// keeps the bound meaningful on a busy shared machine; a hang is still
// reported as such (after a much longer wall-clock wait) rather than
// waiting for go test's 10-minute timeout.
func boundedLint(t *testing.T, path string, src []byte, cpuLimit time.Duration, maxAlloc uint64) lint.Result {
	t.Helper()
	if raceEnabled {
		cpuLimit *= 10
		maxAlloc *= 2
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start, startCPU := time.Now(), cpuTime()
	done := make(chan lint.Result, 1)
	go func() { done <- e.Lint(path, src) }()
	var res lint.Result
	select {
	case res = <-done:
	case <-time.After(10*cpuLimit + 30*time.Second):
		t.Fatalf("%s: lint did not finish within %v (hang or super-linear cost)", path, 10*cpuLimit+30*time.Second)
	}
	cpu := cpuTime() - startCPU
	if cpu > cpuLimit {
		t.Errorf("%s: lint took %v of CPU, bound is %v", path, cpu, cpuLimit)
	}
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("%s: %d bytes in %v (%v CPU), allocated %.1f MiB, %d findings, %d problems",
		path, len(src), elapsed.Round(time.Millisecond), cpu.Round(time.Millisecond), float64(alloc)/(1<<20), len(res.Findings), len(res.Problems))
	if alloc > maxAlloc {
		t.Errorf("%s: allocated %d MiB, bound is %d MiB", path, alloc>>20, maxAlloc>>20)
	}
	for _, p := range res.Problems {
		if p.Internal || strings.Contains(p.Message, "internal error") || strings.Contains(p.Message, "parser failed") {
			t.Errorf("internal error: %s", p)
		}
		if p.File != path || p.Line < 1 {
			t.Errorf("problem does not name file and line: %s", p)
		}
	}
	return res
}

const mib = 1 << 20

// wantProblem fails unless res has a problem on line whose message
// contains substr.
func wantProblem(t *testing.T, res lint.Result, line int, substr string) {
	t.Helper()
	for _, p := range res.Problems {
		if p.Line == line && strings.Contains(p.Message, substr) {
			return
		}
	}
	t.Errorf("want a problem on line %d containing %q, got %v", line, substr, res.Problems)
}

func TestPathological10MiB(t *testing.T) {
	src := testcorpus.Synthetic(2000)
	if raceEnabled {
		// The race detector makes the model ~10x slower; keep the size and
		// make most of it comment lines, which cost little, so CI stays
		// fast. Without -race the whole 10 MiB is instructions.
		pad := "# " + strings.Repeat("padding ", 1000) + "\n"
		for len(src) < 10*mib {
			src = append(src, pad...)
		}
	}
	for len(src) < 10*mib {
		src = append(src, testcorpus.Synthetic(2000)...)
	}
	res := boundedLint(t, "big.Dockerfile", src, 30*time.Second, 3000*mib)
	if len(res.Findings) == 0 {
		t.Error("no findings on a 10 MiB Dockerfile full of curl | tar")
	}
}

func TestPathologicalLongLine(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN echo " + strings.Repeat("a", mib) + "\nUSER nobody\n")
	res := boundedLint(t, "long.Dockerfile", src, 5*time.Second, 64*mib)
	wantProblem(t, res, 2, "longer than")
}

func TestPathologicalContinuations(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("FROM alpine:3.20\nRUN true \\\n")
	for i := range 100_000 {
		fmt.Fprintf(&b, "  && echo %d \\\n", i)
	}
	b.WriteString("  && true\nUSER nobody\n")
	boundedLint(t, "cont.Dockerfile", b.Bytes(), 20*time.Second, 1500*mib)
}

func TestPathologicalNestedSubst(t *testing.T) {
	// 4,000 levels is inside the shell model's bounds (parsed), 10,000
	// beyond them (refused before parsing).
	for _, depth := range []int{100, 4000, 10_000} {
		var b bytes.Buffer
		b.WriteString("FROM alpine:3.20\nRUN echo ")
		for i := range depth {
			b.WriteString("$(echo ")
			if i%1000 == 999 {
				b.WriteString("\\\n")
			}
		}
		b.WriteString("x")
		for i := range depth {
			b.WriteString(")")
			if i%1000 == 999 {
				b.WriteString("\\\n")
			}
		}
		b.WriteString("\nUSER nobody\n")
		boundedLint(t, fmt.Sprintf("nest%d.Dockerfile", depth), b.Bytes(), 10*time.Second, 512*mib)
	}
}

func TestPathologicalStages(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("FROM alpine:3.20 AS s0\nENV V0=0\nARG MISSING1=1\n")
	for i := 1; i < 10_000; i++ {
		// Each stage builds on the previous one, so parent chains, ENV
		// inheritance and SHELL lookup are as deep as they get.
		fmt.Fprintf(&b, "FROM s%d AS s%d\nENV V%d=$V%d\nRUN echo $V%d && apt-get install -y pkg=$MISSING%d\n", i-1, i, i, i-1, i, i%7)
	}
	b.WriteString("USER nobody\n")
	boundedLint(t, "stages.Dockerfile", b.Bytes(), 10*time.Second, 1024*mib)
}

func TestPathologicalBinary(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN echo \x00\x01\xff\xfe bad \xc3\x28 utf8\nENV A=\x00\nLABEL x=\"\xed\xa0\x80\"\n\x00\x00\x00\nUSER nobody\n")
	boundedLint(t, "binary.Dockerfile", src, 5*time.Second, 64*mib)
	boundedLint(t, "zeros.Dockerfile", make([]byte, 100_000), 5*time.Second, 64*mib)
}

func TestPathologicalCRLFBOM(t *testing.T) {
	src := []byte("\xef\xbb\xbfFROM alpine:3.20\r\nRUN apt-get update && \\\r\n    apt-get install -y curl\r\nUSER root\r\n")
	res := boundedLint(t, "crlf.Dockerfile", src, 5*time.Second, 64*mib)
	if len(res.Problems) > 0 {
		t.Errorf("CRLF+BOM file should parse cleanly: %v", res.Problems)
	}
	if len(res.Findings) == 0 {
		t.Error("CRLF+BOM file: want findings (USER root), got none")
	}
}

func TestPathologicalUnterminatedHeredoc(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN <<EOF\necho one\n" + strings.Repeat("echo more\n", 10_000))
	boundedLint(t, "heredoc.Dockerfile", src, 5*time.Second, 256*mib)
}

func TestPathologicalArgLoop(t *testing.T) {
	src := []byte("ARG A=$B\nARG B=$A\nFROM alpine:${A}${B}\nARG A=${B:-$A}\nARG B=${A:-$B}\nENV A=$B B=$A\nRUN echo $A $B\nUSER nobody\n")
	boundedLint(t, "argloop.Dockerfile", src, 5*time.Second, 64*mib)
}

func TestPathologicalDeepExpansion(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("FROM alpine:3.20\nENV A=")
	for i := range 100_000 {
		b.WriteString("${a:-")
		if i%1000 == 999 {
			b.WriteString("\\\n")
		}
	}
	b.WriteString("x")
	for i := range 100_000 {
		b.WriteString("}")
		if i%1000 == 999 && i < 99_999 {
			b.WriteString("\\\n")
		}
	}
	b.WriteString("\nUSER nobody\n")
	res := boundedLint(t, "expand.Dockerfile", b.Bytes(), 5*time.Second, 256*mib)
	if len(res.Problems) > 0 {
		t.Errorf("want no problems, got %v", res.Problems)
	}
}
