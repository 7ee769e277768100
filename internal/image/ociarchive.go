package image

import (
	"archive/tar"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/partial"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// maxMetaBytes caps index, manifest and config blobs read into memory from an
// archive. Real ones are a few KiB; the cap keeps a hostile archive from
// making us allocate gigabytes for "JSON".
const maxMetaBytes = 8 << 20

// section is where one member's bytes sit inside the archive file.
type section struct{ off, size int64 }

// tarStore is a read-only OCI layout inside a tar file ("oci-archive:"). One
// pass over the tar headers records where index.json and each
// blobs/<alg>/<hex> member start; blobs are then read straight from the file
// with a SectionReader, so nothing is unpacked to disk. The file is reopened
// per blob so an opened Image holds no file descriptor.
type tarStore struct {
	path    string
	members map[string]section
}

func openTarStore(p string) (*tarStore, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s := &tarStore{path: p, members: map[string]section{}}
	// tar.Reader reads whole 512-byte header blocks and Seeks over file
	// data when the reader is an io.Seeker, so the file offset right after
	// Next is where that member's data starts.
	var serr error
	err = scanTar(f, func(_ *tar.Reader, hdr *tar.Header) bool {
		if hdr.Typeflag != tar.TypeReg {
			return true
		}
		off, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			serr = err
			return false
		}
		n := path.Clean(strings.TrimPrefix(hdr.Name, "/"))
		if n == "index.json" || n == "oci-layout" || strings.HasPrefix(n, "blobs/") {
			s.members[n] = section{off, hdr.Size}
		}
		return true
	})
	if err != nil {
		return nil, fmt.Errorf("not a readable tar archive: %w", err)
	}
	if serr != nil {
		return nil, serr
	}
	if _, ok := s.members["index.json"]; !ok {
		return nil, errors.New("not an OCI archive: the tar holds no index.json")
	}
	return s, nil
}

// open returns a reader over one member.
func (s *tarStore) open(member string) (io.ReadCloser, int64, error) {
	sec, ok := s.members[member]
	if !ok {
		return nil, 0, fmt.Errorf("%s: not in the archive", member)
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, 0, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(f, sec.off, sec.size), f}, sec.size, nil
}

func blobMember(h v1.Hash) string { return "blobs/" + h.Algorithm + "/" + h.Hex }

// readBlob reads a small blob whole and checks its digest, since a layout on
// disk (unlike a registry) has no one verifying it for us.
func (s *tarStore) readBlob(h v1.Hash) ([]byte, error) {
	b, err := s.readMember(blobMember(h))
	if err != nil {
		return nil, err
	}
	if h.Algorithm == "sha256" {
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != h.Hex {
			return nil, fmt.Errorf("blob %s: content has digest sha256:%s", h, got)
		}
	}
	return b, nil
}

func (s *tarStore) readMember(member string) ([]byte, error) {
	rc, size, err := s.open(member)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	if size > maxMetaBytes {
		return nil, fmt.Errorf("%s: %d bytes is too large for index, manifest or config JSON", member, size)
	}
	return io.ReadAll(rc)
}

// tarIndex is a v1.ImageIndex over a tarStore, either index.json itself or a
// nested index blob.
type tarIndex struct {
	s   *tarStore
	raw []byte
	im  *v1.IndexManifest
}

var _ v1.ImageIndex = (*tarIndex)(nil)

func newTarIndex(s *tarStore, raw []byte) (*tarIndex, error) {
	im, err := v1.ParseIndexManifest(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("parsing index: %w", err)
	}
	return &tarIndex{s: s, raw: raw, im: im}, nil
}

// openOCIArchive opens the layout held in a tar file as an index.
func openOCIArchive(p string) (v1.ImageIndex, error) {
	s, err := openTarStore(p)
	if err != nil {
		return nil, err
	}
	raw, err := s.readMember("index.json")
	if err != nil {
		return nil, err
	}
	return newTarIndex(s, raw)
}

func (t *tarIndex) MediaType() (types.MediaType, error) {
	if t.im.MediaType != "" {
		return t.im.MediaType, nil
	}
	return types.OCIImageIndex, nil
}
func (t *tarIndex) Digest() (v1.Hash, error)                  { return partial.Digest(t) }
func (t *tarIndex) Size() (int64, error)                      { return partial.Size(t) }
func (t *tarIndex) IndexManifest() (*v1.IndexManifest, error) { return t.im.DeepCopy(), nil }
func (t *tarIndex) RawManifest() ([]byte, error)              { return t.raw, nil }

func (t *tarIndex) ImageIndex(h v1.Hash) (v1.ImageIndex, error) {
	raw, err := t.s.readBlob(h)
	if err != nil {
		return nil, err
	}
	return newTarIndex(t.s, raw)
}

func (t *tarIndex) Image(h v1.Hash) (v1.Image, error) {
	raw, err := t.s.readBlob(h)
	if err != nil {
		return nil, err
	}
	m, err := v1.ParseManifest(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("manifest %s: %w", h, err)
	}
	mt := m.MediaType
	if mt == "" {
		mt = types.OCIManifestSchema1
		for _, d := range t.im.Manifests {
			if d.Digest == h && d.MediaType != "" {
				mt = d.MediaType
			}
		}
	}
	return partial.CompressedToImage(&tarImage{s: t.s, raw: raw, m: m, mt: mt})
}

// tarImage is the partial.CompressedImageCore of one image manifest in the
// archive; partial fills in the rest of v1.Image.
type tarImage struct {
	s   *tarStore
	raw []byte
	m   *v1.Manifest
	mt  types.MediaType
}

func (t *tarImage) RawConfigFile() ([]byte, error)      { return t.s.readBlob(t.m.Config.Digest) }
func (t *tarImage) MediaType() (types.MediaType, error) { return t.mt, nil }
func (t *tarImage) RawManifest() ([]byte, error)        { return t.raw, nil }

func (t *tarImage) LayerByDigest(h v1.Hash) (partial.CompressedLayer, error) {
	if h == t.m.Config.Digest {
		return &tarLayer{s: t.s, d: t.m.Config}, nil
	}
	for _, d := range t.m.Layers {
		if d.Digest == h {
			return &tarLayer{s: t.s, d: d}, nil
		}
	}
	return nil, fmt.Errorf("blob %s is not in manifest", h)
}

// tarLayer serves one blob as stored. Its content is checked by Walk against
// the config's diff_id, and the config itself by digest.
type tarLayer struct {
	s *tarStore
	d v1.Descriptor
}

func (l *tarLayer) Digest() (v1.Hash, error)            { return l.d.Digest, nil }
func (l *tarLayer) Size() (int64, error)                { return l.d.Size, nil }
func (l *tarLayer) MediaType() (types.MediaType, error) { return l.d.MediaType, nil }
func (l *tarLayer) Compressed() (io.ReadCloser, error) {
	rc, _, err := l.s.open(blobMember(l.d.Digest))
	return rc, err
}

// indexRefName is the OCI annotation that names an image in a layout.
const indexRefName = "org.opencontainers.image.ref.name"
