package image

import (
	"context"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// Digest asks the registry which manifest a reference names now and
// returns its digest ("sha256:…"): for a multi-platform image, the
// index's, which is what `FROM name:tag@digest` pins. Only the manifest's
// headers are fetched.
func Digest(ctx context.Context, s string, opts Options) (string, error) {
	ref, err := name.ParseReference(s)
	if err != nil {
		return "", err
	}
	if nopts := registryNameOptions(ref.Context().RegistryStr(), opts); nopts != nil {
		if ref, err = name.ParseReference(s, nopts...); err != nil {
			return "", err
		}
	}
	desc, err := remote.Head(ref, remoteOptions(ctx, opts)...)
	if err != nil {
		return "", explainRegistry(err, opts.Insecure)
	}
	return desc.Digest.String(), nil
}
