// Package baseresolve reads the config of the image a Dockerfile's FROM
// names from its registry, for `dockstride lint --resolve-base`: the user,
// shell, entrypoint, health check and platform a stage inherits, where
// internal/baseimage's offline table does not know the image.
//
// Configs are kept in an on-disk cache shared by concurrent runs
// (DefaultCacheDir): by digest, checked against it on every read, and
// with what each reference named for each platform. A tag is asked again
// once its entry is older than Options.TagTTL (a tag moves); a reference
// pinned by digest never is. When the registry cannot be reached, a stale
// entry still answers. Every registry request and cache answer is told to
// Options.Log, which the CLI prints with --verbose.
//
// The package is the only one rules reach the network through, and only
// through the narrow rules.BaseConfigs interface the Resolver implements.
package baseresolve

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/image"
)

// Defaults of Options.
const (
	DefaultMaxCacheBytes = 32 << 20
	DefaultTagTTL        = 24 * time.Hour
	DefaultTimeout       = 30 * time.Second
	DefaultPlatform      = "linux/amd64"
)

// Options configure a Resolver. The zero value resolves for linux/amd64
// with the default cache directory and no logging.
type Options struct {
	// CacheDir holds the cache; "" means DefaultCacheDir. When neither
	// can be had, configs are fetched every run.
	CacheDir string
	// MaxCacheBytes bounds the cache's size on disk (default 32 MiB).
	MaxCacheBytes int64
	// TagTTL is how long what a tag named is trusted before the registry
	// is asked again (default 24 hours).
	TagTTL time.Duration
	// Timeout bounds one registry look-up (default 30 seconds).
	Timeout time.Duration
	// Platform is what a FROM without --platform builds for,
	// "os/arch[/variant]" (default linux/amd64, as `dockstride image`).
	Platform string
	// Registry are the options of registry requests: credentials, plain
	// HTTP, transport. Its Platform is ignored.
	Registry image.Options
	// Log hears each registry request and cache answer; nil is silent.
	// Calls are serialised.
	Log func(format string, args ...any)
	// Now is the clock tag entries age by; nil means time.Now.
	Now func() time.Time
}

// Resolver answers rules.BaseConfigs from the cache and the registry. It is
// safe for concurrent use; each reference and platform is looked up once
// per Resolver.
type Resolver struct {
	opts  Options
	cache *cache // nil when there is no cache directory

	logMu sync.Mutex
	mu    sync.Mutex
	calls map[string]*call
}

// call is one look-up, shared by every caller asking the same.
type call struct {
	done chan struct{}
	cfg  *v1.ConfigFile
}

// New makes a Resolver. No file is touched and no request is made until
// BaseConfig is called.
func New(opts Options) *Resolver {
	if opts.MaxCacheBytes <= 0 {
		opts.MaxCacheBytes = DefaultMaxCacheBytes
	}
	if opts.TagTTL <= 0 {
		opts.TagTTL = DefaultTagTTL
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Platform == "" {
		opts.Platform = DefaultPlatform
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	r := &Resolver{opts: opts, calls: map[string]*call{}}
	dir := opts.CacheDir
	if dir == "" {
		dir, _ = DefaultCacheDir(os.Getenv)
	}
	if dir != "" {
		r.cache = &cache{dir: dir, max: opts.MaxCacheBytes}
	}
	return r
}

// DefaultCacheDir is $XDG_CACHE_HOME/dockstride/base-configs, or
// ~/.cache/dockstride/base-configs when XDG_CACHE_HOME is unset or not
// absolute (as the XDG specification says to treat it).
func DefaultCacheDir(getenv func(string) string) (string, error) {
	base := getenv("XDG_CACHE_HOME")
	if !filepath.IsAbs(base) {
		home := getenv("HOME")
		if home == "" {
			var err error
			if home, err = os.UserHomeDir(); err != nil {
				return "", err
			}
		}
		base = filepath.Join(home, ".cache")
	}
	return filepath.Join(base, "dockstride", "base-configs"), nil
}

// Platform is what a FROM without --platform builds for.
func (r *Resolver) Platform() string { return r.opts.Platform }

// BaseConfig returns the config of the image ref names for platform ("" is
// Platform()), and false when it cannot be had (not a registry reference,
// unreachable and not cached, no image for that platform); Log says why.
// The config is shared: callers must not modify it.
func (r *Resolver) BaseConfig(ctx context.Context, ref, platform string) (*v1.ConfigFile, bool) {
	if platform == "" {
		platform = r.opts.Platform
	}
	parsed, err := name.ParseReference(ref)
	if err != nil {
		r.logf("%s: not an image reference (%v); its base config is unknown", ref, err)
		return nil, false
	}
	key := parsed.Name() + "\x00" + platform
	r.mu.Lock()
	c, ok := r.calls[key]
	if !ok {
		c = &call{done: make(chan struct{})}
		r.calls[key] = c
	}
	r.mu.Unlock()
	if !ok {
		c.cfg = r.resolve(ctx, parsed, platform)
		close(c.done)
	}
	select {
	case <-c.done:
	case <-ctx.Done():
		return nil, false
	}
	return c.cfg, c.cfg != nil
}

// resolve answers from a fresh cache entry, else from the registry, else
// from a stale cache entry.
func (r *Resolver) resolve(ctx context.Context, ref name.Reference, platform string) *v1.ConfigFile {
	canon := ref.Name()
	_, pinned := ref.(name.Digest)
	var stale *entry
	if r.cache != nil {
		e, err := r.cache.lookup(canon, platform)
		switch {
		case err == nil:
			if pinned || r.opts.Now().Sub(e.Fetched) < r.opts.TagTTL {
				if cf := r.cached(e); cf != nil {
					r.logf("%s (%s): base config %s from the cache", canon, platform, short(e.Config))
					return cf
				}
			} else {
				stale = &e
			}
		case !errors.Is(err, fs.ErrNotExist):
			r.logf("%s (%s): cache entry ignored: %v", canon, platform, err)
		}
	}
	r.logf("%s (%s): asking the registry for the base config (--resolve-base)", canon, platform)
	cf, err := r.fetch(ctx, canon, platform)
	if err == nil {
		return cf
	}
	if stale != nil {
		if cf := r.cached(*stale); cf != nil {
			r.logf("%s (%s): %v; using the cached base config of %s", canon, platform, err, stale.Fetched.Format(time.RFC3339))
			return cf
		}
	}
	r.logf("%s (%s): base config unknown: %v", canon, platform, err)
	return nil
}

// cached reads and parses the config e names, or nil (said to Log) when
// the cache cannot give it.
func (r *Resolver) cached(e entry) *v1.ConfigFile {
	raw, err := r.cache.config(e.Config)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			r.logf("%s (%s): cached config ignored: %v", e.Ref, e.Platform, err)
		}
		return nil
	}
	cf, err := v1.ParseConfigFile(bytes.NewReader(raw))
	if err != nil {
		r.logf("%s (%s): cached config ignored: %v", e.Ref, e.Platform, err)
		return nil
	}
	return cf
}

// fetch asks the registry for ref's manifest and config and keeps them.
func (r *Resolver) fetch(ctx context.Context, ref, platform string) (*v1.ConfigFile, error) {
	ctx, cancel := context.WithTimeout(ctx, r.opts.Timeout)
	defer cancel()
	opts := r.opts.Registry
	opts.Platform = platform
	im, err := image.OpenRegistry(ctx, ref, opts)
	if err != nil {
		return nil, err
	}
	raw, err := im.Img.RawConfigFile()
	if err != nil {
		return nil, err
	}
	cn, err := im.Img.ConfigName()
	if err != nil {
		return nil, err
	}
	r.logf("%s (%s): manifest %s, base config %s", ref, platform, short(im.Digest), short(cn.String()))
	if r.cache != nil {
		e := entry{Ref: ref, Platform: platform, Digest: im.Digest, Config: cn.String(), Fetched: r.opts.Now().UTC()}
		if err := r.cache.store(e, raw); err != nil {
			r.logf("%s (%s): not cached: %v", ref, platform, err)
		}
	}
	return im.Config, nil
}

func (r *Resolver) logf(format string, args ...any) {
	if r.opts.Log == nil {
		return
	}
	r.logMu.Lock()
	defer r.logMu.Unlock()
	r.opts.Log("resolve-base: "+format, args...)
}

// short abbreviates a digest for messages ("sha256:0123456789ab").
func short(d string) string {
	if len(d) > len("sha256:")+12 {
		return d[:len("sha256:")+12]
	}
	return d
}
