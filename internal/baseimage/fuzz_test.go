package baseimage

import (
	"strings"
	"testing"
)

// FuzzParseRef feeds references as a Dockerfile may write them: ParseRef
// either rejects one or returns parts that rebuild a repository, and the
// lookups built on it never panic.
func FuzzParseRef(f *testing.F) {
	for _, s := range []string{
		"python:3.7-slim-buster", "gcr.io/distroless/static:nonroot-${ARCH}", "localhost:5000/a/b:c@sha256:d",
		"${REGISTRY:-docker.io}/library/python:${V:-3.11}", "mcr.microsoft.com/windows/nanoserver:ltsc2022", ":", "@", "/:/",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRef(s)
		if err != nil {
			return
		}
		if r.Path == "" || strings.ContainsAny(r.Tag+r.Path, " \t\n") {
			t.Fatalf("ParseRef(%q) = %+v", s, r)
		}
		if r.Registry != "" && !strings.HasPrefix(r.Repository(), r.Registry+"/") {
			t.Fatalf("Repository() = %q for %+v", r.Repository(), r)
		}
		for _, st := range Lookup(s, AsOf) {
			if st.Source == "" {
				t.Fatalf("Lookup(%q) returned an entry without a source", s)
			}
		}
		if d, ok := DefaultsOf(s); ok && d.Source == "" {
			t.Fatalf("DefaultsOf(%q) has no source", s)
		}
	})
}
