package lint

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// DefaultImageFileBytes caps how much of each file a layer rule asked for
// is read: enough for any account database or credential file, small
// enough that a hostile image cannot make a scan hold much.
const DefaultImageFileBytes = 256 << 10

// ImageOptions tune ScanImage.
type ImageOptions struct {
	// MaxFileBytes caps the content read per wanted file (default
	// DefaultImageFileBytes).
	MaxFileBytes int64
	// Progress, when set, is called as the walk enters each layer.
	Progress func(layer, layers int)
	// BaseHistory is what becomes of the findings of history entries
	// guessed to be the base image's (the zero value: BaseHistoryInfo).
	BaseHistory BaseHistory
}

// BaseHistory is the policy for findings of the history entries that
// baseImageEnd attributes to the base image. Those steps were built by
// someone else (python's unpinned apt-get, say): the user cannot fix them
// in their Dockerfile, only by changing or rebuilding the base, so by
// default they are listed without failing the run.
type BaseHistory int

// Base-image history policies.
const (
	// BaseHistoryInfo reports them at severity info, unless the user set
	// the rule's severity explicitly.
	BaseHistoryInfo BaseHistory = iota
	// BaseHistoryKeep reports them at the rule's severity.
	BaseHistoryKeep
	// BaseHistorySkip leaves them out.
	BaseHistorySkip
)

var baseHistoryNames = [...]string{BaseHistoryInfo: "info", BaseHistoryKeep: "keep", BaseHistorySkip: "skip"}

// String returns the policy's name, as ParseBaseHistory reads it.
func (b BaseHistory) String() string {
	if b >= 0 && int(b) < len(baseHistoryNames) {
		return baseHistoryNames[b]
	}
	return fmt.Sprintf("BaseHistory(%d)", int(b))
}

// ParseBaseHistory reads "info", "keep" or "skip".
func ParseBaseHistory(s string) (BaseHistory, error) {
	for i, n := range baseHistoryNames {
		if strings.EqualFold(strings.TrimSpace(s), n) {
			return BaseHistory(i), nil
		}
	}
	return 0, fmt.Errorf("%q is not info, keep or skip", s)
}

// ImageResult is the outcome of scanning one image.
type ImageResult struct {
	// Image is the image's name; Digest its manifest digest.
	Image    string
	Digest   string
	Findings []rules.Finding
	Problems []Problem
	// Layers and Entries count what the layer walk read (0 when no layer
	// rule ran).
	Layers  int
	Entries int64
}

// ScanImage runs the image checks on an opened image: the config checks,
// the instruction checks over the history replayed as a Dockerfile, and the
// layer checks over one streamed walk. A walk that fails (corrupt blob,
// timeout) becomes a Problem; what was found until then is kept.
func (e *Engine) ScanImage(ctx context.Context, im *image.Image, opts ImageOptions) ImageResult {
	res := ImageResult{Image: im.Name, Digest: im.Digest}
	var layers []string
	if im.Img != nil {
		ls, err := image.LayerDigests(im.Img)
		if err != nil {
			res.Problems = append(res.Problems, Problem{File: im.Name, Message: err.Error()})
			return res
		}
		layers = ls
	}
	var out []rules.Finding
	for _, rc := range e.configChecks {
		r := rc.rule
		p := &rules.ImagePass{Rule: r, Image: im, Settings: &e.settings}
		p.Report = func(fd rules.Finding) {
			if fd.SourceHash == "" {
				fd.SourceHash = SourceHash(fd.Message)
			}
			if e.adjust(r, &fd) {
				out = append(out, fd)
			}
		}
		e.guardImage(r, im.Name, &res, func() { rc.check.Check(p, im) })
	}
	out = append(out, e.scanHistory(im, layers, opts.BaseHistory, &res)...)
	if im.Img != nil {
		out = append(out, e.walkLayers(ctx, im, len(layers), opts, &res)...)
	}
	res.Findings = out
	Sort(res.Findings)
	return res
}

// guardImage is guard for image checks: a panicking check becomes an
// internal Problem of this image. It reports whether fn completed.
func (e *Engine) guardImage(r *rules.Rule, name string, res *ImageResult, fn func()) bool {
	var tmp Result
	e.guard(r, name, 0, &tmp, fn)
	res.Problems = append(res.Problems, tmp.Problems...)
	return len(tmp.Problems) == 0
}

// historyLayers maps each history entry to the digest of the layer it
// made, when the history's non-empty entries line up with the layers.
func historyLayers(hist []v1.History, layers []string) []string {
	out := make([]string, len(hist))
	n := 0
	for _, h := range hist {
		if !h.EmptyLayer {
			n++
		}
	}
	if n != len(layers) {
		return out
	}
	l := 0
	for i, h := range hist {
		if !h.EmptyLayer {
			out[i] = layers[l]
			l++
		}
	}
	return out
}

// scanHistory replays the history as a Dockerfile ("FROM scratch" and one
// instruction per entry, build arguments as ARG lines before their RUN) and
// runs the instruction checks on it, so `curl … | sh` in a pulled image's
// history is the same finding as in a Dockerfile. Findings of the entries
// guessed to be the base image's follow policy.
func (e *Engine) scanHistory(im *image.Image, imageLayers []string, policy BaseHistory, res *ImageResult) []rules.Finding {
	type step struct {
		index int
		kind  dockerfile.Kind
		// parts are the instructions replayed: ARG lines, then the step.
		parts []string
	}
	var steps []step
	for i, h := range im.Config.History {
		st, ok := ParseHistory(h.CreatedBy)
		if !ok || !slices.Contains(rules.HistoryKinds, st.Kind) {
			continue
		}
		var parts []string
		for _, a := range st.Args {
			if a.Value != "" {
				parts = append(parts, argLine(a))
			}
		}
		steps = append(steps, step{i, st.Kind, append(parts, st.Text)})
	}
	if len(steps) == 0 {
		return nil
	}
	layers := historyLayers(im.Config.History, imageLayers)
	base := baseImageEnd(im.Config.History)
	env := configEnv(im.Config)
	var out []rules.Finding
	seen := map[string]bool{}
	replay := func(ss []step) bool {
		var src strings.Builder
		src.WriteString("FROM scratch\n")
		line := 2
		lineStep := map[int]step{}
		starts := map[int]bool{}
		argLine := map[int]bool{}
		for _, s := range ss {
			for j, part := range s.parts {
				starts[line] = true
				for range strings.Split(part, "\n") {
					lineStep[line] = s
					argLine[line] = j < len(s.parts)-1
					line++
				}
				src.WriteString(part + "\n")
			}
		}
		f, err := dockerfile.Parse("history", []byte(src.String()))
		if err != nil {
			return false
		}
		found := 0
		for _, in := range f.Instructions {
			if starts[in.Range().StartLine] {
				found++
			}
		}
		if found < len(starts) {
			// A step swallowed the next (an unmatched heredoc marker in
			// a one-line RUN): replay the steps one by one instead.
			return false
		}
		var tmp Result
		var raw []rules.Finding
		pass := func(r *rules.Rule) *rules.Pass {
			return &rules.Pass{Rule: r, File: f, Settings: &e.settings, History: true, Report: func(fd rules.Finding) { raw = append(raw, fd) }}
		}
		for _, in := range f.Instructions {
			if !envInConfig(in, env) {
				e.visit(e.historyKinds[in.Kind()], in, pass, &tmp)
			}
		}
		for _, rc := range e.fileChecks {
			if rc.check.History {
				e.guard(rc.rule, im.Name, 0, &tmp, func() { rc.check.Check(pass(rc.rule), f) })
			}
		}
		for _, p := range tmp.Problems {
			p.File, p.Line = im.Name, 0
			res.Problems = append(res.Problems, p)
		}
		for _, fd := range raw {
			st, ok := lineStep[fd.Line]
			if !ok {
				continue
			}
			i := st.index
			inBase := i <= base
			if inBase && policy == BaseHistorySkip {
				continue
			}
			// A build argument recorded with every RUN that used it is
			// one finding, at its first RUN of each part: the base's
			// must not hide (nor, demoted, stand for) the image's own.
			key := fmt.Sprint(fd.Rule.ID, "\x00", fd.Message, "\x00", st.index)
			if argLine[fd.Line] {
				key = fmt.Sprint(fd.Rule.ID, "\x00", fd.Message, "\x00", inBase)
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			h := im.Config.History[i]
			where := st.kind.String()
			if inBase {
				where += ", base image"
			}
			img := rules.Finding{
				Rule: fd.Rule, Severity: fd.Severity, Aliases: fd.Aliases,
				Message:    fmt.Sprintf("history entry %d (%s): %s", i, where, fd.Message),
				Location:   rules.Location{Target: rules.TargetImageHistory, Image: im.Name, Digest: im.Digest, Layer: layers[i], History: i},
				SourceHash: SourceHash(h.CreatedBy),
			}
			if !e.adjust(fd.Rule, &img) {
				continue
			}
			if inBase && policy == BaseHistoryInfo && img.Severity < rules.Info && !e.explicitSeverity(fd.Rule, &img) {
				img.Severity = rules.Info
			}
			out = append(out, img)
		}
		return true
	}
	if !replay(steps) {
		for _, s := range steps {
			replay([]step{s})
		}
	}
	return out
}

// baseImageEnd guesses the last history entry of the base image: the last
// CMD or ENTRYPOINT (nearly every base image ends with one) that comes
// before the final image's last layer-making step, as trivy guesses it.
// -1 means no guess. It is a heuristic: an image whose own steps set CMD
// midway, or a base without CMD, moves the line, which is why the default
// policy (BaseHistoryInfo) still lists those findings rather than dropping
// them.
func baseImageEnd(hist []v1.History) int {
	layer := false
	for i := len(hist) - 1; i >= 0; i-- {
		h := hist[i]
		if !layer {
			layer = !h.EmptyLayer
			continue
		}
		if !h.EmptyLayer {
			continue
		}
		if st, ok := ParseHistory(h.CreatedBy); ok && (st.Kind == dockerfile.KindCmd || st.Kind == dockerfile.KindEntrypoint) {
			return i
		}
	}
	return -1
}

// configEnv is the config's environment as a map.
func configEnv(cf *v1.ConfigFile) map[string]string {
	env := map[string]string{}
	for _, kv := range cf.Config.Env {
		k, v, _ := strings.Cut(kv, "=")
		env[k] = v
	}
	return env
}

// envInConfig reports whether every variable an ENV sets still has that
// value in the config: the config check reports those, once.
func envInConfig(in dockerfile.Instruction, env map[string]string) bool {
	x, ok := in.(*dockerfile.Env)
	if !ok {
		return false
	}
	for _, kv := range x.Cmd.Env {
		if v, ok := env[kv.Key]; !ok || v != kv.Value {
			return false
		}
	}
	return true
}

// maxLayerFindings caps the layer findings of one rule in one image, so a
// crafted image of a million setuid files cannot make the report (and the
// scan's memory) as large; the last finding listed says how many more
// there were.
const maxLayerFindings = 1000

// walkLayers streams the layers once for every rule with a WalkFile check
// and for the code checks (image_code.go, which read the application's
// source files). Content is read only for files some rule wants, up to the
// cap. Findings
// about files a later layer removed are dropped for LiveFilesOnly rules and
// otherwise say which layer still ships the file. The walk keeps no index of
// the image's paths (its memory would grow with their number); the few
// paths with findings are followed through the later layers instead.
func (e *Engine) walkLayers(ctx context.Context, im *image.Image, numLayers int, opts ImageOptions, res *ImageResult) []rules.Finding {
	walkers := e.layerChecks
	code := newImageCode(e, im)
	if len(walkers) == 0 && code == nil {
		return nil
	}
	type layerFinding struct {
		fd       rules.Finding
		liveOnly bool
		watch    int // index in the overlay
		layer    int // index of the layer whose entry it is about
	}
	var found []layerFinding
	removed := image.NewOverlay()
	var cur *image.Entry
	passes := make([]*rules.ImagePass, len(walkers))
	broken := make([]bool, len(walkers))
	counts := make([]int, len(walkers))
	for i, rc := range walkers {
		r := rc.rule
		p := &rules.ImagePass{Rule: r, Image: im, Settings: &e.settings}
		p.Report = func(fd rules.Finding) {
			if !e.adjust(r, &fd) {
				return
			}
			if counts[i]++; counts[i] > maxLayerFindings {
				return
			}
			// A finding about a directory the entry lies in (.git) follows
			// that directory.
			dir := fd.Path != cur.Path || cur.Header.Typeflag == tar.TypeDir
			found = append(found, layerFinding{fd, rc.check.LiveOnly, removed.Watch(fd.Path, cur.Layer, dir), cur.Layer})
		}
		passes[i] = p
	}
	limit := opts.MaxFileBytes
	if limit <= 0 {
		limit = DefaultImageFileBytes
	}
	want := func(p string, h *tar.Header) bool {
		if code.want(p, h, limit) {
			return true
		}
		for _, rc := range walkers {
			if rc.check.Want != nil && rc.check.Want(p, h) {
				return true
			}
		}
		return false
	}
	layer := -1
	visit := func(en *image.Entry) error {
		if en.Layer != layer {
			layer = en.Layer
			if opts.Progress != nil {
				opts.Progress(layer, numLayers)
			}
		}
		removed.See(en)
		if en.Whiteout != "" {
			return nil
		}
		cur = en
		code.see(en)
		if en.Content != nil && !en.Truncated && code.want(en.Path, en.Header, limit) {
			code.check(en, removed)
		}
		for i, rc := range walkers {
			if !broken[i] {
				// One panic per rule and image is enough to report.
				broken[i] = !e.guardImage(rc.rule, im.Name, res, func() { rc.check.Check(passes[i], en) })
			}
		}
		return nil
	}
	wres, err := image.Walk(ctx, im.Img, image.WalkOptions{MaxFileBytes: limit, Want: want}, visit)
	if err != nil {
		res.Problems = append(res.Problems, Problem{File: im.Name, Message: err.Error()})
	}
	var out []rules.Finding
	for _, lf := range found {
		if by, gone := removed.RemovedBy(lf.watch); gone {
			if lf.liveOnly {
				continue
			}
			lf.fd.Message += fmt.Sprintf(" (removed by layer %d, still shipped in layer %d)", by, removed.SeenIn(lf.watch))
		}
		if why := unverified(wres, lf.layer); why != "" {
			lf.fd.Message += fmt.Sprintf(" (unverified: layer %d %s)", lf.layer, why)
		}
		out = append(out, lf.fd)
	}
	for i, rc := range walkers {
		if more := counts[i] - maxLayerFindings; more > 0 {
			for j := len(out) - 1; j >= 0; j-- {
				if out[j].Rule == rc.rule {
					out[j].Message += fmt.Sprintf(" (and %d more findings of this rule not listed)", more)
					break
				}
			}
		}
	}
	out = append(out, code.finish(removed, wres, res)...)
	if wres != nil {
		res.Layers, res.Entries = wres.Layers, wres.Entries
	}
	return out
}

// unverified says why layer is not vouched for by the image's digests, or
// "" when the walk read it to its end and it matched them. The findings of
// such a layer are kept rather than withheld, since a registry or archive
// that serves that content may well be what a container runs, but their
// message says that nothing vouches for it; the walk's error is a Problem
// of the same image.
func unverified(res *image.Result, layer int) string {
	if res == nil || layer >= len(res.Checks) {
		return "was not read to its end"
	}
	c := res.Checks[layer]
	var ve *image.VerifyError
	switch {
	case c.Verified:
		return ""
	case errors.As(c.Err, &ve):
		return "does not match its digest"
	default:
		return "was not read to its end to check its digest"
	}
}
