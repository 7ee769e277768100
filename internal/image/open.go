package image

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
)

// Options for opening an image. The zero value is ready to use.
type Options struct {
	// Platform picks a child of a multi-arch index, "os/arch[/variant]".
	// Empty means linux/amd64, go-containerregistry's default and the
	// platform most CI images are scanned for; it does not depend on the
	// machine running the scan, so results are reproducible.
	Platform string
	// Insecure allows plain HTTP for non-loopback registries. TLS
	// certificates are still verified when HTTPS is used.
	Insecure bool
	// Keychain resolves credentials; nil means authn.DefaultKeychain,
	// which reads the Docker config (honouring DOCKER_CONFIG) and runs
	// credential helpers.
	Keychain authn.Keychain
	// Transport is the HTTP transport for registry requests; nil means
	// remote.DefaultTransport. go-containerregistry wraps it with retries
	// (on by default) and auth. Tests inject fault-injecting round trippers.
	Transport http.RoundTripper
	// UserAgent is sent to registries when not empty.
	UserAgent string
}

// Image is one opened image.
type Image struct {
	// Ref is what the user typed.
	Ref string
	// Name is the canonical name: the fully qualified registry reference,
	// or the path with ":TAG" or "@DIGEST" for archives and layouts.
	Name string
	// Digest is the image manifest digest "sha256:...". A docker-archive
	// holds no manifest (it would have to be synthesised by gzipping every
	// layer), so there it is the image ID, the config digest, as
	// `docker inspect` shows it.
	Digest string
	// Config is the parsed image config; its digest has been checked.
	Config *v1.ConfigFile
	// Platform is "os/arch[/variant]" from the config.
	Platform string
	// Kind is where the image came from.
	Kind Kind
	// Img is the underlying image, ready for Walk.
	Img v1.Image
}

// Open opens the one image ref names. Where ref holds several images (a
// docker-archive with several tags, an OCI layout with several manifests)
// and names none of them, the error lists the choices; use OpenAll to get
// them all. For registry images, ctx also bounds the later layer downloads
// done by Walk.
func Open(ctx context.Context, ref string, opts Options) (*Image, error) {
	imgs, err := open(ctx, ref, opts, false)
	if err != nil {
		return nil, err
	}
	return imgs[0], nil
}

// OpenAll opens every image ref holds: each image of a multi-image
// docker-archive (one per image, named by its first tag) or each manifest of
// an OCI layout (nested indexes resolved by platform). For a registry
// reference, or when ref selects a tag or digest, it returns one image.
func OpenAll(ctx context.Context, ref string, opts Options) ([]*Image, error) {
	return open(ctx, ref, opts, true)
}

// picked is an image chosen from a source before its config is loaded.
type picked struct {
	name string
	img  v1.Image
}

func open(ctx context.Context, ref string, opts Options, all bool) ([]*Image, error) {
	kind, p, sel, err := ParseRef(ref)
	if err != nil {
		return nil, err
	}
	plat, err := optsPlatform(ref, opts)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	var ps []picked
	switch kind {
	case KindRegistry:
		ps, err = openRegistry(ctx, p, plat, opts)
	case KindDockerArchive:
		ps, err = openDockerArchive(p, sel, all)
	case KindOCIDir:
		ps, err = openOCIDir(p, sel, plat, all)
	case KindDaemon:
		ps, err = openDaemon(ctx, p)
	case KindOCIArchive:
		var idx v1.ImageIndex
		if idx, err = openOCIArchive(p); err == nil {
			ps, err = fromLayout(idx, p, sel, plat, all)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", ref, err)
	}
	out := make([]*Image, 0, len(ps))
	for _, pk := range ps {
		im, err := load(pk, kind)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", ref, pk.name, err)
		}
		im.Ref = ref
		out = append(out, im)
	}
	return out, nil
}

// load reads and checks the config and fills in an Image.
func load(pk picked, kind Kind) (*Image, error) {
	raw, err := pk.img.RawConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	// Layouts and archives on disk are not verified by anyone else; the
	// config's diff_ids are what Walk checks layer content against, so the
	// config itself must match the digest the manifest names.
	// (ConfigName would only hash the bytes we already have.) A plain-tar
	// docker-archive has no manifest to check against.
	cn, err := pk.img.ConfigName()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if _, plain := pk.img.(diffIDDigests); !plain {
		m, err := pk.img.Manifest()
		if err != nil {
			return nil, fmt.Errorf("reading manifest: %w", err)
		}
		if m.Config.Digest != cn {
			return nil, fmt.Errorf("config digest mismatch: manifest names %s, content is %s", m.Config.Digest, cn)
		}
	}
	cf, err := v1.ParseConfigFile(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("parsing config: %w", err)
	}
	im := &Image{Name: pk.name, Config: cf, Kind: kind, Img: pk.img}
	if kind == KindDockerArchive || kind == KindDaemon {
		im.Digest = cn.String()
	} else {
		d, err := pk.img.Digest()
		if err != nil {
			return nil, fmt.Errorf("manifest digest: %w", err)
		}
		im.Digest = d.String()
	}
	im.Platform = (&v1.Platform{OS: cf.OS, Architecture: cf.Architecture, Variant: cf.Variant}).String()
	return im, nil
}

func openRegistry(ctx context.Context, s string, plat v1.Platform, opts Options) ([]picked, error) {
	ref, err := name.ParseReference(s)
	if err != nil {
		return nil, err
	}
	if nopts := registryNameOptions(ref.Context().RegistryStr(), opts); nopts != nil {
		if ref, err = name.ParseReference(s, nopts...); err != nil {
			return nil, err
		}
	}
	desc, err := remote.Get(ref, append(remoteOptions(ctx, opts), remote.WithPlatform(plat))...)
	if err != nil {
		return nil, explainRegistry(err, opts.Insecure)
	}
	var img v1.Image
	if desc.MediaType.IsIndex() {
		// Pick the child ourselves rather than through desc.Image() so the
		// error can list the platforms the index does have.
		idx, err := desc.ImageIndex()
		if err != nil {
			return nil, err
		}
		img, err = pickPlatform(idx, plat, ref.Name(), 0)
		if err != nil {
			return nil, err
		}
	} else if img, err = desc.Image(); err != nil {
		return nil, err
	}
	return []picked{{name: ref.Name(), img: img}}, nil
}

// registryNameOptions lets plain HTTP be tried where it is allowed: ggcr
// already speaks http to 127.0.0.1 and localhost, but not to the rest of
// 127/8 or to ::1 with a port; name.Insecure makes it try http there too,
// and for every registry with Options.Insecure. Non-loopback hosts are
// kept on https by httpsGuard.
func registryNameOptions(registry string, opts Options) []name.Option {
	if opts.Insecure || isLoopbackHost(registryHost(registry)) {
		return []name.Option{name.Insecure}
	}
	return nil
}

// remoteOptions are the options of every registry request: ctx,
// credentials, the HTTPS guard and the user agent.
func remoteOptions(ctx context.Context, opts Options) []remote.Option {
	base := opts.Transport
	if base == nil {
		base = remote.DefaultTransport
	}
	kc := opts.Keychain
	if kc == nil {
		kc = authn.DefaultKeychain
	}
	ropts := []remote.Option{
		remote.WithContext(ctx),
		remote.WithAuthFromKeychain(kc),
		remote.WithTransport(&httpsGuard{base: base, allowHTTP: opts.Insecure}),
	}
	if opts.UserAgent != "" {
		ropts = append(ropts, remote.WithUserAgent(opts.UserAgent))
	}
	return ropts
}

// plainHTTPAnswer is net/http's error when a TLS client meets a server
// that speaks plain HTTP.
const plainHTTPAnswer = "server gave HTTP response to HTTPS client"

// explainRegistry adds what to do to registry errors whose cause is
// clear: a registry that speaks plain HTTP needs Insecure.
func explainRegistry(err error, insecure bool) error {
	if !insecure && strings.Contains(err.Error(), plainHTTPAnswer) {
		return fmt.Errorf("%w (the registry speaks plain HTTP; --insecure, or image.insecure in the configuration, allows it for this scan)", err)
	}
	return err
}

func openDockerArchive(p, sel string, all bool) ([]picked, error) {
	if _, err := os.Stat(p); err != nil {
		return nil, err
	}
	opener := func() (io.ReadCloser, error) { return os.Open(p) }
	m, err := tarball.LoadManifest(opener)
	if err != nil {
		return nil, fmt.Errorf("not a docker-archive (`docker save` tarball): %w", err)
	}
	if len(m) == 0 {
		return nil, errors.New("docker-archive lists no images in manifest.json")
	}
	var tags []string
	for _, d := range m {
		tags = append(tags, d.RepoTags...)
	}
	available := "available tags: " + listOrNone(tags)

	type choice struct {
		tag   *name.Tag
		label string
		first string // first layer file, to tell compressed from plain layers
	}
	var cs []choice
	switch {
	case sel != "":
		want, err := name.NewTag(sel)
		if err != nil {
			return nil, fmt.Errorf("invalid tag %q: %w", sel, err)
		}
	find:
		for _, d := range m {
			for _, t := range d.RepoTags {
				if tt, err := name.NewTag(t); err == nil && tt.Name() == want.Name() {
					cs = append(cs, choice{&want, t, firstLayer(d)})
					break find
				}
			}
		}
		if cs == nil {
			return nil, fmt.Errorf("no tag %q in docker-archive; %s", sel, available)
		}
	case len(m) == 1:
		label := ""
		if len(m[0].RepoTags) > 0 {
			label = m[0].RepoTags[0]
		}
		cs = append(cs, choice{nil, label, firstLayer(m[0])})
	case all:
		for i, d := range m {
			if len(d.RepoTags) == 0 {
				return nil, fmt.Errorf("docker-archive holds %d images and image %d (config %s) has no tag to select it by", len(m), i, d.Config)
			}
			t, err := name.NewTag(d.RepoTags[0])
			if err != nil {
				return nil, fmt.Errorf("invalid tag %q in manifest.json: %w", d.RepoTags[0], err)
			}
			cs = append(cs, choice{&t, d.RepoTags[0], firstLayer(d)})
		}
	default:
		return nil, fmt.Errorf("docker-archive holds %d images; pick one with docker-archive:%s:TAG; %s", len(m), p, available)
	}
	var out []picked
	for _, c := range cs {
		img, err := tarball.Image(opener, c.tag)
		if err != nil {
			return nil, err
		}
		if !layerCompressed(p, c.first) {
			// The manifest digest of a plain-tar image means gzipping
			// every layer; make Walk report diff_ids instead.
			img = diffIDDigests{img}
		}
		n := p
		if c.label != "" {
			n = p + ":" + c.label
		}
		out = append(out, picked{name: n, img: img})
	}
	return out, nil
}

func firstLayer(d tarball.Descriptor) string {
	if len(d.Layers) == 0 {
		return ""
	}
	return d.Layers[0]
}

// layerCompressed peeks at the first bytes of one archive member for the gzip
// or zstd magic. go-containerregistry makes the same check but keeps the
// answer to itself.
func layerCompressed(archive, member string) bool {
	if member == "" {
		return false
	}
	f, err := os.Open(archive)
	if err != nil {
		return false
	}
	defer f.Close()
	compressed := false
	scanTar(f, func(tr *tar.Reader, hdr *tar.Header) bool {
		if strings.TrimPrefix(hdr.Name, "./") != member {
			return true
		}
		var b [4]byte
		n, _ := io.ReadFull(tr, b[:])
		compressed = (n >= 2 && b[0] == 0x1f && b[1] == 0x8b) || (n == 4 && b == [4]byte{0x28, 0xb5, 0x2f, 0xfd})
		return false
	})
	return compressed
}

// diffIDDigests marks an image whose layers have no cheap compressed digest;
// Walk then reports each layer's diff_id as its LayerDigest.
type diffIDDigests struct{ v1.Image }

func openOCIDir(p, sel string, plat v1.Platform, all bool) ([]picked, error) {
	fi, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, errors.New("oci-dir: not a directory (for a tar of a layout use oci-archive:)")
	}
	if _, err := os.Stat(filepath.Join(p, "index.json")); errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("not an OCI image layout: no index.json")
	}
	idx, err := layout.ImageIndexFromPath(p)
	if err != nil {
		return nil, err
	}
	return fromLayout(idx, p, sel, plat, all)
}

// fromLayout chooses images from the top-level index of an OCI layout, whose
// entries are usually distinct images named by the ref.name annotation.
func fromLayout(idx v1.ImageIndex, p, sel string, plat v1.Platform, all bool) ([]picked, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	if len(im.Manifests) == 0 {
		return nil, errors.New("OCI layout holds no images (index.json lists no manifests)")
	}
	var names []string
	for _, d := range im.Manifests {
		if n := d.Annotations[indexRefName]; n != "" {
			names = append(names, n)
		} else {
			names = append(names, "@"+d.Digest.String())
		}
	}
	available := "available: " + listOrNone(names)
	var chosen []v1.Descriptor
	switch {
	case strings.HasPrefix(sel, "sha256:"):
		h, err := v1.NewHash(sel)
		if err != nil {
			return nil, fmt.Errorf("invalid digest %q: %w", sel, err)
		}
		for _, d := range im.Manifests {
			if d.Digest == h {
				chosen = append(chosen, d)
				break
			}
		}
		if chosen == nil {
			return nil, fmt.Errorf("no manifest %s in OCI layout; %s", sel, available)
		}
	case sel != "":
		for _, d := range im.Manifests {
			if refNameMatches(d.Annotations[indexRefName], sel) {
				chosen = append(chosen, d)
				break
			}
		}
		if chosen == nil {
			return nil, fmt.Errorf("no tag %q in OCI layout; %s", sel, available)
		}
	case len(im.Manifests) == 1 || all:
		chosen = im.Manifests
	case platformList(im.Manifests):
		// Some tools write a multi-arch image's children straight into
		// index.json: treat it as a platform index.
		img, err := pickPlatform(idx, plat, p, 0)
		if err != nil {
			return nil, err
		}
		return []picked{{name: p, img: img}}, nil
	default:
		return nil, fmt.Errorf("OCI layout holds %d images; pick one with PATH:TAG or PATH@sha256:...; %s", len(im.Manifests), available)
	}
	var out []picked
	for _, d := range chosen {
		img, err := resolve(idx, d, plat, p, 0)
		if err != nil {
			return nil, err
		}
		n := p + "@" + d.Digest.String()
		if r := d.Annotations[indexRefName]; r != "" {
			n = p + ":" + r
		}
		out = append(out, picked{name: n, img: img})
	}
	return out, nil
}

// refNameMatches compares a ref.name annotation to a user's tag. Annotations
// are either a bare tag ("1.4") or, as containerd and buildx write them, a
// whole reference ("docker.io/library/app:1.4").
func refNameMatches(ann, sel string) bool {
	if ann == "" {
		return false
	}
	if ann == sel {
		return true
	}
	if i := strings.LastIndexByte(ann, ':'); i >= 0 && !strings.Contains(ann[i:], "/") && ann[i+1:] == sel {
		return true
	}
	a, err1 := name.NewTag(ann)
	b, err2 := name.NewTag(sel)
	return err1 == nil && err2 == nil && a.Name() == b.Name()
}

// platformList reports whether every entry carries a platform and none a
// ref name, i.e. the list is one multi-arch image rather than several images.
func platformList(ds []v1.Descriptor) bool {
	for _, d := range ds {
		if d.Platform == nil || d.Annotations[indexRefName] != "" {
			return false
		}
	}
	return true
}

const maxIndexDepth = 4

// resolve turns a descriptor into an image, choosing by platform when it
// names an index.
func resolve(idx v1.ImageIndex, d v1.Descriptor, plat v1.Platform, where string, depth int) (v1.Image, error) {
	if d.MediaType.IsIndex() {
		if depth >= maxIndexDepth {
			return nil, fmt.Errorf("indexes nested more than %d deep", maxIndexDepth)
		}
		child, err := idx.ImageIndex(d.Digest)
		if err != nil {
			return nil, err
		}
		return pickPlatform(child, plat, where+"@"+d.Digest.String(), depth+1)
	}
	if d.MediaType != "" && !d.MediaType.IsImage() {
		return nil, fmt.Errorf("manifest %s has media type %s, not an image", d.Digest, d.MediaType)
	}
	return idx.Image(d.Digest)
}

// pickPlatform chooses the child of a multi-arch index that matches plat and
// lists the platforms on offer when none does.
func pickPlatform(idx v1.ImageIndex, plat v1.Platform, where string, depth int) (v1.Image, error) {
	im, err := idx.IndexManifest()
	if err != nil {
		return nil, err
	}
	var avail []string
	for _, d := range im.Manifests {
		if d.Platform == nil || d.Platform.OS == "unknown" {
			// Unknown/unknown entries are BuildKit attestations.
			continue
		}
		avail = append(avail, d.Platform.String())
		if platformMatches(*d.Platform, plat) {
			return resolve(idx, d, plat, where, depth)
		}
	}
	return nil, fmt.Errorf("no platform %s in index %s; available platforms: %s", plat.String(), where, listOrNone(avail))
}

// platformMatches compares OS, architecture and, when asked for, variant;
// arm64 with no variant is v8.
func platformMatches(have, want v1.Platform) bool {
	if have.OS != want.OS || have.Architecture != want.Architecture {
		return false
	}
	if want.Variant == "" || have.Variant == want.Variant {
		return true
	}
	return have.Architecture == "arm64" && have.Variant == "" && want.Variant == "v8"
}

func listOrNone(xs []string) string {
	if len(xs) == 0 {
		return "(none)"
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	return strings.Join(slices.Compact(xs), ", ")
}
