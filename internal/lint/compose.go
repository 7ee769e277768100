package lint

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/daemon"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
)

// runtimeChecks are the dispatch tables of the runtime configuration
// checks: compose services, compose projects, daemon.json.
type runtimeChecks struct {
	services []ruleCheck[rules.ComposeServiceCheck]
	projects []ruleCheck[rules.ComposeProjectCheck]
	daemon   []ruleCheck[rules.DaemonCheck]
}

func (t *runtimeChecks) add(r *rules.Rule, c rules.Check) {
	switch c := c.(type) {
	case rules.ComposeServiceCheck:
		t.services = append(t.services, ruleCheck[rules.ComposeServiceCheck]{r, c})
	case rules.ComposeProjectCheck:
		t.projects = append(t.projects, ruleCheck[rules.ComposeProjectCheck]{r, c})
	case rules.DaemonCheck:
		t.daemon = append(t.daemon, ruleCheck[rules.DaemonCheck]{r, c})
	}
}

// ComposeResult is the outcome of linting one compose project.
type ComposeResult struct {
	Result
	// Project is the loaded model, nil when the files could not be
	// loaded; Run's correlation step reads it.
	Project *compose.Project
	// sources are the project's files as read, by path.
	sources map[string][]byte
}

// LintCompose loads the compose project opts describes (Files, base file
// first) and runs the compose checks on it. A file that cannot be read or
// is not YAML is a Problem at its line; what the loader only warned of is
// left to the rules (RuntimeSettingInvalid). opts.OnRead is the engine's.
func (e *Engine) LintCompose(ctx context.Context, opts compose.Options) ComposeResult {
	return e.lintCompose(ctx, opts, false, nil)
}

// lintCompose is LintCompose; fixes asks the rules to build their fixes,
// reading the Dockerfiles the services build from fixedDockerfiles (this
// run's fixed texts, by cleaned path) before the disk.
func (e *Engine) lintCompose(ctx context.Context, opts compose.Options, fixes bool, fixedDockerfiles map[string][]byte) ComposeResult {
	res := ComposeResult{Result: Result{File: firstOf(opts.Files)}}
	sources := map[string][]byte{}
	res.sources = sources
	onRead := opts.OnRead
	opts.OnRead = func(path string, src []byte) {
		sources[path] = src
		if onRead != nil {
			onRead(path, src)
		}
	}
	proj, err := compose.Load(opts)
	if err != nil {
		res.Problems = append(res.Problems, composeProblem(err, res.File))
		return res
	}
	res.Project = proj
	var raw []rules.Finding
	report := func(fd rules.Finding) {
		if !e.adjust(fd.Rule, &fd) {
			return
		}
		if fd.File == "" {
			fd.File = res.File
		}
		fd.Message = secret.Redact(fd.Message)
		if src := sources[fd.File]; src != nil {
			fd.Fix.Locate(func(offset int) (int, int) { return textPosition(src, offset) })
		}
		if fd.SourceHash == "" {
			// The message names the service and the setting as written,
			// never a line: it identifies the finding across edits above it.
			fd.SourceHash = SourceHash(fd.Service + "\x00" + fd.Message)
		}
		raw = append(raw, fd)
	}
	passes := map[*rules.Rule]*rules.ComposePass{}
	texts := &rules.ComposeTexts{}
	var dockerfiles func(string) *dockerfile.File
	if fixes {
		dockerfiles = builtDockerfiles(fixedDockerfiles, opts.ReadFile)
	}
	pass := func(r *rules.Rule) *rules.ComposePass {
		p := passes[r]
		if p == nil {
			p = &rules.ComposePass{Rule: r, Project: proj, Settings: &e.settings, Report: report,
				Fixes: fixes, Source: func(file string) []byte { return sources[file] }, Texts: texts,
				Dockerfile: dockerfiles}
			passes[r] = p
		}
		return p
	}
	for _, rc := range e.runtime.projects {
		if ctx.Err() != nil {
			return res
		}
		e.guard(rc.rule, res.File, 0, &res.Result, func() { rc.check.Check(pass(rc.rule), proj) })
	}
	for _, s := range proj.Services {
		if ctx.Err() != nil {
			return res
		}
		for _, rc := range e.runtime.services {
			e.guard(rc.rule, s.Pos.File, s.Pos.Line, &res.Result, func() { rc.check.Check(pass(rc.rule), s) })
		}
	}
	e.keepFindings(&res.Result, raw, newYAMLSuppressions(sources, proj, e.now(), e.noInline))
	return res
}

// LintDaemon parses and checks one daemon.json.
func (e *Engine) LintDaemon(path string, src []byte) Result {
	return e.lintDaemon(path, src, false)
}

// lintDaemon is LintDaemon; fixes asks the rules to build their fixes.
func (e *Engine) lintDaemon(path string, src []byte, fixes bool) Result {
	res := Result{File: path}
	_, text := daemonText(src)
	cfg, err := daemon.Parse(path, src)
	if err != nil {
		p := Problem{File: path, Message: err.Error()}
		if de, ok := err.(*daemon.Error); ok {
			p.Line, p.Message = de.Line, de.Msg
		}
		res.Problems = append(res.Problems, p)
		return res
	}
	var raw []rules.Finding
	report := func(fd rules.Finding) {
		if e.adjust(fd.Rule, &fd) {
			fd.Message = secret.Redact(fd.Message)
			fd.SourceHash = SourceHash(fd.Message)
			if text != nil {
				fd.Fix.Locate(func(offset int) (int, int) { return textPosition(text, offset) })
			}
			raw = append(raw, fd)
		}
	}
	for _, rc := range e.runtime.daemon {
		p := &rules.DaemonPass{Rule: rc.rule, Config: cfg, Settings: &e.settings, Report: report, Fixes: fixes, Text: text}
		e.guard(rc.rule, path, 0, &res, func() { rc.check.Check(p, cfg) })
	}
	e.keepFindings(&res, raw, nil)
	return res
}

// keepFindings applies the per-file overrides and, when sup is set, the
// inline pragmas to raw findings, and files them in res sorted.
func (e *Engine) keepFindings(res *Result, raw []rules.Finding, sup yamlSuppressions) {
	for _, fd := range raw {
		if !e.fileOverrides(fd.File).apply(&fd) {
			continue
		}
		if sup != nil {
			if by, ok := sup.apply(&fd); ok {
				res.Suppressed = append(res.Suppressed, Suppressed{Finding: fd, By: *by})
				continue
			}
		}
		res.Findings = append(res.Findings, fd)
	}
	Sort(res.Findings)
}

// composeProblem turns a load error into a Problem at its file and line.
func composeProblem(err error, file string) Problem {
	if ce, ok := err.(*compose.Error); ok {
		return Problem{File: ce.File, Line: ce.Line, Message: ce.Msg}
	}
	return Problem{File: file, Message: err.Error()}
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// yamlSuppressions are the dockstride, hadolint and trivy pragmas of a
// compose project's files, by file. In YAML a pragma on the comment lines
// directly above a key covers the findings on that key's line; above a
// service's name, every finding of that service; `# dockstride global
// ignore=…` covers the file. Pragmas that silence nothing are not
// reported (UnusedSuppression reads Dockerfiles).
type yamlSuppressions map[string]*suppressions

// newYAMLSuppressions reads the pragmas of every compose file read; nil
// when inline suppressions are off.
func newYAMLSuppressions(sources map[string][]byte, proj *compose.Project, now time.Time, off bool) yamlSuppressions {
	if off {
		return nil
	}
	out := yamlSuppressions{}
	for file, src := range sources {
		if s := yamlPragmas(file, src, proj, now); s != nil {
			out[file] = s
		}
	}
	return out
}

// yamlPragmas reads one file's pragmas and binds each to what it covers.
func yamlPragmas(file string, src []byte, proj *compose.Project, now time.Time) *suppressions {
	if !bytes.Contains(src, []byte("ignore")) {
		return nil // no pragma can be here: the common case, at no cost
	}
	names := map[int]string{}
	for _, sv := range proj.Services {
		if sv.Pos.File == file {
			names[sv.Pos.Line] = sv.Name
		}
	}
	lines := strings.Split(string(src), "\n")
	isComment := func(i int) bool { return strings.HasPrefix(strings.TrimSpace(lines[i]), "#") }
	s := &suppressions{now: now}
	for i := range lines {
		if !isComment(i) {
			continue
		}
		p, ok := parsePragma(lines[i], i+1)
		if !ok || p.Tool == ToolBuildKit {
			continue
		}
		switch p.Scope {
		case ScopeFile:
		case ScopeStage:
			p.setProblem("a stage pragma applies to Dockerfiles")
		default:
			next := i + 1
			for next < len(lines) && isComment(next) {
				next++
			}
			switch {
			case next >= len(lines) || strings.TrimSpace(lines[next]) == "":
				p.setProblem("is not directly above a key")
			case names[next+1] != "":
				p.Scope, p.service = ScopeService, names[next+1]
			default:
				p.Scope = ScopeKey
			}
			p.from, p.to = next+1, next+1
		}
		s.all = append(s.all, &p)
	}
	if len(s.all) == 0 {
		return nil
	}
	return s
}

// apply decides fd's fate as suppressions.apply does.
func (y yamlSuppressions) apply(fd *rules.Finding) (*Suppression, bool) {
	s := y[fd.File]
	if s == nil {
		return nil, false
	}
	return s.applyIn(fd, func(p *Suppression) bool {
		if p.Scope == ScopeService {
			return slices.Contains(strings.Split(fd.Service, ", "), p.service)
		}
		return fd.Line >= p.from && fd.Line <= p.to
	})
}
