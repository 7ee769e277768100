// The checks and passes of runtime configuration: compose projects and
// daemon.json. The engine's dispatch for them is internal/lint/compose.go.

package rules

import (
	"fmt"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/daemon"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"
)

// ComposeServiceCheck inspects each service of a compose project, its
// files and `extends` bases merged.
type ComposeServiceCheck struct {
	Check func(p *ComposePass, s *compose.Service)
}

// Targets implements Check.
func (ComposeServiceCheck) Targets() []Target { return []Target{TargetCompose} }

// ComposeProjectCheck inspects a whole compose project: its top-level
// definitions and what its loader warned of.
type ComposeProjectCheck struct {
	Check func(p *ComposePass, proj *compose.Project)
}

// Targets implements Check.
func (ComposeProjectCheck) Targets() []Target { return []Target{TargetCompose} }

// DaemonCheck inspects a Docker daemon configuration (daemon.json).
type DaemonCheck struct {
	Check func(p *DaemonPass, c *daemon.Config)
}

// Targets implements Check.
func (DaemonCheck) Targets() []Target { return []Target{TargetDaemon} }

// ComposeFiles makes compose examples: each text is a whole compose file,
// linted alone as docker-compose.yml with no environment and no `.env`.
func ComposeFiles(texts ...string) []Example {
	return examples(InputCompose, texts)
}

// DaemonConfigs makes daemon.json examples.
func DaemonConfigs(texts ...string) []Example {
	return examples(InputDaemon, texts)
}

// ComposePass is what a compose check receives: the project, the settings
// and the means to report. A ComposePass belongs to one rule and one
// project.
//
// Field and Var values may hold secrets interpolated from the environment
// or `.env`: a message may quote what a file says (a Raw text, a key, a
// service's name) but never a Value.
type ComposePass struct {
	Rule     *Rule
	Project  *compose.Project
	Settings *Settings
	// Report receives each finding; set by the engine.
	Report func(Finding)
	// Fixes says the run wants the fixes of the findings (see
	// Pass.Fixes); Source then gives the text of a project file as read,
	// which the fixes' offsets index (nil when it was not read). Set by
	// the engine.
	Fixes  bool
	Source func(file string) []byte
	// Texts holds the files read as YAML for the fixes, shared by the
	// project's passes; set by the engine (nil: the pass reads its own).
	Texts *ComposeTexts
	// Dockerfile gives the Dockerfile at path (a service's
	// Build.DockerfilePath) parsed, as this run sees it (fixed when the
	// run fixes it), nil when it cannot be read; the fixes that are sound
	// only for a non-root process read its last USER. Set by the engine;
	// nil: no Dockerfile is read.
	Dockerfile func(path string) *dockerfile.File
}

// ComposeTexts holds each compose file of a project read as YAML, once
// for all the fixes of all the rules: a file of a thousand services would
// otherwise be parsed again for every finding. The zero value is ready to
// use; it is not safe for concurrent use.
type ComposeTexts struct {
	docs map[string]*composeDoc
}

// WithFix is p for reporting one finding that carries the fix build
// returns; build runs only when the run wants fixes (see Pass.WithFix).
func (p *ComposePass) WithFix(build func() *Fix) *ComposePass {
	return withFix(p, p.Fixes, func(q *ComposePass) *func(Finding) { return &q.Report }, build)
}

// Finding makes a finding of the pass's rule about service s (nil for one
// about the project) at pos; an unset pos points at the service's name.
// Reportf reports it at once; a check that sets the finding's severity or
// aliases passes it to Report itself.
func (p *ComposePass) Finding(s *compose.Service, pos compose.Pos, format string, args ...any) Finding {
	name := ""
	if s != nil {
		name = s.Name
		if !pos.IsValid() {
			pos = s.Pos
		}
	}
	return Finding{
		Rule: p.Rule, Severity: p.Rule.Severity, Message: fmt.Sprintf(format, args...),
		Location: Location{Target: TargetCompose, File: pos.File, Line: pos.Line, EndLine: pos.Line, Column: pos.Col, Service: name},
	}
}

// Reportf reports a finding about service s at pos (the service's name
// when pos is unset).
func (p *ComposePass) Reportf(s *compose.Service, pos compose.Pos, format string, args ...any) {
	p.Report(p.Finding(s, pos, format, args...))
}

// ItemFinding makes a finding about one item of a list setting (a port, a
// capability): it points at the list's key and runs to the item, so a
// reader sees the setting and the line within it. When the item comes
// from another file than the key (an override adds to the base's list) it
// points at the item alone.
func (p *ComposePass) ItemFinding(s *compose.Service, list compose.Key, item compose.Pos, format string, args ...any) Finding {
	fd := p.Finding(s, item, format, args...)
	if list.Set && list.Pos.File == item.File && list.Pos.IsValid() && list.Pos.Line <= item.Line {
		fd.Line, fd.Column = list.Pos.Line, list.Pos.Col
	}
	return fd
}

// Secrets is the secret-detection policy (nil is the built-in one).
func (p *ComposePass) Secrets() *secret.Policy {
	if p.Settings == nil {
		return nil
	}
	return p.Settings.Secrets
}

// DaemonPass is what a daemon.json check receives.
type DaemonPass struct {
	Rule     *Rule
	Config   *daemon.Config
	Settings *Settings
	// Report receives each finding; set by the engine.
	Report func(Finding)
	// Fixes says the run wants the fixes of the findings (see
	// Pass.Fixes); Text is then the file as the positions index it, the
	// fixes' offsets too: without a UTF-8 byte order mark, nil for a
	// UTF-16 file, which no fix edits. Set by the engine.
	Fixes bool
	Text  []byte
}

// WithFix is p for reporting one finding that carries the fix build
// returns; build runs only when the run wants fixes (see Pass.WithFix).
func (p *DaemonPass) WithFix(build func() *Fix) *DaemonPass {
	return withFix(p, p.Fixes, func(q *DaemonPass) *func(Finding) { return &q.Report }, build)
}

// Reportf reports a finding at pos: a setting's key, or when the file does
// not set it (the zero Pos), the file's first line.
func (p *DaemonPass) Reportf(pos daemon.Pos, format string, args ...any) {
	p.ReportSeverityf(p.Rule.Severity, pos, format, args...)
}

// ReportSeverityf is Reportf at another severity than the rule's: a
// setting left at its default is often advice where setting it wrong is
// not.
func (p *DaemonPass) ReportSeverityf(sev Severity, pos daemon.Pos, format string, args ...any) {
	if pos.Line <= 0 {
		pos = daemon.Pos{Line: 1, Col: 1}
	}
	p.Report(Finding{
		Rule: p.Rule, Severity: sev, Message: fmt.Sprintf(format, args...),
		Location: Location{Target: TargetDaemon, File: p.Config.File, Line: pos.Line, EndLine: pos.Line, Column: pos.Col},
	})
}
