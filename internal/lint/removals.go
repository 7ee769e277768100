package lint

import (
	"archive/tar"
	"path"

	"github.com/dockstride/dockstride/internal/image"
)

// removals follows the paths of layer findings through the later layers of
// a walk, to tell which files a later layer deleted or replaced. It holds
// only the watched paths and their ancestors, so its memory grows with the
// findings, not with the files of the image. The rules are the overlay
// file system's, as image.Result.DeletedIn applies them: a whiteout of the
// path or of a directory above it, an opaque marker on a directory above
// it, a later entry at the path (a directory over a directory merges and
// is not a replacement), or a directory above it replaced by a file or link.
type removals struct {
	items  []removal
	byPath map[string][]int // a watched path, or an ancestor of one → items
}

// removal is one watched path: the layer it was seen in, whether it is a
// directory, and the first later layer that removed it (-1: none).
type removal struct {
	path  string
	layer int
	dir   bool
	by    int
}

func newRemovals() *removals { return &removals{byPath: map[string][]int{}} }

// watch starts following p, seen in layer, and returns its index.
func (r *removals) watch(p string, layer int, dir bool) int {
	i := len(r.items)
	r.items = append(r.items, removal{path: p, layer: layer, dir: dir, by: -1})
	for a := p; ; a = path.Dir(a) {
		r.byPath[a] = append(r.byPath[a], i)
		if a == "/" || a == "." {
			return i
		}
	}
}

// see applies one entry of the walk to the watched paths.
func (r *removals) see(e *image.Entry) {
	key := e.Path
	if e.Whiteout != "" {
		key = e.Whiteout
	}
	for _, i := range r.byPath[key] {
		it := &r.items[i]
		if e.Layer <= it.layer || it.by >= 0 {
			continue
		}
		above := it.path != key // key is a directory above the watched path
		var gone bool
		switch {
		case e.Opaque:
			// An opaque directory hides what lower layers put in it, not
			// the directory itself.
			gone = above
		case e.Whiteout != "":
			gone = true
		case !above:
			gone = !(it.dir && e.Header.Typeflag == tar.TypeDir)
		default:
			gone = e.Header.Typeflag != tar.TypeDir
		}
		if gone {
			it.by = e.Layer
		}
	}
}
