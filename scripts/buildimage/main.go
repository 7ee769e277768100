//go:build devtools

// Command buildimage builds dockstride's own container image (static,
// from scratch, non-root UID 65532, one image per platform under an OCI
// index) into an OCI image layout, without a Docker engine or network: see
// internal/releaseimage. goreleaser runs it as a before hook and .ci/run
// scans its output with `dockstride image`.
//
// It is behind the devtools build tag so that `go install ./...` (what
// pre-commit runs to install the hook) installs dockstride alone:
//
//	go run -tags devtools ./scripts/buildimage -build linux/amd64,linux/arm64 -out build/oci
//	go run -tags devtools ./scripts/buildimage -bin linux/arm64=dist/arm64/dockstride -out build/oci
//
// -build compiles ./cmd/dockstride with CGO_ENABLED=0 -trimpath and the
// given -ldflags (goreleaser passes its own, so the image holds the
// release's bytes); -bin takes binaries built elsewhere. -archive also
// writes the layout as one tar (an oci-archive, for release assets).
package main

import (
	"archive/tar"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/releaseimage"
)

// listFlag collects a repeated flag.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(v string) error { *l = append(*l, v); return nil }

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "buildimage:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fl := flag.NewFlagSet("buildimage", flag.ContinueOnError)
	out := fl.String("out", "", "OCI image layout directory to write (replaced if it is one already)")
	archive := fl.String("archive", "", "also write the layout as this tar file (oci-archive)")
	build := fl.String("build", "", "platforms to build ./cmd/dockstride for, comma-separated (linux/amd64,linux/arm64)")
	ldflags := fl.String("ldflags", "-s -w", "with -build: the go build -ldflags")
	var bins listFlag
	fl.Var(&bins, "bin", "PLATFORM=PATH of a prebuilt static binary (repeatable), instead of -build")
	version := fl.String("version", "", "org.opencontainers.image.version label, and the ref name in the layout")
	revision := fl.String("revision", "", "org.opencontainers.image.revision label (the commit)")
	source := fl.String("source", "https://github.com/dockstride/dockstride", "org.opencontainers.image.source label")
	created := fl.String("created", "", "creation time: RFC 3339 or Unix seconds (default $SOURCE_DATE_EPOCH, else the Unix epoch)")
	caCerts := fl.String("ca-certs", "/etc/ssl/certs/ca-certificates.crt", "PEM bundle of CA certificates to install")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *out == "" || fl.NArg() > 0 || (*build == "") == (len(bins) == 0) {
		return errors.New("usage: buildimage -out DIR (-build PLATFORMS | -bin PLATFORM=PATH ...) [flags]")
	}
	when, err := creationTime(*created, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	certs, err := os.ReadFile(*caCerts)
	if err != nil {
		return fmt.Errorf("CA certificates: %w (Debian: apt-get install ca-certificates)", err)
	}
	spec := releaseimage.Spec{CACerts: certs, Version: *version, Revision: *revision, Source: *source, Created: when}
	if *build != "" {
		tmp, err := os.MkdirTemp("", "buildimage-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		if spec.Binaries, err = buildBinaries(strings.Split(*build, ","), *ldflags, tmp); err != nil {
			return err
		}
	} else {
		for _, b := range bins {
			plat, path, ok := strings.Cut(b, "=")
			p, err := v1.ParsePlatform(plat)
			if !ok || err != nil || path == "" {
				return fmt.Errorf("-bin %q: want PLATFORM=PATH, e.g. linux/arm64=dist/dockstride", b)
			}
			spec.Binaries = append(spec.Binaries, releaseimage.Binary{Platform: *p, Path: path})
		}
	}
	idx, err := releaseimage.Build(spec)
	if err != nil {
		return err
	}
	refName := *version
	if refName == "" {
		refName = "dev"
	}
	digest, err := releaseimage.WriteLayout(*out, idx, refName)
	if err != nil {
		return err
	}
	if err := describe(*out, refName, digest, idx); err != nil {
		return err
	}
	if *archive != "" {
		return tarDir(*out, *archive)
	}
	return nil
}

// creationTime reads -created, falling back to SOURCE_DATE_EPOCH (the
// reproducible-builds convention) and then to the zero time.
func creationTime(flagValue, sourceDateEpoch string) (time.Time, error) {
	v := flagValue
	if v == "" {
		v = sourceDateEpoch
	}
	if v == "" {
		return time.Time{}, nil
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		return time.Unix(secs, 0).UTC(), nil
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return time.Time{}, fmt.Errorf("creation time %q: want RFC 3339 or Unix seconds", v)
	}
	return t, nil
}

// buildBinaries cross-compiles ./cmd/dockstride for each platform into dir.
func buildBinaries(platforms []string, ldflags, dir string) ([]releaseimage.Binary, error) {
	var out []releaseimage.Binary
	for _, s := range platforms {
		p, err := v1.ParsePlatform(strings.TrimSpace(s))
		if err != nil || p.OS == "" || p.Architecture == "" {
			return nil, fmt.Errorf("-build: platform %q: want os/arch", s)
		}
		bin := filepath.Join(dir, p.OS+"_"+p.Architecture, "dockstride")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags", ldflags, "-o", bin, "./cmd/dockstride")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+p.OS, "GOARCH="+p.Architecture)
		if p.Architecture == "arm" && p.Variant != "" {
			cmd.Env = append(cmd.Env, "GOARM="+strings.TrimPrefix(p.Variant, "v"))
		}
		cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go build for %s: %w", p.String(), err)
		}
		out = append(out, releaseimage.Binary{Platform: *p, Path: bin})
	}
	return out, nil
}

// describe prints what was written: the digests a release note or a
// `crane push` needs, and each platform's size.
func describe(dir, refName string, digest v1.Hash, idx v1.ImageIndex) error {
	fmt.Printf("wrote oci-dir:%s:%s, index %s\n", dir, refName, digest)
	im, err := idx.IndexManifest()
	if err != nil {
		return err
	}
	for _, d := range im.Manifests {
		img, err := idx.Image(d.Digest)
		if err != nil {
			return err
		}
		layers, err := img.Layers()
		if err != nil {
			return err
		}
		var size int64
		for _, l := range layers {
			n, err := l.Size()
			if err != nil {
				return err
			}
			size += n
		}
		fmt.Printf("  %s  %s  %.1f MiB compressed\n", d.Platform.String(), d.Digest, float64(size)/(1<<20))
	}
	return nil
}

// tarDir writes the files under dir into a tar at dest, with paths
// relative to dir, in walk order (lexical), for `oci-archive:` readers.
func tarDir(dir, dest string) error {
	f, err := os.Create(dest)
	if err != nil {
		return err
	}
	tw := tar.NewWriter(f)
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || path == dir {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		hdr, err := tar.FileInfoHeader(info, "")
		if err != nil {
			return err
		}
		hdr.Name = filepath.ToSlash(rel)
		if d.IsDir() {
			hdr.Name += "/"
		}
		// Ownership and times of the build machine say nothing about the image.
		hdr.Uid, hdr.Gid, hdr.Uname, hdr.Gname = 0, 0, "", ""
		hdr.ModTime, hdr.AccessTime, hdr.ChangeTime = time.Unix(0, 0), time.Time{}, time.Time{}
		if err := tw.WriteHeader(hdr); err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		src, err := os.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		_, err = io.Copy(tw, src)
		return err
	})
	if err != nil {
		f.Close()
		return err
	}
	if err := tw.Close(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
