package image

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"path"
	"strings"

	v1 "github.com/google/go-containerregistry/pkg/v1"
	kgzip "github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// DefaultMaxFileBytes is WalkOptions.MaxFileBytes unless set.
const DefaultMaxFileBytes = 1 << 20

// maxTrailingBytes bounds the data accepted after a layer's end-of-archive
// marker. Real layers pad to a 10 KiB record at most; a few GiB of zeros
// behind the tar end is a decompression bomb that would otherwise be inflated
// only to check the diff_id.
const maxTrailingBytes = 1 << 20

const (
	whiteoutPrefix = ".wh."
	whiteoutOpaque = ".wh..wh..opq"
)

// WalkOptions tunes Walk. The zero value visits metadata only.
type WalkOptions struct {
	// MaxFileBytes caps the content bytes captured per file (default
	// DefaultMaxFileBytes). Longer files are captured up to the cap and
	// marked Truncated.
	MaxFileBytes int64
	// Want says which regular files' content to capture; nil captures
	// none. Metadata of every entry is visited regardless.
	Want func(path string, hdr *tar.Header) bool
}

// Entry is one tar entry of one layer, handed to the visit function. It and
// its Header are fresh for every call, so a visitor may keep them.
type Entry struct {
	// Layer is the 0-based layer index, bottom layer first.
	Layer int
	// LayerDigest is the compressed digest "sha256:..." of the layer as the
	// manifest names it (for docker-archives with plain tar layers, which
	// have no compressed digest, the DiffID).
	LayerDigest string
	// DiffID is the digest of the uncompressed layer.
	DiffID string
	// Path is the cleaned absolute path, e.g. "/etc/shadow". It never
	// contains ".." and never leaves "/", whatever the tar says.
	Path string
	// Header is the tar header as read, Name and Linkname untouched.
	Header *tar.Header
	// Content is the captured prefix of a regular file when Want said yes
	// (at most MaxFileBytes), else nil.
	Content []byte
	// Truncated says the file is longer than Content.
	Truncated bool
	// Link is the cleaned absolute target of a hard link, or the raw
	// target of a symlink. Neither is ever followed.
	Link string
	// Whiteout is set on whiteout markers: the path this marker deletes
	// from lower layers, or for an opaque marker the directory whose
	// lower contents it hides (with Opaque set).
	Whiteout string
	// Opaque marks a ".wh..wh..opq" marker.
	Opaque bool
	// Escaped says the raw name was absolute or climbed out with "..";
	// Path has been confined to "/" anyway, but such a tar is suspect
	// (CWE-22: an extractor that trusts names writes outside its target).
	Escaped bool
	// LinkEscaped says a link's raw target leaves the root: a hard link
	// whose target is absolute or climbs above "/", or a symlink whose
	// relative target climbs above "/" from the link's directory. Link
	// keeps the confined (hard link) or raw (symlink) target; such a tar
	// is suspect the same way.
	LinkEscaped bool
}

// LayerCheck is what Walk learned of one layer's integrity.
type LayerCheck struct {
	// Digest and DiffID are as in Entry.
	Digest, DiffID string
	// Verified says the whole layer was read and matched its digests: the
	// config's diff_id and, for registry blobs, the manifest's digest.
	// Entries of an unverified layer come from content the image's
	// digests do not vouch for; callers should withhold or mark what they
	// report from them.
	Verified bool
	// Err says why a layer was not verified: a *VerifyError for a digest
	// mismatch, else what stopped the read (a corrupt stream, the context,
	// the visitor's error). Nil when Verified.
	Err error
}

// VerifyError is a layer whose content does not match a digest the image
// records for it.
type VerifyError struct {
	Layer  int
	Digest string
	// Want is the recorded digest, Got what the content hashes to ("" when
	// go-containerregistry's check of a registry blob reported it).
	Want, Got string
	err       error
}

func (e *VerifyError) Error() string {
	if e.err != nil {
		return "layer content does not match its digest: " + e.err.Error()
	}
	return fmt.Sprintf("content digest %s does not match diff_id %s in the config", e.Got, e.Want)
}

func (e *VerifyError) Unwrap() error { return e.err }

// Walk visits every entry of every layer of img, bottom layer first, reading
// each layer once as a stream: decompressed on the fly (gzip, zstd or plain
// tar), never written to disk. Each layer's uncompressed bytes are hashed and
// checked against the config's diff_id, so a corrupt, truncated or swapped
// blob fails the walk with an error naming the layer. Content is captured
// only for files opts.Want selects, up to opts.MaxFileBytes each.
//
// visit's error stops the walk and is returned as is. ctx is checked
// between entries and while reading, so a deadline also stops the walk
// inside one huge entry; for registry images, the ctx given to Open bounds
// the downloads.
//
// The returned Result counts what was read and tells which layers were
// verified (an Overlay fed the entries tells which paths survive). When a layer
// fails, Walk returns the Result so far with the error: its last Check is
// the failing layer (a *VerifyError on a digest mismatch), whose entries
// were visited before the mismatch could be known. Memory use is bounded as
// the package doc describes.
func Walk(ctx context.Context, img v1.Image, opts WalkOptions, visit func(*Entry) error) (*Result, error) {
	if opts.MaxFileBytes <= 0 {
		opts.MaxFileBytes = DefaultMaxFileBytes
	}
	layers, err := img.Layers()
	if err != nil {
		return nil, fmt.Errorf("listing layers: %w", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	if len(cf.RootFS.DiffIDs) != len(layers) {
		return nil, fmt.Errorf("config lists %d diff_ids but the image has %d layers", len(cf.RootFS.DiffIDs), len(layers))
	}
	digests, err := layerDigests(img, cf, len(layers))
	if err != nil {
		return nil, err
	}
	_, plain := img.(diffIDDigests)
	w := &walker{ctx: ctx, opts: opts, visit: visit, res: &Result{Layers: len(layers)}, h: sha256.New(), plain: plain}
	for i, l := range layers {
		if err := ctx.Err(); err != nil {
			return w.res, err
		}
		diffID := cf.RootFS.DiffIDs[i]
		err := w.layer(i, l, digests[i], diffID)
		fromVisit := errors.Is(err, errVisit)
		if fromVisit {
			err = errors.Unwrap(err)
		}
		w.res.Checks = append(w.res.Checks, LayerCheck{Digest: digests[i], DiffID: diffID.String(), Verified: err == nil, Err: err})
		switch {
		case err == nil:
		case fromVisit:
			return w.res, err
		default:
			return w.res, fmt.Errorf("layer %d (%s): %w", i, digests[i], err)
		}
	}
	return w.res, nil
}

// LayerDigests returns the digests Walk reports as Entry.LayerDigest, bottom
// layer first: the compressed digests the manifest names or, for a
// docker-archive of plain tar layers, the diff_ids.
func LayerDigests(img v1.Image) ([]string, error) {
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, fmt.Errorf("reading config: %w", err)
	}
	return layerDigests(img, cf, len(cf.RootFS.DiffIDs))
}

func layerDigests(img v1.Image, cf *v1.ConfigFile, n int) ([]string, error) {
	digests := make([]string, n)
	if _, plain := img.(diffIDDigests); plain {
		for i, d := range cf.RootFS.DiffIDs {
			if i < n {
				digests[i] = d.String()
			}
		}
		return digests, nil
	}
	m, err := img.Manifest()
	if err != nil {
		return nil, fmt.Errorf("reading manifest: %w", err)
	}
	if len(m.Layers) != n {
		return nil, fmt.Errorf("manifest lists %d layers but the image has %d", len(m.Layers), n)
	}
	for i, d := range m.Layers {
		digests[i] = d.Digest.String()
	}
	return digests, nil
}

// errVisit wraps errors from the visitor so Walk returns them unwrapped.
var errVisit = errors.New("visit")

type visitErr struct{ err error }

func (e visitErr) Error() string        { return e.err.Error() }
func (e visitErr) Is(target error) bool { return target == errVisit }
func (e visitErr) Unwrap() error        { return e.err }

type walker struct {
	ctx   context.Context
	opts  WalkOptions
	visit func(*Entry) error
	res   *Result
	h     hash.Hash
	plain bool // layers are stored as plain tars: Compressed() would gzip them
}

// maxZstdWindow bounds the zstd decoder's window (and so its memory). zstd's
// default levels use 8 MiB or less; a frame asking for more is refused.
const maxZstdWindow = 32 << 20

// open returns the layer's uncompressed stream. It decompresses the stored
// blob itself rather than through v1.Layer.Uncompressed because
// klauspost/compress's gzip inflates about 1.8x faster than compress/gzip,
// which go-containerregistry uses (BenchmarkWalk), and gzip dominates the
// walk. Registry blobs keep go-containerregistry's digest check, which fires
// when the compressed stream reaches EOF.
func (w *walker) open(l v1.Layer) (io.ReadCloser, error) {
	if w.plain {
		return l.Uncompressed()
	}
	rc, err := l.Compressed()
	if err != nil {
		return nil, err
	}
	br := bufio.NewReaderSize(rc, 64<<10)
	magic, _ := br.Peek(4) // a short or failing read surfaces on the next Read
	switch {
	case len(magic) >= 2 && magic[0] == 0x1f && magic[1] == 0x8b:
		zr, err := kgzip.NewReader(br)
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("gzip: %w", err)
		}
		return readCloser{zr, func() error { zr.Close(); return rc.Close() }}, nil
	case bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow))
		if err != nil {
			rc.Close()
			return nil, fmt.Errorf("zstd: %w", err)
		}
		return readCloser{zr, func() error { zr.Close(); return rc.Close() }}, nil
	}
	return readCloser{br, rc.Close}, nil
}

type readCloser struct {
	io.Reader
	close func() error
}

func (r readCloser) Close() error { return r.close() }

// hashReader feeds everything read into h, for the diff_id check.
type hashReader struct {
	r io.Reader
	h hash.Hash
}

func (hr *hashReader) Read(p []byte) (int, error) {
	n, err := hr.r.Read(p)
	hr.h.Write(p[:n])
	return n, err
}

func (w *walker) layer(i int, l v1.Layer, digest string, diffID v1.Hash) (err error) {
	rc, err := w.open(l)
	if err != nil {
		return fmt.Errorf("opening: %w", err)
	}
	defer func() {
		if cerr := rc.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("closing: %w", cerr)
		}
	}()
	w.h.Reset()
	hr := &hashReader{r: ctxReader{ctx: w.ctx, r: rc}, h: w.h}
	if err := w.entries(tar.NewReader(hr), i, digest, diffID.String()); err != nil {
		return blobVerify(err, i, digest)
	}
	// Read what follows the end-of-archive marker so the diff_id (and, for
	// registry blobs, go-containerregistry's digest check at EOF) covers
	// the whole blob, but refuse to inflate a bomb hidden behind it.
	n, err := io.Copy(io.Discard, io.LimitReader(hr, maxTrailingBytes+1))
	if err != nil {
		return blobVerify(fmt.Errorf("reading after the tar end: %w", err), i, digest)
	}
	if n > maxTrailingBytes {
		return fmt.Errorf("more than %d bytes after the end of the tar archive", maxTrailingBytes)
	}
	if diffID.Algorithm == "sha256" {
		if got := hex.EncodeToString(w.h.Sum(nil)); got != diffID.Hex {
			return &VerifyError{Layer: i, Digest: digest, Want: diffID.String(), Got: "sha256:" + got}
		}
	}
	return nil
}

// blobVerify turns go-containerregistry's digest check of a registry blob,
// which fails the read at EOF, into a *VerifyError. Its error type is
// internal to go-containerregistry; its message is not.
func blobVerify(err error, layer int, digest string) error {
	if err != nil && !errors.Is(err, errVisit) && strings.Contains(err.Error(), "error verifying sha256 checksum") {
		return &VerifyError{Layer: layer, Digest: digest, Want: digest, err: err}
	}
	return err
}

// ctxReader fails reads once ctx is done, so a deadline stops a walk even
// inside one entry of many gigabytes (a decompression bomb), which the tar
// reader skips in a single Next call.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	select {
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	default:
	}
	return c.r.Read(p)
}

func (w *walker) entries(tr *tar.Reader, layer int, digest, diffID string) error {
	for {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading tar: %w", err)
		}
		w.res.Entries++
		p, escaped := cleanName(hdr.Name)
		e := &Entry{Layer: layer, LayerDigest: digest, DiffID: diffID, Path: p, Header: hdr, Escaped: escaped}
		dir, base := path.Split(p)
		switch {
		case base == whiteoutOpaque:
			e.Opaque = true
			e.Whiteout = cleanAbs(dir)
		case strings.HasPrefix(base, whiteoutPrefix) && len(base) > len(whiteoutPrefix):
			e.Whiteout = dir + base[len(whiteoutPrefix):]
		}
		switch hdr.Typeflag {
		case tar.TypeLink:
			e.Link, e.LinkEscaped = cleanName(hdr.Linkname)
		case tar.TypeSymlink:
			e.Link = hdr.Linkname
			e.LinkEscaped = climbsOut(dir, hdr.Linkname)
		case tar.TypeReg:
			if e.Whiteout == "" && w.opts.Want != nil && w.opts.Want(p, hdr) {
				n := min(hdr.Size, w.opts.MaxFileBytes)
				buf := make([]byte, n)
				if _, err := io.ReadFull(tr, buf); err != nil {
					return fmt.Errorf("reading %s: %w", p, err)
				}
				e.Content = buf
				e.Truncated = hdr.Size > n
			}
		}
		if err := w.visit(e); err != nil {
			return visitErr{err}
		}
	}
}

// cleanName confines a tar member name to "/": "../../etc/passwd",
// "/etc/passwd" and "./etc/passwd" all become "/etc/passwd". escaped reports
// names that were absolute or climbed above the root.
func cleanName(name string) (p string, escaped bool) {
	c := path.Clean(name)
	escaped = strings.HasPrefix(name, "/") || c == ".." || strings.HasPrefix(c, "../")
	return cleanAbs(name), escaped
}

// climbsOut reports whether a relative symlink target, read from the
// link's directory dir (absolute, clean), climbs above "/". An absolute
// target stays inside the image's root when the runtime resolves it.
func climbsOut(dir, target string) bool {
	if strings.HasPrefix(target, "/") {
		return false
	}
	depth := strings.Count(strings.Trim(dir, "/"), "/") + 1
	if dir == "/" {
		depth = 0
	}
	for seg := range strings.SplitSeq(target, "/") {
		switch seg {
		case "", ".":
		case "..":
			if depth--; depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// cleanAbs roots and cleans a path; path.Clean drops ".." at the root.
func cleanAbs(p string) string { return path.Clean("/" + p) }

// IsRegular reports whether the entry is a regular file.
func (e *Entry) IsRegular() bool {
	return e.Header != nil && (e.Header.Typeflag == tar.TypeReg || e.Header.Typeflag == '\x00')
}

// IsDir reports whether the entry is a directory.
func (e *Entry) IsDir() bool { return e.Header != nil && e.Header.Typeflag == tar.TypeDir }
