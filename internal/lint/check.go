package lint

import (
	"slices"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/rules"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// checkBuildArg is the build argument with which BuildKit overrides a
// Dockerfile's `# check=` parser directive.
const checkBuildArg = "BUILDKIT_DOCKERFILE_CHECK"

// The `# check=skip=` half of BuildKit's check configuration is a pragma
// like the others (suppress.go). This file holds the two parts that are not
// suppressions: `experimental=`, which turns BuildKit's experimental checks
// (our optional twins) on for a file, and the BUILDKIT_DOCKERFILE_CHECK
// build argument, which replaces the file's directive.

// checkValue is the check configuration in force for the whole file: the
// build argument when given, else the parser directive.
func checkValue(f *dockerfile.File, s *rules.Settings) string {
	if v, ok := s.BuildArgs[checkBuildArg]; ok {
		return v
	}
	return f.Directives.Check
}

// experimental are the optional rules with an experimental BuildKit twin,
// in rules.All()'s order, listed on first use.
var experimental = sync.OnceValue(func() []*rules.Rule {
	var out []*rules.Rule
	for _, r := range rules.All() {
		if r.BuildKit != nil && r.BuildKit.IsExperimental() {
			out = append(out, r)
		}
	}
	return out
})

// experimentalRules returns the optional rules with a BuildKit twin that the
// file enables through `experimental=` (in the directive, the build
// argument or an instruction's check comment).
func experimentalRules(f *dockerfile.File, s *rules.Settings) []*rules.Rule {
	var cfgs []*linter.Config
	add := func(v string) {
		// Only a configuration that enables experimental checks matters
		// here; almost no file has one, and for those rules.All() (a new
		// slice of every rule) is not needed at all.
		if cfg, err := linter.ParseLintOptions(v); err == nil && (cfg.ExperimentalAll || len(cfg.ExperimentalRules) > 0) {
			cfgs = append(cfgs, cfg)
		}
	}
	add(checkValue(f, s))
	for _, in := range f.Instructions {
		for _, c := range in.Comments() {
			if v, ok := strings.CutPrefix(strings.TrimSpace(c), "check="); ok {
				v, _, _ = strings.Cut(v, " ")
				add(v)
				break
			}
		}
	}
	if len(cfgs) == 0 {
		return nil
	}
	var out []*rules.Rule
	for _, r := range experimental() {
		if slices.ContainsFunc(cfgs, func(cfg *linter.Config) bool {
			return cfg.ExperimentalAll || slices.ContainsFunc(cfg.ExperimentalRules, r.Matches)
		}) {
			out = append(out, r)
		}
	}
	return out
}

// checksAreErrors reports whether the file's check configuration says
// `error=true`: BuildKit then fails the build on its checks' warnings, so
// the findings of their twins are errors (unless the user set the rule's
// severity: flags and configuration win over the file, as for skip).
func checksAreErrors(f *dockerfile.File, s *rules.Settings) bool {
	v := checkValue(f, s)
	if v == "" {
		return false
	}
	cfg, err := linter.ParseLintOptions(v)
	return err == nil && cfg.ReturnAsError
}

// withRules returns an engine that also runs extra, or e itself when they
// add nothing. An explicit --only or --ignore still wins over the file.
func (e *Engine) withRules(extra []*rules.Rule) *Engine {
	var add []*rules.Rule
	for _, r := range extra {
		if e.enabled[r] || ignoresRule(r, e.opts.Ignore) || (len(e.opts.Only) > 0 && !matchesAny(r, e.opts.Only)) {
			continue
		}
		if e.opts.Rules != nil && !slices.Contains(e.opts.Rules, r) {
			continue
		}
		add = append(add, r)
	}
	if len(add) == 0 {
		return e
	}
	opts := e.opts
	opts.Rules, opts.Only = append(slices.Clone(e.all), add...), nil
	return New(opts)
}

// overrideCheckDirective applies the BUILDKIT_DOCKERFILE_CHECK build
// argument: the file's `# check=` directive no longer counts, the
// argument's skip list does (file-wide).
func (s *suppressions) overrideCheckDirective(f *dockerfile.File, value string) {
	s.all = slices.DeleteFunc(s.all, func(p *Suppression) bool {
		return p.Tool == ToolBuildKit && p.Scope == ScopeFile && p.Line == f.Directives.CheckLine
	})
	line := max(f.Directives.CheckLine, 1)
	if p, ok := parsePragma("# check="+value, line); ok {
		p.Scope = ScopeFile
		p.Text = "--build-arg " + checkBuildArg + "=" + value
		s.all = append(s.all, &p)
	}
}
