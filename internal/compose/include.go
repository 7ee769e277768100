package compose

import (
	"path/filepath"
	"slices"

	"go.yaml.in/yaml/v3"
)

// maxIncludeDepth bounds nested `include`s.
const maxIncludeDepth = 8

// include loads the projects that docs pull in with `include:` and adds
// their services, volumes and secrets, as compose-go's ApplyInclude does:
// each included project is loaded on its own, from its own directory and
// `.env`, and a name it defines that this project also defines is a
// conflict docker compose refuses.
func (l *loader) include(docs []*document) {
	for _, d := range docs {
		ip, ok := l.lookup(d.root, "include")
		if !ok {
			continue
		}
		for _, it := range items(ip.val) {
			l.includeOne(d, it)
		}
	}
}

func (l *loader) includeOne(d *document, it *yaml.Node) {
	pos := posOf(d, it)
	var paths, envFiles []string
	var projectDir string
	switch it.Kind {
	case yaml.ScalarNode:
		if f, ok := l.text(d, pos, "include", it); ok && f.Value != "" {
			paths = []string{f.Value}
		}
	case yaml.MappingNode:
		iv := view{{doc: d, val: it}}
		for _, f := range l.scalars(iv, "path", nil).Items {
			paths = append(paths, f.Value)
		}
		for _, f := range l.scalars(iv, "env_file", nil).Items {
			envFiles = append(envFiles, joinPath(d.baseDir, f.Value))
		}
		projectDir = l.str(iv, "project_directory").Value
	}
	if len(paths) == 0 {
		l.warn(pos, "include: an item needs a path")
		return
	}
	for i, p := range paths {
		paths[i] = joinPath(d.baseDir, p)
	}
	if projectDir == "" {
		projectDir = filepath.Dir(paths[0])
	} else {
		projectDir = joinPath(d.baseDir, projectDir)
	}
	for _, p := range paths {
		if slices.Contains(l.includeChain(), filepath.Clean(p)) {
			l.warn(pos, "include: the file includes itself")
			return
		}
	}
	if l.includeDepth >= maxIncludeDepth {
		l.warn(pos, "include: more than %d levels", maxIncludeDepth)
		return
	}
	opts := l.opts
	opts.Files, opts.Dir, opts.EnvFiles = paths, projectDir, envFiles
	sub := newLoader(opts)
	sub.includeDepth = l.includeDepth + 1
	sub.parent = l
	sub.budget = l.budget
	sub.readDotEnv()
	var subDocs []*document
	for _, p := range paths {
		f := sub.parseFile(p, projectDir)
		if f.err != nil {
			l.warn(pos, "include: the file: %s", f.err.Msg)
			l.budget = sub.budget
			return
		}
		subDocs = append(subDocs, f.docs...)
	}
	sub.buildProject(subDocs)
	l.budget, l.exhausted = sub.budget, l.exhausted || sub.exhausted
	l.adopt(pos, sub.project)
}

// includeChain is the files of this load and of the loads that included
// it, to refuse an include cycle.
func (l *loader) includeChain() []string {
	var out []string
	for a := l; a != nil; a = a.parent {
		for _, f := range a.opts.Files {
			out = append(out, filepath.Clean(f))
		}
	}
	return out
}

// adopt adds an included project's definitions, a conflicting name being
// a warning at the include.
func (l *loader) adopt(pos Pos, sub *Project) {
	p := l.project
	p.Files = append(p.Files, sub.Files...)
	p.Warnings = append(p.Warnings, sub.Warnings...)
	for _, s := range sub.Services {
		if p.Service(s.Name) != nil {
			l.warn(pos, "include: service %q is already defined", s.Name)
			continue
		}
		p.Services = append(p.Services, s)
	}
	for _, v := range sub.Volumes {
		if p.Volume(v.Name) == nil {
			p.Volumes = append(p.Volumes, v)
		}
	}
	for _, s := range sub.Secrets {
		if !slices.ContainsFunc(p.Secrets, func(x *SecretDef) bool { return x.Name == s.Name }) {
			p.Secrets = append(p.Secrets, s)
		}
	}
}
