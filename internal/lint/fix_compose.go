// Fixing compose projects: the loop of fix.go over the files of a project.

package lint

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"unicode/utf8"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/fix"
	"github.com/dockstride/dockstride/rules"
)

// FixCompose lints the compose project opts describes, makes the fixes
// mode applies in its files, and lints again until no fix applies (at
// most MaxFixPasses rounds). The fixed texts are read back through
// opts.ReadFile, nothing is written; it returns the findings of the fixed
// project and what changed in each file, in path order. A round whose
// edits leave the project with more loader warnings than before (a key
// compose does not accept) is undone and reported as an internal problem.
func (e *Engine) FixCompose(ctx context.Context, opts compose.Options, mode FixMode) (ComposeResult, []Fixed) {
	return e.fixCompose(ctx, opts, mode, nil)
}

// fixCompose is FixCompose with the Dockerfiles the services build read
// from fixedDockerfiles (this run's fixed texts, by cleaned path) before
// the disk: a fix that depends on the user an image runs as judges the
// Dockerfile as the run leaves it.
func (e *Engine) fixCompose(ctx context.Context, opts compose.Options, mode FixMode, fixedDockerfiles map[string][]byte) (ComposeResult, []Fixed) {
	read := opts.ReadFile
	if read == nil {
		read = readRegular
	}
	fixedText := map[string][]byte{}
	opts.ReadFile = func(path string) ([]byte, error) {
		if t, ok := fixedText[path]; ok {
			return t, nil
		}
		return read(path)
	}
	before := map[string][]byte{}
	// existed says whether a file beside the project that a fix wrote
	// (.env, .dockerignore) was there before.
	existed := map[string]bool{}
	var companionFiles []string
	applied := map[string][]Applied{}
	res := e.lintCompose(ctx, opts, true, fixedDockerfiles)
	for range MaxFixPasses {
		if res.Project == nil || ctx.Err() != nil {
			break
		}
		var sup yamlSuppressions
		if !e.noInline {
			sup = newYAMLSuppressions(res.sources, res.Project, e.now(), false)
		}
		side := &companions{project: res.Project, read: opts.ReadFile, staged: map[string][]byte{}}
		sets, kept := composeFixes(res, mode, sup, side)
		if len(kept) == 0 {
			break
		}
		undo := maps.Clone(fixedText)
		for file, text := range side.staged {
			if _, seen := existed[file]; !seen {
				old, err := read(file)
				existed[file] = err == nil
				before[file] = old
				companionFiles = append(companionFiles, file)
			}
			fixedText[file] = text
		}
		for file, set := range sets {
			out, err := set.Apply(res.sources[file])
			if err != nil {
				continue
			}
			if _, ok := before[file]; !ok {
				before[file] = res.sources[file]
			}
			fixedText[file] = out
		}
		next := e.lintCompose(ctx, opts, true, fixedDockerfiles)
		if next.Project == nil || len(next.Project.Warnings) > len(res.Project.Warnings) {
			fixedText = undo
			res.Problems = append(res.Problems, Problem{File: res.File, Message: "internal error: the fixes of this round would leave the compose project invalid; not applied", Internal: true})
			break
		}
		for _, fd := range kept {
			applied[fd.File] = append(applied[fd.File], Applied{Rule: fd.Rule, Title: fd.Fix.Title, Line: fd.Line})
		}
		res = next
	}
	var out []Fixed
	for _, file := range slices.Sorted(maps.Keys(applied)) {
		if after := fixedText[file]; !bytes.Equal(after, before[file]) {
			out = append(out, Fixed{Path: file, Before: before[file], After: after, Applied: applied[file]})
		}
	}
	for _, file := range slices.Sorted(slices.Values(companionFiles)) {
		after, ok := fixedText[file]
		if !ok || bytes.Equal(after, before[file]) && existed[file] {
			continue // undone
		}
		f := Fixed{Path: file, Before: before[file], After: after, Companion: true, Created: !existed[file]}
		if res.Project != nil && file == filepath.Join(res.Project.Dir, ".env") {
			f.Secret = true
			if !gitIgnored(file, read) {
				f.Notes = append(f.Notes, file+" now holds secrets and no .gitignore ignores it: add it to .gitignore so it is never committed")
			}
		}
		out = append(out, f)
	}
	return res, out
}

// composeFixes picks, in finding order, the fixes mode applies that do
// not overlap and edit no line a pragma shields from their rule, one set
// of edits per file.
func composeFixes(res ComposeResult, mode FixMode, sup yamlSuppressions, side *companions) (map[string]*fix.Set, []*rules.Finding) {
	sets := map[string]*fix.Set{}
	var kept []*rules.Finding
	for i := range res.Findings {
		fd := &res.Findings[i]
		src, ok := res.sources[fd.File]
		if !mode.applies(fd) || !ok || yamlShielded(sup, src, fd) {
			continue
		}
		set := sets[fd.File]
		if set == nil {
			set = fix.NewSet(len(src))
			sets[fd.File] = set
		}
		if fd.Fix.DotEnv != nil {
			// The .env side first: a set cannot take a fix back.
			if !set.Fits(fd.Fix.Edits) || !side.stage(fd.Fix.DotEnv) {
				continue
			}
		}
		if set.Add(fd.Fix.Edits) {
			kept = append(kept, fd)
		}
	}
	return sets, kept
}

// yamlShielded reports whether one of fd's edits touches a line that a
// pragma naming fd's rule covers (a pragma above a port item, say, while
// the finding points at `ports:`): the author asked that the rule leave
// that line alone, and its fix does too. An insertion of whole lines
// touches the line it follows; a replacement, the lines it replaces.
func yamlShielded(sup yamlSuppressions, src []byte, fd *rules.Finding) bool {
	if sup[fd.File] == nil {
		return false
	}
	for _, e := range fd.Fix.Edits {
		first, _ := textPosition(src, e.Start)
		last, _ := textPosition(src, max(e.Start, e.End-1))
		if e.Start == e.End && e.Start > 0 && src[e.Start-1] == '\n' {
			first--
			last = first
		}
		for line := first; line <= last; line++ {
			probe := *fd
			probe.Line, probe.EndLine = line, line
			if _, ok := sup.apply(&probe); ok {
				return true
			}
		}
	}
	return false
}

// readRegular reads a regular file, as the compose loader does by
// default (which still bounds its size).
func readRegular(path string) ([]byte, error) {
	if err := regularFile(path); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// textPosition is the line and column (from 1, columns in code points) of
// offset in src.
func textPosition(src []byte, offset int) (line, column int) {
	offset = max(0, min(offset, len(src)))
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return bytes.Count(src[:offset], []byte{'\n'}) + 1, utf8.RuneCount(src[start:offset]) + 1
}

// builtDockerfiles gives the compose fixes the Dockerfiles the services
// build (rules.ComposePass.Dockerfile), each read and parsed once: from
// fixed (this run's fixed texts, by cleaned path) first, else through
// read (nil: the disk). A file that cannot be read, is larger than
// MaxFileBytes or does not parse is nil.
func builtDockerfiles(fixed map[string][]byte, read func(string) ([]byte, error)) func(string) *dockerfile.File {
	if read == nil {
		read = readRegular
	}
	parsed := map[string]*dockerfile.File{}
	return func(path string) *dockerfile.File {
		path = filepath.Clean(path)
		if f, ok := parsed[path]; ok {
			return f
		}
		src, ok := fixed[path]
		if !ok {
			var err error
			if src, err = read(path); err != nil {
				src = nil
			}
		}
		var f *dockerfile.File
		if src != nil && len(src) <= MaxFileBytes {
			if g, err := dockerfile.Parse(path, src); err == nil {
				f = g
			}
		}
		parsed[path] = f
		return f
	}
}
