//go:build !unix

package testcorpus

import "time"

// CPUTime is not available on this platform.
func CPUTime() time.Duration { return 0 }
