//go:build unix

package testcorpus

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user + system, every thread) this process has
// used; 0 where it is not available. Benchmarks report it per op because
// wall time on a shared machine measures the neighbours too.
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
