//go:build devtools

// Command synthetic writes the synthetic inputs scripts/bench.sh times a
// whole `dockstride lint` process on: a Dockerfile of multi-stage blocks
// with long RUN chains and heredocs, about -lines lines long, or a compose
// file of -compose-services services.
//
//	go run -tags devtools ./scripts/synthetic -lines 50000 > big.Dockerfile
//	go run -tags devtools ./scripts/synthetic -compose-services 1000 > compose.yaml
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
	lines := flag.Int("lines", 50_000, "approximate number of lines of the Dockerfile")
	services := flag.Int("compose-services", 0, "write a compose file of this many services instead")
	flag.Parse()
	if *lines < 1 || *services < 0 {
		fmt.Fprintln(os.Stderr, "synthetic: -lines must be positive, -compose-services not negative")
		os.Exit(2)
	}
	out := testcorpus.Synthetic
	n := *lines
	if *services > 0 {
		out, n = testcorpus.SyntheticCompose, *services
	}
	if _, err := os.Stdout.Write(out(n)); err != nil {
		fmt.Fprintln(os.Stderr, "synthetic:", err)
		os.Exit(1)
	}
}
