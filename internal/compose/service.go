package compose

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/mattn/go-shellwords"
	"go.yaml.in/yaml/v3"
)

// maxExtendsDepth bounds chains of `extends`; compose has no limit, but a
// real chain is two or three long.
const maxExtendsDepth = 32

// buildProject models the merged documents of the files given to Load.
func (l *loader) buildProject(docs []*document) {
	p := l.project
	root := make(view, 0, len(docs))
	for _, d := range docs {
		root = append(root, layer{doc: d, val: d.root})
	}
	if la, ok := l.last(root, "name"); ok {
		f := l.field(la)
		p.Name, p.NamePos = f.Value, f.Pos
	}
	l.buildServices(docs)
	l.buildVolumes(root)
	l.buildSecrets(root)
	l.include(docs)
}

// buildServices models every service of docs in the order they are first
// defined, each merged over its files and `extends` bases.
func (l *loader) buildServices(docs []*document) {
	var order []string
	defs := map[string]view{}
	first := map[string]Pos{}
	removed := map[string]bool{} // by a later `name: !reset`
	for _, d := range docs {
		sp, ok := l.lookup(d.root, "services")
		if !ok {
			continue
		}
		for _, e := range l.pairs(sp.val) {
			name := e.key.Value
			if e.val.Tag == tagReset {
				defs[name], removed[name] = nil, true
				continue
			}
			if e.val.Kind != yaml.MappingNode && !isNull(e.val) {
				continue // validate reports it
			}
			if _, seen := first[name]; !seen {
				order = append(order, name)
				first[name] = posOf(d, e.key)
			}
			removed[name] = false
			defs[name] = append(defs[name], l.extended(d, e, name, nil)...)
		}
	}
	for _, name := range order {
		if !removed[name] {
			l.project.Services = append(l.project.Services, l.service(name, first[name], defs[name]))
		}
	}
}

// extended returns the layers of service e of document d: those of its
// `extends` base (recursively) and then its own. A base that cannot be
// found is a warning and leaves the service as written.
func (l *loader) extended(d *document, e pair, name string, chain []string) view {
	self := view{{doc: d, key: e.key, val: e.val}}
	ext, ok := l.lookup(e.val, "extends")
	if !ok {
		return self
	}
	chain = append(chain, filepath.Clean(d.file)+"\x00"+name)
	extPos := posOf(d, ext.key)
	if len(chain) > maxExtendsDepth {
		l.warn(extPos, "extends: more than %d levels", maxExtendsDepth)
		return self
	}
	var base, file string
	switch ext.val.Kind {
	case yaml.ScalarNode:
		base = l.field(layer{d, ext.key, ext.val}).Value
	case yaml.MappingNode:
		if s, ok := l.lookup(ext.val, "service"); ok {
			base = l.field(layer{d, s.key, s.val}).Value
		}
		if f, ok := l.lookup(ext.val, "file"); ok {
			file = l.field(layer{d, f.key, f.val}).Value
		}
	}
	if base == "" {
		l.warn(extPos, "extends: no service named")
		return self
	}
	from := []*document{d}
	if file != "" {
		path := joinPath(d.baseDir, file)
		f := l.parseFile(path, filepath.Dir(path))
		if f.err != nil {
			l.warn(extPos, "extends: the file: %s", f.err.Msg)
			return self
		}
		from = f.docs
	}
	var out view
	for _, bd := range from {
		if slices.Contains(chain, filepath.Clean(bd.file)+"\x00"+base) {
			l.warn(extPos, "extends: the service extends itself")
			return self
		}
		sp, ok := l.lookup(bd.root, "services")
		if !ok {
			continue
		}
		if bp, ok := l.lookup(sp.val, base); ok && (bp.val.Kind == yaml.MappingNode || isNull(bp.val)) {
			out = append(out, l.extended(bd, bp, base, chain)...)
		}
	}
	if len(out) == 0 {
		l.warn(extPos, "extends: no such service to extend")
		return self
	}
	return append(out, self...)
}

// service models one service from its layers.
func (l *loader) service(name string, pos Pos, v view) *Service {
	s := &Service{Name: name, Pos: pos}
	for _, la := range v {
		ps := l.pairs(la.val)
		if s.Keys == nil {
			// Sized for the first layer's keys: grown key by key, the
			// maps of a 1,000-service file took 1.3 MB instead of 0.9.
			s.Keys = make(map[string]Pos, len(ps))
		}
		for _, p := range ps {
			if p.val.Tag == tagReset {
				delete(s.Keys, p.key.Value)
			} else {
				s.Keys[p.key.Value] = posOf(la.doc, p.key)
			}
		}
	}
	if s.Keys == nil {
		s.Keys = map[string]Pos{}
	}
	delete(s.Keys, "extends") // compose-go drops it once applied

	s.Profiles = l.scalars(v, "profiles", byKeyValue)
	s.Image = l.str(v, "image")
	s.Build = l.build(v)
	s.User = l.str(v, "user")

	s.Privileged = l.boolean(v, "privileged")
	s.CapAdd = l.scalars(v, "cap_add", byKeyValue)
	s.CapDrop = l.scalars(v, "cap_drop", byKeyValue)
	s.SecurityOpt = l.scalars(v, "security_opt", nil)
	s.ReadOnly = l.boolean(v, "read_only")

	s.Volumes = l.volumes(v)
	s.Tmpfs = l.scalars(v, "tmpfs", byKeyValue)
	s.Devices = l.devices(v)
	s.Ports = l.ports(v)

	s.NetworkMode = l.str(v, "network_mode")
	s.Pid = l.str(v, "pid")
	s.Ipc = l.str(v, "ipc")
	s.Uts = l.str(v, "uts")
	s.UsernsMode = l.str(v, "userns_mode")
	s.CgroupParent = l.str(v, "cgroup_parent")

	s.MemLimit = l.byteSize(v, "mem_limit")
	s.Cpus = l.number(v, "cpus")
	s.CPUQuota = l.integer(v, "cpu_quota")
	s.CPUShares = l.integer(v, "cpu_shares")
	s.CPUPeriod = l.integer(v, "cpu_period")
	s.PidsLimit = l.integer(v, "pids_limit")

	s.Restart = l.str(v, "restart")
	s.Deploy = l.deploy(l.sub(v, "deploy"))
	s.Healthcheck = l.healthcheck(l.sub(v, "healthcheck"))
	s.Command = l.command(v, "command", false)
	s.Entrypoint = l.command(v, "entrypoint", false)

	envs := l.sub(v, "environment")
	s.Environment = List[Var]{Key: keyOf(envs), Items: l.vars(envs)}
	s.EnvFile = l.envFiles(v)
	s.Secrets = l.secretRefs(v)
	return s
}

// The typed readers of a view's key: absent keys give the zero Field.

func (l *loader) str(v view, key string) Field[string] {
	if la, ok := l.last(v, key); ok {
		return l.field(la)
	}
	return Field[string]{}
}

func (l *loader) boolean(v view, key string) Field[bool] {
	return setting(l, v, key, "a boolean", parseBool)
}

func (l *loader) integer(v view, key string) Field[int64] {
	return setting(l, v, key, "an integer", parseInt)
}

func (l *loader) number(v view, key string) Field[float64] {
	return setting(l, v, key, "a number", parseFloat)
}

func (l *loader) byteSize(v view, key string) Field[int64] {
	return setting(l, v, key, "a byte size", parseBytes)
}

// byKeyValue is compose-go's keyValueIndexer: an item is unique by the
// text before its first "=".
func byKeyValue(f *Field[string]) string {
	k, _, _ := strings.Cut(f.Value, "=")
	return k
}

// scalars reads a list of scalars; uniq, when set, is compose-go's unicity
// key for the list.
func (l *loader) scalars(v view, key string, uniq func(*Field[string]) string) List[Field[string]] {
	k, its := l.seq(v, key)
	out := List[Field[string]]{Key: k}
	for _, it := range its {
		if it.node.Kind != yaml.ScalarNode || isNull(it.node) {
			l.warn(posOf(it.doc, it.node), "%s: an item must be a single value, not %s", key, kindName(it.node))
			continue
		}
		if f, ok := l.text(it.doc, posOf(it.doc, it.node), key, it.node); ok {
			out.Items = append(out.Items, f)
		}
	}
	if uniq != nil {
		out.Items = unique(out.Items, uniq)
	}
	return out
}

// vars reads NAME=value pairs written as a mapping or as a list, merged
// over the layers of s by name (compose-go's mergeKeyValueSequence).
func (l *loader) vars(s view) []Var {
	var out []Var
	for _, la := range s {
		d := la.doc
		switch la.val.Kind {
		case yaml.MappingNode:
			for _, p := range l.pairs(la.val) {
				v := Var{Name: p.key.Value, Pos: posOf(d, p.key)}
				switch {
				case isNull(p.val):
					v.Kind = ValueFromHost
					v.Value, _ = l.lookupEnv(v.Name)
				case p.val.Kind == yaml.ScalarNode:
					v.Raw = p.val.Value
					v.Value, v.Kind = l.varValue(d, p.val, p.val.Value)
				default:
					l.warn(v.Pos, "%s: a value must be a single value, not %s", la.key.Value, kindName(p.val))
					continue
				}
				out = append(out, v)
			}
		case yaml.SequenceNode:
			for _, n := range items(la.val) {
				if n.Kind != yaml.ScalarNode || isNull(n) {
					l.warn(posOf(d, n), "%s: an item must be NAME=value", la.key.Value)
					continue
				}
				name, raw, hasValue := strings.Cut(n.Value, "=")
				v := Var{Name: name, Pos: posOf(d, n), Kind: ValueFromHost}
				if hasValue {
					v.Raw = raw
					v.Value, v.Kind = l.varValue(d, n, raw)
				} else {
					v.Value, _ = l.lookupEnv(name)
				}
				out = append(out, v)
			}
		default:
			if !isNull(la.val) {
				l.warn(posOf(d, la.key), "%s must be a mapping or a list, not %s", la.key.Value, kindName(la.val))
			}
		}
	}
	return unique(out, func(v *Var) string { return v.Name })
}

// varValue interpolates raw, the value part of scalar n, and says whether
// it is a literal or refers to a variable.
func (l *loader) varValue(d *document, n *yaml.Node, raw string) (string, ValueKind) {
	tmp := *n
	tmp.Value = raw
	v, refs, _ := l.interpolate(d, &tmp)
	if refs {
		return v, ValueInterpolated
	}
	return v, ValueLiteral
}

func (l *loader) build(v view) Build {
	s := l.sub(v, "build")
	b := Build{Key: keyOf(s)}
	if !b.Set {
		return b
	}
	// `build: ./dir` is the short form of `build: {context: ./dir}`, and an
	// override may switch between the two (compose-go's mergeBuild).
	var maps view
	var ctx layer
	for _, la := range s {
		switch {
		case la.val.Kind == yaml.ScalarNode && !isNull(la.val):
			ctx, maps = la, nil
		case la.val.Kind == yaml.MappingNode:
			maps = append(maps, la)
			if c, ok := l.lookup(la.val, "context"); ok {
				ctx = layer{la.doc, c.key, c.val}
			}
		}
	}
	if ctx.doc != nil {
		b.Context = l.field(ctx)
	} else {
		b.Context.Value = "."
	}
	if !isRemoteContext(b.Context.Value) {
		dir := s[len(s)-1].doc.baseDir
		if ctx.doc != nil {
			dir = ctx.doc.baseDir
		}
		b.ContextDir = joinPath(dir, b.Context.Value)
	}
	b.Dockerfile = l.str(maps, "dockerfile")
	b.DockerfileInline = l.str(maps, "dockerfile_inline")
	if !b.Dockerfile.Set && !b.DockerfileInline.Set {
		b.Dockerfile.Value = "Dockerfile"
	}
	b.Target = l.str(maps, "target")
	args := l.sub(maps, "args")
	b.Args = List[Var]{Key: keyOf(args), Items: l.vars(args)}
	return b
}

// isRemoteContext is compose-go's test for a build context it leaves
// alone instead of resolving as a path.
func isRemoteContext(c string) bool {
	if strings.Contains(c, "://") || strings.HasPrefix(c, "service:") {
		return true
	}
	for _, prefix := range []string{"github.com/", "git@"} {
		if strings.HasPrefix(c, prefix) {
			return true
		}
	}
	return false
}

func (l *loader) deploy(dv view) Deploy {
	d := Deploy{Key: keyOf(dv)}
	rv := l.sub(dv, "resources")
	d.Resources.Key = keyOf(rv)
	d.Resources.Limits = l.resources(l.sub(rv, "limits"))
	d.Resources.Reservations = l.resources(l.sub(rv, "reservations"))
	pv := l.sub(dv, "restart_policy")
	d.RestartPolicy = RestartPolicy{
		Key:         keyOf(pv),
		Condition:   l.str(pv, "condition"),
		MaxAttempts: l.integer(pv, "max_attempts"),
		Delay:       l.str(pv, "delay"),
		Window:      l.str(pv, "window"),
	}
	d.Mode = l.str(dv, "mode")
	d.Replicas = l.integer(dv, "replicas")
	return d
}

func (l *loader) resources(v view) Resources {
	return Resources{
		Key:    keyOf(v),
		Memory: l.byteSize(v, "memory"),
		Cpus:   l.number(v, "cpus"),
		Pids:   l.integer(v, "pids"),
	}
}

func (l *loader) healthcheck(hv view) Healthcheck {
	return Healthcheck{
		Key:         keyOf(hv),
		Test:        l.command(hv, "test", true),
		Disable:     l.boolean(hv, "disable"),
		Interval:    l.str(hv, "interval"),
		Timeout:     l.str(hv, "timeout"),
		StartPeriod: l.str(hv, "start_period"),
		Retries:     l.integer(hv, "retries"),
	}
}

// command reads a command, entrypoint or (test) healthcheck test. The
// newest file's value replaces the others', never merges with them.
func (l *loader) command(v view, key string, test bool) Command {
	la, ok := l.last(v, key)
	if !ok {
		return Command{}
	}
	c := Command{Key: Key{Pos: posOf(la.doc, la.key), Set: true}}
	switch n := la.val; {
	case isNull(n):
	case n.Kind == yaml.ScalarNode:
		c.String, c.Raw = true, n.Value
		s, _, _ := l.interpolate(la.doc, n)
		if test {
			c.Args = []string{"CMD-SHELL", s}
			break
		}
		args, err := shellwords.Parse(s)
		if err != nil {
			l.warn(c.Pos, "%s: cannot be split into words (unbalanced quotes?)", key)
		}
		c.Args = args
	case n.Kind == yaml.SequenceNode:
		c.Args = []string{}
		for _, it := range items(n) {
			if it.Kind != yaml.ScalarNode {
				l.warn(posOf(la.doc, it), "%s: an item must be a single value, not %s", key, kindName(it))
				continue
			}
			s, _, _ := l.interpolate(la.doc, it)
			c.Args = append(c.Args, s)
		}
	}
	return c
}

func (l *loader) envFiles(v view) List[EnvFile] {
	out := listOf(l, v, "env_file", func(_ item, s Field[string]) EnvFile {
		return EnvFile{Pos: s.Pos, Path: s}
	}, func(it item, iv view) EnvFile {
		return EnvFile{Pos: posOf(it.doc, it.node), Path: l.str(iv, "path"), Required: l.boolean(iv, "required")}
	})
	for i := range out.Items {
		if e := &out.Items[i]; !e.Required.Set {
			e.Required.Value = true
		}
	}
	out.Items = unique(out.Items, func(e *EnvFile) string { return e.Path.Value })
	return out
}

func (l *loader) secretRefs(v view) List[SecretRef] {
	out := listOf(l, v, "secrets", func(_ item, s Field[string]) SecretRef {
		return SecretRef{Pos: s.Pos, Source: s}
	}, func(it item, iv view) SecretRef {
		return SecretRef{Pos: posOf(it.doc, it.node), Source: l.str(iv, "source"), Target: l.str(iv, "target")}
	})
	for i := range out.Items {
		if r := &out.Items[i]; r.Target.Value == "" {
			r.Target.Value = "/run/secrets/" + r.Source.Value
		}
	}
	// compose-go's mountIndexer: a secret is unique by where it is mounted.
	out.Items = unique(out.Items, func(r *SecretRef) string { return r.Target.Value })
	return out
}

// buildVolumes models the top-level named volumes.
func (l *loader) buildVolumes(root view) {
	for _, nv := range l.named(root, "volumes") {
		vol := &NamedVolume{Name: nv.name, Pos: nv.pos}
		vol.Driver = l.str(nv.v, "driver")
		opts := l.sub(nv.v, "driver_opts")
		vol.DriverOpts = List[Var]{Key: keyOf(opts), Items: l.vars(opts)}
		vol.External = l.external(nv.v)
		l.project.Volumes = append(l.project.Volumes, vol)
	}
}

// buildSecrets models the top-level secrets.
func (l *loader) buildSecrets(root view) {
	for _, nv := range l.named(root, "secrets") {
		l.project.Secrets = append(l.project.Secrets, &SecretDef{
			Name:        nv.name,
			Pos:         nv.pos,
			File:        l.str(nv.v, "file"),
			Environment: l.str(nv.v, "environment"),
			External:    l.external(nv.v),
		})
	}
}

// external reads `external: true`, or the legacy `external: {name: x}`,
// which also means external.
func (l *loader) external(v view) Field[bool] {
	la, ok := l.last(v, "external")
	if ok && la.val.Kind == yaml.MappingNode {
		return Field[bool]{Key: Key{Pos: posOf(la.doc, la.key), Set: true}, Value: true}
	}
	return l.boolean(v, "external")
}

// namedDef is one top-level definition (a volume, a secret) merged over
// the documents.
type namedDef struct {
	name string
	pos  Pos
	v    view
}

// named lists the definitions under a top-level key in first-defined order.
func (l *loader) named(root view, key string) []namedDef {
	var out []namedDef
	at := map[string]int{}
	for _, la := range l.sub(root, key) {
		for _, p := range l.pairs(la.val) {
			i, ok := at[p.key.Value]
			if !ok {
				i = len(out)
				at[p.key.Value] = i
				out = append(out, namedDef{name: p.key.Value, pos: posOf(la.doc, p.key)})
			}
			out[i].v = append(out[i].v, layer{la.doc, p.key, p.val})
		}
	}
	return out
}
