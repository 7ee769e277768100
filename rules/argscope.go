// The ARG and ENV values in force before and between stages (global ARGs,
// build arguments, BuildKit's automatic platform ARGs), read by the rules
// that expand variables.

package rules

import (
	"slices"
	"strings"
)

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
	// Sized for the eleven platform ARGs and the meta ARGs: grown from
	// empty, the map was rebuilt twice for every file.
	n := 11
	for _, a := range p.File.MetaArgs {
		n += len(a.Cmd.Args)
	}
	env = &varEnv{vals: make(map[string]string, n), keys: make([]string, 0, n), run: 1}
	declared = make(map[string]bool, n-11)
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
