package rules

import (
	"regexp"
	"slices"
	"strings"

	"github.com/distribution/reference"
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/util/suggest"
)

// FROM lines (DKS10xx): the ARGs and --platform values a FROM uses, judged
// as BuildKit evaluates them before the build starts.

// varEnv is an ordered variable set that BuildKit's shell lexer can expand
// with (shell.EnvGetter); keys keep declaration order for stable messages.
//
// A clone is a new layer over its parent rather than a copy: a stage
// starts from its FROM stage's variables, and copying them for every stage
// of a long FROM chain is quadratic (10,000 chained stages copied 5 GiB).
// To keep lookups short, maxVarEnvRun consecutive layers of one level are
// merged into one layer of the next level when cloned over, as in a
// log-structured merge: each variable is copied once per level, and a
// lookup probes at most maxVarEnvRun layers per level.
type varEnv struct {
	parent *varEnv // read-only layer below; nil at the bottom
	level  int     // 0, or 1 + the level of the layers merged into it
	run    int     // layers of this level ending here, this one included
	keys   []string
	vals   map[string]string
}

// maxVarEnvRun is how many layers of one level are merged into one.
const maxVarEnvRun = 16

func newVarEnv() *varEnv { return &varEnv{vals: map[string]string{}, run: 1} }

func (e *varEnv) set(k, v string) {
	if _, ok := e.Get(k); !ok {
		e.keys = append(e.keys, k)
	}
	e.vals[k] = v
}

// Get implements shell.EnvGetter.
func (e *varEnv) Get(k string) (string, bool) {
	for l := e; l != nil; l = l.parent {
		if v, ok := l.vals[k]; ok {
			return v, true
		}
	}
	return "", false
}

// Keys implements shell.EnvGetter.
func (e *varEnv) Keys() []string {
	if e.parent == nil {
		return slices.Clone(e.keys)
	}
	return append(e.parent.Keys(), e.keys...)
}

// clone returns a set starting with e's variables; e must not change
// afterwards (it becomes a shared layer).
func (e *varEnv) clone() *varEnv {
	base := e
	for base.run >= maxVarEnvRun {
		base = base.mergeRun()
	}
	return base.over(&varEnv{vals: map[string]string{}})
}

// over puts layer l (of level 0 or a merge) on top of e.
func (e *varEnv) over(l *varEnv) *varEnv {
	l.parent, l.run = e, 1
	if e.level == l.level {
		l.run = e.run + 1
	}
	return l
}

// mergeRun merges the run of equal-level layers ending at e into one
// layer of the next level, over the layer below the run. The merged
// layers are left as they are: other clones may still stand on them.
func (e *varEnv) mergeRun() *varEnv {
	run := make([]*varEnv, 0, e.run)
	l := e
	for range e.run {
		run = append(run, l)
		l = l.parent
	}
	m := &varEnv{level: e.level + 1, vals: map[string]string{}}
	for i := len(run) - 1; i >= 0; i-- {
		m.keys = append(m.keys, run[i].keys...)
		for k, v := range run[i].vals {
			m.vals[k] = v
		}
	}
	if l == nil {
		m.run = 1
		return m
	}
	return l.over(m)
}

// defaultPlatform is what dockstride assumes the builder and target are;
// the values only matter for the few checks that compare against them.
const defaultPlatform = "linux/amd64"

// globalArgs is the scope of FROM lines: BuildKit's predefined platform
// ARGs, then the meta ARGs with their defaults (or --build-arg values when
// buildArgs is true). declared holds every meta ARG name, with or without a
// value.
//
// The result is computed once per file (rules ask for it per stage) and
// shared: callers must not modify it.
func globalArgs(p *Pass, buildArgs bool) (env *varEnv, declared map[string]bool) {
	type key struct{ buildArgs bool }
	type value struct {
		env      *varEnv
		declared map[string]bool
	}
	v := p.File.Memo(key{buildArgs}, func() any {
		env, declared := computeGlobalArgs(p, buildArgs)
		return value{env, declared}
	}).(value)
	return v.env, v.declared
}

func computeGlobalArgs(p *Pass, buildArgs bool) (env *varEnv, declared map[string]bool) {
	env, declared = newVarEnv(), map[string]bool{}
	var args map[string]string
	if buildArgs && p.Settings != nil {
		args = p.Settings.BuildArgs
	}
	target := "default"
	if s := p.ShipStage(); s != nil && s.Name != "" {
		target = s.Name
	}
	os, arch, _ := strings.Cut(defaultPlatform, "/")
	for _, kv := range [][2]string{
		{"BUILDPLATFORM", defaultPlatform}, {"BUILDOS", os}, {"BUILDOSVERSION", ""}, {"BUILDARCH", arch}, {"BUILDVARIANT", ""},
		{"TARGETPLATFORM", defaultPlatform}, {"TARGETOS", os}, {"TARGETOSVERSION", ""}, {"TARGETARCH", arch}, {"TARGETVARIANT", ""},
		{"TARGETSTAGE", target},
	} {
		v := kv[1]
		if o, ok := args[kv[0]]; ok {
			v = o
		}
		env.set(kv[0], v)
	}
	lex := p.File.Lex()
	for _, a := range p.File.MetaArgs {
		for _, kv := range a.Cmd.Args {
			declared[kv.Key] = true
			if v, ok := args[kv.Key]; ok {
				env.set(kv.Key, v)
				continue
			}
			if kv.Value == nil {
				continue
			}
			res, err := lex.ProcessWordWithMatches(*kv.Value, env)
			if err != nil {
				continue
			}
			env.set(kv.Key, res.Result)
		}
	}
	return env, declared
}

// FromArgUndefined: a FROM line uses a variable no ARG declares.
var FromArgUndefined = &Rule{
	ID:       "DKS1017",
	Name:     "from-arg-undefined",
	Title:    "FROM uses an ARG that is not declared",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"UndefinedArgInFrom"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE1357},
		Controls: []*t.Control{t.NIST53_SR3, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Rationale: "A FROM line can only use ARGs declared before the first FROM (and BuildKit's " +
			"platform ARGs). An undeclared one expands to nothing, so `FROM registry/app:${TAG}` " +
			"quietly becomes `registry/app:` or `FROM ${BASE}` an empty name: the build fails, or " +
			"runs on a base image nobody chose. Usually the ARG is misspelt or declared inside a stage.",
		Impact: "Build uses an unexpected base image",
		Fix:    "Declare the ARG before the first FROM (`ARG TAG=1.2.3`), spelt as the FROM uses it.",
		Bad:    Dockerfiles("ARG VERSION=3.20\nFROM alpine:${VERISON}\n"),
		Good:   Dockerfiles("ARG VERSION=3.20\nFROM alpine:${VERSION}\n"),
		Refs:   []string{buildKitDoc("undefined-arg-in-from")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if s.From == nil || !strings.Contains(s.From.Image, "$") && !strings.Contains(s.From.Platform, "$") {
			return
		}
		env, declared := globalArgs(p, true)
		keys := env.Keys()
		for k := range declared {
			if _, ok := env.Get(k); !ok {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		lex := p.File.Lex()
		for _, word := range []string{s.From.Image, s.From.Platform} {
			if word == "" {
				continue
			}
			res, _ := lex.ProcessWordWithMatches(word, env)
			for _, name := range sortedKeys(res.Unmatched) {
				if declared[name] {
					continue
				}
				if match, ok := suggest.Search(name, keys, true); ok && match != "" {
					p.ReportLinef(s.Line(), "FROM argument '%s' is not declared (did you mean %s?)", name, match)
				} else {
					p.ReportLinef(s.Line(), "FROM argument '%s' is not declared", name)
				}
			}
		}
	}}},
}

func sortedKeys(m map[string]struct{}) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// FromArgDefaultInvalid: with only the ARG defaults, the FROM is no valid
// image reference.
var FromArgDefaultInvalid = &Rule{
	ID:       "DKS1018",
	Name:     "from-arg-default-invalid",
	Title:    "FROM is not a valid image with the ARG defaults",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"InvalidDefaultArgInFrom"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "When an ARG used in FROM has no default (or an unusable one), the Dockerfile only " +
			"builds if every caller passes `--build-arg`, and a caller who forgets gets an error or, " +
			"worse, a different image (`busybox:` becomes invalid, `${IMAGE}` empty). The defaults " +
			"should describe a working build.",
		Impact: "Build depends on callers passing the right --build-arg",
		Fix:    "Give the ARG a default that makes a valid reference: `ARG VERSION=1.36`.",
		Bad:    Dockerfiles("ARG VERSION\nFROM busybox:$VERSION\n"),
		Good:   Dockerfiles("ARG VERSION=1.36\nFROM busybox:$VERSION\n"),
		Refs:   []string{buildKitDoc("invalid-default-arg-in-from")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if s.From == nil || !strings.Contains(s.From.Image, "$") {
			return
		}
		env, _ := globalArgs(p, false)
		res, err := p.File.Lex().ProcessWordWithMatches(s.From.Image, env)
		if err != nil {
			return
		}
		if _, err := reference.ParseNormalizedNamed(res.Result); err != nil {
			p.ReportLinef(s.Line(), "Default value for ARG %s results in empty or invalid base image name", s.From.Image)
		}
	}}},
}

// FromPlatformRedundant: FROM --platform=$TARGETPLATFORM.
var FromPlatformRedundant = &Rule{
	ID:       "DKS1019",
	Name:     "from-platform-redundant",
	Title:    "FROM --platform=$TARGETPLATFORM is the default",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"RedundantTargetPlatform", "DL3065"},
	Threat:   hygiene(),
	Doc: Doc{
		Rationale: "Stages are built for the target platform unless told otherwise, so " +
			"`--platform=$TARGETPLATFORM` changes nothing; it suggests the author meant " +
			"`$BUILDPLATFORM` (run the stage natively and cross-compile), which matters for speed and " +
			"for which binaries end up in the image.",
		Impact: "Misleading platform selection",
		Fix:    "Remove the flag, or use `--platform=$BUILDPLATFORM` for cross-compiling build stages.",
		Bad:    Dockerfiles("FROM --platform=$TARGETPLATFORM alpine:3.20\n"),
		Good:   Dockerfiles("FROM alpine:3.20\n", "FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n"),
		Refs:   []string{buildKitDoc("redundant-target-platform"), hadolintDoc("DL3065")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if s.From == nil || s.From.Platform == "" {
			return
		}
		env, _ := globalArgs(p, true)
		res, err := p.File.Lex().ProcessWordWithMatches(s.From.Platform, env)
		if err != nil || len(res.Matched) != 1 || len(res.Unmatched) != 0 {
			return
		}
		if _, ok := res.Matched["TARGETPLATFORM"]; !ok {
			return
		}
		if v, _ := env.Get("TARGETPLATFORM"); v == res.Result {
			p.ReportLinef(s.Line(), "Setting platform to predefined %s in FROM is redundant as this is the default behavior", s.From.Platform)
		}
	}}},
}

// FromPlatformConstant: FROM --platform with a literal platform.
var FromPlatformConstant = &Rule{
	ID:       "DKS1020",
	Name:     "from-platform-constant",
	Title:    "FROM --platform uses a constant value",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"FromPlatformFlagConstDisallowed", "DL3029"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "`FROM --platform=linux/amd64` pins a stage to one platform whatever the build targets: " +
			"a multi-platform build then ships amd64 binaries in its arm64 image, which fail at run " +
			"time or run under emulation. Use the platform ARGs, or name the stage after the platform " +
			"when pinning is deliberate (BuildKit accepts that).",
		Impact: "Image ships binaries for the wrong platform",
		Fix:    "Use `--platform=$BUILDPLATFORM` (build stages) or drop the flag; if the pin is intended, put the platform in the stage name (`AS build-amd64`).",
		Bad:    Dockerfiles("FROM --platform=linux/amd64 alpine:3.20\n"),
		Good:   Dockerfiles("FROM --platform=$BUILDPLATFORM alpine:3.20\n", "FROM --platform=linux/amd64 alpine:3.20 AS tools-amd64\n"),
		Refs:   []string{buildKitDoc("from-platform-flag-const-disallowed"), hadolintDoc("DL3029")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if s.From == nil || s.From.Platform == "" {
			return
		}
		env, _ := globalArgs(p, true)
		res, err := p.File.Lex().ProcessWordWithMatches(s.From.Platform, env)
		if err != nil || len(res.Matched) > 0 || len(res.Unmatched) > 0 {
			return
		}
		os, arch, ok := parsePlatform(res.Result)
		if !ok || strings.Contains(s.Name, os) || (arch != "" && strings.Contains(s.Name, arch)) {
			return
		}
		p.ReportLinef(s.Line(), "FROM --platform flag should not use constant value %q", res.Result)
	}}},
}

var platformComponentRE = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

var knownOS = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"}

var archAliases = map[string]string{"x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm", "armel": "arm", "i386": "386", "i686": "386"}

var knownArch = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"}

// parsePlatform reads os[/arch[/variant]] the way containerd's
// platforms.Parse accepts it: a lone component must be a known OS or
// architecture; with two or more, any well-formed os/arch is accepted.
// arch is "" when only an OS was given.
func parsePlatform(s string) (os, arch string, ok bool) {
	parts := strings.Split(s, "/")
	for _, c := range parts {
		if !platformComponentRE.MatchString(c) {
			return "", "", false
		}
	}
	norm := func(a string) string {
		a = strings.ToLower(a)
		if n, ok := archAliases[a]; ok {
			return n
		}
		return a
	}
	switch len(parts) {
	case 1:
		c := strings.ToLower(parts[0])
		if slices.Contains(knownOS, c) {
			return c, "", true
		}
		if a := norm(c); slices.Contains(knownArch, a) {
			return "linux", a, true
		}
		return "", "", false
	case 2, 3:
		return strings.ToLower(parts[0]), norm(parts[1]), true
	}
	return "", "", false
}
