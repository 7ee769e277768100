// Fixes: the edits a finding suggests, and whether a rule's fixes keep
// what the Dockerfile means.

package rules

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/fix"
)

// FixSafety says whether a rule's findings carry fixes and whether
// `--fix` applies them on its own, as ruff classifies fixes: a safe fix
// keeps what the file builds and how the container behaves, save for the
// problem it removes; an unsafe fix may change behaviour the author relied
// on (another shell, another user, a probe to complete), so it is applied
// only with `--unsafe-fixes` and should be reviewed.
type FixSafety int

// Fix safeties.
const (
	// NoFix: the rule's findings carry no edits.
	NoFix FixSafety = iota
	// SafeFix: applied by --fix.
	SafeFix
	// UnsafeFix: applied by --fix --unsafe-fixes.
	UnsafeFix
)

var fixSafetyNames = [...]string{NoFix: "none", SafeFix: "safe", UnsafeFix: "unsafe"}

// String is "none", "safe" or "unsafe".
func (s FixSafety) String() string {
	if s >= 0 && int(s) < len(fixSafetyNames) {
		return fixSafetyNames[s]
	}
	return "unknown"
}

// MarshalText renders the safety's name in JSON.
func (s FixSafety) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Fix is the change a finding suggests to its file: byte-range edits of
// the file's Text, applied together or not at all. Either Edits are set,
// or Unavailable says why this finding gets none.
type Fix struct {
	// Title says what the fix does, in the imperative ("add
	// --no-install-recommends").
	Title string
	Edits []fix.Edit
	// Unavailable says why no edit is offered: what the fix would need to
	// know that the file does not say ("cannot tell which shell the base
	// image has").
	Unavailable string
	// Spans are where Edits lie, one for each, as people and SARIF count;
	// set by Locate.
	Spans []Span
	// Unsafe marks the fix unsafe where the rule's fixes are safe: one
	// rule, one concept, but its daemon.json fix changes every
	// container's behaviour where its compose fix changes one service's.
	Unsafe bool
	// DotEnv, when set, is a variable the fix moves to the `.env` beside
	// the compose file: its Edits refer to ${Name}, and the engine writes
	// Name=Value to `.env` (and `.env` to the .dockerignore of each build
	// context that would ship it). Value is a secret: never printed.
	DotEnv *DotEnv `json:"-"`
}

// DotEnv is a variable a fix moves out of a compose file.
type DotEnv struct {
	Name  string
	Value string `json:"-"`
}

// FixSafety is the safety of f's fix: the rule's, or unsafe when the fix
// says so.
func (f *Finding) FixSafety() FixSafety {
	if f.Fix != nil && f.Fix.Unsafe && f.Rule.Fix == SafeFix {
		return UnsafeFix
	}
	return f.Rule.Fix
}

// Span is where an edit lies: lines and columns from 1, columns in
// Unicode code points, the end just past the last character replaced
// (the start itself for an insertion).
type Span struct{ Line, Column, EndLine, EndColumn int }

// Locate sets Spans with position, which gives the line and column of an
// offset in the text the edits index (dockerfile.File.Position).
func (f *Fix) Locate(position func(offset int) (line, column int)) {
	if f == nil || len(f.Spans) == len(f.Edits) {
		return
	}
	f.Spans = make([]Span, len(f.Edits))
	for i, e := range f.Edits {
		s := &f.Spans[i]
		s.Line, s.Column = position(e.Start)
		s.EndLine, s.EndColumn = position(e.End)
	}
}

// Offered reports whether the fix has edits to apply.
func (f *Fix) Offered() bool { return f != nil && len(f.Edits) > 0 }

// NewFix is a fix with a title and its edits.
func NewFix(title string, edits ...fix.Edit) *Fix { return &Fix{Title: title, Edits: edits} }

// NoFixf is a fix that is not offered, and why.
func NoFixf(format string, args ...any) *Fix {
	return &Fix{Unavailable: fmt.Sprintf(format, args...)}
}

// WithFix is p for reporting one finding that carries the fix build
// returns (nil: none). Checks call it as
// p.WithFix(func() *Fix {…}).Reportf(…), so every way of reporting can
// carry a fix. build runs only when the run wants fixes (Pass.Fixes):
// building them costs more than finding the problem, and a plain lint
// never shows them.
func (p *Pass) WithFix(build func() *Fix) *Pass {
	return withFix(p, p.Fixes, func(q *Pass) *func(Finding) { return &q.Report }, build)
}

// withFix is WithFix of each pass type: p itself when the run wants no
// fixes or build gives none, else a copy whose report (the field
// reportOf points at) attaches the fix to every finding.
func withFix[P any](p *P, fixes bool, reportOf func(*P) *func(Finding), build func() *Fix) *P {
	if !fixes {
		return p
	}
	fx := build()
	if fx == nil {
		return p
	}
	q := *p
	report := reportOf(&q)
	inner := *report
	*report = func(fd Finding) {
		fd.Fix = fx
		inner(fd)
	}
	return &q
}

// Insert is an edit that inserts text at offset.
func Insert(offset int, text string) fix.Edit { return fix.Edit{Start: offset, End: offset, New: text} }

// Replace is an edit that replaces [start, end) with text.
func Replace(start, end int, text string) fix.Edit {
	return fix.Edit{Start: start, End: end, New: text}
}

// instructionAt is the instruction (not an ONBUILD trigger) starting on
// line, or nil.
func instructionAt(f *dockerfile.File, line int) dockerfile.Instruction {
	for _, in := range f.Instructions {
		if r := in.Range(); r.StartLine == line {
			return in
		}
		if in.Range().StartLine > line {
			break
		}
	}
	return nil
}

// argsSpan is the span of in's arguments: from after its keyword and the
// blanks that follow to the end of its last line. ok is false when in is
// not written plainly enough to rewrite whole: comment lines inside a
// continuation (they would be lost), or heredocs.
func argsSpan(f *dockerfile.File, in dockerfile.Instruction) (start, end int, ok bool) {
	_, kwEnd, ok := f.KeywordSpan(in)
	if !ok || len(in.Node().Heredocs) > 0 {
		return 0, 0, false
	}
	rng := in.Range()
	for l := rng.StartLine + 1; l <= rng.EndLine; l++ {
		if t := strings.TrimSpace(f.Lines[l-1]); t == "" || strings.HasPrefix(t, "#") {
			return 0, 0, false
		}
	}
	text := f.Text()
	start = kwEnd
	for start < len(text) && (text[start] == ' ' || text[start] == '\t') {
		start++
	}
	end = f.LineEnd(rng.EndLine)
	if start >= end {
		return 0, 0, false
	}
	return start, end, true
}

// inCaseOf writes word in the case of keyword: upper case after an
// upper-case keyword, lower case after a lower-case one.
func inCaseOf(keyword, word string) string {
	if keyword == strings.ToLower(keyword) {
		return strings.ToLower(word)
	}
	return strings.ToUpper(word)
}

// jsonArgs writes argv as the exec form's JSON array, spaced as people
// write it: ["gunicorn", "app:app"].
func jsonArgs(argv []string) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, a := range argv {
		if i > 0 {
			b.WriteString(", ")
		}
		var q bytes.Buffer
		enc := json.NewEncoder(&q)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(a) // a string always encodes
		b.Write(bytes.TrimSuffix(q.Bytes(), []byte("\n")))
	}
	b.WriteByte(']')
	return b.String()
}

// dockerfileQuote double-quotes s for an instruction whose words BuildKit
// unquotes and expands (LABEL, ENV): the quote, the escape character and
// `$` are escaped with the file's escape character.
func dockerfileQuote(s string, escape rune) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		if r == '"' || r == '$' || r == escape {
			b.WriteRune(escape)
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	return b.String()
}

// shellRun is the shell-form script of a RUN, the only kind whose words
// are where the file has them; nil otherwise.
func shellRun(in dockerfile.Instruction) *dockerfile.Script {
	r, ok := in.(*dockerfile.Run)
	if !ok || r.ExecForm() {
		return nil
	}
	return r.Script
}

// pkgWordSpan is the span in the file of a package-manager call's word:
// i = 0 is the tool's name, i > 0 is pc.args[i-1].
func pkgWordSpan(f *dockerfile.File, in dockerfile.Instruction, pc *pkgCall, i int) (start, end int, ok bool) {
	s := shellRun(in)
	if s == nil || pc.cmd.Call == nil {
		return 0, 0, false
	}
	// pc.args are the last words of the command: the tool's name is the
	// word before them.
	at := len(pc.cmd.Args) - len(pc.args) + i
	if at < 0 || at >= len(pc.cmd.Call.Args) {
		return 0, 0, false
	}
	return f.WordSpan(s, pc.cmd, pc.cmd.Call.Args[at])
}

// subIndex is the position in pc.args of its sub-command, or -1.
func subIndex(pc *pkgCall) int {
	for i, a := range pc.args {
		if a == pc.sub() && !strings.HasPrefix(a, "-") {
			return i
		}
	}
	return -1
}

// afterSub is an edit inserting text right after pc's sub-command word
// ("install"), where options conventionally go.
func afterSub(f *dockerfile.File, in dockerfile.Instruction, pc *pkgCall, text string) (fix.Edit, bool) {
	i := subIndex(pc)
	if i < 0 {
		return fix.Edit{}, false
	}
	_, end, ok := pkgWordSpan(f, in, pc, i+1)
	return Insert(end, text), ok
}

// appendCommand is an edit that runs command last in a RUN, joined with
// `&&` in the RUN's own layout: on a line of its own, indented and
// continued like the others, when the RUN is written one command a line.
func appendCommand(f *dockerfile.File, in dockerfile.Instruction, command string) (fix.Edit, bool) {
	s := shellRun(in)
	off, ok := f.StmtEnd(s)
	if !ok {
		return fix.Edit{}, false
	}
	text := f.Text()
	line := in.Range().StartLine
	for line < in.Range().EndLine && f.LineOffset(line+1) <= off {
		line++
	}
	inline := Insert(off, " && "+command)
	if line == in.Range().StartLine || strings.TrimSpace(text[off:f.LineEnd(line)]) != "" {
		return inline, true
	}
	cur := f.Lines[line-1]
	indent := cur[:len(cur)-len(strings.TrimLeft(cur, " \t"))]
	prev := strings.TrimRight(f.Lines[line-2], " \t")
	cont := " " + string(f.EscapeToken) + f.Newline() + indent
	switch {
	case strings.HasPrefix(strings.TrimLeft(cur, " \t"), "&&"):
		return Insert(off, cont+"&& "+command), true
	case strings.HasSuffix(strings.TrimSuffix(prev, string(f.EscapeToken)), "&& ") || strings.HasSuffix(strings.TrimSuffix(prev, string(f.EscapeToken)), "&&"):
		return Insert(off, " &&"+cont+command), true
	}
	return inline, true
}

// insertLines is an edit adding lines (written with the file's line
// terminator) right before in, above the comments that belong to it; nil
// in appends them after the stage's last instruction. ok is false when
// that instruction ends the file with a continuation, which would swallow
// the lines.
func insertLines(f *dockerfile.File, before dockerfile.Instruction, stage *dockerfile.Stage, lines ...string) (e fix.Edit, ok bool) {
	nl := f.Newline()
	text := strings.Join(lines, nl) + nl
	if before != nil {
		return Insert(f.InsertionPoint(before), text), true
	}
	end := stage.Line()
	if stage.From != nil {
		end = max(end, stage.From.Range().EndLine)
	}
	for _, in := range stage.Instructions {
		end = max(end, in.Range().EndLine)
	}
	if end < 1 || end > len(f.Lines) || continuationOpen(f, end) {
		return fix.Edit{}, false
	}
	if end == len(f.Lines) && !f.EndsWithNewline() {
		return Insert(len(f.Text()), nl+strings.TrimSuffix(text, nl)), true
	}
	return Insert(f.LineOffset(end+1), text), true
}

// continuationOpen reports whether the text up to the end of line still
// continues an instruction: its last line that is neither blank nor a
// comment ends with the escape character (BuildKit skips blank and
// comment lines inside a continuation, so lines added after them would
// join it).
func continuationOpen(f *dockerfile.File, line int) bool {
	for l := line; l >= 1; l-- {
		t := strings.TrimRight(f.Lines[l-1], " \t\r")
		if trimmed := strings.TrimLeft(t, " \t"); trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		return strings.HasSuffix(t, string(f.EscapeToken))
	}
	return false
}

// beforeCommand is the instruction the settings of how the container runs
// (USER, HEALTHCHECK) go before: the stage's first CMD or ENTRYPOINT after
// its last RUN and USER, or nil for the end of the stage.
func beforeCommand(s *dockerfile.Stage) dockerfile.Instruction {
	last := -1
	for i, in := range s.Instructions {
		if in.Kind() == dockerfile.KindRun || in.Kind() == dockerfile.KindUser {
			last = i
		}
	}
	for _, in := range s.Instructions[last+1:] {
		if in.Kind() == dockerfile.KindCmd || in.Kind() == dockerfile.KindEntrypoint {
			return in
		}
	}
	return nil
}
