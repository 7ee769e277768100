// Package lint is dockstride's engine. Run is its one entry point: it
// discovers the inputs of a request (Dockerfiles, images), gives each the
// options its configuration says, and lints them in one bounded,
// order-keeping pool under the caller's context. An Engine parses each
// input, dispatches each instruction, stage, file, image config, history
// entry and layer file to the checks of the rules that target it, then
// applies suppressions and severity overrides and sorts the findings.
// Rules only detect; everything a user configures happens here.
package lint

import (
	"cmp"
	"context"
	"fmt"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
)

// Options configure an Engine.
type Options struct {
	// Rules are the rules that may run; nil means rules.All() with the
	// optional ones off unless Enable or Only names them.
	Rules []*rules.Rule
	// Severity overrides a rule's severity, keyed by anything Rule.Matches.
	Severity map[string]rules.Severity
	// Ignore disables rules, by ID, name or alias.
	Ignore []string
	// Enable turns on optional rules, by ID, name or alias.
	Enable []string
	// Only, when not empty, runs only the rules it names (optional ones
	// included), less those in Ignore.
	Only []string
	// Overrides change ignores and severities for the files they match.
	Overrides []Override
	// NoInlineSuppressions ignores every pragma in the files (hadolint's
	// disable-ignore-pragma), for audits.
	NoInlineSuppressions bool
	// Now is the clock that expires suppressions (until=…); nil means
	// time.Now. Injected so tests do not depend on the date.
	Now func() time.Time
	// Settings are passed to the rules.
	Settings rules.Settings
	// Code says which application code Run checks (code.go).
	Code CodeMode
}

// Override applies to the files Match accepts: it disables the rules in
// Ignore and changes severities, on top of the engine-wide options.
type Override struct {
	// Match reports whether the override applies to a path as given to
	// Lint.
	Match    func(path string) bool
	Ignore   []string
	Severity map[string]rules.Severity
}

// Engine lints Dockerfiles. It is safe for concurrent use.
type Engine struct {
	// The dispatch tables: each rule's checks, by target.
	byKind       [dockerfile.NumKinds][]ruleCheck[rules.InstructionCheck]
	historyKinds [dockerfile.NumKinds][]ruleCheck[rules.InstructionCheck]
	stageChecks  []ruleCheck[rules.StageCheck]
	fileChecks   []ruleCheck[rules.FileCheck]
	configChecks []ruleCheck[rules.ImageConfigCheck]
	layerChecks  []ruleCheck[rules.LayerFileCheck]
	runtime      runtimeChecks // compose.go
	severity     map[*rules.Rule]rules.Severity
	settings     rules.Settings
	all          []*rules.Rule
	opts         Options
	// perFinding holds, for rules with AliasesPerFinding, the ignore and
	// severity keys that name only some of their findings (a peer ID).
	perFinding map[*rules.Rule]*findingKeys
	enabled    map[*rules.Rule]bool
	ignores    contextIgnores
	// pos is each rule's index in all: a file's passes live in one slice.
	pos       map[*rules.Rule]int
	overrides []Override
	noInline  bool
	now       func() time.Time
	// scratch holds *scratch values: a worker's buffers, handed from one
	// file to the next.
	scratch sync.Pool
	// code holds the application-code checks (code.go) and listings the
	// source files found below each directory.
	code     codeChecks
	listings codeListings
}

// scratch is what linting one file needs and can hand on to the next: the
// rules' passes and the raw findings. Reusing them saves a folder of
// files an allocation of each per file (the passes alone are one
// rules.Pass per rule, some 8 KiB).
type scratch struct {
	passes []rules.Pass
	raw    []rules.Finding
}

// maxKeptFindings bounds the raw findings a scratch keeps between files,
// so one file with thousands of findings does not pin their memory for
// the rest of the run.
const maxKeptFindings = 1024

func (e *Engine) getScratch() *scratch {
	if sc, ok := e.scratch.Get().(*scratch); ok {
		return sc
	}
	return &scratch{}
}

// putScratch clears sc (nothing of the file stays reachable) and returns
// it for the next file.
func (e *Engine) putScratch(sc *scratch) {
	clear(sc.passes)
	clear(sc.raw)
	sc.raw = sc.raw[:0]
	if cap(sc.raw) > maxKeptFindings {
		sc.raw = nil
	}
	e.scratch.Put(sc)
}

// findingKeys are the peer-ID keys applied finding by finding.
type findingKeys struct {
	ignore   []string
	severity []keyedSeverity
}

type keyedSeverity struct {
	key string
	sev rules.Severity
}

// New builds an engine; the dispatch tables are computed once here.
func New(opts Options) *Engine {
	e := &Engine{
		severity: map[*rules.Rule]rules.Severity{}, settings: opts.Settings, perFinding: map[*rules.Rule]*findingKeys{},
		enabled: map[*rules.Rule]bool{}, pos: map[*rules.Rule]int{}, overrides: opts.Overrides, noInline: opts.NoInlineSuppressions, now: opts.Now,
		opts: opts,
	}
	if e.now == nil {
		e.now = time.Now
	}
	for _, r := range selectRules(opts) {
		e.pos[r] = len(e.all)
		e.all = append(e.all, r)
		e.enabled[r] = true
		e.addChecks(r)
		for _, key := range sortedKeys(opts.Severity) {
			sev := opts.Severity[key]
			switch {
			case partial(r, key):
				e.keys(r).severity = append(e.keys(r).severity, keyedSeverity{key, sev})
			case r.Matches(key):
				e.severity[r] = sev
			}
		}
		for _, key := range opts.Ignore {
			if partial(r, key) {
				e.keys(r).ignore = append(e.keys(r).ignore, key)
			}
		}
	}
	return e
}

// ruleCheck is one check of one rule, as the dispatch tables hold it.
type ruleCheck[C rules.Check] struct {
	rule  *rules.Rule
	check C
}

// addChecks files r's checks in the dispatch tables.
func (e *Engine) addChecks(r *rules.Rule) {
	for _, c := range r.Checks {
		switch c := c.(type) {
		case rules.InstructionCheck:
			for _, k := range c.Kinds {
				e.byKind[k] = append(e.byKind[k], ruleCheck[rules.InstructionCheck]{r, c})
				if c.History && slices.Contains(rules.HistoryKinds, k) {
					e.historyKinds[k] = append(e.historyKinds[k], ruleCheck[rules.InstructionCheck]{r, c})
				}
			}
		case rules.StageCheck:
			e.stageChecks = append(e.stageChecks, ruleCheck[rules.StageCheck]{r, c})
		case rules.FileCheck:
			e.fileChecks = append(e.fileChecks, ruleCheck[rules.FileCheck]{r, c})
		case rules.ImageConfigCheck:
			e.configChecks = append(e.configChecks, ruleCheck[rules.ImageConfigCheck]{r, c})
		case rules.LayerFileCheck:
			e.layerChecks = append(e.layerChecks, ruleCheck[rules.LayerFileCheck]{r, c})
		case rules.PragmaCheck:
			// Reported by the engine from the suppressions (reportUnused).
		case rules.ComposeServiceCheck, rules.ComposeProjectCheck, rules.DaemonCheck:
			e.runtime.add(r, c)
		default:
			if !e.code.add(r, c) {
				panic(fmt.Sprintf("rule %s: unknown check type %T", r.ID, c))
			}
		}
	}
}

// selectRules applies Rules, Only, Enable and Ignore.
func selectRules(opts Options) []*rules.Rule {
	list := opts.Rules
	if list == nil {
		list = rules.All()
	}
	var out []*rules.Rule
	for _, r := range list {
		switch {
		case ignoresRule(r, opts.Ignore):
		case len(opts.Only) > 0:
			if matchesAny(r, opts.Only) {
				out = append(out, r)
			}
		case opts.Rules != nil || r.Status != rules.Optional || matchesAny(r, opts.Enable):
			out = append(out, r)
		}
	}
	return out
}

func matchesAny(r *rules.Rule, keys []string) bool {
	return slices.ContainsFunc(keys, r.Matches)
}

// sortedKeys orders severity keys so that, when two keys name one rule,
// the result does not depend on map iteration.
func sortedKeys(m map[string]rules.Severity) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func (e *Engine) keys(r *rules.Rule) *findingKeys {
	k := e.perFinding[r]
	if k == nil {
		k = &findingKeys{}
		e.perFinding[r] = k
	}
	return k
}

// partial reports whether key reaches only some findings of r: a peer ID
// of a rule whose findings carry their own aliases.
func partial(r *rules.Rule, key string) bool {
	return r.AliasesPerFinding && !r.IsNamed(key) && r.Matches(key)
}

// ignoresRule reports whether the ignore keys switch r off entirely.
func ignoresRule(r *rules.Rule, keys []string) bool {
	for _, k := range keys {
		if r.Matches(k) && !partial(r, k) {
			return true
		}
	}
	return false
}

// apply applies the per-finding ignore and severity keys; false means
// the finding is ignored.
func (k *findingKeys) apply(fd *rules.Finding) bool {
	for _, key := range k.ignore {
		if fd.Matches(key) {
			return false
		}
	}
	for _, ks := range k.severity {
		if fd.Matches(ks.key) {
			fd.Severity = ks.sev
		}
	}
	return true
}

// Rules are the rules the engine runs.
func (e *Engine) Rules() []*rules.Rule { return e.all }

// Problem is an input that could not be linted in full: unreadable,
// unparsable, or a rule that failed. Any Problem makes the run exit 2.
type Problem struct {
	File    string
	Line    int
	Message string
	// Internal marks a failure of dockstride itself (a rule panicked),
	// as opposed to bad input.
	Internal bool
}

func (p Problem) String() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.File, p.Message)
}

// Result is the outcome of linting one file.
type Result struct {
	File       string
	Findings   []rules.Finding
	Suppressed []Suppressed
	Problems   []Problem
	// Skipped says why the file was passed over, when it was: a file a
	// directory walk found by its name that is not text. It is a note,
	// not a failure.
	Skipped *Problem

	// code is the application code a Dockerfile ships, for Run.
	code []string
}

// Input is one Dockerfile to lint.
type Input struct {
	// Path is the name reports use.
	Path string
	Src  []byte
	// Err, when set, says the file could not be read; it becomes a Problem.
	Err error
	// Load, when set, reads Src (or fails with Err) when the input is
	// linted, so a folder of files is read by the workers that lint it
	// and each file's bytes live only while it is linted.
	Load func() ([]byte, error)
	// Found says a directory walk picked the file by its name, rather than
	// the user naming it: one that is not text is skipped with a note
	// rather than failing the run.
	Found bool
	// Stdin marks standard input.
	Stdin bool
}

// lintInput reads (if need be) and lints one input, fixing it first when
// fix is set, building the findings' fixes when showFixes is set; the
// model is kept only when asked for (a Dockerfile a compose service
// builds), and is then the fixed text's.
func (e *Engine) lintInput(ctx context.Context, in Input, keepModel bool, fix *FixMode, showFixes bool) (Result, *dockerfile.File, *Fixed) {
	if in.Load != nil && in.Err == nil && in.Src == nil {
		in.Src, in.Err = in.Load()
	}
	if in.Err != nil {
		return Result{File: in.Path, Problems: []Problem{{File: in.Path, Message: in.Err.Error()}}}, nil, nil
	}
	if why, line := notText(in.Src); why != "" && in.Found {
		return Result{File: in.Path, Skipped: &Problem{File: in.Path, Line: line, Message: why + "; skipped"}}, nil, nil
	}
	if fix != nil {
		res, fixed := e.FixContext(ctx, in.Path, in.Src, *fix)
		if fixed == nil && in.Stdin {
			// Standard input is printed back fixed or not.
			fixed = &Fixed{Path: in.Path, Before: in.Src, After: in.Src}
		}
		var f *dockerfile.File
		if fixed != nil {
			fixed.Stdin = in.Stdin
		}
		scanCode := e.opts.Code != CodeNone && e.code.any()
		if keepModel || scanCode {
			text := in.Src
			if fixed != nil {
				text = fixed.After
			}
			f, _ = dockerfile.Parse(in.Path, text)
		}
		if f != nil && scanCode {
			res.code = e.shippedCode(f, in.Path)
		}
		if !keepModel {
			f = nil
		}
		return res, f, fixed
	}
	res, f := e.lintModel(ctx, in.Path, in.Src, showFixes)
	if f != nil && e.opts.Code != CodeNone && e.code.any() {
		res.code = e.shippedCode(f, in.Path)
	}
	if !keepModel {
		f = nil
	}
	return res, f, nil
}

// Lint parses and lints one Dockerfile.
func (e *Engine) Lint(path string, src []byte) Result {
	return e.LintContext(context.Background(), path, src)
}

// LintContext is Lint under ctx: checks that run other programs
// (ShellCheck) stop when it is done.
func (e *Engine) LintContext(ctx context.Context, path string, src []byte) Result {
	res, _ := e.lintModel(ctx, path, src, false)
	return res
}

// LintWithFixes is LintContext with the fixes of the findings built
// (Finding.Fix), for output that shows them; none is applied.
func (e *Engine) LintWithFixes(ctx context.Context, path string, src []byte) Result {
	res, _ := e.lintModel(ctx, path, src, true)
	return res
}

// lintModel lints one Dockerfile and also returns the parsed model (nil
// when it does not parse), for the correlation with compose services;
// fixes asks the rules to build their fixes.
func (e *Engine) lintModel(ctx context.Context, path string, src []byte, fixes bool) (Result, *dockerfile.File) {
	res := Result{File: path}
	if why, line := notText(src); why != "" {
		res.Problems = append(res.Problems, Problem{File: path, Line: line, Message: why + "; a Dockerfile is UTF-8 text"})
		return res, nil
	}
	f, err := dockerfile.Parse(path, src)
	if err != nil {
		line := 0
		if pe, ok := err.(*dockerfile.Error); ok {
			line = pe.Line
		}
		res.Problems = append(res.Problems, Problem{File: path, Line: line, Message: errorMessage(err)})
		return res, nil
	}
	for _, pe := range f.Errors {
		res.Problems = append(res.Problems, Problem{File: path, Line: pe.Line, Message: pe.Message})
	}
	applyShellPragmas(f)
	sc := e.getScratch()
	defer e.putScratch(sc)
	raw := e.withRules(experimentalRules(f, &e.settings)).run(ctx, f, fixes, &res, sc)
	overrides := e.fileOverrides(path)
	ran := func(r *rules.Rule) bool { return e.enabled[r] && !overrides.ignoresRule(r) }
	var sup *suppressions
	if !e.noInline {
		sup = parseSuppressions(f, e.now())
		if v, ok := e.settings.BuildArgs[checkBuildArg]; ok {
			sup.overrideCheckDirective(f, v)
		}
	}
	checksFail := checksAreErrors(f, &e.settings)
	switch {
	case cap(raw) > maxKeptFindings:
		// The scratch would drop a slice this large anyway: the findings
		// are filtered into it in place (each is copied out before its
		// slot can be overwritten) and it becomes the result's, rather
		// than copied, so the 50,000-line file's 19,000 findings are not
		// held twice.
		res.Findings = raw[:0]
		sc.raw = nil
	case len(raw) > 0:
		res.Findings = make([]rules.Finding, 0, len(raw))
	}
	for _, fd := range raw {
		sev := fd.Severity
		if !overrides.apply(&fd) {
			continue
		}
		if checksFail && fd.Severity != rules.Error && fd.Severity == sev && rules.BuildKitName(fd.Rule) != "" {
			if _, set := e.severity[fd.Rule]; !set {
				fd.Severity = rules.Error
			}
		}
		if sup != nil {
			if by, ok := sup.apply(&fd); ok {
				res.Suppressed = append(res.Suppressed, Suppressed{Finding: fd, By: *by})
				continue
			}
		}
		res.Findings = append(res.Findings, fd)
	}
	if sup != nil && ran(rules.UnusedSuppression) {
		e.reportUnused(sup, ran, &res, func(line int) (rules.Location, string) {
			loc := rules.Location{Target: rules.TargetDockerfile, File: f.Path, Line: line, EndLine: line, Column: 1}
			return loc, SourceHash(f.Lines[line-1])
		})
	}
	Sort(res.Findings)
	return res, f
}

// reportUnused turns dockstride pragmas that silenced nothing into
// findings of rules.UnusedSuppression, which pragmas can silence too. at
// gives the location and source hash of a pragma's line, so Dockerfiles
// and application code share this one judgement.
func (e *Engine) reportUnused(sup *suppressions, ran func(*rules.Rule) bool, res *Result, at func(line int) (rules.Location, string)) {
	r := rules.UnusedSuppression
	now := e.now()
	unused := sup.unused(ran)
	type verdict struct {
		fd rules.Finding
		by *Suppression
	}
	verdicts := make([]verdict, len(unused))
	for i, p := range unused {
		fd := rules.Finding{Rule: r, Severity: r.Severity, Message: p.message(now)}
		fd.Location, fd.SourceHash = at(p.Line)
		if sev, ok := e.severity[r]; ok {
			fd.Severity = sev
		}
		by, _ := sup.apply(&fd)
		verdicts[i] = verdict{fd, by}
	}
	for i, p := range unused {
		// A pragma that silences unused-suppression findings is in use,
		// so its own finding goes.
		if p.used {
			continue
		}
		if v := verdicts[i]; v.by != nil {
			res.Suppressed = append(res.Suppressed, Suppressed{Finding: v.fd, By: *v.by})
		} else {
			res.Findings = append(res.Findings, v.fd)
		}
	}
}

// fileOverride is the merged Overrides that match one file.
type fileOverride struct {
	ignore   []string
	severity map[string]rules.Severity
}

func (e *Engine) fileOverrides(path string) fileOverride {
	var fo fileOverride
	for _, o := range e.overrides {
		if o.Match == nil || !o.Match(path) {
			continue
		}
		fo.ignore = append(fo.ignore, o.Ignore...)
		for k, v := range o.Severity {
			if fo.severity == nil {
				fo.severity = map[string]rules.Severity{}
			}
			fo.severity[k] = v
		}
	}
	return fo
}

// ignoresRule reports whether the override switches r off for the file.
func (fo fileOverride) ignoresRule(r *rules.Rule) bool { return ignoresRule(r, fo.ignore) }

// apply changes fd's severity; false means the override ignores fd.
// Keys match finding by finding, so a peer ID reaches only the findings
// that carry it.
func (fo fileOverride) apply(fd *rules.Finding) bool {
	if slices.ContainsFunc(fo.ignore, fd.Matches) {
		return false
	}
	for _, k := range sortedKeys(fo.severity) {
		if fd.Matches(k) {
			fd.Severity = fo.severity[k]
		}
	}
	return true
}

func errorMessage(err error) string {
	msg := err.Error()
	return strings.TrimSpace(msg)
}

// run calls every check and collects raw findings, with severity overrides
// applied, in sc.raw; sc's buffers are reused. fixes asks the checks to
// build their fixes.
func (e *Engine) run(ctx context.Context, f *dockerfile.File, fixes bool, res *Result, sc *scratch) []rules.Finding {
	out := sc.raw[:0]
	ignore := loadDockerignore(f.Path, e.settings.ContextDir, &e.ignores)
	ctxDir := buildContextDir(f.Path, e.settings.ContextDir)
	ctxSecrets := e.ignores.contextSecrets(ctxDir)
	// Every finding goes through one function, and a file's passes share
	// one allocation, rather than a Pass and a closure per rule.
	report := func(fd rules.Finding) {
		if !e.adjust(fd.Rule, &fd) {
			return
		}
		if fd.File == "" {
			fd.File = f.Path
		}
		// A safety net: no rule means to quote a credential, but a
		// message built from Dockerfile text might.
		fd.Message = secret.Redact(fd.Message)
		fd.Fix.Locate(f.Position)
		if fd.SourceHash == "" && fd.Line > 0 {
			fd.SourceHash = SourceHash(f.Source(dockerfile.LineRange(fd.Line, fd.EndLine)))
		}
		if len(out) == cap(out) {
			// Doubling: append grows a large slice by a quarter, and
			// copying 200-byte findings over and over was a tenth of the
			// allocations of a file with thousands of them.
			out = slices.Grow(out, max(len(out), 8))
		}
		out = append(out, fd)
	}
	if cap(sc.passes) < len(e.all) {
		sc.passes = make([]rules.Pass, len(e.all))
	}
	passes := sc.passes[:len(e.all)]
	pass := func(r *rules.Rule) *rules.Pass {
		p := &passes[e.pos[r]]
		if p.Rule == nil {
			*p = rules.Pass{Rule: r, File: f, Settings: &e.settings, Dockerignore: ignore, ContextSecrets: ctxSecrets, ContextDir: ctxDir, Report: report, Context: ctx, Fixes: fixes}
		}
		return p
	}
	for _, in := range f.Instructions {
		e.visit(e.byKind[in.Kind()], in, pass, res)
		if ob, ok := in.(*dockerfile.Onbuild); ok && ob.Inner != nil {
			e.visit(e.byKind[ob.Inner.Kind()], ob.Inner, pass, res)
		}
	}
	for _, s := range f.Stages {
		for _, rc := range e.stageChecks {
			e.guard(rc.rule, f.Path, s.Line(), res, func() { rc.check.Check(pass(rc.rule), s) })
		}
	}
	for _, rc := range e.fileChecks {
		e.guard(rc.rule, f.Path, 1, res, func() { rc.check.Check(pass(rc.rule), f) })
	}
	sc.raw = out
	return out
}

// adjust applies the severity overrides and per-finding ignore keys to a
// finding of r; false means the finding is ignored.
func (e *Engine) adjust(r *rules.Rule, fd *rules.Finding) bool {
	if sev, ok := e.severity[r]; ok {
		fd.Severity = sev
	}
	if k := e.perFinding[r]; k != nil && !k.apply(fd) {
		return false
	}
	return true
}

// explicitSeverity reports whether the user set the severity of fd: its
// rule's, or (for a rule whose findings carry their own aliases) a peer ID
// fd carries.
func (e *Engine) explicitSeverity(r *rules.Rule, fd *rules.Finding) bool {
	if _, ok := e.severity[r]; ok {
		return true
	}
	k := e.perFinding[r]
	return k != nil && slices.ContainsFunc(k.severity, func(ks keyedSeverity) bool { return fd.Matches(ks.key) })
}

// visit runs the instruction checks of one kind on in.
func (e *Engine) visit(checks []ruleCheck[rules.InstructionCheck], in dockerfile.Instruction, pass func(*rules.Rule) *rules.Pass, res *Result) {
	for _, rc := range checks {
		e.guard(rc.rule, res.File, in.Range().StartLine, res, func() { rc.check.Check(pass(rc.rule), in) })
	}
}

// guard runs one check, turning a panic into an internal Problem that names
// the rule and the input, so one faulty rule cannot end the run.
func (e *Engine) guard(r *rules.Rule, file string, line int, res *Result, fn func()) {
	defer func() {
		if v := recover(); v != nil {
			res.Problems = append(res.Problems, Problem{
				File:     file,
				Line:     line,
				Message:  fmt.Sprintf("internal error: rule %s (%s) failed: %v\n%s", r.ID, r.Name, v, firstFrames(debug.Stack())),
				Internal: true,
			})
		}
	}()
	fn()
}

// firstFrames keeps the stack short enough to paste into a bug report.
func firstFrames(stack []byte) string {
	lines := strings.Split(string(stack), "\n")
	if len(lines) > 16 {
		lines = lines[:16]
	}
	return strings.Join(lines, "\n")
}

// SortProblems orders problems by file then line, so a batch reports them
// in the same order whatever the discovery or parallelism.
func SortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
}

// Sort orders findings by file, image, source file in the image, line,
// column, rule ID, history entry, layer, path and message: the one order
// every formatter prints.
func Sort(fs []rules.Finding) {
	slices.SortStableFunc(fs, func(a, b rules.Finding) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Image, b.Image),
			cmp.Compare(imageSourcePath(a.Location), imageSourcePath(b.Location)),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Rule.ID, b.Rule.ID),
			cmp.Compare(a.History, b.History),
			cmp.Compare(a.Layer, b.Layer),
			cmp.Compare(a.Path, b.Path),
			cmp.Compare(a.Message, b.Message),
		)
	})
}

// imageSourcePath is the path of a source file in an image that a finding
// points at a line of ("" for every other finding), so an image's code
// findings sort file by file, after its other findings.
func imageSourcePath(l rules.Location) string {
	if l.InImage() && l.Line > 0 {
		return l.Path
	}
	return ""
}
