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

// FuzzLookupOSRelease feeds os-release files as an image's layers may hold
// them: the lookup never panics, and what it finds has a source.
func FuzzLookupOSRelease(f *testing.F) {
	for _, s := range []string{
		"ID=debian\nVERSION_ID=\"10\"\n", "ID=\"centos\"\nNAME=\"CentOS Stream\"\nVERSION_ID=\"8\"\n",
		"ID=alpine\nVERSION_ID=3.12.0\n", "ID=ubuntu\nVERSION_CODENAME=bionic\n", "ID='\nVERSION_ID=\"\n", "=\n\x00",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		st, ok := LookupOSRelease(content, AsOf)
		if ok && (st.Source == "" || st.End.IsZero()) {
			t.Fatalf("LookupOSRelease(%q) = %+v", content, st)
		}
	})
}
