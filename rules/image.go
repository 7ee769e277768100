package rules

import (
	"archive/tar"
	"fmt"
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// Origins of an image finding: which part of the image shows the problem.
const (
	OriginConfig  = "config"
	OriginHistory = "history"
	OriginLayer   = "layer"
)

// ImageInfo is what image rules see of a built image. The config is
// go-containerregistry's plain v1.ConfigFile, so this package stays free of
// registry and network code: opening images is internal/image's job.
type ImageInfo struct {
	// Name is the image as findings name it ("registry/repo:tag", or an
	// archive path with its tag).
	Name string
	// Digest is the manifest digest (for a docker-archive, the image ID).
	Digest string
	// Config is the image config; never nil.
	Config *v1.ConfigFile
	// Layers are the layer digests, bottom layer first.
	Layers []string
}

// ImageFile is one entry of one layer of an image, as WalkFile sees it.
type ImageFile struct {
	// Layer is the 0-based layer index, bottom first; LayerDigest its
	// digest as the manifest names it.
	Layer       int
	LayerDigest string
	// Path is the cleaned absolute path ("/etc/shadow"), confined to "/".
	Path string
	// Header is the tar header (mode, owner, size, type).
	Header *tar.Header
	// Content is the start of a regular file's content, read only when the
	// rule's WantFile (or another rule's) asked for it, up to a cap;
	// Truncated says there is more.
	Content   []byte
	Truncated bool
	// Link is a link's target; links are never followed.
	Link string
}

// IsRegular reports whether the entry is a regular file.
func (f *ImageFile) IsRegular() bool {
	return f.Header != nil && (f.Header.Typeflag == tar.TypeReg || f.Header.Typeflag == '\x00')
}

// IsDir reports whether the entry is a directory.
func (f *ImageFile) IsDir() bool { return f.Header != nil && f.Header.Typeflag == tar.TypeDir }

// ImagePass is what an image check receives: the image, the settings and
// the means to report. An ImagePass belongs to one rule and one image.
type ImagePass struct {
	Rule     *Rule
	Image    *ImageInfo
	Settings *Settings
	// Report receives each finding; set by the engine.
	Report func(Finding)

	seen map[string]bool
}

// Reportf reports a finding about the image config.
func (p *ImagePass) Reportf(format string, args ...any) {
	p.Report(p.finding(OriginConfig, fmt.Sprintf(format, args...)))
}

// ReportAliasedf reports a config finding of a rule with
// AliasesPerFinding that stands for the given peer IDs (as
// Pass.ReportAliasedf).
func (p *ImagePass) ReportAliasedf(aliases []string, format string, args ...any) {
	fd := p.finding(OriginConfig, fmt.Sprintf(format, args...))
	fd.Aliases = aliases
	p.Report(fd)
}

// ReportFilef reports a finding about a file in a layer; the finding names
// the layer's digest and the path.
func (p *ImagePass) ReportFilef(f *ImageFile, format string, args ...any) {
	fd := p.finding(OriginLayer, fmt.Sprintf(format, args...))
	fd.Layer = f.LayerDigest
	fd.Path = f.Path
	p.Report(fd)
}

// ReportFileAliasedf reports a file finding of a rule with
// AliasesPerFinding that stands for the given peer IDs.
func (p *ImagePass) ReportFileAliasedf(f *ImageFile, aliases []string, format string, args ...any) {
	fd := p.finding(OriginLayer, fmt.Sprintf(format, args...))
	fd.Layer, fd.Path, fd.Aliases = f.LayerDigest, f.Path, aliases
	p.Report(fd)
}

func (p *ImagePass) finding(origin, msg string) Finding {
	return Finding{
		Rule:     p.Rule,
		Severity: p.Rule.Severity,
		Message:  msg,
		Target:   TargetImage,
		Image:    p.Image.Name,
		Digest:   p.Image.Digest,
		Origin:   origin,
	}
}

// Secrets is the secret-detection policy to judge names and values with
// (nil is the built-in detection), as Pass.Secrets.
func (p *ImagePass) Secrets() *secret.Policy {
	if p.Settings == nil {
		return nil
	}
	return p.Settings.Secrets
}

// HistoryKinds are the instructions the engine replays from an image's
// history through the instruction checks. The others (USER, EXPOSE, CMD,
// HEALTHCHECK, VOLUME…) leave their final value in the config, where the
// config checks see it once.
var HistoryKinds = []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindAdd, dockerfile.KindCopy, dockerfile.KindArg, dockerfile.KindEnv}

// Seen reports whether key was already seen by this rule in this image,
// and marks it seen: one finding per .git directory rather than one per
// file under it.
func (p *ImagePass) Seen(key string) bool {
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if p.seen[key] {
		return true
	}
	p.seen[key] = true
	return false
}

// checksImages reports whether r checks images: their config or layers,
// or their history through an instruction check of a replayed kind.
func checksImages(r *Rule) bool {
	if r.CheckImage != nil || r.WalkFile != nil {
		return true
	}
	if r.DockerfileOnly {
		return false
	}
	if r.HistoryFile && r.CheckFile != nil {
		return true
	}
	for _, k := range r.Visit {
		if r.Check != nil && slices.Contains(HistoryKinds, k) {
			return true
		}
	}
	return false
}
