// Command dockstride lints Dockerfiles and container images and ties every
// finding to a threat. See `dockstride --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/dockstride/dockstride/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:], cli.SystemIO())
	stop()
	os.Exit(code)
}
