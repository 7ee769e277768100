package baseresolve

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Bounds on what is read back from the cache: a config larger than
// maxConfigBytes is used but not kept, and an entry file larger than
// maxEntryBytes is not one this package wrote.
const (
	maxConfigBytes = 4 << 20
	maxEntryBytes  = 16 << 10
	// tempPrefix starts the names of files being written; ones older
	// than staleTemp were left by a run that died and are removed.
	tempPrefix = ".tmp-"
	staleTemp  = time.Hour
)

// cache is the on-disk store of one directory:
//
//	refs/<sha256 of reference and platform>.json   what the reference named when last asked (an entry)
//	configs/sha256/<hex>                             a config, named by its digest
//
// Configs are content-addressed and checked against their name on every
// read, so a corrupt or tampered file is dropped, never used. Every file
// is written to a temporary name and renamed into place, so concurrent
// runs sharing the directory see whole files or none. The total size is
// kept under max by removing the least recently used files.
type cache struct {
	dir string
	max int64
}

// entry records which manifest and config a reference named for a
// platform, and when the registry said so.
type entry struct {
	Ref      string    `json:"ref"`
	Platform string    `json:"platform"`
	Digest   string    `json:"digest"`
	Config   string    `json:"config"`
	Fetched  time.Time `json:"fetched"`
}

// errCorrupt marks a cache file that is not what its name promises.
var errCorrupt = errors.New("corrupt cache file")

func (c *cache) entryPath(ref, platform string) string {
	h := sha256.Sum256([]byte(ref + "\x00" + platform))
	return filepath.Join(c.dir, "refs", hex.EncodeToString(h[:])+".json")
}

func (c *cache) configPath(h v1.Hash) string {
	return filepath.Join(c.dir, "configs", h.Algorithm, h.Hex)
}

// lookup returns the entry of ref for platform; fs.ErrNotExist when there
// is none, errCorrupt (after removing the file) when it does not decode as
// the entry of that reference.
func (c *cache) lookup(ref, platform string) (entry, error) {
	p := c.entryPath(ref, platform)
	data, err := readCapped(p, maxEntryBytes)
	if err != nil {
		return entry{}, err
	}
	e, err := decodeEntry(data)
	if err == nil && (e.Ref != ref || e.Platform != platform) {
		err = fmt.Errorf("entry is for %s (%s)", e.Ref, e.Platform)
	}
	if err != nil {
		os.Remove(p)
		return entry{}, fmt.Errorf("%w: %s: %v", errCorrupt, p, err)
	}
	return e, nil
}

// decodeEntry reads an entry file: one JSON object with exactly the
// fields of entry, both digests well-formed and a fetch time.
func decodeEntry(data []byte) (entry, error) {
	var e entry
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&e); err != nil {
		return entry{}, err
	}
	if dec.More() {
		return entry{}, errors.New("trailing data after the entry")
	}
	if e.Ref == "" || e.Platform == "" || e.Fetched.IsZero() {
		return entry{}, errors.New("entry lacks its reference, platform or time")
	}
	for _, d := range []string{e.Digest, e.Config} {
		if _, err := v1.NewHash(d); err != nil {
			return entry{}, err
		}
	}
	return e, nil
}

// config returns the config stored under digest d, checked against it;
// errCorrupt (after removing the file) when its content hashes otherwise.
// A hit marks the file used, for eviction.
func (c *cache) config(d string) ([]byte, error) {
	h, err := v1.NewHash(d)
	if err != nil {
		return nil, err
	}
	p := c.configPath(h)
	data, err := readCapped(p, maxConfigBytes)
	if err != nil {
		return nil, err
	}
	if got := sha256.Sum256(data); h.Algorithm != "sha256" || hex.EncodeToString(got[:]) != h.Hex {
		os.Remove(p)
		return nil, fmt.Errorf("%w: %s does not hash to its name", errCorrupt, p)
	}
	now := time.Now()
	_ = os.Chtimes(p, now, now) // best effort: a read-only cache still serves
	return data, nil
}

// store keeps raw, the config e.Config names, and e; then trims the cache
// to its bound. A config over maxConfigBytes is not kept.
func (c *cache) store(e entry, raw []byte) error {
	if len(raw) > maxConfigBytes {
		return nil
	}
	h, err := v1.NewHash(e.Config)
	if err != nil {
		return err
	}
	if err := writeAtomic(c.configPath(h), raw); err != nil {
		return err
	}
	data, err := json.Marshal(e)
	if err != nil {
		return err
	}
	if err := writeAtomic(c.entryPath(e.Ref, e.Platform), data); err != nil {
		return err
	}
	return c.trim()
}

// trim removes the least recently used files until the cache holds at
// most three quarters of max, once it holds more than max; and the
// temporary files of runs that died.
func (c *cache) trim() error {
	type file struct {
		path string
		size int64
		used time.Time
	}
	var files []file
	var total int64
	now := time.Now()
	err := filepath.WalkDir(c.dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed by a concurrent run
			}
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if strings.HasPrefix(d.Name(), tempPrefix) {
			if now.Sub(info.ModTime()) > staleTemp {
				os.Remove(p)
			}
			return nil
		}
		files = append(files, file{p, info.Size(), info.ModTime()})
		total += info.Size()
		return nil
	})
	if err != nil || total <= c.max {
		return err
	}
	slices.SortFunc(files, func(a, b file) int { return a.used.Compare(b.used) })
	for _, f := range files {
		if total <= c.max/4*3 {
			break
		}
		if err := os.Remove(f.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= f.size
		}
	}
	return nil
}

// readCapped reads a file of at most limit bytes; a larger one is
// errCorrupt.
func readCapped(p string, limit int64) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w: %s is larger than %d bytes", errCorrupt, p, limit)
	}
	return data, nil
}

// writeAtomic writes data to p through a temporary file in the same
// directory, so a reader sees the old file, the new one or none.
func writeAtomic(p string, data []byte) error {
	dir := filepath.Dir(p)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return err
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		os.Remove(f.Name())
		return err
	}
	return nil
}
