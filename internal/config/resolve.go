package config

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// Flags are the command line's values; a nil pointer or a nil slice means
// the flag was not given.
type Flags struct {
	Format    *string
	FailLevel *string
	Target    *string
	Code      *string
	Ignore    []string
	Enable    []string
	Only      []string
	Platform  *string
	Insecure  *bool
	Timeout   *time.Duration
	// BaseHistory is --base-history: info, keep or skip.
	BaseHistory *string
	// ResolveBase is --resolve-base.
	ResolveBase *bool
	// EOLDate is --eol-date.
	EOLDate *string
	// Severity sets rules' severities, in the order given (hadolint's
	// --error, --warning, --info and --style RULE).
	Severity []SeverityOverride
	// TrustedRegistries is --trusted-registry, LabelSchema --require-label
	// NAME:TYPE, StrictLabels --strict-labels and DisableInlineIgnores
	// --disable-ignore-pragma, as hadolint spells them.
	TrustedRegistries    []string
	LabelSchema          []string
	StrictLabels         *bool
	DisableInlineIgnores *bool
	// BuildArgs (--build-arg), BuildContexts (--build-context) and
	// Context (--context) describe the build being linted, not a policy,
	// so they only come from flags.
	BuildArgs     map[string]string
	BuildContexts map[string]string
	Context       string
}

// Options say where configuration comes from.
type Options struct {
	// ConfigPath is --config: one file for every input, no discovery.
	ConfigPath string
	// NoConfig is --no-config: no file at all, only environment and flags.
	NoConfig bool
	// Getenv reads DOCKSTRIDE_* variables (DOCKSTRIDE_CONFIG included);
	// nil means no environment.
	Getenv func(string) string
	Flags  Flags
	// Dir is the working directory; "" means the process's.
	Dir string
	// Now is the clock suppressions expire by; nil means time.Now.
	Now func() time.Time
	// IgnoreFile is trivy's ignore file (--ignorefile), which must exist;
	// "" reads ./.trivyignore when there is one, unless NoConfig.
	IgnoreFile string
}

// layer is the values one source sets, and the keys it set.
type layer struct {
	c   *Config
	set map[string]string // key → origin
	// notes are what --verbose should hear about the source.
	notes []string
}

// Resolver finds and merges the configuration of each input: the nearest
// configuration file to the input's directory (or the one given), then the
// environment, then the flags. It caches per file and is safe for
// concurrent use.
type Resolver struct {
	explicit string
	noConfig bool
	dir      string
	// global is the user's hadolint.yaml, used where no file is found.
	global string
	// hadolintEnv (HADOLINT_*), env (DOCKSTRIDE_*) and flags are the
	// layers above the file, lowest first.
	hadolintEnv layer
	env         layer
	flags       layer
	// ignores is the trivy ignore file, or nil.
	ignores *IgnoreFile
	// build is what Flags.BuildArgs, Flags.BuildContexts and Flags.Context
	// set.
	build rules.Settings

	mu     sync.Mutex
	byFile map[string]*Config // config file ("" for none) → effective config
	order  []*Config
	// found caches Find per directory: a run over many files in few
	// directories otherwise stats every candidate name in every parent
	// directory for every file.
	found map[string]string
	// options caches Options per effective configuration.
	options map[*Config]*lint.Options
	now     func() time.Time
}

// accumulating keys add to lower layers instead of replacing them.
var accumulating = []string{"ignore", "enable", "severity"}

// NewResolver validates the environment and the flags; their errors name
// the variable or flag.
func NewResolver(opts Options) (*Resolver, error) {
	r := &Resolver{noConfig: opts.NoConfig, dir: opts.Dir, byFile: map[string]*Config{}, now: opts.Now}
	r.build.BuildArgs, r.build.BuildContexts, r.build.ContextDir = opts.Flags.BuildArgs, opts.Flags.BuildContexts, opts.Flags.Context
	if r.dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			return nil, err
		}
		r.dir = wd
	}
	getenv := opts.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	r.explicit = opts.ConfigPath
	if r.explicit == "" && !r.noConfig {
		r.explicit = getenv("DOCKSTRIDE_CONFIG")
	}
	if r.explicit != "" && !filepath.IsAbs(r.explicit) {
		r.explicit = filepath.Join(r.dir, r.explicit)
	}
	if !r.noConfig && r.explicit == "" {
		r.global = findGlobalHadolint(getenv)
	}
	hl, err := hadolintEnvLayer(getenv)
	if err != nil {
		return nil, err
	}
	env, err := envLayer(getenv)
	if err != nil {
		return nil, err
	}
	fl, err := flagLayer(opts.Flags)
	if err != nil {
		return nil, err
	}
	r.hadolintEnv, r.env, r.flags = hl, env, fl
	return r, r.loadIgnoreFile(opts.IgnoreFile)
}

// IgnoreFile is the trivy ignore file the run reads, "" for none.
func (r *Resolver) IgnoreFile() string {
	if r.ignores == nil {
		return ""
	}
	return r.ignores.Path
}

// loadIgnoreFile reads the named trivy ignore file, or ./.trivyignore.
func (r *Resolver) loadIgnoreFile(name string) error {
	now := time.Now()
	if r.now != nil {
		now = r.now()
	}
	if name == "" {
		if r.noConfig {
			return nil
		}
		name = filepath.Join(r.dir, TrivyIgnoreName)
		if _, err := os.Stat(name); err != nil {
			return nil
		}
	} else if !filepath.IsAbs(name) {
		name = filepath.Join(r.dir, name)
	}
	f, err := LoadIgnoreFile(name, now)
	if err != nil {
		return fmt.Errorf("--ignorefile: %w", err)
	}
	r.ignores = f
	return nil
}

// SetShellCheck names the shellcheck binary the ShellCheck rule runs on
// the inputs linted from now on; "" (the default) leaves that rule silent.
func (r *Resolver) SetShellCheck(bin string) { r.build.ShellCheck = bin }

// SetBaseConfigs gives the inputs whose configuration sets resolve-base
// the means to read base images' configs from their registries; the
// others stay offline.
func (r *Resolver) SetBaseConfigs(b rules.BaseConfigs) { r.build.Bases = b }

// SetDigestResolver gives the rules a way to ask a registry for the
// digest of an image reference (lint --resolve-digests); nil asks none.
func (r *Resolver) SetDigestResolver(fn func(ctx context.Context, ref string) (string, error)) {
	r.build.ResolveDigest = fn
}

// EnvVars lists the DOCKSTRIDE_* variables with the key each sets and what
// it means, for help texts.
func EnvVars() [][2]string {
	out := [][2]string{{"DOCKSTRIDE_CONFIG", "configuration file (as --config)"}}
	for _, k := range keys {
		if k.env != "" {
			out = append(out, [2]string{k.env, k.name + ": " + k.doc})
		}
	}
	return out
}

func envLayer(getenv func(string) string) (layer, error) {
	l := layer{c: Default(), set: map[string]string{}}
	for _, k := range keys {
		if k.env == "" {
			continue
		}
		v := getenv(k.env)
		if v == "" {
			continue
		}
		if err := k.parse(l.c, v); err != nil {
			return l, fmt.Errorf("%s: %v", k.env, err)
		}
		l.set[k.name] = "env " + k.env
	}
	return l, nil
}

func flagLayer(f Flags) (layer, error) {
	l := layer{c: Default(), set: map[string]string{}}
	str := func(name, flag string, v *string) error {
		if v == nil {
			return nil
		}
		if err := lookupKey(name).parse(l.c, *v); err != nil {
			return fmt.Errorf("--%s: %v", flag, err)
		}
		l.set[name] = "flag --" + flag
		return nil
	}
	for _, e := range []error{
		str("format", "format", f.Format),
		str("fail-level", "fail-level", f.FailLevel),
		str("target", "target", f.Target),
		str("code", "code", f.Code),
		str("image.platform", "platform", f.Platform),
		str("image.base-history", "base-history", f.BaseHistory),
		setList(&l, "ignore", "ignore", f.Ignore, &l.c.Ignore),
		setList(&l, "enable", "enable", f.Enable, &l.c.Enable),
		setList(&l, "only", "only", f.Only, &l.c.Only),
	} {
		if e != nil {
			return l, e
		}
	}
	if f.Insecure != nil {
		l.c.Image.Insecure = *f.Insecure
		l.set["image.insecure"] = "flag --insecure"
	}
	if f.Timeout != nil {
		l.c.Image.Timeout = *f.Timeout
		l.set["image.timeout"] = "flag --timeout"
	}
	if f.ResolveBase != nil {
		l.c.ResolveBase = *f.ResolveBase
		l.set["resolve-base"] = "flag --resolve-base"
	}
	if f.EOLDate != nil {
		if err := parseEOLDate(*f.EOLDate, &l.c.EOLDate); err != nil {
			return l, fmt.Errorf("--eol-date: %v", err)
		}
		l.set["eol-date"] = "flag --eol-date"
	}
	return l, hadolintFlags(&l, f)
}

// hadolintFlags sets the keys of hadolint's flags: --error/--warning/
// --info/--style RULE, --trusted-registry, --require-label,
// --strict-labels and --disable-ignore-pragma.
func hadolintFlags(l *layer, f Flags) error {
	if len(f.Severity) > 0 {
		for _, s := range f.Severity {
			if err := checkRuleKeys([]string{s.Key}, false); err != nil {
				return fmt.Errorf("--%s: %v", s.Severity, err)
			}
		}
		l.c.Severity = f.Severity
		l.set["severity"] = "flag --" + severityFlagNames(f.Severity)
	}
	if f.TrustedRegistries != nil {
		if err := checkGlobs(f.TrustedRegistries); err != nil {
			return fmt.Errorf("--trusted-registry: %v", err)
		}
		l.c.TrustedRegistries = f.TrustedRegistries
		l.set["trusted-registries"] = "flag --trusted-registry"
	}
	if f.LabelSchema != nil {
		if err := parseLabelSchema(l.c, f.LabelSchema); err != nil {
			return fmt.Errorf("--require-label: %v", err)
		}
		l.set["label-schema"] = "flag --require-label"
	}
	if f.StrictLabels != nil {
		l.c.StrictLabels = *f.StrictLabels
		l.set["strict-labels"] = "flag --strict-labels"
	}
	if f.DisableInlineIgnores != nil {
		l.c.DisableInlineIgnores = *f.DisableInlineIgnores
		l.set["disable-inline-ignores"] = "flag --disable-ignore-pragma"
	}
	return nil
}

// severityFlagNames names the severity flags given, for config show.
func severityFlagNames(list []SeverityOverride) string {
	var names []string
	for _, s := range list {
		if n := s.Severity.String(); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return strings.Join(names, "/--")
}

func setList(l *layer, name, flag string, v []string, dst *[]string) error {
	if v == nil {
		return nil
	}
	if err := checkRuleKeys(v, false); err != nil {
		return fmt.Errorf("--%s: %v", flag, err)
	}
	*dst = v
	l.set[name] = "flag --" + flag
	return nil
}

// File reports the configuration file that applies to dir: the given one,
// the nearest found, or else the user's global hadolint.yaml; "" for none.
func (r *Resolver) File(dir string) string {
	switch {
	case r.noConfig:
		return ""
	case r.explicit != "":
		return r.explicit
	}
	r.mu.Lock()
	file, ok := r.found[dir]
	r.mu.Unlock()
	if ok {
		return file
	}
	file = cmp.Or(Find(dir), r.global)
	r.mu.Lock()
	if r.found == nil {
		r.found = map[string]string{}
	}
	r.found[dir] = file
	r.mu.Unlock()
	return file
}

// ForDir returns the effective configuration for files in dir.
func (r *Resolver) ForDir(dir string) (*Config, error) {
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(r.dir, dir)
	}
	file := r.File(dir)
	r.mu.Lock()
	defer r.mu.Unlock()
	if c, ok := r.byFile[file]; ok {
		return c, nil
	}
	base := Default()
	if file != "" {
		loaded, err := Load(file)
		if err != nil {
			return nil, err
		}
		base = loaded
	}
	c := r.merge(base)
	r.byFile[file] = c
	r.order = append(r.order, c)
	return c, nil
}

// ForFile returns the effective configuration for one input path; "-"
// (standard input) uses the working directory's.
func (r *Resolver) ForFile(path string) (*Config, error) {
	if path == "-" || path == "" {
		return r.ForDir(r.dir)
	}
	return r.ForDir(filepath.Dir(path))
}

// Run is the configuration of the run as a whole (output format, failure
// level, image options): the working directory's.
func (r *Resolver) Run() (*Config, error) { return r.ForDir(r.dir) }

// Used lists the effective configurations handed out so far, in the order
// first asked for, for --verbose.
func (r *Resolver) Used() []*Config {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.order)
}

// merge applies the environment and the flags on top of a file's values.
func (r *Resolver) merge(base *Config) *Config {
	c := *base
	c.Origin = map[string]string{}
	for k, v := range base.Origin {
		c.Origin[k] = v
	}
	c.Notes = slices.Clone(base.Notes)
	for _, l := range []layer{r.hadolintEnv, r.env, r.flags} {
		c.Notes = append(c.Notes, l.notes...)
		for _, k := range keys {
			origin, ok := l.set[k.name]
			if !ok {
				continue
			}
			k.merge(&c, l.c)
			if prev, had := c.Origin[k.name]; had && slices.Contains(accumulating, k.name) {
				origin = prev + " + " + origin
			}
			c.Origin[k.name] = origin
		}
	}
	if r.ignores != nil {
		r.ignores.apply(&c, r.dir)
	}
	return &c
}

// Options gives the lint options of the input at path (lint.Policy): the
// effective configuration of its directory, with the build described by
// the flags and the ShellCheck binary. "" is the run's own. Inputs that
// share a configuration get the same *lint.Options.
func (r *Resolver) Options(path string) (*lint.Options, error) {
	var cfg *Config
	var err error
	if path == "" {
		cfg, err = r.Run()
	} else {
		cfg, err = r.ForFile(path)
	}
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if o, ok := r.options[cfg]; ok {
		return o, nil
	}
	opts := cfg.LintOptions(r.now)
	opts.Settings.BuildArgs, opts.Settings.BuildContexts, opts.Settings.ContextDir = r.build.BuildArgs, r.build.BuildContexts, r.build.ContextDir
	opts.Settings.ShellCheck = r.build.ShellCheck
	if cfg.ResolveBase {
		opts.Settings.Bases = r.build.Bases
	}
	opts.Settings.ResolveDigest = r.build.ResolveDigest
	if r.options == nil {
		r.options = map[*Config]*lint.Options{}
	}
	r.options[cfg] = &opts
	return &opts, nil
}
