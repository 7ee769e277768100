package lint

import (
	"archive/tar"
	"context"
	"math/rand/v2"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// removals must agree with image.Result.DeletedIn, which indexes every
// path: on random stacks of files, directories, links, whiteouts and
// opaque markers, every entry of every layer is watched and compared.
func TestRemovalsAgreeWithResult(t *testing.T) {
	names := []string{"a", "a/b", "a/b/c", "a/x", "d", "d/e", "f"}
	for seed := range uint64(200) {
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
				if i := lastSlash(n); i >= 0 {
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
		rm := newRemovals()
		type seen struct {
			path  string
			layer int
		}
		var watched []seen
		res, err := image.Walk(context.Background(), img, image.WalkOptions{}, func(e *image.Entry) error {
			rm.see(e)
			if e.Whiteout == "" {
				rm.watch(e.Path, e.Layer, e.Header.Typeflag == tar.TypeDir)
				watched = append(watched, seen{e.Path, e.Layer})
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for i, w := range watched {
			by, gone := res.DeletedIn(w.path, w.layer)
			got := rm.items[i].by
			if gone != (got >= 0) || (gone && by != got) {
				t.Errorf("seed %d: %s in layer %d: Result says %v by %d, removals by %d", seed, w.path, w.layer, gone, by, got)
			}
		}
	}
}

func lastSlash(s string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '/' {
			return i
		}
	}
	return -1
}
