//go:build devtools

// Command gendocs writes dockstride's generated documentation (see package
// gendocs). It is a devtools command: `go generate ./...` runs it with
// -tags devtools, and installers of dockstride never build it.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/dockstride/dockstride/internal/gendocs"
)

func main() {
	root := flag.String("root", ".", "repository root to write docs/ under")
	flag.Parse()
	if err := gendocs.Write(*root); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}
