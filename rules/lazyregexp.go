package rules

import "github.com/dockstride/dockstride/internal/lazyre"

// lazyRegexp compiles a package-level expression on first use (see
// package lazyre): compiling them at start-up took about 3 % of the CPU of
// a cold `lint` of one service folder, most of it for rules the input
// never reaches.
var lazyRegexp = lazyre.New
