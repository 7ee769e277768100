//go:build !daemon

package image

import (
	"context"
	"errors"
)

// errNoDaemon says why docker-daemon: does not work in this binary: the
// default build leaves the Docker client out (see daemon.go).
var errNoDaemon = errors.New("this dockstride was built without Docker engine support; scan a `docker save` tarball with docker-archive:PATH, or rebuild with -tags daemon")

func openDaemon(context.Context, string) ([]picked, error) { return nil, errNoDaemon }
