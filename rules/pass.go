package rules

import (
	"context"
	"fmt"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/secret"
)

// Settings are the rule options a configuration may set.
type Settings struct {
	// Target is the stage that ships (docker build --target); "" means the
	// last stage.
	Target string
	// TrustedRegistries, when non-empty, lists the registries base images
	// may come from (wildcards allowed).
	TrustedRegistries []string
	// LabelSchema maps required label names to their value type.
	LabelSchema map[string]string
	// StrictLabels rejects labels not in LabelSchema.
	StrictLabels bool
	// AllowedPorts are exposed ports the port rules accept.
	AllowedPorts []int
	// Secrets is the team's secret-detection policy (allow-lists, extra
	// patterns); nil means the built-in detection.
	Secrets *secret.Policy
	// BuildArgs are --build-arg values. Rules judge the Dockerfile's own
	// defaults; BUILDKIT_DOCKERFILE_CHECK overrides the `# check=` directive
	// as it does in BuildKit.
	BuildArgs map[string]string
	// BuildContexts are the named build contexts given to the build
	// (docker buildx build --build-context NAME=VALUE): BuildKit resolves
	// `COPY --from=NAME` and `FROM NAME` to them before stages and images.
	// Bake files' `contexts` near the Dockerfile count too (see
	// Pass.NamedContext).
	BuildContexts map[string]string
	// ContextDir is the build context (docker build's PATH argument); ""
	// means the Dockerfile's directory. Its .dockerignore is read from there.
	ContextDir string
	// ShellCheck is the shellcheck binary the ShellCheck rule runs on RUN
	// scripts; "" leaves that rule silent. The CLI finds it on PATH.
	ShellCheck string
	// Bases reads base images' configs from their registries (lint
	// --resolve-base); nil means offline: only internal/baseimage's table
	// is known (see Pass.BaseDefaults).
	Bases BaseConfigs
	// EOLDate is the day base images' end of support is judged on
	// (--eol-date); zero means the day internal/baseimage's table was
	// checked (baseimage.AsOf), so findings do not change with the clock.
	EOLDate time.Time
	// ResolveDigest, when set, asks the registry for the digest an image
	// reference names today (lint --resolve-digests), for the fix that pins base
	// images; nil means no registry is asked.
	ResolveDigest func(ctx context.Context, ref string) (string, error) `json:"-"`
	// FixMemLimit and FixPidsLimit are the limits the compose fixes write
	// (fix.mem-limit, fix.pids-limit); "" and 0 mean DefaultFixMemLimit
	// and DefaultFixPidsLimit.
	FixMemLimit  string
	FixPidsLimit int64
}

// Pass is what a check receives: the file, the settings and the means to
// report. A Pass belongs to one rule and one file.
type Pass struct {
	Rule     *Rule
	File     *dockerfile.File
	Settings *Settings
	// Dockerignore is the build context's .dockerignore, nil when there is
	// none; set by the engine.
	Dockerignore *Dockerignore
	// ContextSecrets are the top-level entries of the build context that
	// ContextSecretName matches (.git, .env files, private keys), found by
	// the engine; nil when there are none or the context was not read.
	ContextSecrets []string
	// ContextDir is the build context directory the engine linted the
	// file with (--context, else the Dockerfile's directory); "" when
	// there is none (standard input). ContextFile reads from it.
	ContextDir string
	// Report receives each finding; set by the engine.
	Report func(Finding)
	// History says File is an image's history replayed as a Dockerfile
	// (see InstructionCheck.History), where an ENV's value may since have
	// been changed by a later step; set by the engine.
	History bool
	// Context is the run's: a check that runs another program or waits
	// stops when it is done. Set by the engine; nil means
	// context.Background().
	Context context.Context
	// Fixes says the run wants the fixes of the findings (lint --fix,
	// --diff, formats that show fixes): only then does WithFix build
	// them. Set by the engine.
	Fixes bool
}

// Ctx is the run's context, never nil.
func (p *Pass) Ctx() context.Context {
	if p.Context == nil {
		return context.Background()
	}
	return p.Context
}

// Reportf reports a finding at rng.
func (p *Pass) Reportf(rng dockerfile.Range, format string, args ...any) {
	p.Report(p.finding(rng, fmt.Sprintf(format, args...)))
}

// ReportAliasedf reports a finding of a rule with AliasesPerFinding that
// stands for the given peer IDs (some of the rule's Aliases, or IDs its
// AliasPattern matches); none means it corresponds to no peer rule.
func (p *Pass) ReportAliasedf(rng dockerfile.Range, aliases []string, format string, args ...any) {
	f := p.finding(rng, fmt.Sprintf(format, args...))
	f.Aliases = aliases
	p.Report(f)
}

// ReportAtf reports a finding at a severity of its own, for rules whose
// findings differ in harm (an unpinned OS package is hygiene, an unpinned
// pip package is not): the rule's Severity is the highest its findings
// get, so sev is never raised above it. aliases are as ReportAliasedf's
// (nil for a rule without AliasesPerFinding).
func (p *Pass) ReportAtf(sev Severity, rng dockerfile.Range, aliases []string, format string, args ...any) {
	f := p.finding(rng, fmt.Sprintf(format, args...))
	f.Severity = max(sev, p.Rule.Severity)
	f.Aliases = aliases
	p.Report(f)
}

func (p *Pass) finding(rng dockerfile.Range, msg string) Finding {
	end := rng.EndLine
	if end < rng.StartLine {
		end = rng.StartLine
	}
	return Finding{
		Rule:     p.Rule,
		Severity: p.Rule.Severity,
		Message:  msg,
		Location: Location{Target: TargetDockerfile, File: p.File.Path, Line: rng.StartLine, EndLine: end, Column: rng.StartCol},
	}
}

// ReportLinef reports a finding on a single line.
func (p *Pass) ReportLinef(line int, format string, args ...any) {
	p.Reportf(dockerfile.LineRange(line, line), format, args...)
}

// Secrets is the secret-detection policy to judge names and values with;
// never nil-unsafe (a nil *secret.Policy is the built-in detection).
func (p *Pass) Secrets() *secret.Policy {
	if p.Settings == nil {
		return nil
	}
	return p.Settings.Secrets
}

// ShipStage is the stage that becomes the image: the --target stage when
// set and present, else the last stage.
func (p *Pass) ShipStage() *dockerfile.Stage {
	if p.Settings != nil && p.Settings.Target != "" {
		if s := p.File.StageByName(p.Settings.Target); s != nil {
			return s
		}
	}
	return p.File.FinalStage()
}

// IsShipped reports whether s is the stage that becomes the image.
func (p *Pass) IsShipped(s *dockerfile.Stage) bool { return s != nil && s == p.ShipStage() }

// ShipsLayers reports whether s's layers end up in the image: s is the
// shipped stage or a stage it is built FROM, directly or not. (Files
// copied out of a builder with COPY --from carry none of its layers.)
//
// The chain is computed once per file and target, shared by every rule:
// rules ask per instruction, and walking the FROM chain each time is
// quadratic in a long chain.
func (p *Pass) ShipsLayers(s *dockerfile.Stage) bool {
	if s == nil {
		return false
	}
	chain := p.File.Memo(shipChainKey{p.target()}, func() any {
		chain := map[*dockerfile.Stage]bool{}
		for c := p.ShipStage(); c != nil && !chain[c]; c = c.Parent {
			chain[c] = true
		}
		return chain
	}).(map[*dockerfile.Stage]bool)
	return chain[s]
}

// shipChainKey is ShipsLayers' File.Memo key: the chain depends on the
// --target setting as well as the file.
type shipChainKey struct{ target string }

func (p *Pass) target() string {
	if p.Settings == nil {
		return ""
	}
	return p.Settings.Target
}

// LeftoversShip reports whether what a RUN leaves behind matters: always
// for an ONBUILD trigger, which runs in whatever image builds on this one,
// otherwise when its stage's layers ship.
func (p *Pass) LeftoversShip(in dockerfile.Instruction) bool {
	return in.Parent() != nil || p.ShipsLayers(in.Stage())
}

// Dockerignore is the .dockerignore that applies to a Dockerfile's build.
type Dockerignore struct {
	// Path is the file it was read from.
	Path string
	// Patterns are its patterns, comments and blank lines removed, as
	// BuildKit reads them.
	Patterns []string
}

// ImagePass is what an image check receives: the image, the settings and
// the means to report. An ImagePass belongs to one rule and one image.
type ImagePass struct {
	Rule     *Rule
	Image    *image.Image
	Settings *Settings
	// Report receives each finding; set by the engine.
	Report func(Finding)

	seen map[string]bool
}

// Reportf reports a finding about the image config.
func (p *ImagePass) Reportf(format string, args ...any) {
	p.Report(p.finding(TargetImageConfig, fmt.Sprintf(format, args...)))
}

// ReportAliasedf reports a config finding of a rule with
// AliasesPerFinding that stands for the given peer IDs (as
// Pass.ReportAliasedf).
func (p *ImagePass) ReportAliasedf(aliases []string, format string, args ...any) {
	fd := p.finding(TargetImageConfig, fmt.Sprintf(format, args...))
	fd.Aliases = aliases
	p.Report(fd)
}

// ReportFilef reports a finding about a file in a layer; the finding names
// the layer's digest and the path.
func (p *ImagePass) ReportFilef(f *image.Entry, format string, args ...any) {
	fd := p.finding(TargetImageLayer, fmt.Sprintf(format, args...))
	fd.Layer = f.LayerDigest
	fd.Path = f.Path
	p.Report(fd)
}

// ReportFileAliasedf reports a file finding of a rule with
// AliasesPerFinding that stands for the given peer IDs.
func (p *ImagePass) ReportFileAliasedf(f *image.Entry, aliases []string, format string, args ...any) {
	fd := p.finding(TargetImageLayer, fmt.Sprintf(format, args...))
	fd.Layer, fd.Path, fd.Aliases = f.LayerDigest, f.Path, aliases
	p.Report(fd)
}

func (p *ImagePass) finding(target Target, msg string) Finding {
	return Finding{
		Rule:     p.Rule,
		Severity: p.Rule.Severity,
		Message:  msg,
		Location: Location{Target: target, Image: p.Image.Name, Digest: p.Image.Digest},
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
