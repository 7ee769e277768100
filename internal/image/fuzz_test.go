package image

import (
	"context"
	"testing"
	"time"
)

// FuzzWalkLayer feeds arbitrary bytes (plain, gzip or zstd tars, or junk) to
// Walk as a single layer: whatever the input, no panic, and no entry path
// outside "/".
func FuzzWalkLayer(f *testing.F) {
	f.Add(tarOf(f, file("etc/passwd", "root:x:0:0"), dir("d"), symlink("d/l", "/etc/shadow")))
	f.Add(tarOf(f, file("../../x", "a"), file(".wh..wh..opq", ""), file("a/.wh.b", ""), hardlink("h", "../x")))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := layerOfErr(b)
		if err != nil {
			return
		}
		img, err := imageOfErr(l)
		if err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		o := NewOverlay()
		var watched []int
		Walk(ctx, img, WalkOptions{MaxFileBytes: 64, Want: func(string, *tarHeader) bool { return true }}, func(e *Entry) error {
			if e.Path == "" || e.Path[0] != '/' || len(e.Content) > 64 {
				t.Fatalf("bad entry %+v", e)
			}
			if cleanAbs(e.Path) != e.Path {
				t.Fatalf("unclean path %q", e.Path)
			}
			o.See(e)
			if e.Whiteout == "" {
				watched = append(watched, o.Watch(e.Path, e.Layer, e.IsDir()))
			}
			return nil
		})
		for _, i := range watched {
			if by, gone := o.RemovedBy(i); gone && by <= o.SeenIn(i) {
				t.Fatalf("entry of layer %d removed by layer %d", o.SeenIn(i), by)
			}
		}
	})
}
