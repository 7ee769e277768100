// Package imagetest builds container images in memory for tests: tar
// layers from a list of entries, images from layers and a config, and
// images described as txtar archives (the fixture format of the image
// rules). It also serves them from go-containerregistry's in-process
// registry on 127.0.0.1 and writes them as docker-archives and OCI layouts.
// Nothing here touches the network beyond loopback or needs a Docker engine.
package imagetest

import (
	"archive/tar"
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	kgzip "github.com/klauspost/compress/gzip"
)

// Entry is one member of a tar layer.
type Entry struct {
	Name string
	Body string
	// Type is a tar type flag; 0 means a regular file.
	Type byte
	// Mode is the permission bits (with setuid/setgid/sticky); 0 means
	// 0644 for files and 0755 for directories.
	Mode     int64
	UID, GID int
	// Link is the target of a symlink or hard link.
	Link string
}

// File is a regular file.
func File(name, body string) Entry { return Entry{Name: name, Body: body} }

// Dir is a directory.
func Dir(name string) Entry { return Entry{Name: name, Type: tar.TypeDir} }

// Symlink is a symbolic link.
func Symlink(name, to string) Entry { return Entry{Name: name, Type: tar.TypeSymlink, Link: to} }

// Tar writes the entries into an uncompressed tar.
func Tar(tb testing.TB, es ...Entry) []byte {
	tb.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, e := range es {
		typ := e.Type
		if typ == 0 {
			typ = tar.TypeReg
		}
		mode := e.Mode
		if mode == 0 {
			mode = 0o644
			if typ == tar.TypeDir {
				mode = 0o755
			}
		}
		hdr := &tar.Header{Name: e.Name, Typeflag: typ, Mode: mode, Uid: e.UID, Gid: e.GID, Linkname: e.Link,
			ModTime: time.Unix(1700000000, 0), Format: tar.FormatPAX}
		if typ == tar.TypeReg {
			hdr.Size = int64(len(e.Body))
		}
		if err := tw.WriteHeader(hdr); err != nil {
			tb.Fatal(err)
		}
		if typ == tar.TypeReg {
			if _, err := io.WriteString(tw, e.Body); err != nil {
				tb.Fatal(err)
			}
		}
	}
	if err := tw.Close(); err != nil {
		tb.Fatal(err)
	}
	return b.Bytes()
}

// Layer makes a gzip-compressed layer of an uncompressed tar.
func Layer(tb testing.TB, tarBytes []byte) v1.Layer {
	tb.Helper()
	l, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(tarBytes)), nil })
	if err != nil {
		tb.Fatal(err)
	}
	return l
}

// Image stacks layers (bottom first) into a linux/amd64 image and lets edit
// change the config; the config already holds the layers' diff_ids and one
// history entry per layer.
func Image(tb testing.TB, layers []v1.Layer, edit func(*v1.ConfigFile)) v1.Image {
	tb.Helper()
	img, err := mutate.AppendLayers(empty.Image, layers...)
	if err != nil {
		tb.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		tb.Fatal(err)
	}
	cf = cf.DeepCopy()
	cf.OS, cf.Architecture = "linux", "amd64"
	if edit != nil {
		edit(cf)
	}
	img, err = mutate.ConfigFile(img, cf)
	if err != nil {
		tb.Fatal(err)
	}
	return img
}

// FromTxtar builds an image from a txtar archive and returns it with the
// archive's comment (the text before the first file). Files are:
//
//	-- config.json --          a partial image config ("config", "history",
//	                           "os", "architecture", "variant"); the rootfs
//	                           comes from the layers
//	-- layerN/PATH [ATTR…] --  an entry of layer N (0-based), PATH relative
//	                           to "/"; a PATH ending in "/" is a directory
//
// ATTRs are mode=OCTAL, uid=N, gid=N, link=TARGET (a symlink) and
// hardlink=TARGET. Layers 0..max all exist; a number with no entries is an
// empty layer. A whiteout is an entry named .wh.NAME.
func FromTxtar(tb testing.TB, data []byte) (v1.Image, string) {
	tb.Helper()
	comment, files := parseTxtar(data)
	byLayer := map[int][]Entry{}
	maxLayer := -1
	var cfgJSON []byte
	for _, f := range files {
		if f.name == "config.json" {
			cfgJSON = f.data
			continue
		}
		fields := strings.Fields(f.name)
		if len(fields) == 0 {
			tb.Fatalf("txtar: empty file name")
		}
		layerDir, p, ok := strings.Cut(fields[0], "/")
		n, err := strconv.Atoi(strings.TrimPrefix(layerDir, "layer"))
		if !ok || !strings.HasPrefix(layerDir, "layer") || err != nil {
			tb.Fatalf("txtar: file %q is neither config.json nor layerN/PATH", f.name)
		}
		e := Entry{Name: p, Body: string(f.data)}
		if strings.HasSuffix(p, "/") {
			e.Type, e.Body = tar.TypeDir, ""
		}
		for _, attr := range fields[1:] {
			k, v, _ := strings.Cut(attr, "=")
			switch k {
			case "mode":
				m, err := strconv.ParseInt(v, 8, 64)
				if err != nil {
					tb.Fatalf("txtar: %s: bad mode %q", f.name, v)
				}
				e.Mode = m
			case "uid":
				e.UID, _ = strconv.Atoi(v)
			case "gid":
				e.GID, _ = strconv.Atoi(v)
			case "link":
				e.Type, e.Link, e.Body = tar.TypeSymlink, v, ""
			case "hardlink":
				e.Type, e.Link, e.Body = tar.TypeLink, v, ""
			default:
				tb.Fatalf("txtar: %s: unknown attribute %q", f.name, attr)
			}
		}
		byLayer[n] = append(byLayer[n], e)
		maxLayer = max(maxLayer, n)
	}
	var layers []v1.Layer
	for i := 0; i <= maxLayer; i++ {
		layers = append(layers, Layer(tb, Tar(tb, byLayer[i]...)))
	}
	img := Image(tb, layers, func(cf *v1.ConfigFile) {
		if cfgJSON == nil {
			return
		}
		var over v1.ConfigFile
		if err := json.Unmarshal(cfgJSON, &over); err != nil {
			tb.Fatalf("txtar: config.json: %v", err)
		}
		var raw map[string]json.RawMessage
		json.Unmarshal(cfgJSON, &raw)
		cf.Config = over.Config
		if _, ok := raw["history"]; ok {
			cf.History = over.History
		}
		if over.OS != "" {
			cf.OS, cf.Architecture, cf.Variant = over.OS, over.Architecture, over.Variant
		}
	})
	return img, comment
}

type txtarFile struct {
	name string
	data []byte
}

// parseTxtar reads the txtar format (golang.org/x/tools/txtar): a comment,
// then files introduced by "-- NAME --" lines.
func parseTxtar(data []byte) (string, []txtarFile) {
	var comment strings.Builder
	var files []txtarFile
	var cur *txtarFile
	for _, line := range strings.SplitAfter(string(data), "\n") {
		t := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			files = append(files, txtarFile{name: strings.TrimSpace(t[3 : len(t)-3])})
			cur = &files[len(files)-1]
			continue
		}
		if cur == nil {
			comment.WriteString(line)
		} else {
			cur.data = append(cur.data, line...)
		}
	}
	return comment.String(), files
}

// Anonymous is a keychain that never reads the developer's Docker config.
type Anonymous struct{}

// Resolve returns anonymous credentials for every registry.
func (Anonymous) Resolve(authn.Resource) (authn.Authenticator, error) { return authn.Anonymous, nil }

// Registry serves an in-memory registry on 127.0.0.1, optionally behind a
// handler that wraps it (to inject faults), and returns its host:port.
func Registry(tb testing.TB, wrap func(http.Handler) http.Handler) string {
	tb.Helper()
	var h http.Handler = registry.New(registry.Logger(log.New(io.Discard, "", 0)))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// Push writes img to ref ("127.0.0.1:PORT/repo:tag").
func Push(tb testing.TB, ref string, img v1.Image) {
	tb.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		tb.Fatal(err)
	}
	if err := remote.Write(r, img, remote.WithAuth(authn.Anonymous)); err != nil {
		tb.Fatal(err)
	}
}

// PushIndex writes a multi-arch index to ref.
func PushIndex(tb testing.TB, ref string, idx v1.ImageIndex) {
	tb.Helper()
	r, err := name.ParseReference(ref)
	if err != nil {
		tb.Fatal(err)
	}
	if err := remote.WriteIndex(r, idx, remote.WithAuth(authn.Anonymous)); err != nil {
		tb.Fatal(err)
	}
}

// Index makes a multi-arch index of images keyed by "os/arch[/variant]".
func Index(tb testing.TB, imgs map[string]v1.Image) v1.ImageIndex {
	tb.Helper()
	plats := make([]string, 0, len(imgs))
	for p := range imgs {
		plats = append(plats, p)
	}
	sort.Strings(plats)
	idx := v1.ImageIndex(empty.Index)
	for _, p := range plats {
		pp, err := v1.ParsePlatform(p)
		if err != nil {
			tb.Fatal(err)
		}
		idx = mutate.AppendManifests(idx, mutate.IndexAddendum{Add: imgs[p], Descriptor: v1.Descriptor{Platform: pp}})
	}
	return idx
}

// WriteTarball writes img as a `docker save` tarball tagged tag.
func WriteTarball(tb testing.TB, path, tag string, img v1.Image) {
	tb.Helper()
	t, err := name.NewTag(tag)
	if err != nil {
		tb.Fatal(err)
	}
	if err := tarball.WriteToFile(path, t, img); err != nil {
		tb.Fatal(err)
	}
}

// WriteLayout writes img into a new OCI layout at dir, annotated with
// org.opencontainers.image.ref.name=tag when tag is not empty.
func WriteLayout(tb testing.TB, dir, tag string, img v1.Image) {
	tb.Helper()
	p, err := layout.Write(dir, empty.Index)
	if err != nil {
		tb.Fatal(err)
	}
	var opts []layout.Option
	if tag != "" {
		opts = append(opts, layout.WithAnnotations(map[string]string{"org.opencontainers.image.ref.name": tag}))
	}
	if err := p.AppendImage(img, opts...); err != nil {
		tb.Fatal(fmt.Errorf("writing layout: %w", err))
	}
}

// WriteOCIArchive writes img as an OCI layout packed into a tar at path
// (what `oci-archive:` reads).
func WriteOCIArchive(tb testing.TB, path, tag string, img v1.Image) {
	tb.Helper()
	dir := tb.TempDir()
	WriteLayout(tb, dir, tag, img)
	TarDir(tb, dir, path)
}

// TarDir writes the files under dir into a tar at out, as
// `tar -C dir -cf out .` would.
func TarDir(tb testing.TB, dir, out string) {
	tb.Helper()
	f, err := os.Create(out)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	tw := tar.NewWriter(f)
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			_, err = tw.Write(b)
			return err
		}
		return nil
	})
	if err == nil {
		err = tw.Close()
	}
	if err != nil {
		tb.Fatal(err)
	}
}

// Synthetic describes a large generated image for benchmarks.
type Synthetic struct {
	// Dir is the OCI layout holding the image; Blobs are its layers'
	// gzip files, bottom first.
	Dir   string
	Blobs []string
	// Bytes is the uncompressed size of all layers; Files the number of
	// regular files.
	Bytes int64
	Files int
}

// WriteSynthetic generates an image of layers layers of about mib MiB
// uncompressed each into an OCI layout under dir, streaming to disk so the
// generator itself holds little memory. Files are text-like (about 3:1
// under gzip, as real layers are): mostly 0.5-16 KiB, every 500th 4 MiB; a
// quarter live under /app (read by the content checks), the rest under
// /usr/lib (package trees, which they skip). Layer 0 holds /etc/passwd and
// /etc/shadow.
func WriteSynthetic(tb testing.TB, dir string, layers, mib int) Synthetic {
	tb.Helper()
	s := Synthetic{Dir: filepath.Join(dir, "layout")}
	words := strings.Fields("the quick brown fox jumps over lazy dog lorem ipsum dolor sit amet usr lib bin etc share python3 site packages node modules index js so 0x7f ELF")
	var ls []v1.Layer
	for l := range layers {
		blob := filepath.Join(dir, fmt.Sprintf("layer%d.tar.gz", l))
		f, err := os.Create(blob)
		if err != nil {
			tb.Fatal(err)
		}
		bw := bufio.NewWriterSize(f, 1<<20)
		zw, _ := kgzip.NewWriterLevel(bw, kgzip.BestSpeed)
		cw := &countingWriter{w: zw}
		tw := tar.NewWriter(cw)
		rnd := uint64(l)*7919 + 1
		next := func(n int) int {
			rnd ^= rnd << 13
			rnd ^= rnd >> 7
			rnd ^= rnd << 17
			return int(rnd % uint64(n))
		}
		var buf bytes.Buffer
		write := func(name string, size int, mode int64) {
			buf.Reset()
			for buf.Len() < size {
				buf.WriteString(words[next(len(words))])
				buf.WriteByte(" \n/"[next(3)])
			}
			body := buf.Bytes()[:size]
			if err := tw.WriteHeader(&tar.Header{Name: name, Typeflag: tar.TypeReg, Mode: mode, Size: int64(size), ModTime: time.Unix(1700000000, 0)}); err != nil {
				tb.Fatal(err)
			}
			tw.Write(body)
			s.Files++
		}
		if l == 0 {
			for _, e := range []Entry{File("etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"), File("etc/shadow", "root:*:19000:0:99999:7:::\n")} {
				tw.WriteHeader(&tar.Header{Name: e.Name, Typeflag: tar.TypeReg, Mode: 0o640, Size: int64(len(e.Body))})
				io.WriteString(tw, e.Body)
			}
		}
		target := int64(mib) << 20
		for i := 0; cw.n < target; i++ {
			size := 512 + next(16<<10)
			if i%500 == 499 {
				size = 4 << 20
			}
			name := fmt.Sprintf("usr/lib/pkg%d/l%d/file%d.txt", i/100, l, i)
			if i%4 == 0 {
				name = fmt.Sprintf("app/assets/l%d/d%d/asset%d.txt", l, i/100, i)
			}
			write(name, size, 0o644)
		}
		if err := tw.Close(); err != nil {
			tb.Fatal(err)
		}
		zw.Close()
		bw.Flush()
		if err := f.Close(); err != nil {
			tb.Fatal(err)
		}
		s.Bytes += cw.n
		s.Blobs = append(s.Blobs, blob)
		layer, err := tarball.LayerFromFile(blob)
		if err != nil {
			tb.Fatal(err)
		}
		ls = append(ls, layer)
	}
	WriteLayout(tb, s.Dir, "bench", Image(tb, ls, func(cf *v1.ConfigFile) { cf.Config.User = "10001" }))
	return s
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) { c.n += int64(len(p)); return c.w.Write(p) }
