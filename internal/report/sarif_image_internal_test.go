package report

import (
	"strings"
	"testing"
)

// TestImageArtifact: every image finding gets a relative path GitHub code
// scanning accepts, named after the image, never an absolute file path.
func TestImageArtifact(t *testing.T) {
	for image, want := range map[string]string{
		"alpine:3.20":                           "alpine",
		"registry.example.com/team/app:1.2":     "registry.example.com/team/app",
		"host:5000/repo@sha256:abc":             "host:5000/repo",
		"host:5000/repo":                        "host:5000/repo",
		"docker-archive:/tmp/build/app.tar":     "app.tar",
		"oci-archive:out/app.oci.tar":           "app.oci.tar",
		"oci-dir:/srv/layouts/app/":             "app",
		"docker-daemon:ghcr.io/acme/api:latest": "ghcr.io/acme/api",
		"docker-archive:/":                      "image",
		"":                                      "image",
	} {
		got := imageArtifact(image)
		if got.URI != escapeLike(want) || got.URIBaseID != srcRoot || strings.Contains(got.URI, ":") {
			t.Errorf("imageArtifact(%q) = %+v, want relative %q", image, got, want)
		}
	}
}

// escapeLike is want as artifactLocation escapes a relative path.
func escapeLike(p string) string { return artifactLocation(p).URI }
