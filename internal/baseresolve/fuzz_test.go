package baseresolve

import (
	"encoding/json"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// FuzzDecodeEntry: a cache entry file is whatever is on disk (another
// version's, a half-written one, a tampered one). Decoding never panics,
// and an accepted entry has well-formed digests and survives a round
// trip.
func FuzzDecodeEntry(f *testing.F) {
	f.Add([]byte(`{"ref":"index.docker.io/library/alpine:3.20","platform":"linux/amd64","digest":"sha256:` + hex64 + `","config":"sha256:` + hex64 + `","fetched":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"ref":"x","platform":"linux/amd64","digest":"sha256:00","config":"sha256:` + hex64 + `","fetched":"2026-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"ref": 1`))
	f.Fuzz(func(t *testing.T, data []byte) {
		e, err := decodeEntry(data)
		if err != nil {
			return
		}
		for _, d := range []string{e.Digest, e.Config} {
			if _, err := v1.NewHash(d); err != nil {
				t.Fatalf("accepted a malformed digest %q", d)
			}
		}
		again, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		e2, err := decodeEntry(again)
		if err != nil || e2.Ref != e.Ref || e2.Platform != e.Platform || e2.Digest != e.Digest || e2.Config != e.Config || !e2.Fetched.Equal(e.Fetched) {
			t.Fatalf("round trip: %+v → %+v (%v)", e, e2, err)
		}
	})
}

const hex64 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
