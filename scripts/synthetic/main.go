//go:build devtools

// Command synthetic writes the synthetic Dockerfile scripts/bench.sh times
// a whole `dockstride lint` process on: multi-stage blocks with long RUN
// chains and heredocs, about -lines lines long.
//
//	go run -tags devtools ./scripts/synthetic -lines 50000 > big.Dockerfile
//
// The devtools build tag keeps it out of `go install ./...`, which is how
// pre-commit installs the hook.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dockstride/dockstride/internal/testcorpus"
)

func main() {
	lines := flag.Int("lines", 50_000, "approximate number of lines")
	flag.Parse()
	if *lines < 1 {
		fmt.Fprintln(os.Stderr, "synthetic: -lines must be positive")
		os.Exit(2)
	}
	if _, err := os.Stdout.Write(testcorpus.Synthetic(*lines)); err != nil {
		fmt.Fprintln(os.Stderr, "synthetic:", err)
		os.Exit(1)
	}
}
