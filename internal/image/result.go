package image

// Result is what a Walk read: how many layers and entries, and which
// layers were verified. It keeps no paths, so a walk's memory does not grow
// with the image's files; an Overlay follows the few paths a caller cares
// about.
type Result struct {
	// Layers is the number of layers walked.
	Layers int
	// Entries counts the tar entries visited, whiteout markers included.
	Entries int64
	// Checks holds one LayerCheck per layer read, bottom layer first; a
	// walk that stopped early holds those it reached, the last one being
	// the layer that failed.
	Checks []LayerCheck
}
