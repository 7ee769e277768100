package lint

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestReadLimitedSizes: a regular file is read whole whatever its size
// (empty, one byte, around the 4 KiB page, past 64 KiB), the read that
// reaches its size ending it.
func TestReadLimitedSizes(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 4095, 4096, 4097, 65536 + 3} {
		want := bytes.Repeat([]byte("RUN x\n"), n/6+1)[:n]
		p := filepath.Join(dir, "Dockerfile")
		if err := os.WriteFile(p, want, 0o644); err != nil {
			t.Fatal(err)
		}
		got, err := readLimited(p, MaxFileBytes)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%d bytes: read %d bytes, err %v", n, len(got), err)
		}
	}
}

// chunked reads src a few bytes at a time, as a network file system may,
// counting the reads.
type chunked struct {
	src   []byte
	chunk int
	reads int
}

func (c *chunked) read(b []byte) (int, error) {
	c.reads++
	n := copy(b[:min(len(b), c.chunk)], c.src)
	c.src = c.src[n:]
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// TestSizedRead: a short read before the file's size is reached does not
// end the file; the short read that reaches it does, without another read;
// a file that grew past its size is read to its end.
func TestSizedRead(t *testing.T) {
	src := []byte("FROM alpine:3.20\nRUN apk add --no-cache curl\n")
	for _, tc := range []struct {
		name        string
		size, chunk int
		want        []byte
		reads       int
	}{
		{"one read", len(src), 1 << 10, src, 1},
		{"short reads", len(src), 7, src, (len(src) + 6) / 7},
		{"grew", len(src) - 10, 1 << 10, src, 3},
	} {
		c := &chunked{src: src, chunk: tc.chunk}
		got, err := growRead(make([]byte, 0, tc.size+1), MaxFileBytes, sizedRead(int64(tc.size), c.read))
		if err != nil || !bytes.Equal(got, tc.want) {
			t.Errorf("%s: got %q, %v", tc.name, got, err)
		}
		if c.reads != tc.reads {
			t.Errorf("%s: %d reads, want %d", tc.name, c.reads, tc.reads)
		}
	}
}
