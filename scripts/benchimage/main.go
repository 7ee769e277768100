//go:build devtools

// Command benchimage writes the images scripts/bench.sh scans: a synthetic
// single-layer image of a given size, or a one-layer image of a root
// filesystem directory (a debootstrap tree). Each is written as a
// docker-archive (image.tar), an OCI layout (oci/) and the bare gzipped
// layer (layer.tar.gz), so the benchmark can time `gzip -dc | tar -t` on
// the very bytes the scan reads. Layers are streamed to disk, never held in
// memory, so a 2 GiB image needs no 2 GiB of RAM.
//
//	go run -tags devtools ./scripts/benchimage synthetic -mib 2048 -out DIR
//	go run -tags devtools ./scripts/benchimage rootfs -src /path/to/rootfs -out DIR
//
// The devtools build tag keeps it out of `go install ./...`, which is how
// pre-commit installs the hook.
package main

import (
	"archive/tar"
	"bufio"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/klauspost/compress/gzip"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchimage synthetic|rootfs [flags]")
		os.Exit(2)
	}
	fl := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	out := fl.String("out", "", "output directory")
	mib := fl.Int("mib", 64, "synthetic: uncompressed size of the layer in MiB")
	src := fl.String("src", "", "rootfs: the directory to pack")
	_ = fl.Parse(os.Args[2:])
	if *out == "" {
		fmt.Fprintln(os.Stderr, "benchimage: -out is required")
		os.Exit(2)
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fail(err)
	}
	layerPath := filepath.Join(*out, "layer.tar.gz")
	var err error
	switch os.Args[1] {
	case "synthetic":
		err = writeLayer(layerPath, func(tw *tar.Writer) error { return synthetic(tw, int64(*mib)<<20) })
	case "rootfs":
		if *src == "" {
			fail(fmt.Errorf("-src is required"))
		}
		err = writeLayer(layerPath, func(tw *tar.Writer) error { return packDir(tw, *src) })
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fail(err)
	}
	if err := writeImage(layerPath, *out); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchimage:", err)
	os.Exit(1)
}

// writeLayer streams a gzipped tar to path.
func writeLayer(path string, fill func(*tar.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	zw, err := gzip.NewWriterLevel(bw, gzip.BestSpeed)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(zw)
	if err := fill(tw); err != nil {
		return err
	}
	if err := tw.Close(); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return f.Close()
}

// synthetic writes about size bytes of files: many small text-like ones
// that compress about 3:1 as real layers do, a large one every 500, a
// setuid binary and a world-writable file now and then, so the scan has
// findings to report.
func synthetic(tw *tar.Writer, size int64) error {
	r := rand.New(rand.NewPCG(1, 2))
	words := strings.Fields("the quick brown fox jumps over lazy dog lorem ipsum dolor sit amet usr lib bin etc share python3 site packages node modules index js so 0x7f ELF")
	var buf []byte
	chunk := func(n int) []byte {
		buf = buf[:0]
		for len(buf) < n {
			buf = append(buf, words[r.IntN(len(words))]...)
			buf = append(buf, " \n/"[r.IntN(3)])
			if r.IntN(8) == 0 {
				buf = strconv.AppendUint(buf, r.Uint64(), 36)
			}
		}
		return buf[:n]
	}
	var written int64
	for i := 0; written < size; i++ {
		n := 512 + r.IntN(16<<10)
		if i%500 == 499 {
			n = 4 << 20
		}
		mode := int64(0o644)
		switch {
		case i%10007 == 0:
			mode = 0o4755
		case i%10009 == 0:
			mode = 0o777
		}
		body := chunk(n)
		hdr := &tar.Header{Name: "usr/lib/pkg" + strconv.Itoa(i/100) + "/file" + strconv.Itoa(i) + ".txt", Typeflag: tar.TypeReg, Mode: mode, Size: int64(len(body)), ModTime: time.Unix(0, 0)}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if _, err := tw.Write(body); err != nil {
			return err
		}
		written += int64(len(body))
	}
	return nil
}

// packDir writes the tree under root as a layer: paths relative to root,
// modes, owners, symlinks and hard links as they are on disk.
func packDir(tw *tar.Writer, root string) error {
	links := map[[2]uint64]string{}
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil || rel == "." {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		target := ""
		if info.Mode()&fs.ModeSymlink != 0 {
			if target, err = os.Readlink(p); err != nil {
				return err
			}
		}
		hdr, err := tar.FileInfoHeader(info, target)
		if err != nil {
			return nil // sockets and the like: not in an image layer
		}
		hdr.Name = filepath.ToSlash(rel)
		if info.IsDir() {
			hdr.Name += "/"
		}
		hdr.Uname, hdr.Gname = "", ""
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			hdr.Uid, hdr.Gid = int(st.Uid), int(st.Gid)
			if info.Mode().IsRegular() && st.Nlink > 1 {
				key := [2]uint64{uint64(st.Dev), st.Ino}
				if first, ok := links[key]; ok {
					hdr.Typeflag, hdr.Linkname, hdr.Size = tar.TypeLink, first, 0
				} else {
					links[key] = hdr.Name
				}
			}
		}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if hdr.Typeflag != tar.TypeReg {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(tw, f)
		return err
	})
}

// writeImage wraps the layer file in a linux/amd64 image and writes it as
// a docker-archive and an OCI layout.
func writeImage(layerPath, out string) error {
	layer, err := tarball.LayerFromFile(layerPath)
	if err != nil {
		return err
	}
	img, err := mutate.AppendLayers(empty.Image, layer)
	if err != nil {
		return err
	}
	cfg, err := img.ConfigFile()
	if err != nil {
		return err
	}
	cfg = cfg.DeepCopy()
	cfg.OS, cfg.Architecture = "linux", "amd64"
	cfg.Config.Cmd = []string{"/bin/sh"}
	cfg.History = []v1.History{{CreatedBy: "ADD layer.tar.gz / # benchimage"}}
	if img, err = mutate.ConfigFile(img, cfg); err != nil {
		return err
	}
	tag, err := name.NewTag("bench/image:latest")
	if err != nil {
		return err
	}
	if err := tarball.WriteToFile(filepath.Join(out, "image.tar"), tag, img); err != nil {
		return err
	}
	ociDir := filepath.Join(out, "oci")
	if err := os.RemoveAll(ociDir); err != nil {
		return err
	}
	p, err := layout.Write(ociDir, empty.Index)
	if err != nil {
		return err
	}
	return p.AppendImage(img)
}
