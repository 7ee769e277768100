package rules

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distribution/reference"
)

// libraryValid is what the rule asked before: ParseNormalizedNamed's
// verdict.
func libraryValid(s string) bool {
	_, err := reference.ParseNormalizedNamed(s)
	return err == nil
}

// imageRefSeeds are references written as FROM images, valid and not,
// including every corner of the grammar: registries with ports and IPv6
// addresses, separators, tag and path lengths, digests of each algorithm
// and case.
func imageRefSeeds() []string {
	sha256 := strings.Repeat("a1", 32)
	seeds := []string{
		"", "busybox", "busybox:", "busybox:1.36", "busybox:$VERSION", ":latest", "@sha256:" + sha256,
		"library/busybox", "docker.io/library/busybox:latest", "index.docker.io/busybox", "localhost/app",
		"localhost:5000/app:v1", "localhost", "localhost:5000", "registry.example.com/team/app:1.0",
		"registry.example.com:443/a/b/c", "[::1]:5000/app", "[::1]/app", "[]/app", "[::1]x/app", "[::g]/app",
		"[::1]:/app", "host:/app", "host:x/app", "my-registry.io/a", "-bad.io/a", "bad-.io/a", "a..b/c",
		"Upper/app", "upper/App", "UPPER", "a/b:c/d", "a/b/", "/a", "a//b", "a__b", "a___b", "a._b", "a.-b",
		"a--b", "a-", "-a", "a.b.c", "a_b", "a.b/c_d__e---f.g", "python:3.12-slim", "python:3.12-slim@sha256:" + sha256,
		"python@sha256:" + strings.ToUpper(sha256), "python@sha256:" + sha256[:63], "python@sha384:" + strings.Repeat("0", 96),
		"python@sha512:" + strings.Repeat("f", 128), "python@md5:" + strings.Repeat("0", 32), "python@sha256:",
		"python@@sha256:" + sha256, "python:tag@sha256:" + sha256 + "@x", sha256, strings.ToUpper(sha256),
		"app:" + strings.Repeat("t", 128), "app:" + strings.Repeat("t", 129), "app:_x", "app:.x", "app:-x",
		"app:x.y-z_W", strings.Repeat("a", 255-len("library/")), strings.Repeat("a", 256-len("library/")),
		"r.io/" + strings.Repeat("b", 255), "r.io/" + strings.Repeat("b", 256), "x/" + strings.Repeat("b", 253),
		"x/" + strings.Repeat("b", 254), "café/app", "app:tåg", "a\x00b", "a b", "ubuntu:22.04 AS build",
		"${IMAGE}", "$IMAGE:latest", "gcr.io/distroless/static-debian12:nonroot", "ghcr.io/o/r:sha-1234567",
		"EXAMPLE.COM/app", "Example/app", "ex_ample.com/app", "1.2.3.4:5000/app", "a:1/b:c",
	}
	// Every FROM image of the rule fixtures, as written.
	files, _ := filepath.Glob("../testdata/rules/*/*.Dockerfile")
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for line := range strings.Lines(string(b)) {
			if fields := strings.Fields(line); len(fields) >= 2 && strings.EqualFold(fields[0], "FROM") {
				for _, f := range fields[1:] {
					if !strings.HasPrefix(f, "--") {
						seeds = append(seeds, f)
						break
					}
				}
			}
		}
	}
	return seeds
}

func TestValidImageReferenceSameAsLibrary(t *testing.T) {
	seeds := imageRefSeeds()
	// The seeds' parts recombined: each registry with each path, tag and
	// digest.
	domains := []string{"", "localhost/", "r.io/", "r.io:5000/", "[::1]:80/", "R.io/", "index.docker.io/", "a/"}
	paths := []string{"app", "a/b", "a.b", "a__b", "a-b", "A", "a..b", "-a", "a/"}
	tags := []string{"", ":1", ":", ":v1.0-rc_1", ":-x"}
	digests := []string{"", "@sha256:" + strings.Repeat("0", 64), "@sha256:0", "@x"}
	for _, d := range domains {
		for _, p := range paths {
			for _, tg := range tags {
				for _, dg := range digests {
					seeds = append(seeds, d+p+tg+dg)
				}
			}
		}
	}
	valid := 0
	for _, s := range seeds {
		want := libraryValid(s)
		if got := validImageReference(s); got != want {
			t.Errorf("validImageReference(%q) = %v, distribution/reference says %v", s, got, want)
		}
		if want {
			valid++
		}
	}
	if valid == 0 || valid == len(seeds) {
		t.Fatalf("%d of %d seeds valid: the table tests one side only", valid, len(seeds))
	}
}

func FuzzValidImageReference(f *testing.F) {
	for _, s := range imageRefSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := validImageReference(s), libraryValid(s); got != want {
			t.Fatalf("validImageReference(%q) = %v, distribution/reference says %v", s, got, want)
		}
	})
}
