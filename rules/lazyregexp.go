package rules

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// lazyRegexp returns a function that compiles expr on its first call and
// returns the same *regexp.Regexp on every call. Compiling the package's
// expressions at start-up took about 3 % of the CPU of a cold `lint` of
// one service folder, most of it for rules the input never reaches.
//
// In a test binary expr is compiled at once, as Go's own lazyregexp does,
// so a bad expression fails every test run, not only the run of a test
// that reaches it.
func lazyRegexp(expr string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	if inTest {
		re()
	}
	return re
}

// inTest reports a `go test` binary.
var inTest = len(os.Args) > 0 && strings.HasSuffix(os.Args[0], ".test")
