// Package lazyre compiles regular expressions on first use instead of at
// package initialisation. A cold run of dockstride pays for every
// package-level regexp.MustCompile of every package it links before main
// starts, while a run reaches only a few of them: on the example service
// folder they were about 6 % of the CPU.
package lazyre

import (
	"os"
	"regexp"
	"strings"
	"sync"
)

// New returns a function that compiles expr on its first call and returns
// the same *regexp.Regexp on every call; it panics, as
// regexp.MustCompile does, when expr does not compile.
//
// In a test binary expr is compiled at once, as Go's own
// internal/lazyregexp does, so a bad expression fails every test run of
// its package, not only the run of a test that reaches it.
func New(expr string) func() *regexp.Regexp {
	re := sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
	if inTest {
		re()
	}
	return re
}

// inTest reports a `go test` binary.
var inTest = len(os.Args) > 0 && strings.HasSuffix(os.Args[0], ".test")
