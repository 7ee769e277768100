package image_test

import (
	"archive/tar"
	"context"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// seenEntry is what the reference model keeps of an entry.
type seenEntry struct {
	path     string
	layer    int
	dir      bool
	whiteout string
	opaque   bool
}

// removedByRef is the overlay rule written out against every entry of the
// image, the slow way: the first layer after layer that whites out p or a
// directory above it, hides it under an opaque directory, puts anything but
// a directory over a directory p (or anything over a file p), or replaces a
// directory above p with something that is not a directory.
func removedByRef(all []seenEntry, p string, layer int, dir bool) int {
	under := func(a string) bool { return a == "/" || strings.HasPrefix(p, a+"/") }
	for _, e := range all {
		if e.layer <= layer {
			continue
		}
		switch {
		case e.opaque && under(e.whiteout):
			return e.layer
		case e.opaque:
		case e.whiteout != "" && (e.whiteout == p || under(e.whiteout)):
			return e.layer
		case e.whiteout != "":
		case e.path == p && !(dir && e.dir):
			return e.layer
		case under(e.path) && !e.dir:
			return e.layer
		}
	}
	return -1
}

// The Overlay must agree with the reference model on random stacks of
// files, directories, links, whiteouts and opaque markers, with every
// entry of every layer watched.
func TestOverlayAgreesWithReference(t *testing.T) {
	names := []string{"a", "a/b", "a/b/c", "a/x", "d", "d/e", "f"}
	for seed := range uint64(300) {
		r := rand.New(rand.NewPCG(seed, 7))
		var layers []v1.Layer
		for range 1 + r.IntN(4) {
			used := map[string]bool{}
			var es []imagetest.Entry
			for range 1 + r.IntN(6) {
				n := names[r.IntN(len(names))]
				if used[n] {
					continue
				}
				used[n] = true
				dir, base := "", n
				if i := strings.LastIndexByte(n, '/'); i >= 0 {
					dir, base = n[:i+1], n[i+1:]
				}
				switch r.IntN(5) {
				case 0:
					es = append(es, imagetest.Dir(n))
				case 1:
					es = append(es, imagetest.Symlink(n, "/elsewhere"))
				case 2:
					es = append(es, imagetest.File(dir+".wh."+base, ""))
				case 3:
					es = append(es, imagetest.File(n+"/.wh..wh..opq", ""))
				default:
					es = append(es, imagetest.File(n, "x"))
				}
			}
			layers = append(layers, imagetest.Layer(t, imagetest.Tar(t, es...)))
		}
		img := imagetest.Image(t, layers, nil)
		o := image.NewOverlay()
		var all, watched []seenEntry
		_, err := image.Walk(context.Background(), img, image.WalkOptions{}, func(e *image.Entry) error {
			o.See(e)
			se := seenEntry{path: e.Path, layer: e.Layer, dir: e.Header.Typeflag == tar.TypeDir, whiteout: e.Whiteout, opaque: e.Opaque}
			all = append(all, se)
			if e.Whiteout == "" {
				o.Watch(e.Path, e.Layer, se.dir)
				watched = append(watched, se)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range watched {
			want := removedByRef(all, w.path, w.layer, w.dir)
			by, gone := o.RemovedBy(i)
			if gone != (want >= 0) || (gone && by != want) {
				t.Errorf("seed %d: %s in layer %d: Overlay says removed %v by %d, the reference by %d", seed, w.path, w.layer, gone, by, want)
			}
			if o.SeenIn(i) != w.layer {
				t.Errorf("seed %d: %s: SeenIn %d, want %d", seed, w.path, o.SeenIn(i), w.layer)
			}
		}
	}
}
