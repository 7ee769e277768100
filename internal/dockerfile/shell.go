package dockerfile

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"sync"

	"mvdan.cc/sh/v3/syntax"
)

// Script is the parsed shell of one RUN (or history entry): every simple
// command it runs, in source order, with Dockerfile line numbers.
//
// Commands include those inside pipelines, &&/|| lists, subshells, command
// substitutions, `sh -c '…'` strings and heredoc bodies that run as scripts,
// so a rule asking "does this RUN call curl?" needs no tree walking.
type Script struct {
	Commands []*Command
	// HasPipe reports whether any pipeline (a | b) appears.
	HasPipe bool
	// Files are the syntax trees, for rules that need more than commands:
	// the command line first, then each heredoc body parsed as a script.
	Files []*syntax.File
	// Source is the shell text the command line was parsed from (for a
	// RUN: its lines with the keyword and --flags blanked out, heredoc
	// bodies included), for tools that read shell themselves.
	Source string
	// SourceLine is the Dockerfile line of Source's first line, Source's
	// lines following the file's one for one; 0 when they do not (a
	// continuation joined under a backtick escape).
	SourceLine int

	memo memoTable
}

// Memo returns what compute made for key on this script, calling it the
// first time only: rules share what they derive from a script's commands
// (package-manager calls, say) instead of each rederiving it. Values are
// shared: callers must not modify them. Not safe for concurrent use.
func (s *Script) Memo(key any, compute func() any) any { return s.memo.get(key, compute) }

// Command is one simple command (a CallExpr) of a shell script.
type Command struct {
	// Name is the command word as written ("apt-get", "/usr/bin/curl");
	// empty when the name is not a literal (e.g. "$CC").
	Name string
	// Args are the words after the name, unquoted; parameter expansions and
	// command substitutions keep their shell source ("${PKGS}").
	Args []string
	// Assigns are the VAR=value prefixes ("DEBIAN_FRONTEND=noninteractive").
	Assigns []string
	// Line and EndLine are 1-based Dockerfile lines.
	Line    int
	EndLine int
	// PipedFrom is the command whose standard output feeds this one
	// (curl in `curl … | sh`), PipesTo the reverse.
	PipedFrom *Command
	PipesTo   *Command
	// Redirects are the redirections of the statement ("> /dev/null").
	Redirects []Redirect
	// Stdin is the body of a heredoc fed to the command, if any.
	Stdin string
	// Negated is true for `! cmd`; Background for `cmd &`.
	Negated    bool
	Background bool
	// InSubst is true for a command inside $(…), `…` or a process
	// substitution: its output is a value the script uses.
	InSubst bool
	// Call is the syntax node, for rules needing detail.
	Call *syntax.CallExpr

	// base caches Base: rules ask Is and Base of every command many times.
	base string
}

// Redirect is one redirection of a command.
type Redirect struct {
	Op     string // ">", ">>", "<", "<<", "2>&1"…
	Target string
}

// Base is the command name without its directory ("curl" for /usr/bin/curl).
func (c *Command) Base() string {
	if c.base == "" {
		return path.Base(c.Name)
	}
	return c.base
}

// Is reports whether the command's base name is one of names.
func (c *Command) Is(names ...string) bool {
	b := c.Base()
	for _, n := range names {
		if b == n {
			return true
		}
	}
	return false
}

// HasArg reports whether any argument equals one of the given words.
func (c *Command) HasArg(words ...string) bool {
	for _, a := range c.Args {
		for _, w := range words {
			if a == w {
				return true
			}
		}
	}
	return false
}

// HasFlag reports whether a flag is present. Long flags ("--yes") match
// exactly or as "--yes=…"; one-letter flags ("-y") also match inside a
// cluster of short flags ("-qy").
func (c *Command) HasFlag(flags ...string) bool {
	for _, a := range c.Args {
		if a == "--" {
			return false
		}
		for _, f := range flags {
			if a == f {
				return true
			}
			if strings.HasPrefix(f, "--") {
				if hasFlagValue(a, f) {
					return true
				}
				continue
			}
			if len(f) == 2 && f[0] == '-' && len(a) > 2 && a[0] == '-' && a[1] != '-' &&
				strings.IndexByte(a[1:], f[1]) >= 0 {
				return true
			}
		}
	}
	return false
}

// FlagValue returns the value of a flag given as "--flag=v", "--flag v" or
// "-f v", and whether it was present.
func (c *Command) FlagValue(flags ...string) (string, bool) {
	for i, a := range c.Args {
		for _, f := range flags {
			if a == f && i+1 < len(c.Args) {
				return c.Args[i+1], true
			}
			if hasFlagValue(a, f) {
				return a[len(f)+1:], true
			}
		}
	}
	return "", false
}

// hasFlagValue reports whether arg is "flag=…" (without building the
// string flag+"=": rules call this for every argument of every command).
func hasFlagValue(arg, flag string) bool {
	return len(arg) > len(flag) && arg[len(flag)] == '=' && arg[:len(flag)] == flag
}

// Subcommand is the first argument that is not a flag ("install" in
// `apt-get -y install curl`), or "".
func (c *Command) Subcommand() string {
	for _, a := range c.Args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// Positionals are the arguments that are not flags, after the first
// (sub)command word. Flags that take a value are not distinguished, so a
// value given with a space may appear here; rules that care pass the
// value-taking flags in skipValueOf.
func (c *Command) Positionals(skipValueOf ...string) []string {
	var out []string
	skipNext := false
	for _, a := range c.Args {
		if skipNext {
			skipNext = false
			continue
		}
		if a == "--" {
			continue
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			for _, f := range skipValueOf {
				if a == f {
					skipNext = true
				}
			}
			continue
		}
		out = append(out, a)
	}
	return out
}

// Find returns the commands whose base name is one of names.
func (s *Script) Find(names ...string) []*Command {
	if s == nil {
		return nil
	}
	var out []*Command
	for _, c := range s.Commands {
		if c.Is(names...) {
			out = append(out, c)
		}
	}
	return out
}

// Has reports whether a command named name runs with the given subcommand
// (any, when sub is "").
func (s *Script) Has(name, sub string) bool {
	for _, c := range s.Find(name) {
		if sub == "" || c.Subcommand() == sub {
			return true
		}
	}
	return false
}

// ShellVariant is the shell language a stage's SHELL implies.
type ShellVariant int

// Shell variants. POSIX shells are parsed with bash's grammar, which is a
// superset tolerant of the bashisms found in real Dockerfiles.
const (
	ShellPOSIX ShellVariant = iota
	ShellBash
	ShellMksh
	ShellZsh
	ShellOther // PowerShell, cmd, or anything not a POSIX shell
)

// VariantOf maps a SHELL argv ("/bin/bash", "-o", "pipefail", "-c") to the
// variant used to parse scripts.
func VariantOf(argv []string) ShellVariant {
	if len(argv) == 0 {
		return ShellPOSIX
	}
	base := strings.ToLower(path.Base(strings.ReplaceAll(argv[0], `\`, "/")))
	base = strings.TrimSuffix(base, ".exe")
	switch base {
	case "sh", "ash", "dash", "busybox":
		return ShellPOSIX
	case "bash":
		return ShellBash
	case "mksh", "ksh":
		return ShellMksh
	case "zsh":
		return ShellZsh
	default:
		return ShellOther
	}
}

func (v ShellVariant) lang() syntax.LangVariant {
	switch v {
	case ShellMksh:
		return syntax.LangMirBSDKorn
	case ShellZsh:
		return syntax.LangZsh
	default:
		return syntax.LangBash
	}
}

// maxShellDepth bounds `sh -c "sh -c …"` recursion and heredoc nesting.
const maxShellDepth = 3

// MaxScriptBytes and MaxScriptNesting bound the shell text handed to
// mvdan's recursive-descent parser. Its stack grows with nesting, up to
// ~5 KiB per level for `$((((…` and ~300 bytes per byte of input for
// `[[ ! ! ! …`, and a goroutine stack overflow is a fatal error that no
// recover catches: a hostile 1 MiB RUN would crash the process. Within
// these bounds the worst case stays under ~60 MiB of stack. The largest
// RUN in the 2,513-file corpus is 25 KB with 211 bracket characters, so
// real scripts are far inside them; beyond them a RUN gets a ShellError.
const (
	MaxScriptBytes   = 128 << 10
	MaxScriptNesting = 4096
)

// MaxSubstDepth bounds how deeply $(…) may nest in a script the model
// accepts. Every command's Args hold the source of the substitutions
// nested in it, so rules that read all arguments do work proportional to
// depth × script size; at 4,000 levels a secret scan took minutes. Real
// scripts nest a few levels.
const MaxSubstDepth = 32

// checkScriptBounds refuses shell text that could nest deeper than
// mvdan's parser can safely recurse. It counts every byte that can open a
// nesting level (brackets, backquotes, `!`) without trying to match
// closers, so quoting tricks cannot hide depth from it.
func checkScriptBounds(src string) error {
	if len(src) > MaxScriptBytes {
		return fmt.Errorf("script is %d bytes; shell analysis stops at %d", len(src), MaxScriptBytes)
	}
	n := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '{', '[', '`', '!':
			n++
		}
	}
	if n > MaxScriptNesting {
		return fmt.Errorf("script has %d brackets; shell analysis stops at %d", n, MaxScriptNesting)
	}
	return nil
}

// ParseScript parses src as a shell script. Lines in src are counted from
// firstLine (the Dockerfile line of src's first line).
func ParseScript(src string, firstLine int, v ShellVariant) (*Script, error) {
	sb := &scriptBuilder{variant: v}
	if err := sb.parse(src, firstLine, 0, nil); err != nil {
		return nil, err
	}
	sb.script.Source, sb.script.SourceLine = src, firstLine
	return &sb.script, nil
}

// parsers pools mvdan parsers per shell variant: a Parser is a large
// struct, and one was allocated for every RUN and heredoc body. Parse
// resets it for each use.
var parsers [ShellOther]sync.Pool

// pooledParser is a parser with the reader it parses from.
type pooledParser struct {
	p *syntax.Parser
	r strings.Reader
}

type scriptBuilder struct {
	script  Script
	variant ShellVariant
	// src is the text being walked; words are rendered by slicing it.
	src string
	// printer renders a node whose position does not map into src (only
	// the fallback; created on first use).
	printer *syntax.Printer
	buf     bytes.Buffer
	// heredocs holds BuildKit's heredoc bodies for the top-level script,
	// consumed in order of appearance.
	heredocs []string
	// subst is the $(…) nesting depth being walked; tooDeep is set when
	// it passes MaxSubstDepth.
	subst   int
	tooDeep bool
}

func (sb *scriptBuilder) parse(src string, firstLine, depth int, onlyLine *int) error {
	if err := checkScriptBounds(src); err != nil {
		return err
	}
	pool := &parsers[sb.variant]
	p, _ := pool.Get().(*pooledParser)
	if p == nil {
		p = &pooledParser{p: syntax.NewParser(syntax.Variant(sb.variant.lang()))}
	}
	f, err := parseShell(p, src)
	if err != nil {
		if _, crashed := err.(*shellParserPanic); !crashed {
			pool.Put(p) // a parser that panicked may hold broken state
		}
		return err
	}
	pool.Put(p)
	sb.script.Files = append(sb.script.Files, f)
	outer := sb.src
	sb.src = src
	sb.walkStmts(f.Stmts, firstLine-1, depth, onlyLine)
	sb.src = outer
	if sb.tooDeep {
		return fmt.Errorf("command substitutions nest deeper than %d levels", MaxSubstDepth)
	}
	return nil
}

// shellParserPanic is a panic of mvdan's parser turned into an error.
type shellParserPanic struct{ v any }

func (e *shellParserPanic) Error() string {
	return fmt.Sprintf("the shell parser failed on this script (%v); its commands are not checked", e.v)
}

// parseShell runs mvdan's parser, turning a panic into an error: its zsh
// mode (new in v3.14) panics on inputs like "<<$A[" (found by
// FuzzParseScript), and one RUN must not cost the model of the whole file.
func parseShell(p *pooledParser, src string) (f *syntax.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, &shellParserPanic{r}
		}
	}()
	p.r.Reset(src)
	return p.p.Parse(&p.r, "")
}

// walkStmts records commands; lineOff maps parser lines to Dockerfile lines.
// With onlyLine set (for `sh -c` strings), every command gets that line.
func (sb *scriptBuilder) walkStmts(stmts []*syntax.Stmt, lineOff, depth int, onlyLine *int) {
	for _, st := range stmts {
		sb.walkStmt(st, lineOff, depth, onlyLine)
	}
}

func (sb *scriptBuilder) line(p syntax.Pos, lineOff int, onlyLine *int) int {
	if onlyLine != nil {
		return *onlyLine
	}
	if !p.IsValid() {
		return lineOff + 1
	}
	return int(p.Line()) + lineOff
}

// walkStmt records the commands of st and returns the first and last simple
// commands, so pipelines can be linked.
func (sb *scriptBuilder) walkStmt(st *syntax.Stmt, lineOff, depth int, onlyLine *int) (first, last *Command) {
	if st == nil {
		return nil, nil
	}
	switch c := st.Cmd.(type) {
	case nil:
		// A statement of redirections only: `<<EOF` alone runs its body.
		sb.heredocStmt(st, nil, lineOff, depth, onlyLine)
		return nil, nil
	case *syntax.CallExpr:
		cmd := sb.callCommand(c, st, lineOff, onlyLine)
		if cmd != nil {
			sb.script.Commands = append(sb.script.Commands, cmd)
		}
		sb.walkWordsSubst(c.Args, lineOff, depth, onlyLine)
		for _, a := range c.Assigns {
			if a.Value != nil {
				sb.walkWordsSubst([]*syntax.Word{a.Value}, lineOff, depth, onlyLine)
			}
		}
		sb.heredocStmt(st, cmd, lineOff, depth, onlyLine)
		if cmd != nil {
			sb.recurseShellC(cmd, depth)
		}
		return cmd, cmd
	case *syntax.BinaryCmd:
		xf, xl := sb.walkStmt(c.X, lineOff, depth, onlyLine)
		yf, yl := sb.walkStmt(c.Y, lineOff, depth, onlyLine)
		if c.Op == syntax.Pipe || c.Op == syntax.PipeAll {
			sb.script.HasPipe = true
			if xl != nil && yf != nil {
				xl.PipesTo = yf
				yf.PipedFrom = xl
			}
		}
		if xf == nil {
			xf = yf
		}
		if yl == nil {
			yl = xl
		}
		return xf, yl
	case *syntax.Block:
		sb.walkStmts(c.Stmts, lineOff, depth, onlyLine)
	case *syntax.Subshell:
		sb.walkStmts(c.Stmts, lineOff, depth, onlyLine)
	case *syntax.IfClause:
		for ic := c; ic != nil; ic = ic.Else {
			sb.walkStmts(ic.Cond, lineOff, depth, onlyLine)
			sb.walkStmts(ic.Then, lineOff, depth, onlyLine)
		}
	case *syntax.WhileClause:
		sb.walkStmts(c.Cond, lineOff, depth, onlyLine)
		sb.walkStmts(c.Do, lineOff, depth, onlyLine)
	case *syntax.ForClause:
		if wi, ok := c.Loop.(*syntax.WordIter); ok {
			sb.walkWordsSubst(wi.Items, lineOff, depth, onlyLine)
		}
		sb.walkStmts(c.Do, lineOff, depth, onlyLine)
	case *syntax.CaseClause:
		for _, item := range c.Items {
			sb.walkStmts(item.Stmts, lineOff, depth, onlyLine)
		}
	case *syntax.FuncDecl:
		sb.walkStmt(c.Body, lineOff, depth, onlyLine)
	case *syntax.DeclClause:
		for _, a := range c.Args {
			if a.Value != nil {
				sb.walkWordsSubst([]*syntax.Word{a.Value}, lineOff, depth, onlyLine)
			}
		}
	case *syntax.TimeClause:
		return sb.walkStmt(c.Stmt, lineOff, depth, onlyLine)
	case *syntax.CoprocClause:
		sb.walkStmt(c.Stmt, lineOff, depth, onlyLine)
	}
	return nil, nil
}

// walkWordsSubst records the commands inside $(…) and `…` of words.
func (sb *scriptBuilder) walkWordsSubst(words []*syntax.Word, lineOff, depth int, onlyLine *int) {
	for _, w := range words {
		sb.walkWordParts(w.Parts, lineOff, depth, onlyLine)
	}
}

func (sb *scriptBuilder) walkWordParts(parts []syntax.WordPart, lineOff, depth int, onlyLine *int) {
	for _, part := range parts {
		var stmts []*syntax.Stmt
		switch p := part.(type) {
		case *syntax.CmdSubst:
			stmts = p.Stmts
		case *syntax.DblQuoted:
			sb.walkWordParts(p.Parts, lineOff, depth, onlyLine)
		case *syntax.ProcSubst:
			stmts = p.Stmts
		}
		if stmts == nil {
			continue
		}
		if sb.subst >= MaxSubstDepth {
			sb.tooDeep = true
			continue
		}
		sb.subst++
		sb.walkStmts(stmts, lineOff, depth, onlyLine)
		sb.subst--
	}
}

func (sb *scriptBuilder) callCommand(c *syntax.CallExpr, st *syntax.Stmt, lineOff int, onlyLine *int) *Command {
	cmd := &Command{
		Call:       c,
		Line:       sb.line(st.Pos(), lineOff, onlyLine),
		EndLine:    sb.line(st.End(), lineOff, onlyLine),
		Negated:    st.Negated,
		Background: st.Background,
		InSubst:    sb.subst > 0,
	}
	for _, a := range c.Assigns {
		v := ""
		if a.Value != nil {
			v = sb.word(a.Value)
		}
		if a.Name != nil {
			cmd.Assigns = append(cmd.Assigns, a.Name.Value+"="+v)
		}
	}
	if len(c.Args) == 0 {
		if len(cmd.Assigns) == 0 {
			return nil
		}
		return cmd
	}
	if lit, ok := literal(c.Args[0]); ok {
		cmd.Name, cmd.base = lit, path.Base(lit)
	}
	cmd.Args = make([]string, 0, len(c.Args)-1)
	for _, w := range c.Args[1:] {
		cmd.Args = append(cmd.Args, sb.word(w))
	}
	for _, r := range st.Redirs {
		rd := Redirect{Op: r.Op.String()}
		if r.N != nil {
			rd.Op = r.N.Value + rd.Op
		}
		if r.Word != nil {
			rd.Target = sb.word(r.Word)
		}
		cmd.Redirects = append(cmd.Redirects, rd)
	}
	return cmd
}

// heredocStmt handles the heredoc bodies of a statement: the body becomes
// cmd's stdin, and is parsed as a script when it runs in a shell (bare
// `<<EOF`, or `sh <<EOF`, `bash <<EOF`).
func (sb *scriptBuilder) heredocStmt(st *syntax.Stmt, cmd *Command, lineOff, depth int, onlyLine *int) {
	for _, r := range st.Redirs {
		if r.Op != syntax.Hdoc && r.Op != syntax.DashHdoc {
			continue
		}
		body := ""
		bodyLine := sb.line(r.OpPos, lineOff, onlyLine) + 1
		if r.Hdoc != nil {
			body = sb.hdocText(r.Hdoc)
			if r.Hdoc.Pos().IsValid() && onlyLine == nil {
				bodyLine = int(r.Hdoc.Pos().Line()) + lineOff
			}
		}
		if depth == 0 && len(sb.heredocs) > 0 {
			// BuildKit's copy of the body is authoritative (it applies <<-
			// tab stripping the way the builder will).
			body = sb.heredocs[0]
			sb.heredocs = sb.heredocs[1:]
		}
		if cmd != nil {
			cmd.Stdin = body
		}
		runsAsScript := cmd == nil || (cmd.Is("sh", "bash", "ash", "dash", "zsh", "ksh", "mksh") && !cmd.HasFlag("-c") && len(cmd.Positionals()) == 0)
		if !runsAsScript || depth >= maxShellDepth || !isShellScript(body) {
			continue
		}
		// A body that fails to parse is still stdin; only its commands are lost.
		_ = sb.parse(body, bodyLine, depth+1, onlyLine)
	}
}

// recurseShellC parses the string of `sh -c '…'` as a script, attributing
// its commands to the line of the sh command.
func (sb *scriptBuilder) recurseShellC(cmd *Command, depth int) {
	if depth >= maxShellDepth || !cmd.Is("sh", "bash", "ash", "dash", "zsh") {
		return
	}
	for i, a := range cmd.Args {
		if a == "-c" || (len(a) > 2 && a[0] == '-' && a[1] != '-' && strings.HasSuffix(a, "c")) {
			if i+1 < len(cmd.Args) {
				line := cmd.Line
				_ = sb.parse(cmd.Args[i+1], line, depth+1, &line)
			}
			return
		}
	}
}

// isShellScript is false for a heredoc body whose shebang names another
// interpreter (python, node…), which BuildKit honours.
func isShellScript(body string) bool {
	if !strings.HasPrefix(body, "#!") {
		return true
	}
	first, _, _ := strings.Cut(body, "\n")
	fields := strings.Fields(strings.TrimPrefix(first, "#!"))
	if len(fields) == 0 {
		return true
	}
	interp := path.Base(fields[0])
	if interp == "env" && len(fields) > 1 {
		interp = path.Base(fields[1])
	}
	return VariantOf([]string{interp}) != ShellOther
}

// LiteralWord returns a shell word's text, unquoted, when it has no
// expansions (for rules walking Script.Files themselves).
func LiteralWord(w *syntax.Word) (string, bool) { return literal(w) }

// literal returns the word's value when it has no expansions.
func literal(w *syntax.Word) (string, bool) {
	if len(w.Parts) == 1 {
		// The common case, a bare word or one quoted string, needs no copy.
		switch p := w.Parts[0].(type) {
		case *syntax.Lit:
			return unescapeLit(p.Value), true
		case *syntax.SglQuoted:
			return p.Value, true
		}
	}
	var b strings.Builder
	for _, part := range w.Parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(unescapeLit(p.Value))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			for _, dp := range p.Parts {
				lit, ok := dp.(*syntax.Lit)
				if !ok {
					return "", false
				}
				b.WriteString(lit.Value)
			}
		default:
			return "", false
		}
	}
	return b.String(), true
}

// word renders a word unquoted, keeping the shell source of expansions.
func (sb *scriptBuilder) word(w *syntax.Word) string {
	if lit, ok := literal(w); ok {
		return lit
	}
	parts := w.Parts
	if len(parts) == 1 {
		if dq, ok := parts[0].(*syntax.DblQuoted); ok {
			parts = dq.Parts
		}
	}
	if len(parts) == 1 {
		switch parts[0].(type) {
		case *syntax.Lit, *syntax.SglQuoted, *syntax.DblQuoted:
		default:
			// A lone expansion ("$(…)", "${X}") is a slice of the source:
			// no copy, so nested $( $( … ) ) stays linear.
			if src, ok := sb.source(parts[0]); ok {
				return src
			}
		}
	}
	var b strings.Builder
	sb.parts(&b, w.Parts)
	return b.String()
}

func (sb *scriptBuilder) parts(b *strings.Builder, parts []syntax.WordPart) {
	for _, part := range parts {
		switch p := part.(type) {
		case *syntax.Lit:
			b.WriteString(unescapeLit(p.Value))
		case *syntax.SglQuoted:
			b.WriteString(p.Value)
		case *syntax.DblQuoted:
			sb.parts(b, p.Parts)
		default:
			if src, ok := sb.source(part); ok {
				b.WriteString(src)
				continue
			}
			if sb.printer == nil {
				sb.printer = syntax.NewPrinter()
			}
			sb.buf.Reset()
			if err := sb.printer.Print(&sb.buf, part); err == nil {
				b.Write(sb.buf.Bytes())
			}
		}
	}
}

// source is the text of n as written, when its position maps into the
// script being walked. Slicing the source is linear where printing each
// nested expansion again would be quadratic in nesting depth.
func (sb *scriptBuilder) source(n syntax.Node) (string, bool) {
	start, end := n.Pos(), n.End()
	if !start.IsValid() || !end.IsValid() {
		return "", false
	}
	so, eo := int(start.Offset()), int(end.Offset())
	if so > eo || eo > len(sb.src) {
		return "", false
	}
	return sb.src[so:eo], true
}

func (sb *scriptBuilder) hdocText(w *syntax.Word) string {
	var b strings.Builder
	sb.parts(&b, w.Parts)
	return b.String()
}

// unescapeLit removes shell backslash escapes from an unquoted literal.
func unescapeLit(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == '\n' {
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
