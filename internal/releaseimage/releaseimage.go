// Package releaseimage assembles dockstride's own container image from
// prebuilt static binaries, with go-containerregistry alone: no Docker
// engine, no base image to pull, no network. The result is a multi-arch OCI
// image index, FROM scratch in effect, whose single user is the numeric,
// non-root UID 65532, written to an OCI image layout directory that
// `dockstride image oci-dir:…` and `crane push` read.
package releaseimage

import (
	"archive/tar"
	"bytes"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// The image's fixed layout. UID and GID 65532 are distroless's "nonroot",
// which Kubernetes' runAsNonRoot can verify because the USER is numeric.
const (
	UID        = 65532
	BinaryPath = "/usr/local/bin/dockstride"
	WorkDir    = "/work"
	HomeDir    = "/home/nonroot"
	CACertPath = "/etc/ssl/certs/ca-certificates.crt"
)

// Binary is one platform's dockstride executable.
type Binary struct {
	Platform v1.Platform
	Path     string
}

// Spec is what goes into the image.
type Spec struct {
	// Binaries holds one static Linux executable per platform.
	Binaries []Binary
	// CACerts is the PEM bundle installed at CACertPath, which Go's TLS
	// stack reads on Linux: `dockstride image` talks HTTPS to registries.
	CACerts []byte
	// Version and Revision label the image (org.opencontainers.image.*);
	// empty ones are left out.
	Version, Revision string
	// Source is the repository URL for org.opencontainers.image.source.
	Source string
	// Created is the image's creation time and every file's mtime. The
	// zero time means the Unix epoch, so an unset time still gives a
	// reproducible digest.
	Created time.Time
}

// Build returns the multi-arch image index: one image per binary, all
// sharing the layer of base files (passwd, group, CA certificates and the
// directories) and each adding its binary in a second layer.
func Build(spec Spec) (v1.ImageIndex, error) {
	if len(spec.Binaries) == 0 {
		return nil, errors.New("no binaries to put in the image")
	}
	if len(spec.CACerts) == 0 {
		return nil, errors.New("no CA certificates: registry scans inside the image would fail TLS verification")
	}
	created := spec.Created.UTC().Truncate(time.Second)
	if spec.Created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	base, err := layerOf(baseFiles(spec.CACerts), created)
	if err != nil {
		return nil, err
	}
	idx := mutate.IndexMediaType(empty.Index, types.OCIImageIndex)
	seen := map[string]bool{}
	for _, b := range spec.Binaries {
		p := b.Platform
		if p.OS != "linux" {
			return nil, fmt.Errorf("%s: platform %s: the image is Linux only", b.Path, p.String())
		}
		if seen[p.String()] {
			return nil, fmt.Errorf("%s: a second binary for %s", b.Path, p.String())
		}
		seen[p.String()] = true
		img, err := platformImage(spec, b, base, created)
		if err != nil {
			return nil, err
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{
			Add:        img,
			Descriptor: v1.Descriptor{Platform: &p},
		})
	}
	return mutate.Annotations(idx, annotations(spec, created)).(v1.ImageIndex), nil
}

func platformImage(spec Spec, b Binary, base v1.Layer, created time.Time) (v1.Image, error) {
	bin, err := os.ReadFile(b.Path)
	if err != nil {
		return nil, err
	}
	if err := checkStaticELF(bin, b.Platform.Architecture); err != nil {
		return nil, fmt.Errorf("%s: %w", b.Path, err)
	}
	binLayer, err := layerOf([]file{
		{name: "usr/", mode: 0o755},
		{name: "usr/local/", mode: 0o755},
		{name: "usr/local/bin/", mode: 0o755},
		// Owned by root: the non-root user cannot replace the binary.
		{name: BinaryPath[1:], mode: 0o755, body: bin},
	}, created)
	if err != nil {
		return nil, err
	}
	cfg := &v1.ConfigFile{
		Architecture: b.Platform.Architecture,
		OS:           b.Platform.OS,
		Variant:      b.Platform.Variant,
		Created:      v1.Time{Time: created},
		Author:       "dockstride scripts/buildimage",
		Config: v1.Config{
			User:       strconv.Itoa(UID) + ":" + strconv.Itoa(UID),
			Entrypoint: []string{BinaryPath},
			Cmd:        []string{"lint"},
			WorkingDir: WorkDir,
			Env:        []string{"PATH=/usr/local/bin", "HOME=" + HomeDir},
			Labels:     annotations(spec, created),
		},
		RootFS: v1.RootFS{Type: "layers"},
	}
	img := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	img, err = mutate.ConfigFile(img, cfg)
	if err != nil {
		return nil, err
	}
	// The history is the tool's own comment: it records no Dockerfile
	// instruction, so an image scan has nothing to replay from it.
	img, err = mutate.Append(img,
		mutate.Addendum{Layer: base, History: v1.History{Created: v1.Time{Time: created}, Author: cfg.Author,
			CreatedBy: "buildimage: base files (passwd and group with nonroot " + strconv.Itoa(UID) + ", CA certificates, " + HomeDir + ", " + WorkDir + ", /tmp)"}},
		mutate.Addendum{Layer: binLayer, History: v1.History{Created: v1.Time{Time: created}, Author: cfg.Author,
			CreatedBy: "buildimage: " + BinaryPath + " (" + b.Platform.String() + ")"}},
	)
	if err != nil {
		return nil, err
	}
	return mutate.Annotations(img, annotations(spec, created)).(v1.Image), nil
}

// annotations are the OCI image annotations, also used as config labels.
func annotations(spec Spec, created time.Time) map[string]string {
	a := map[string]string{
		"org.opencontainers.image.title":       "dockstride",
		"org.opencontainers.image.description": "Lint Dockerfiles and container images, with every finding tied to a threat",
		"org.opencontainers.image.licenses":    "Apache-2.0",
		"org.opencontainers.image.created":     created.Format(time.RFC3339),
	}
	for k, v := range map[string]string{
		"org.opencontainers.image.source":   spec.Source,
		"org.opencontainers.image.version":  spec.Version,
		"org.opencontainers.image.revision": spec.Revision,
	} {
		if v != "" {
			a[k] = v
		}
	}
	return a
}

// file is one tar entry; a name ending in "/" is a directory.
type file struct {
	name string
	mode int64
	uid  int // and gid
	body []byte
}

// baseFiles are the files every platform's image shares: what a scratch
// image lacks for a non-root user and for TLS.
func baseFiles(caCerts []byte) []file {
	uid := strconv.Itoa(UID)
	passwd := "root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:" + uid + ":" + uid + ":nonroot:" + HomeDir + ":/sbin/nologin\n"
	group := "root:x:0:\nnonroot:x:" + uid + ":\n"
	return []file{
		{name: "etc/", mode: 0o755},
		{name: "etc/passwd", mode: 0o644, body: []byte(passwd)},
		{name: "etc/group", mode: 0o644, body: []byte(group)},
		{name: "etc/ssl/", mode: 0o755},
		{name: "etc/ssl/certs/", mode: 0o755},
		{name: CACertPath[1:], mode: 0o644, body: caCerts},
		{name: "home/", mode: 0o755},
		{name: HomeDir[1:] + "/", mode: 0o700, uid: UID},
		// Sticky and world-writable, as everywhere: Go's os.TempDir.
		{name: "tmp/", mode: 0o1777},
		{name: WorkDir[1:] + "/", mode: 0o755, uid: UID},
	}
}

// layerOf writes files into one uncompressed tar, every entry with the
// same mtime and no user or group names, so equal inputs give equal
// digests; go-containerregistry gzips it.
func layerOf(files []file, mtime time.Time) (v1.Layer, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Uid: f.uid, Gid: f.uid, ModTime: mtime, Format: tar.FormatPAX}
		if f.name[len(f.name)-1] == '/' {
			hdr.Typeflag = tar.TypeDir
		} else {
			hdr.Typeflag = tar.TypeReg
			hdr.Size = int64(len(f.body))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, err
		}
		if _, err := tw.Write(f.body); err != nil {
			return nil, err
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	data := buf.Bytes()
	return tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	}, tarball.WithMediaType(types.OCILayer))
}

// elfMachine maps a Go architecture to its ELF machine.
var elfMachine = map[string]elf.Machine{
	"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64, "arm": elf.EM_ARM,
	"386": elf.EM_386, "ppc64le": elf.EM_PPC64, "s390x": elf.EM_S390, "riscv64": elf.EM_RISCV,
}

// checkStaticELF refuses what would not run in a scratch image: another
// architecture's binary, or one that needs a dynamic loader (built with
// cgo).
func checkStaticELF(bin []byte, arch string) error {
	f, err := elf.NewFile(bytes.NewReader(bin))
	if err != nil {
		return fmt.Errorf("not a Linux (ELF) executable: %w", err)
	}
	defer f.Close()
	want, ok := elfMachine[arch]
	if !ok {
		return fmt.Errorf("unsupported architecture %q", arch)
	}
	if f.Machine != want {
		return fmt.Errorf("built for %s, not %s", f.Machine, arch)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return errors.New("dynamically linked (build with CGO_ENABLED=0): a scratch image has no loader")
		}
	}
	return nil
}

// WriteLayout writes idx as an OCI image layout at dir, named refName by
// the org.opencontainers.image.ref.name annotation (so
// `oci-dir:DIR:REFNAME` selects it), and returns the index digest. dir
// must be absent, empty or an earlier layout, which is replaced.
func WriteLayout(dir string, idx v1.ImageIndex, refName string) (v1.Hash, error) {
	if err := clearLayoutDir(dir); err != nil {
		return v1.Hash{}, err
	}
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		return v1.Hash{}, err
	}
	var opts []layout.Option
	if refName != "" {
		opts = append(opts, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": refName}))
	}
	if err := p.AppendIndex(idx, opts...); err != nil {
		return v1.Hash{}, err
	}
	return idx.Digest()
}

// clearLayoutDir empties dir only when it holds nothing or an OCI layout,
// so a mistyped -out never deletes someone's files.
func clearLayoutDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) || (err == nil && len(entries) == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "oci-layout")); err != nil {
		return fmt.Errorf("%s exists and is not an OCI image layout: refusing to replace it", dir)
	}
	return os.RemoveAll(dir)
}
