package dockerfile

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/dockerfile/bkparse"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// MaxLineBytes is the longest physical line BuildKit's parser accepts
// (bufio.Scanner's default buffer); longer lines are a parse error.
const MaxLineBytes = 64 * 1024

// Parse builds the model of one Dockerfile. It returns an error only when
// the text cannot be read as a Dockerfile at all (an unterminated heredoc, a
// line too long); problems confined to one instruction are recorded in
// File.Errors and the rest of the file is still modelled.
func Parse(path string, src []byte) (f *File, err error) {
	return parse(path, src, lowerNode)
}

// parse is Parse with the given lowering (tests compare lowerNode with
// lowerWithBuildKit).
func parse(path string, src []byte, lower lowerFunc) (f *File, err error) {
	defer func() {
		// BuildKit's parser is not hardened against every input; a panic in
		// it must become an error for this file, not a crash of the run.
		if r := recover(); r != nil {
			f, err = nil, &Error{Line: 1, Message: sanitize(fmt.Sprintf("BuildKit parser failed: %v", r))}
		}
	}()
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	f = &File{Path: path}
	f.Lines, f.text = splitLines(src)
	if !strings.Contains(f.text, "\r") {
		f.lineStart = make([]int, len(f.Lines)+1)
		for i, l := range f.Lines {
			f.lineStart[i+1] = f.lineStart[i] + len(l) + 1
		}
	}
	if line := longLine(f.Lines); line > 0 {
		return nil, &Error{Line: line, Message: fmt.Sprintf("line is longer than %d bytes", MaxLineBytes)}
	}

	// BuildKit's parser, copied with a faster line-continuation check (it
	// was a fifth of all lint time); bkparse's tests hold it to BuildKit's.
	res, err := bkparse.Parse(bytes.NewReader(src))
	if err != nil {
		return nil, locate(err)
	}
	f.EscapeToken = res.EscapeToken
	f.Directives = readDirectives(src)
	f.global = newRootScope(NewLex(res.EscapeToken))

	b := &builder{f: f, lower: lower}
	sp := scratches.Get().(*[]byte)
	b.scratch = (*sp)[:0]
	defer func() {
		// Every RUN's script is copied out of scratch, so the next file
		// may reuse it; one grown past a typical RUN is dropped.
		if cap(b.scratch) <= maxPooledScratch {
			*sp = b.scratch
			scratches.Put(sp)
		}
	}()
	f.Instructions = make([]Instruction, 0, len(res.AST.Children))
	for _, w := range res.Warnings {
		if w.URL == linter.RuleNoEmptyContinuation.URL && w.Location != nil {
			b.linter().Run(&linter.RuleNoEmptyContinuation, []parser.Range{*w.Location}, linter.RuleNoEmptyContinuation.Format())
		}
	}
	for _, node := range res.AST.Children {
		b.add(node)
	}
	return f, nil
}

// scratches holds builder.scratch buffers across files: rawScript's
// buffer grew afresh for every file.
var scratches = sync.Pool{New: func() any { return new([]byte) }}

const maxPooledScratch = 64 << 10

// builder accumulates stages and scope while walking the AST.
type builder struct {
	f     *File
	lower lowerFunc
	// lint is BuildKit's linter, made on first use (linter()).
	lint  *linter.Linter
	stage *Stage
	scope *Scope
	shell []string
	// stageNames maps lower-cased stage names to stages, for FROM <stage>.
	stageNames map[string]*Stage
	// scratch is rawScript's buffer, reused for every RUN.
	scratch []byte
	// from is fromScope's result for the global scope fromGlobal.
	from, fromGlobal *Scope
}

func (b *builder) add(node *parser.Node) {
	cmd, err := b.lower(b, node)
	rng := nodeRange(node)
	if err != nil && forbiddenTrigger(node) {
		// BuildKit refuses ONBUILD ONBUILD/FROM/MAINTAINER; keep it as an
		// ONBUILD with no inner instruction so a rule can say why, in
		// place of a bare parse error.
		expr := onbuildRE().ReplaceAllString(node.Original, "")
		b.append(&Onbuild{base: b.base(KindOnbuild, node, rng), Cmd: &OnbuildCommand{Expression: expr}})
		return
	}
	if err != nil {
		b.f.Errors = append(b.f.Errors, &Error{Line: rng.StartLine, Message: cleanError(err)})
		if c := b.expandedStageName(node); c != nil {
			b.startStage(c, node, rng)
			return
		}
		// Keep a placeholder so the stage's line structure stays whole.
		if b.stage != nil || !isFrom(node) {
			b.append(&Unknown{base: b.base(KindUnknown, node, rng)})
		}
		return
	}
	switch c := cmd.(type) {
	case *stageCommand:
		b.startStage(c, node, rng)
	case *ArgCommand:
		if b.stage == nil {
			arg := &Arg{base: b.base(KindArg, node, rng), Cmd: c}
			b.f.global = declareArgs(b.f.global, b.f.global, c, rng.StartLine)
			arg.scope = b.f.global
			b.f.MetaArgs = append(b.f.MetaArgs, arg)
			b.f.Instructions = append(b.f.Instructions, arg)
			return
		}
		b.append(b.instruction(c, node, rng, nil))
	default:
		// Open the implicit stage first: the instruction is built against
		// the stage's scope (a snippet's first RUN expands its --mount
		// flags, its first ENV extends the scope).
		b.openImplicit()
		b.append(b.instruction(cmd, node, rng, nil))
	}
}

func isFrom(node *parser.Node) bool { return strings.EqualFold(node.Value, "from") }

// expandedStageName reads `FROM image AS ${NAME}` as Buildah does, which
// expands meta ARGs in stage names (BuildKit rejects the name, and the
// caller keeps its error): the stage the rest of the file builds on and
// copies from, rather than instructions with no stage. Nil for any other
// FROM, or a name that is still not valid once expanded.
func (b *builder) expandedStageName(node *parser.Node) *stageCommand {
	args := nodeArgs(node)
	if !isFrom(node) || len(args) != 3 || !strings.EqualFold(args[1], "as") || !strings.Contains(args[2], "$") {
		return nil
	}
	name := strings.ToLower(b.fromScope().Expand(args[2]).Value)
	if !validStageName(name) {
		return nil
	}
	var platform flagValue
	if !readFlags(node.Flags, []flagSpec{{"platform", flagString}}, []*flagValue{&platform}) {
		return nil
	}
	return &stageCommand{Name: name, BaseName: args[0], Platform: platform.value}
}

var onbuildRE = lazyre.New(`(?i)^\s*ONBUILD\s*`)

// forbiddenTrigger reports whether node is an ONBUILD whose trigger BuildKit
// refuses (ONBUILD, FROM, MAINTAINER).
func forbiddenTrigger(node *parser.Node) bool {
	if !strings.EqualFold(node.Value, "onbuild") || node.Next == nil || len(node.Next.Children) == 0 {
		return false
	}
	switch strings.ToUpper(node.Next.Children[0].Value) {
	case "ONBUILD", "FROM", "MAINTAINER":
		return true
	}
	return false
}

func (b *builder) base(k Kind, node *parser.Node, rng Range) base {
	return base{kind: k, rng: rng, stage: b.stage, node: node, scope: b.scope}
}

// openImplicit opens the implicit stage that holds instructions written
// before any FROM, unless a stage is open.
func (b *builder) openImplicit() {
	if b.stage != nil {
		return
	}
	b.stage = &Stage{Index: 0, Implicit: true}
	// No FROM separates a snippet's ARGs from its instructions, so the ARGs
	// written so far are in scope, as a reader (and hadolint) takes them.
	b.scope = b.f.global
	// No FROM can name the implicit stage, so its env chain is never
	// inherited; it only needs to exist for ENV to extend.
	b.stage.Scope, b.stage.env = b.scope, b.scope
	b.shell = nil
	b.f.Stages = append(b.f.Stages, b.stage)
}

// append adds an instruction to the current stage, opening the implicit
// stage for instructions written before any FROM.
func (b *builder) append(in Instruction) {
	if b.stage == nil {
		b.openImplicit()
		setStage(in, b.stage, b.scope)
	}
	b.stage.Instructions = append(b.stage.Instructions, in)
	b.f.Instructions = append(b.f.Instructions, in)
	b.stage.Scope = b.scope
}

func setStage(in Instruction, s *Stage, sc *Scope) {
	type baser interface{ b() *base }
	if x, ok := in.(baser); ok {
		x.b().stage = s
		x.b().scope = sc
	}
}

func (b *base) b() *base { return b }

func (b *builder) startStage(c *stageCommand, node *parser.Node, rng Range) {
	st := &Stage{Index: len(b.f.Stages), Name: c.Name}
	st.OrigName = stageOrigName(node)
	from := &From{base: base{kind: KindFrom, rng: rng, stage: st, node: node}, Image: c.BaseName, Platform: c.Platform, StageName: st.OrigName}
	fromScope := b.fromScope()
	exp := fromScope.Expand(c.BaseName)
	from.Expanded, from.Resolved = exp.Value, exp.Resolved
	from.scope = fromScope
	st.From = from
	if prev := b.stageNames[strings.ToLower(from.Expanded)]; prev != nil {
		st.Parent, from.BaseStage = prev, prev
	}
	b.scope = newRootScope(b.f.global.lex)
	b.shell = nil
	if st.Parent != nil {
		// ENV (not ARG) carries over from a parent stage, as does SHELL.
		// Sharing the parent's ENV chain keeps a long chain of stages
		// linear: copying it would be quadratic.
		b.scope = st.Parent.env
		b.shell = st.Parent.shell
	}
	st.Scope, st.env = b.scope, b.scope
	b.stage = st
	b.f.Stages = append(b.f.Stages, st)
	if st.Name != "" {
		if b.stageNames == nil {
			b.stageNames = map[string]*Stage{}
		}
		// A later stage of the same name shadows the earlier one.
		b.stageNames[st.Name] = st
	}
	b.f.Instructions = append(b.f.Instructions, from)
}

// fromScope is the scope FROM lines expand in: the meta ARGs and the
// platform ARGs BuildKit predefines. The meta ARGs stop at the first
// stage, so every FROM after it shares one.
func (b *builder) fromScope() *Scope {
	if b.fromGlobal == b.f.global && b.from != nil {
		return b.from
	}
	// The platform ARGs are distinct names, so looking each up in the
	// global scope alone finds what looking it up after the others would.
	var missing [16]Var
	vs := missing[:0]
	for _, name := range PlatformArgs {
		if _, ok := b.f.global.Lookup(name); !ok {
			vs = append(vs, Var{Name: name})
		}
	}
	sc := b.f.global.withAll(vs)
	b.from, b.fromGlobal = sc, b.f.global
	return sc
}

// stageOrigName returns the AS name with the author's casing (BuildKit
// lower-cases Stage.Name).
func stageOrigName(node *parser.Node) string {
	var words []string
	for n := node.Next; n != nil; n = n.Next {
		words = append(words, n.Value)
	}
	if len(words) == 3 && strings.EqualFold(words[1], "as") {
		return words[2]
	}
	return ""
}

// instruction wraps a lowered command in our typed instruction and
// updates the scope it declares.
func (b *builder) instruction(cmd any, node *parser.Node, rng Range, parent *Onbuild) Instruction {
	bs := b.base(KindUnknown, node, rng)
	bs.parent = parent
	switch c := cmd.(type) {
	case *loweredRun:
		bs.kind = KindRun
		r := &Run{base: bs, Cmd: c.cmd}
		b.runDetails(r, c.bk, parent != nil)
		return r
	case *CmdCommand:
		bs.kind = KindCmd
		return &Cmd{base: bs, Cmd: c}
	case *EntrypointCommand:
		bs.kind = KindEntrypoint
		return &Entrypoint{base: bs, Cmd: c}
	case *CopyCommand:
		bs.kind = KindCopy
		return &Copy{base: bs, Cmd: c}
	case *AddCommand:
		bs.kind = KindAdd
		return &Add{base: bs, Cmd: c}
	case *EnvCommand:
		bs.kind = KindEnv
		if parent == nil {
			before := b.scope
			b.scope = declareEnv(before, before, c, rng.StartLine)
			b.stage.env = declareEnv(b.stage.env, before, c, rng.StartLine)
		}
		return &Env{base: bs, Cmd: c}
	case *ArgCommand:
		bs.kind = KindArg
		if parent == nil {
			b.scope = declareArgs(b.scope, b.f.global, c, rng.StartLine)
		}
		return &Arg{base: bs, Cmd: c}
	case *LabelCommand:
		bs.kind = KindLabel
		return &Label{base: bs, Cmd: c}
	case *ExposeCommand:
		bs.kind = KindExpose
		return &Expose{base: bs, Cmd: c}
	case *UserCommand:
		bs.kind = KindUser
		return &User{base: bs, Cmd: c, Expanded: bs.scope.Expand(c.User).Value}
	case *WorkdirCommand:
		bs.kind = KindWorkdir
		return &Workdir{base: bs, Cmd: c}
	case *VolumeCommand:
		bs.kind = KindVolume
		return &Volume{base: bs, Cmd: c}
	case *HealthCheckCommand:
		bs.kind = KindHealthcheck
		return &Healthcheck{base: bs, Cmd: c}
	case *ShellCommand:
		bs.kind = KindShell
		if parent == nil {
			b.shell = c.Shell
			b.stage.shell = c.Shell
		}
		return &Shell{base: bs, Cmd: c}
	case *StopSignalCommand:
		bs.kind = KindStopSignal
		return &StopSignal{base: bs, Cmd: c}
	case *MaintainerCommand:
		bs.kind = KindMaintainer
		return &Maintainer{base: bs, Cmd: c}
	case *OnbuildCommand:
		bs.kind = KindOnbuild
		ob := &Onbuild{base: bs, Cmd: c}
		ob.Inner = b.onbuildInner(ob, node, rng)
		return ob
	}
	// FROM inside ONBUILD is refused by BuildKit before we get here.
	bs.kind = KindUnknown
	return &Unknown{base: bs}
}

// onbuildInner parses the trigger of an ONBUILD so rules can lint it like
// any instruction of its kind (hadolint does the same).
func (b *builder) onbuildInner(ob *Onbuild, node *parser.Node, rng Range) Instruction {
	if node.Next == nil || len(node.Next.Children) == 0 {
		return nil
	}
	inner := node.Next.Children[0]
	inner.StartLine, inner.EndLine = rng.StartLine, rng.EndLine
	if len(inner.Heredocs) == 0 && len(node.Heredocs) > 0 {
		inner.Heredocs = node.Heredocs
	}
	cmd, err := b.lower(b, inner)
	if err != nil {
		b.f.Errors = append(b.f.Errors, &Error{Line: rng.StartLine, Message: cleanError(err)})
		return nil
	}
	return b.instruction(cmd, inner, rng, ob)
}

// runDetails resolves a RUN's mounts and parses its shell script. bk is
// BuildKit's command when the RUN has --flags.
func (b *builder) runDetails(r *Run, bk *instructions.RunCommand, onbuild bool) {
	if bk == nil {
		// No --mount: BuildKit's mount list is empty, not nil.
		r.Mounts = []*instructions.Mount{}
	} else {
		expand := func(word string) (string, error) { return r.scope.Expand(word).Value, nil }
		if err := bk.Expand(expand); err != nil {
			b.f.Errors = append(b.f.Errors, &Error{Line: r.rng.StartLine, Message: cleanError(err)})
		} else {
			r.Mounts = instructions.GetMounts(bk)
		}
	}
	if r.ExecForm() {
		return
	}
	variant := VariantOf(b.shell)
	if variant == ShellOther {
		r.ShellError = "not a POSIX shell: " + strings.Join(b.shell, " ")
		return
	}
	keywords := 1
	if onbuild {
		keywords = 2
	}
	script, err := b.runScript(r, keywords, variant)
	if err != nil {
		r.ShellError = sanitize(err.Error())
		return
	}
	r.Script = script
}

// runScript parses the RUN's command line from the raw source, so every
// command keeps its own Dockerfile line, then its heredoc bodies. When the
// raw form cannot be used (backtick escape) it falls back to BuildKit's
// joined command line, attributing commands to the first line.
func (b *builder) runScript(r *Run, keywords int, v ShellVariant) (*Script, error) {
	var heredocs []string
	for _, h := range r.node.Heredocs {
		heredocs = append(heredocs, h.Content)
	}
	if b.f.EscapeToken == '\\' {
		var ok bool
		if b.scratch, ok = rawScript(b.scratch, b.f.Lines, r.rng, keywords); ok {
			src := string(b.scratch)
			sb := &scriptBuilder{variant: v, heredocs: heredocs}
			if err := sb.parse(src, r.rng.StartLine, 0, nil); err == nil {
				sb.script.Source, sb.script.SourceLine = src, r.rng.StartLine
				return &sb.script, nil
			}
		}
	}
	joined := strings.Join(r.Cmd.CmdLine, " ")
	for _, h := range r.node.Heredocs {
		joined += "\n" + h.Content + h.Name
	}
	sb := &scriptBuilder{variant: v, heredocs: heredocs}
	line := r.rng.StartLine
	if len(r.node.Heredocs) > 0 {
		// Heredoc lines line up with the file when parsed from the start.
		if err := sb.parse(joined, line, 0, nil); err != nil {
			return nil, err
		}
		sb.script.Source = joined
		return &sb.script, nil
	}
	if err := sb.parse(joined, line, 0, &line); err != nil {
		return nil, err
	}
	sb.script.Source = joined
	return &sb.script, nil
}

// rawScript appends to dst the shell source of an instruction's lines
// with the keyword(s) and --flags blanked out, and the Dockerfile-only
// syntax (comment and empty lines inside a continuation, blanks after the
// escape) made shell-compatible without moving any line. The caller
// copies the result out, so one buffer serves every RUN of a file.
func rawScript(dst []byte, lines []string, rng Range, keywords int) ([]byte, bool) {
	if rng.StartLine < 1 || rng.EndLine > len(lines) {
		return dst, false
	}
	dst = dst[:0]
	continuing := true
	for i := rng.StartLine; i <= rng.EndLine; i++ {
		if i > rng.StartLine {
			dst = append(dst, '\n')
		}
		l := lines[i-1]
		if continuing {
			trim := strings.TrimSpace(l)
			if i > rng.StartLine && (trim == "" || strings.HasPrefix(trim, "#")) {
				// Dockerfile drops these inside a continuation; the shell
				// would not, so keep the line as a bare continuation.
				dst = append(dst, '\\')
				continue
			}
			right := strings.TrimRight(l, " \t")
			if strings.HasSuffix(right, `\`) && !strings.HasSuffix(right, `\\`) {
				l = right
			} else {
				continuing = false
			}
		}
		dst = append(dst, l...)
	}
	blankPrefix(dst, keywords)
	return dst, true
}

// blankPrefix replaces the instruction keyword(s) and leading --flags with
// spaces so shell columns and lines stay where they were.
func blankPrefix(buf []byte, keywords int) {
	i := 0
	skipSpace := func() {
		for i < len(buf) {
			switch {
			case buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\n':
				i++
			case buf[i] == '\\' && i+1 < len(buf) && buf[i+1] == '\n':
				i += 2
			default:
				return
			}
		}
	}
	blankWord := func() {
		var quote byte
		for i < len(buf) {
			c := buf[i]
			if quote != 0 {
				if c == quote {
					quote = 0
				}
			} else if c == '"' || c == '\'' {
				quote = c
			} else if c == ' ' || c == '\t' || c == '\n' || (c == '\\' && i+1 < len(buf) && buf[i+1] == '\n') {
				return
			}
			if c != '\n' {
				buf[i] = ' '
			}
			i++
		}
	}
	for k := 0; k < keywords; k++ {
		skipSpace()
		blankWord()
	}
	for {
		skipSpace()
		if i+1 < len(buf) && buf[i] == '-' && buf[i+1] == '-' {
			blankWord()
			continue
		}
		break
	}
}

func declareArgs(sc, global *Scope, c *ArgCommand, line int) *Scope {
	for _, kv := range c.Args {
		v := Var{Name: kv.Key, Line: line}
		if kv.Value != nil {
			exp := sc.Expand(*kv.Value)
			v.Value, v.Known = exp.Value, exp.Resolved
		} else if g, ok := global.Lookup(kv.Key); ok && g != (Var{}) && sc != global {
			// `ARG NAME` inside a stage takes the global default.
			v.Value, v.Known = g.Value, g.Known
		}
		sc = sc.With(v)
	}
	return sc
}

// declareEnv adds the variables of an ENV to sc. Values are expanded in
// from, the scope before the instruction: `ENV A=1 B=$A` does not see the
// new A.
func declareEnv(sc, from *Scope, c *EnvCommand, line int) *Scope {
	for _, kv := range c.Env {
		exp := from.Expand(kv.Value)
		sc = sc.With(Var{Name: kv.Key, Value: exp.Value, Known: exp.Resolved, Env: true, Line: line})
	}
	return sc
}

func nodeRange(n *parser.Node) Range {
	start, end := n.StartLine, n.EndLine
	if start < 1 {
		start = 1
	}
	return LineRange(start, end)
}

func fromRanges(loc []parser.Range) Range {
	if len(loc) == 0 {
		return LineRange(1, 1)
	}
	r := Range{StartLine: loc[0].Start.Line, EndLine: loc[len(loc)-1].End.Line}
	if r.StartLine < 1 {
		r.StartLine = 1
	}
	if r.EndLine < r.StartLine {
		r.EndLine = r.StartLine
	}
	return r
}

func readDirectives(src []byte) Directives {
	var d Directives
	// Directives can only be in the leading lines that start with '#' (a
	// shebang included). Each ParseDirective scans with a fresh 4 KiB
	// bufio.Scanner, so hand it that header alone, or nothing at all.
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	end := 0
	for end < len(src) && src[end] == '#' {
		if i := bytes.IndexByte(src[end:], '\n'); i >= 0 {
			end += i + 1
		} else {
			end = len(src)
		}
	}
	if end == 0 {
		return d
	}
	src = src[:end]
	// What parser.ParseDirective does for each key, in one pass: it scans
	// the header afresh (with a new 4 KiB buffer) per key, and the
	// directives it finds do not depend on the key. TestReadDirectives
	// holds this to ParseDirective.
	shebang := 0
	if bytes.HasPrefix(src, []byte("#!")) {
		_, src, _ = bytes.Cut(src, []byte("\n"))
		shebang = 1
	}
	var dp parser.DirectiveParser
	for len(src) > 0 {
		var line []byte
		line, src, _ = bytes.Cut(src, []byte("\n"))
		dir, err := dp.ParseLine(bytes.TrimSuffix(line, []byte("\r")))
		if err != nil {
			break
		}
		if dir == nil {
			continue // a comment that is not a directive ends the header
		}
		v, _, _ := strings.Cut(dir.Value, " ")
		at := firstLine(dir.Location) + shebang
		switch dir.Name {
		case "syntax":
			d.Syntax, d.SyntaxLine = v, at
		case "escape":
			d.Escape, d.EscapeLine = v, at
		case "check":
			d.Check, d.CheckLine = v, at
		}
	}
	return d
}

func firstLine(loc []parser.Range) int {
	if len(loc) == 0 {
		return 1
	}
	return loc[0].Start.Line
}

// splitLines splits on \n, dropping a trailing \r (CRLF files); text is
// the string the lines are cut from.
func splitLines(src []byte) (lines []string, text string) {
	s := string(src)
	text = s
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil, text
	}
	lines = strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return lines, text
}

func longLine(lines []string) int {
	for i, l := range lines {
		if len(l) >= MaxLineBytes {
			return i + 1
		}
	}
	return 0
}

// locate turns a BuildKit parse error into an *Error with a line.
func locate(err error) *Error {
	var le *parser.LocationError
	line := 1
	if errors.As(err, &le) && len(le.Locations) > 0 && len(le.Locations[0]) > 0 {
		line = le.Locations[0][0].Start.Line
	}
	return &Error{Line: max(line, 1), Message: cleanError(err)}
}

// cleanError strips BuildKit's "dockerfile parse error on line N:" prefix,
// since our errors carry the line separately.
func cleanError(err error) string {
	msg := err.Error()
	if i := strings.Index(msg, "dockerfile parse error on line "); i >= 0 {
		rest := msg[i+len("dockerfile parse error on line "):]
		if j := strings.Index(rest, ": "); j >= 0 {
			msg = rest[j+2:]
		}
	}
	return sanitize(msg)
}

// sanitize makes Dockerfile text that BuildKit or mvdan quote in a message
// ("unknown instruction: ghp_…", a line of a pasted private key) safe to
// print: recognised credential formats are redacted, and long opaque
// tokens, which no Dockerfile keyword or short word is, are cut to their
// first four characters.
func sanitize(msg string) string {
	msg = secret.Redact(msg)
	var b strings.Builder
	start := -1
	flush := func(end int) {
		tok := msg[start:end]
		if isOpaqueToken(tok) {
			b.WriteString(tok[:4] + "…")
		} else {
			b.WriteString(tok)
		}
		start = -1
	}
	for i := 0; i < len(msg); i++ {
		if isTokenByte(msg[i]) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			flush(i)
		}
		b.WriteByte(msg[i])
	}
	if start >= 0 {
		flush(len(msg))
	}
	return b.String()
}

func isTokenByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=' || c == '_' || c == '-'
}

// isOpaqueToken is true for a token that looks random: 20 or more
// base64-ish characters with digits and both letter cases (a key, a
// token, a line of a PEM body), or 32 or more hex digits. Words, package
// names ("python3-software-properties") and absolute paths are kept.
func isOpaqueToken(tok string) bool {
	if len(tok) < 20 || tok[0] == '/' {
		return false
	}
	lower, upper, digits, hex := false, false, false, true
	for i := 0; i < len(tok); i++ {
		c := tok[i]
		lower = lower || c >= 'a' && c <= 'z'
		upper = upper || c >= 'A' && c <= 'Z'
		digits = digits || c >= '0' && c <= '9'
		hex = hex && (c >= '0' && c <= '9' || c >= 'a' && c <= 'f')
	}
	return digits && lower && upper || hex && len(tok) >= 32
}
