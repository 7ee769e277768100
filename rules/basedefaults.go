// What a stage inherits from the image its FROM chain starts with: the
// offline table of well-known bases first, the image's own config from its
// registry with --resolve-base.

package rules

import (
	"context"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/baseimage"
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// BaseConfigs gives rules the config of the image a FROM names, for
// `lint --resolve-base` (Settings.Bases). Rules reach registries through
// it alone; internal/baseresolve implements it.
type BaseConfigs interface {
	// Platform is what a FROM without --platform builds for
	// ("linux/amd64").
	Platform() string
	// BaseConfig returns the config of the image ref names for platform
	// ("" is Platform()), and false when it cannot be had. The config is
	// shared: callers must not modify it.
	BaseConfig(ctx context.Context, ref, platform string) (*v1.ConfigFile, bool)
}

// BaseDefaults is what the image at the root of s's FROM chain runs with
// when the Dockerfile says nothing (its user, shell, entrypoint, health
// check): from internal/baseimage's table of well-known bases, else, with
// --resolve-base, from the image's config in its registry. False when
// neither knows, and for a chain that starts from scratch.
func (p *Pass) BaseDefaults(s *dockerfile.Stage) (baseimage.Defaults, bool) {
	root := s
	for root.Parent != nil {
		root = root.Parent
	}
	f := root.From
	if f == nil || f.IsScratch() || f.BaseStage != nil {
		return baseimage.Defaults{}, false
	}
	// The table reads unresolved ${VAR}s as wildcards (nonroot-${ARCH} is
	// still a nonroot tag), so it gets the reference as written unless
	// every variable is known.
	written := f.Image
	if f.Resolved {
		written = f.Expanded
	}
	if d, ok := baseimage.DefaultsOf(written); ok {
		return d, true
	}
	cf, ok := p.BaseConfig(f)
	if !ok {
		return baseimage.Defaults{}, false
	}
	ref, _ := baseImage(p.File, f)
	return baseimage.FromConfig(ref, cf), true
}

// BaseConfig returns the config of the image f names, for f's --platform
// when it is a constant, from its registry: only with --resolve-base, and
// never for scratch or an earlier stage.
func (p *Pass) BaseConfig(f *dockerfile.From) (*v1.ConfigFile, bool) {
	if p.Settings == nil || p.Settings.Bases == nil || f == nil || f.IsScratch() || f.BaseStage != nil {
		return nil, false
	}
	ref, _ := baseImage(p.File, f)
	if ref == "" {
		return nil, false
	}
	return p.Settings.Bases.BaseConfig(p.Ctx(), ref, fromPlatform(f))
}

// fromPlatform is the platform a FROM asks for: its --platform when that
// is a constant, else "" (the build's target platform; $BUILDPLATFORM is
// taken to be the same).
func fromPlatform(f *dockerfile.From) string {
	if f.Platform == "" || strings.Contains(f.Platform, "$") {
		return ""
	}
	return f.Platform
}

// StaticBases answers BaseConfigs from configs known in advance: the
// documented examples, tests, and callers with their own source of
// configs. It asks no registry.
type StaticBases struct {
	// Default is what Platform returns; "" means linux/amd64.
	Default string
	// Configs maps "REF PLATFORM" (a reference as a FROM names it once
	// its ARGs are expanded, and os/arch[/variant]) to the image's config.
	Configs map[string]*v1.ConfigFile
}

// Platform implements BaseConfigs.
func (s StaticBases) Platform() string {
	if s.Default == "" {
		return "linux/amd64"
	}
	return s.Default
}

// BaseConfig implements BaseConfigs.
func (s StaticBases) BaseConfig(_ context.Context, ref, platform string) (*v1.ConfigFile, bool) {
	if platform == "" {
		platform = s.Platform()
	}
	cf, ok := s.Configs[ref+" "+platform]
	return cf, ok
}
