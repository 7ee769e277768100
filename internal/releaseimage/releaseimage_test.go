package releaseimage

import (
	"archive/tar"
	"bytes"
	"context"
	"debug/elf"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/image"
)

// fakeELF is the smallest ELF executable header debug/elf accepts, for
// machine, with a PT_INTERP program header when dynamic: enough for
// checkStaticELF without compiling anything. pad makes binaries of the
// same machine differ.
func fakeELF(t *testing.T, machine elf.Machine, dynamic bool, pad string) []byte {
	t.Helper()
	hdr := elf.Header64{
		Type: uint16(elf.ET_EXEC), Machine: uint16(machine), Version: uint32(elf.EV_CURRENT),
		Ehsize: 64, Phentsize: 56,
	}
	copy(hdr.Ident[:], elf.ELFMAG)
	hdr.Ident[elf.EI_CLASS] = byte(elf.ELFCLASS64)
	hdr.Ident[elf.EI_DATA] = byte(elf.ELFDATA2LSB)
	hdr.Ident[elf.EI_VERSION] = byte(elf.EV_CURRENT)
	var progs []elf.Prog64
	if dynamic {
		progs = append(progs, elf.Prog64{Type: uint32(elf.PT_INTERP)})
		hdr.Phoff, hdr.Phnum = 64, 1
	}
	var buf bytes.Buffer
	if err := binary.Write(&buf, binary.LittleEndian, hdr); err != nil {
		t.Fatal(err)
	}
	for _, p := range progs {
		if err := binary.Write(&buf, binary.LittleEndian, p); err != nil {
			t.Fatal(err)
		}
	}
	buf.WriteString(pad)
	return buf.Bytes()
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

const testCerts = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"

// twoPlatformSpec is a linux/amd64 + linux/arm64 spec with distinct fake
// binaries, which it also returns by architecture.
func twoPlatformSpec(t *testing.T) (Spec, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	bins := map[string][]byte{
		"amd64": fakeELF(t, elf.EM_X86_64, false, "amd64 build"),
		"arm64": fakeELF(t, elf.EM_AARCH64, false, "arm64 build"),
	}
	return Spec{
		Binaries: []Binary{
			{Platform: v1.Platform{OS: "linux", Architecture: "amd64"}, Path: writeFile(t, dir, "amd64", bins["amd64"])},
			{Platform: v1.Platform{OS: "linux", Architecture: "arm64"}, Path: writeFile(t, dir, "arm64", bins["arm64"])},
		},
		CACerts:  []byte(testCerts),
		Version:  "v1.2.3",
		Revision: "0123456789abcdef0123456789abcdef01234567",
		Source:   "https://github.com/dockstride/dockstride",
		Created:  time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
	}, bins
}

// The layout is read back the way `dockstride image oci-dir:DIR:TAG
// --platform P` reads it, and each platform's image is what the release
// promises: its own binary, owned by root, a numeric non-root user, the
// files a scratch image needs for that user and for TLS.
func TestBuildAndReadBack(t *testing.T) {
	spec, bins := twoPlatformSpec(t)
	idx, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "oci")
	digest, err := WriteLayout(dir, idx, spec.Version)
	if err != nil {
		t.Fatal(err)
	}
	if want, _ := idx.Digest(); digest != want {
		t.Errorf("WriteLayout returned %s, index digest is %s", digest, want)
	}
	for arch, bin := range bins {
		img, err := image.Open(context.Background(), "oci-dir:"+dir+":"+spec.Version, image.Options{Platform: "linux/" + arch})
		if err != nil {
			t.Fatalf("%s: %v", arch, err)
		}
		cfg := img.Config.Config
		if img.Platform != "linux/"+arch || cfg.User != "65532:65532" || cfg.WorkingDir != WorkDir ||
			len(cfg.Entrypoint) != 1 || cfg.Entrypoint[0] != BinaryPath {
			t.Errorf("%s: platform %s, user %q, workdir %q, entrypoint %q", arch, img.Platform, cfg.User, cfg.WorkingDir, cfg.Entrypoint)
		}
		for k, want := range map[string]string{
			"org.opencontainers.image.version":  spec.Version,
			"org.opencontainers.image.revision": spec.Revision,
			"org.opencontainers.image.created":  "2026-03-01T12:00:00Z",
			"org.opencontainers.image.licenses": "Apache-2.0",
		} {
			if cfg.Labels[k] != want {
				t.Errorf("%s: label %s = %q, want %q", arch, k, cfg.Labels[k], want)
			}
		}
		files := map[string]*image.Entry{}
		_, err = image.Walk(context.Background(), img.Img, image.WalkOptions{Want: func(string, *tar.Header) bool { return true }}, func(e *image.Entry) error {
			files[e.Path] = e
			return nil
		})
		if err != nil {
			t.Fatalf("%s: walk: %v", arch, err)
		}
		b := files[BinaryPath]
		if b == nil || !bytes.Equal(b.Content, bin) || b.Header.Uid != 0 || b.Header.Mode&0o777 != 0o755 {
			t.Errorf("%s: %s is missing, not this platform's binary, or not root-owned 0755: %+v", arch, BinaryPath, b)
		}
		if p := files["/etc/passwd"]; p == nil || !strings.Contains(string(p.Content), "nonroot:x:65532:65532:") {
			t.Errorf("%s: /etc/passwd lacks the nonroot user", arch)
		}
		if c := files[CACertPath]; c == nil || string(c.Content) != testCerts {
			t.Errorf("%s: CA certificates missing", arch)
		}
		if h := files[HomeDir]; h == nil || h.Header.Uid != UID || h.Header.Mode&0o777 != 0o700 {
			t.Errorf("%s: %s is not the nonroot user's private home: %+v", arch, HomeDir, h)
		}
		if tmp := files["/tmp"]; tmp == nil || tmp.Header.Mode&0o1777 != 0o1777 {
			t.Errorf("%s: /tmp is not sticky and world-writable", arch)
		}
		for p, e := range files {
			if !e.Header.ModTime.Equal(spec.Created) {
				t.Errorf("%s: %s mtime %v, want the creation time", arch, p, e.Header.ModTime)
			}
		}
	}
}

// Equal inputs give an equal digest (release images are reproducible);
// any input that changes the image changes it.
func TestReproducible(t *testing.T) {
	spec, _ := twoPlatformSpec(t)
	digest := func(s Spec) v1.Hash {
		t.Helper()
		idx, err := Build(s)
		if err != nil {
			t.Fatal(err)
		}
		d, err := idx.Digest()
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	first := digest(spec)
	if again := digest(spec); again != first {
		t.Errorf("same inputs, digests %s and %s", first, again)
	}
	later := spec
	later.Created = spec.Created.Add(time.Second)
	otherCerts := spec
	otherCerts.CACerts = []byte(testCerts + testCerts)
	for name, s := range map[string]Spec{"created": later, "certificates": otherCerts} {
		if digest(s) == first {
			t.Errorf("changing %s left the digest unchanged", name)
		}
	}
	epoch := spec
	epoch.Created = time.Time{}
	idx, err := Build(epoch)
	if err != nil {
		t.Fatal(err)
	}
	img, err := idx.Image(mustManifests(t, idx)[0].Digest)
	if err != nil {
		t.Fatal(err)
	}
	if cf, err := img.ConfigFile(); err != nil || !cf.Created.Equal(time.Unix(0, 0)) {
		t.Errorf("zero Created: config created %v (%v), want the Unix epoch", cf.Created, err)
	}
}

func mustManifests(t *testing.T, idx v1.ImageIndex) []v1.Descriptor {
	t.Helper()
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	return im.Manifests
}

func TestBuildRefuses(t *testing.T) {
	dir := t.TempDir()
	amd := writeFile(t, dir, "amd", fakeELF(t, elf.EM_X86_64, false, ""))
	dyn := writeFile(t, dir, "dyn", fakeELF(t, elf.EM_X86_64, true, ""))
	script := writeFile(t, dir, "script", []byte("#!/bin/sh\n"))
	linux := func(arch string) v1.Platform { return v1.Platform{OS: "linux", Architecture: arch} }
	for _, tc := range []struct {
		name string
		spec Spec
		want string
	}{
		{"no binaries", Spec{CACerts: []byte(testCerts)}, "no binaries"},
		{"no certificates", Spec{Binaries: []Binary{{linux("amd64"), amd}}}, "no CA certificates"},
		{"another architecture", Spec{Binaries: []Binary{{linux("arm64"), amd}}, CACerts: []byte(testCerts)}, "not arm64"},
		{"cgo binary", Spec{Binaries: []Binary{{linux("amd64"), dyn}}, CACerts: []byte(testCerts)}, "dynamically linked"},
		{"not ELF", Spec{Binaries: []Binary{{linux("amd64"), script}}, CACerts: []byte(testCerts)}, "not a Linux (ELF) executable"},
		{"not Linux", Spec{Binaries: []Binary{{v1.Platform{OS: "darwin", Architecture: "arm64"}, amd}}, CACerts: []byte(testCerts)}, "Linux only"},
		{"two binaries for one platform", Spec{Binaries: []Binary{{linux("amd64"), amd}, {linux("amd64"), amd}}, CACerts: []byte(testCerts)}, "a second binary"},
		{"missing file", Spec{Binaries: []Binary{{linux("amd64"), filepath.Join(dir, "absent")}}, CACerts: []byte(testCerts)}, "no such file"},
	} {
		if _, err := Build(tc.spec); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err %v, want it to say %q", tc.name, err, tc.want)
		}
	}
}

// WriteLayout replaces an earlier layout but never a directory of
// something else.
func TestWriteLayoutReplacesOnlyLayouts(t *testing.T) {
	spec, _ := twoPlatformSpec(t)
	idx, err := Build(spec)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := WriteLayout(dir, idx, "a"); err != nil {
		t.Fatalf("empty directory: %v", err)
	}
	if _, err := WriteLayout(dir, idx, "b"); err != nil {
		t.Fatalf("earlier layout: %v", err)
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.json"))
	if err != nil || strings.Contains(string(index), `"a"`) || !strings.Contains(string(index), `"b"`) {
		t.Errorf("the layout was not replaced: %s %v", index, err)
	}
	other := t.TempDir()
	keep := writeFile(t, other, "notes.txt", []byte("mine"))
	if _, err := WriteLayout(other, idx, "a"); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("a directory of other files: err %v, want a refusal", err)
	}
	if _, err := os.Stat(keep); err != nil {
		t.Errorf("the other directory's file is gone: %v", err)
	}
}
