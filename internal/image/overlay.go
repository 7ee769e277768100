package image

import (
	"archive/tar"
	"path"
)

// Overlay follows chosen paths through the later layers of a walk, to tell
// which a later layer deleted or replaced. It holds only the watched paths
// and their ancestors, so its memory grows with the paths watched, not
// with the files of the image. The rules are the overlay file system's: a
// path is removed by a whiteout of it or of a directory above it, an opaque
// marker on a directory above it, a later entry at the path (a directory
// over a directory merges and is not a replacement), or a directory above
// it replaced by anything but a directory.
//
// Feed it every entry of a walk in order (See); Watch a path when its entry
// is seen. It is not safe for concurrent use.
type Overlay struct {
	items  []watched
	byPath map[string][]int // a watched path, or an ancestor of one → items
}

// watched is one watched path: the layer it was seen in, whether it is a
// directory, and the first later layer that removed it (-1: none).
type watched struct {
	path  string
	layer int
	dir   bool
	by    int
}

// NewOverlay returns an Overlay watching nothing.
func NewOverlay() *Overlay { return &Overlay{byPath: map[string][]int{}} }

// Watch starts following p (an Entry.Path), seen in layer, and returns its
// index for RemovedBy.
func (o *Overlay) Watch(p string, layer int, dir bool) int {
	i := len(o.items)
	o.items = append(o.items, watched{path: p, layer: layer, dir: dir, by: -1})
	for a := p; ; a = path.Dir(a) {
		o.byPath[a] = append(o.byPath[a], i)
		if a == "/" || a == "." {
			return i
		}
	}
}

// See applies one entry of the walk to the watched paths.
func (o *Overlay) See(e *Entry) {
	key := e.Path
	if e.Whiteout != "" {
		key = e.Whiteout
	}
	for _, i := range o.byPath[key] {
		it := &o.items[i]
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

// RemovedBy reports the first layer after its own that removed the watched
// path i; removed is false (and layer 0) when it survives.
func (o *Overlay) RemovedBy(i int) (layer int, removed bool) {
	if by := o.items[i].by; by >= 0 {
		return by, true
	}
	return 0, false
}

// SeenIn is the layer the watched path i was seen in.
func (o *Overlay) SeenIn(i int) int { return o.items[i].layer }
