package lint

import (
	"archive/tar"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
)

// The application code of an image: the source files of its layers that
// are not the interpreter's own, checked by the same code rules as lint's
// (same IDs, pragmas honoured), as the streamed layer walk meets them.
// Only the version of a path that the final file system holds counts: a
// file that a later layer deletes or replaces is dropped with its findings
// (that code never runs), except for the rules marked KeepRemoved (a
// credential stays readable in the lower layer), whose findings say which
// layer removed it. The files of one image are one application for the
// AppChecks (an app that never logs).

// imageCodeDirs are path components below which an image's files are not
// its application's: other people's installed code, version control and
// caches (skipCodeDirs less the virtual environments, which are found by
// their pyvenv.cfg instead, and less the names that might be the
// application's own directory).
var imageCodeDirs = map[string]bool{
	".git": true, ".hg": true, ".svn": true, ".venv": true, ".tox": true, ".nox": true,
	"node_modules": true, "site-packages": true, "dist-packages": true, "__pycache__": true, ".mypy_cache": true,
}

// osTrees are the trees of an image that its distribution's packages
// fill (documentation and examples, gdb's and debhelper's Python, git's
// contrib scripts), not its application: a Debian base with git holds a
// Python 2 script under /usr/share/doc and a dozen os.system calls no
// image's author wrote. Applications live in /app, /srv, /opt, /home,
// /usr/src/app, /usr/local/bin and the like.
var osTrees = []string{"/usr/share/", "/usr/local/share/", "/usr/lib/", "/usr/lib64/", "/usr/libexec/", "/lib/", "/lib64/"}

// IsImageAppCode reports whether the file at p (an absolute path in an
// image) is application source that the code checks read: a source file
// (IsCodeFile) outside the interpreters' own trees (any lib/python3.x or
// lib64/python3.x, so /usr/local/lib/python3.12 and
// /opt/conda/lib/python3.11 alike), outside any site-packages and
// dist-packages, outside the distribution's trees (osTrees, which hold
// /usr/lib/python3.11 too), and not a compose file or daemon.json, which
// are runtime configuration.
func IsImageAppCode(p string) bool {
	base := path.Base(p)
	if !IsCodeFile(base) || IsComposeFileName(base) || base == daemonConfigName {
		return false
	}
	for _, t := range osTrees {
		if strings.HasPrefix(p, t) {
			return false
		}
	}
	prev := ""
	for c := range strings.SplitSeq(strings.TrimPrefix(path.Dir(p), "/"), "/") {
		if imageCodeDirs[c] {
			return false
		}
		if (prev == "lib" || prev == "lib64") && len(c) > 6 && strings.HasPrefix(c, "python") && c[6] >= '0' && c[6] <= '9' {
			return false
		}
		prev = c
	}
	return true
}

// imageCode gathers the code files of one image's walk until the walk
// ends. It keeps only the files that matter to the result: those with a
// finding or a problem, or whose module an AppCheck kept something of
// (not the zero value; codeFile.compact).
type imageCode struct {
	e      *Engine
	im     *image.Image
	files  []*codeFile
	where  []imageCodeFile
	venvs  map[string]bool // directories holding a pyvenv.cfg
	counts map[*rules.Rule]int
}

// imageCodeFile is where a kept file was found.
type imageCodeFile struct {
	layer int
	watch int // index in the walk's overlay
}

// newImageCode returns nil when the engine checks no code.
func newImageCode(e *Engine, im *image.Image) *imageCode {
	if e.opts.Code == CodeNone || !e.code.any() {
		return nil
	}
	return &imageCode{e: e, im: im, counts: map[*rules.Rule]int{}, venvs: map[string]bool{}}
}

// want reports whether the walk should capture the file's content: a
// regular application source file no longer than limit (a longer one is
// generated, not written by hand, and is not read: the image's per-file
// cap, image.max-file-bytes, raises it).
func (ic *imageCode) want(p string, h *tar.Header, limit int64) bool {
	return ic != nil && h.Typeflag == tar.TypeReg && h.Size <= limit && IsImageAppCode(p)
}

// see notes a virtual environment's pyvenv.cfg: the environment's files
// (its bin/activate_this.py, say) are someone else's code.
func (ic *imageCode) see(en *image.Entry) {
	// One at the root would hide every file of the image: not taken.
	if ic != nil && en.Whiteout == "" && path.Base(en.Path) == "pyvenv.cfg" && en.Header.Typeflag == tar.TypeReg && en.Path != "/pyvenv.cfg" {
		ic.venvs[path.Dir(en.Path)] = true
	}
}

// check checks one captured file and keeps it if it matters.
func (ic *imageCode) check(en *image.Entry, ov *image.Overlay) {
	where := rules.Location{Target: rules.TargetImageLayer, Image: ic.im.Name, Digest: ic.im.Digest, Layer: en.LayerDigest, Path: en.Path}
	cf := ic.e.checkCode(where, en.Path, en.Content, len(ic.files))
	for i := range cf.Problems {
		cf.Problems[i].File = ic.im.Name + ":" + en.Path
	}
	if len(cf.pending) == 0 && len(cf.Problems) == 0 && len(cf.kept) == 0 {
		return
	}
	// A crafted image of a million files must not make the scan hold a
	// million findings: past maxLayerFindings of a rule, they are counted.
	cf.pending = slices.DeleteFunc(cf.pending, func(pf pendingFinding) bool {
		ic.counts[pf.fd.Rule]++
		return ic.counts[pf.fd.Rule] > maxLayerFindings
	})
	ic.files = append(ic.files, cf)
	ic.where = append(ic.where, imageCodeFile{layer: en.Layer, watch: ov.Watch(en.Path, en.Layer, false)})
}

// finish drops what the final file system does not hold, runs the
// AppChecks on what it does and applies each file's pragmas (their unused
// ones are not reported: the image's user may not own its code).
func (ic *imageCode) finish(ov *image.Overlay, wres *image.Result, res *ImageResult) []rules.Finding {
	if ic == nil || len(ic.files) == 0 {
		return nil
	}
	gone := make([]bool, len(ic.files))
	var live []int
	for i, cf := range ic.files {
		if ic.inVenv(cf.where.Path) {
			gone[i] = true
			cf.pending, cf.Problems = nil, nil
			continue
		}
		if by, removed := ov.RemovedBy(ic.where[i].watch); removed {
			gone[i] = true
			// Only what stays readable in the lower layer is reported.
			cf.pending = slices.DeleteFunc(cf.pending, func(pf pendingFinding) bool { return !ic.e.code.keepRemoved[pf.fd.Rule] })
			for j := range cf.pending {
				cf.pending[j].fd.Message += fmt.Sprintf(" (removed by layer %d, still shipped in layer %d)", by, ic.where[i].layer)
			}
			cf.Problems = nil
			cf.kept = nil
			continue
		}
		live = append(live, i)
	}
	runAppChecks(ic.e, live, ic.files)
	var out []rules.Finding
	for i, cf := range ic.files {
		r := cf.finish(false)
		if why := unverified(wres, ic.where[i].layer); why != "" {
			for j := range r.Findings {
				r.Findings[j].Message += fmt.Sprintf(" (unverified: layer %d %s)", ic.where[i].layer, why)
			}
		}
		out = append(out, r.Findings...)
		if !gone[i] {
			res.Problems = append(res.Problems, r.Problems...)
		}
	}
	for r, n := range ic.counts {
		if more := n - maxLayerFindings; more > 0 {
			for j := len(out) - 1; j >= 0; j-- {
				if out[j].Rule == r {
					out[j].Message += fmt.Sprintf(" (and %d more findings of this rule not listed)", more)
					break
				}
			}
		}
	}
	return out
}

// inVenv reports whether p lies in a virtual environment the walk saw.
func (ic *imageCode) inVenv(p string) bool {
	for d := path.Dir(p); ; d = path.Dir(d) {
		if ic.venvs[d] {
			return true
		}
		if d == "/" || d == "." {
			return false
		}
	}
}
