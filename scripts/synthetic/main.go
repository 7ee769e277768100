// Command synthetic writes the synthetic Dockerfile scripts/bench.sh times
// a whole `dockstride lint` process on: multi-stage blocks with long RUN
// chains and heredocs, about -lines lines long.
//
//	go run ./scripts/synthetic -lines 50000 > big.Dockerfile
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
