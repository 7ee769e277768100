//go:build unix

package lint_test

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time this process has used. Tests measure CPU rather
// than wall time so that other processes on a shared machine do not make
// them flaky.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
