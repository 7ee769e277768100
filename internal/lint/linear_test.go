package lint_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// lintCPU is the least CPU time of one lint of each source, over three
// rounds that alternate between them: the least is the run least
// disturbed by GC and the scheduler, and alternating keeps a burst of load
// on a shared machine (go test runs packages side by side) from landing
// on one size only.
func lintCPU(e *lint.Engine, srcs ...[]byte) []time.Duration {
	best := make([]time.Duration, len(srcs))
	for i := range best {
		best[i] = time.Duration(1<<63 - 1)
	}
	for range 3 {
		for i, src := range srcs {
			start := cpuTime()
			e.Lint("synthetic.Dockerfile", src)
			best[i] = min(best[i], cpuTime()-start)
		}
	}
	return best
}

// TestLinearCost checks that linting cost grows linearly with the size of
// a Dockerfile (many stages, long RUN chains, heredocs): doubling the input
// may at most triple the time, so no rule or model step is quadratic in
// instructions or commands. Without -race it also bounds the 50,000-line
// file issue 7 asks to lint in under 1 s (the bound here is generous: the
// benchmark script reports the real figure).
func TestLinearCost(t *testing.T) {
	if cpuTime() == 0 {
		t.Skip("no CPU time on this platform")
	}
	small, large := 25_000, 50_000
	if raceEnabled {
		small, large = 2_000, 4_000
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	srcSmall, srcLarge := testcorpus.Synthetic(small), testcorpus.Synthetic(large)
	if n := bytes.Count(srcLarge, []byte("\n")); n < large {
		t.Fatalf("synthetic(%d) has only %d lines", large, n)
	}
	cpu := lintCPU(e, srcSmall, srcLarge)
	tSmall, tLarge := cpu[0], cpu[1]
	ratio := float64(tLarge) / float64(tSmall)
	t.Logf("%d lines: %v CPU; %d lines: %v CPU; ratio %.2f", small, tSmall, large, tLarge, ratio)
	if ratio > 3 {
		t.Errorf("doubling the input multiplied the time by %.2f (> 3): something is super-linear", ratio)
	}
	if !raceEnabled && tLarge > 5*time.Second {
		t.Errorf("%d lines took %v of CPU; the target is under 1 s", large, tLarge)
	}
}
