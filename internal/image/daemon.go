//go:build daemon

package image

import (
	"context"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/daemon"
)

// openDaemon reads an image from the local Docker engine (DOCKER_HOST is
// honoured). The unbuffered opener streams `docker save` output instead of
// holding the image in memory or copying it to a temporary file; each layer
// read asks the engine again, which is slow but keeps the scan's memory
// bound and writes nothing to disk. Layers come as plain tars, so findings
// name layers by diff_id and the image by its ID, as for a docker-archive.
func openDaemon(ctx context.Context, ref string) ([]picked, error) {
	r, err := name.ParseReference(ref)
	if err != nil {
		return nil, err
	}
	img, err := daemon.Image(r, daemon.WithContext(ctx), daemon.WithUnbufferedOpener())
	if err != nil {
		return nil, err
	}
	return []picked{{name: "docker-daemon:" + r.Name(), img: diffIDDigests{img}}}, nil
}
