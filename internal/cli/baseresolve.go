package cli

import (
	"github.com/dockstride/dockstride/internal/baseresolve"
	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/image"
)

// baseResolver is what rules read base images' configs through when an
// input's configuration sets resolve-base: the run's image.platform and
// image.insecure apply, the cache follows XDG_CACHE_HOME, and every
// registry request and cache answer is said with --verbose. It asks
// nothing until a rule does.
func (g *globals) baseResolver(run *config.Config) *baseresolve.Resolver {
	getenv := g.io.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	dir, err := baseresolve.DefaultCacheDir(getenv)
	if err != nil {
		g.sayf("resolve-base: no cache directory (%v); base configs are fetched every run", err)
	}
	return baseresolve.New(baseresolve.Options{
		CacheDir: dir,
		Platform: run.Image.Platform,
		Registry: image.Options{Insecure: run.Image.Insecure, UserAgent: "dockstride/" + Version()},
		Log:      g.sayf,
	})
}
