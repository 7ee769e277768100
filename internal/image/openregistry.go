package image

import (
	"context"
	"fmt"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// OpenRegistry opens the image ref names in its registry, for
// opts.Platform when ref names a multi-platform index. Unlike Open it
// never reads a path: ref comes from a Dockerfile (a FROM line), which
// must not make dockstride open local archives. Only the manifest and the
// config are fetched; the layers are read when walked.
func OpenRegistry(ctx context.Context, ref string, opts Options) (*Image, error) {
	plat, err := optsPlatform(ref, opts)
	if err != nil {
		return nil, err
	}
	ps, err := openRegistry(ctx, ref, plat, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	im, err := load(ps[0], KindRegistry)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	im.Ref = ref
	return im, nil
}

// optsPlatform is the platform opts ask for: linux/amd64 when unset.
func optsPlatform(ref string, opts Options) (v1.Platform, error) {
	if opts.Platform == "" {
		return v1.Platform{OS: "linux", Architecture: "amd64"}, nil
	}
	pp, err := v1.ParsePlatform(opts.Platform)
	if err != nil || pp.OS == "" || pp.Architecture == "" {
		return v1.Platform{}, fmt.Errorf("%s: invalid platform %q: want os/arch[/variant]", ref, opts.Platform)
	}
	return *pp, nil
}
