// Package dockerfile is dockstride's typed model of a Dockerfile.
//
// The text is parsed with BuildKit's parser and each instruction is read
// the way BuildKit's instructions package reads it (lower.go, held to it by
// tests), so dockstride reads a Dockerfile exactly as `docker build` does.
// The result is wrapped in our own types:
// rules see stages, typed instructions with a Kind, exact line ranges, the
// ARG/ENV scope in force at each instruction and the parsed shell script of
// every RUN, never BuildKit's string-typed AST.
package dockerfile

import (
	"strconv"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Kind is the type of a Dockerfile instruction.
type Kind int

// The instruction kinds, one per Dockerfile keyword.
const (
	KindUnknown Kind = iota
	KindFrom
	KindRun
	KindCmd
	KindEntrypoint
	KindCopy
	KindAdd
	KindEnv
	KindArg
	KindLabel
	KindExpose
	KindUser
	KindWorkdir
	KindVolume
	KindHealthcheck
	KindShell
	KindStopSignal
	KindOnbuild
	KindMaintainer
	numKinds
)

var kindNames = [...]string{
	KindUnknown:     "UNKNOWN",
	KindFrom:        "FROM",
	KindRun:         "RUN",
	KindCmd:         "CMD",
	KindEntrypoint:  "ENTRYPOINT",
	KindCopy:        "COPY",
	KindAdd:         "ADD",
	KindEnv:         "ENV",
	KindArg:         "ARG",
	KindLabel:       "LABEL",
	KindExpose:      "EXPOSE",
	KindUser:        "USER",
	KindWorkdir:     "WORKDIR",
	KindVolume:      "VOLUME",
	KindHealthcheck: "HEALTHCHECK",
	KindShell:       "SHELL",
	KindStopSignal:  "STOPSIGNAL",
	KindOnbuild:     "ONBUILD",
	KindMaintainer:  "MAINTAINER",
}

// String returns the upper-case Dockerfile keyword of the kind.
func (k Kind) String() string {
	if k < 0 || k >= numKinds {
		return kindNames[KindUnknown]
	}
	return kindNames[k]
}

// NumKinds is the number of kinds, for tables indexed by Kind.
const NumKinds = int(numKinds)

// KindOf maps a Dockerfile keyword (any case) to its Kind.
func KindOf(keyword string) Kind {
	up := strings.ToUpper(keyword)
	for k, n := range kindNames {
		if n == up && Kind(k) != KindUnknown {
			return Kind(k)
		}
	}
	return KindUnknown
}

// Range is a 1-based, inclusive span of lines (and, where known, columns)
// in the Dockerfile. Column 0 means "the whole line".
type Range struct {
	StartLine int
	StartCol  int
	EndLine   int
	EndCol    int
}

// LineRange is a Range covering whole lines start..end.
func LineRange(start, end int) Range {
	if end < start {
		end = start
	}
	return Range{StartLine: start, EndLine: end}
}

// File is one parsed Dockerfile.
type File struct {
	Path       string
	Lines      []string // source lines, without line terminators; Lines[0] is line 1
	Directives Directives
	// MetaArgs are the ARG instructions before the first FROM; they may be
	// used in FROM lines and re-declared inside stages.
	MetaArgs []*Arg
	// Stages in order. Instructions before the first FROM (other than ARG)
	// are gathered into an implicit stage with Implicit set, so snippets
	// without FROM are still linted.
	Stages []*Stage
	// Instructions in source order, every stage's and the meta ARGs.
	Instructions []Instruction
	// Errors are per-instruction problems that BuildKit would refuse
	// (unknown instruction, bad flag). The rest of the file is still modelled.
	Errors []*Error
	// BuildKitWarnings are the warnings BuildKit's own parser and linter
	// raised while parsing (StageNameCasing, NoEmptyContinuation, …).
	BuildKitWarnings []BuildKitWarning
	// EscapeToken is '\\' or '`'.
	EscapeToken rune

	global *Scope
	memo   memoTable
	// text is the source Lines were split from (BOM removed); lineStart,
	// set when text has no CR, holds each line's offset in it, so Source
	// can slice instead of join.
	text      string
	lineStart []int
}

// Memo returns what compute made for key on this file, calling it the
// first time only. Rules share data they derive from a whole file (the
// FROM-line ARG scope, say) through it instead of each recomputing it for
// every stage. Values are shared: callers must not modify them. Like the
// rest of a File, it is meant for the one goroutine linting the file.
func (f *File) Memo(key any, compute func() any) any { return f.memo.get(key, compute) }

// memoTable backs File.Memo and Script.Memo: compute's result per key,
// computed once.
type memoTable map[any]any

func (m *memoTable) get(key any, compute func() any) any {
	if v, ok := (*m)[key]; ok {
		return v
	}
	if *m == nil {
		*m = memoTable{}
	}
	v := compute()
	(*m)[key] = v
	return v
}

// Directives are the parser directives at the top of the file.
type Directives struct {
	Syntax     string
	SyntaxLine int
	Escape     string
	EscapeLine int
	Check      string
	CheckLine  int
}

// BuildKitWarning is a lint warning raised by BuildKit's parser.
type BuildKitWarning struct {
	Rule    string // BuildKit rule name, e.g. "StageNameCasing"
	Message string
	Range   Range
}

// Error is a problem that makes a Dockerfile unbuildable, located at a line.
type Error struct {
	Line    int
	Message string
}

func (e *Error) Error() string { return e.Message }

// FinalStage is the stage that ships: the last one, or nil for a file with
// no instructions.
func (f *File) FinalStage() *Stage {
	if len(f.Stages) == 0 {
		return nil
	}
	return f.Stages[len(f.Stages)-1]
}

// StageByName finds a stage by its (case-insensitive) name or index string.
func (f *File) StageByName(name string) *Stage {
	lname := strings.ToLower(name)
	for _, s := range f.Stages {
		if s.Name != "" && s.Name == lname {
			return s
		}
	}
	return nil
}

// Source returns the text of lines start..end joined with "\n".
func (f *File) Source(r Range) string {
	if r.StartLine < 1 || r.StartLine > len(f.Lines) {
		return ""
	}
	end := min(r.EndLine, len(f.Lines))
	if end < r.StartLine {
		return ""
	}
	if f.lineStart != nil {
		// The lines are the text's own, joined by "\n": slice it, as rules
		// ask for every instruction's source.
		return f.text[f.lineStart[r.StartLine-1] : f.lineStart[end]-1]
	}
	return strings.Join(f.Lines[r.StartLine-1:end], "\n")
}

// Stage is one build stage: a FROM and the instructions up to the next FROM.
type Stage struct {
	Index int
	// Name is the lower-cased stage name ("" when unnamed); OrigName keeps
	// the case the author wrote.
	Name     string
	OrigName string
	From     *From // nil for the implicit stage
	// Implicit marks the stage that holds instructions written before any FROM.
	Implicit     bool
	Instructions []Instruction
	// Parent is the earlier stage this one builds FROM, if any.
	Parent *Stage
	// Scope is the ARG/ENV scope at the end of the stage.
	Scope *Scope

	// env is the chain of the ENV variables alone (inherited ones included)
	// and shell the SHELL argv at the end of the stage: what a stage built
	// FROM this one starts with.
	env   *Scope
	shell []string
}

// Ref names the stage for messages: its name, or its index.
func (s *Stage) Ref() string {
	if s.OrigName != "" {
		return s.OrigName
	}
	return "#" + strconv.Itoa(s.Index)
}

// Line is where findings about the whole stage point: the FROM line, or the
// first instruction of an implicit stage.
func (s *Stage) Line() int {
	if s.From != nil {
		return s.From.Range().StartLine
	}
	if len(s.Instructions) > 0 {
		return s.Instructions[0].Range().StartLine
	}
	return 1
}

// Instruction is one typed Dockerfile instruction.
type Instruction interface {
	Kind() Kind
	// Range covers the instruction's continuation lines and heredoc bodies.
	Range() Range
	// Stage is the stage the instruction belongs to (nil for meta ARGs).
	Stage() *Stage
	// Keyword is the instruction keyword as written ("run", "RUN").
	Keyword() string
	// Flags are the raw --flags as written.
	Flags() []string
	// Args are the raw arguments as BuildKit's parser split them.
	Args() []string
	// Comments are the comment lines directly above the instruction,
	// without the leading '#'.
	Comments() []string
	// Scope is the ARG/ENV scope in force before the instruction runs.
	Scope() *Scope
	// Node is BuildKit's AST node, for the rare rule that needs the raw form.
	Node() *parser.Node
	// Parent is the ONBUILD instruction wrapping this one, or nil.
	Parent() *Onbuild
}

// base carries what every instruction has.
type base struct {
	kind   Kind
	rng    Range
	stage  *Stage
	node   *parser.Node
	scope  *Scope
	parent *Onbuild
}

func (b *base) Kind() Kind         { return b.kind }
func (b *base) Range() Range       { return b.rng }
func (b *base) Stage() *Stage      { return b.stage }
func (b *base) Node() *parser.Node { return b.node }
func (b *base) Scope() *Scope      { return b.scope }
func (b *base) Parent() *Onbuild   { return b.parent }
func (b *base) Keyword() string    { return b.node.Value }
func (b *base) Flags() []string    { return b.node.Flags }
func (b *base) Comments() []string { return b.node.PrevComment }
func (b *base) Args() []string {
	var out []string
	for n := b.node.Next; n != nil; n = n.Next {
		out = append(out, n.Value)
	}
	return out
}

// IsJSON reports whether the instruction was written in exec (JSON) form.
func (b *base) IsJSON() bool { return b.node.Attributes["json"] }

// From starts a stage.
type From struct {
	base
	// Image is the base image reference as written ("golang:${GO_VERSION}").
	Image string
	// Expanded is Image with ARGs substituted; Resolved reports whether every
	// variable had a known value.
	Expanded string
	Resolved bool
	// Platform is the --platform value as written.
	Platform string
	// StageName is the AS name as written ("" when absent).
	StageName string
	// BaseStage is the earlier stage this FROM refers to, or nil for an image.
	BaseStage *Stage
}

// IsScratch reports whether the stage starts from the empty image.
func (f *From) IsScratch() bool { return strings.EqualFold(f.Expanded, "scratch") }

// Run is a RUN instruction.
type Run struct {
	base
	Cmd *RunCommand
	// Mounts are the --mount options (cache, secret, tmpfs, bind, ssh).
	Mounts []*instructions.Mount
	// Script is the parsed shell script (command line and heredoc bodies
	// that run as scripts); nil in exec form, in non-POSIX shells, or when
	// the script did not parse.
	Script *Script
	// ShellError says why Script is nil when the form was shell.
	ShellError string

	execScript     *Script
	execScriptDone bool
}

// ExecScript is an exec-form RUN's argv as the command it runs, quoted
// word by word and read as a shell script (so `RUN ["apt-get", "install",
// "x"]` has the command apt-get), every command on the RUN's first line;
// nil for a shell-form RUN or an empty argv. It is built once: rules ask
// for it per rule.
func (r *Run) ExecScript() *Script {
	if r.execScriptDone || !r.ExecForm() {
		return r.execScript
	}
	r.execScriptDone = true
	if len(r.Cmd.CmdLine) == 0 {
		return nil
	}
	quoted := make([]string, len(r.Cmd.CmdLine))
	for i, a := range r.Cmd.CmdLine {
		quoted[i] = "'" + strings.ReplaceAll(a, "'", `'\''`) + "'"
	}
	line := r.Range().StartLine
	s, err := ParseScript(strings.Join(quoted, " "), line, ShellPOSIX)
	if err != nil {
		return nil
	}
	for _, c := range s.Commands {
		c.Line, c.EndLine = line, line
	}
	r.execScript = s
	return s
}

// ExecForm reports whether the RUN was written as a JSON array.
func (r *Run) ExecForm() bool { return !r.Cmd.PrependShell }

// Cmd is a CMD instruction.
type Cmd struct {
	base
	Cmd *CmdCommand
}

// ExecForm reports whether the CMD was written as a JSON array.
func (c *Cmd) ExecForm() bool { return !c.Cmd.PrependShell }

// Entrypoint is an ENTRYPOINT instruction.
type Entrypoint struct {
	base
	Cmd *EntrypointCommand
}

// ExecForm reports whether the ENTRYPOINT was written as a JSON array.
func (e *Entrypoint) ExecForm() bool { return !e.Cmd.PrependShell }

// Copy is a COPY instruction.
type Copy struct {
	base
	Cmd *CopyCommand
}

// Add is an ADD instruction.
type Add struct {
	base
	Cmd *AddCommand
}

// Env is an ENV instruction.
type Env struct {
	base
	Cmd *EnvCommand
}

// Arg is an ARG instruction.
type Arg struct {
	base
	Cmd *ArgCommand
}

// Label is a LABEL instruction.
type Label struct {
	base
	Cmd *LabelCommand
}

// Expose is an EXPOSE instruction.
type Expose struct {
	base
	Cmd *ExposeCommand
}

// User is a USER instruction.
type User struct {
	base
	Cmd *UserCommand
	// Expanded is the user after ARG/ENV substitution.
	Expanded string
}

// Workdir is a WORKDIR instruction.
type Workdir struct {
	base
	Cmd *WorkdirCommand
}

// Volume is a VOLUME instruction.
type Volume struct {
	base
	Cmd *VolumeCommand
}

// Healthcheck is a HEALTHCHECK instruction.
type Healthcheck struct {
	base
	Cmd *HealthCheckCommand
}

// IsNone reports whether the instruction is HEALTHCHECK NONE.
func (h *Healthcheck) IsNone() bool {
	return h.Cmd.Health != nil && len(h.Cmd.Health.Test) > 0 && h.Cmd.Health.Test[0] == "NONE"
}

// Shell is a SHELL instruction.
type Shell struct {
	base
	Cmd *ShellCommand
}

// StopSignal is a STOPSIGNAL instruction.
type StopSignal struct {
	base
	Cmd *StopSignalCommand
}

// Maintainer is the deprecated MAINTAINER instruction.
type Maintainer struct {
	base
	Cmd *MaintainerCommand
}

// Onbuild is an ONBUILD instruction; Inner is the wrapped instruction
// (nil when it did not parse).
type Onbuild struct {
	base
	Cmd   *OnbuildCommand
	Inner Instruction
}

// Unknown is an instruction BuildKit does not know; it is kept so the
// file's line structure stays complete, and reported as an error.
type Unknown struct {
	base
}
