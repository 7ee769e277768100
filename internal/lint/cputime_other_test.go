//go:build !unix

package lint_test

import "time"

// cpuTime is unavailable here; tests that need it skip.
func cpuTime() time.Duration { return 0 }
