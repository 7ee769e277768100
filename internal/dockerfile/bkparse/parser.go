// Copied from github.com/moby/buildkit v0.34.2, frontend/dockerfile/parser,
// parser.go (Apache License 2.0, Copyright The BuildKit Authors; see
// https://github.com/moby/buildkit/blob/v0.34.2/LICENSE). Changes are
// marked "dockstride:"; everything else is verbatim so the parse stays
// BuildKit's (TestSameASTAsBuildKit and FuzzSameASTAsBuildKit hold it to
// BuildKit's own parser).

// The parser package implements a parser that transforms a raw byte-stream
// into a low-level Abstract Syntax Tree.
package bkparse

import (
	"bufio"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/moby/buildkit/frontend/dockerfile/command"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
	"github.com/moby/buildkit/frontend/dockerfile/shell"
	"github.com/pkg/errors"
)

// dockstride: the AST types are BuildKit's own, so
// instructions.ParseInstructionWithLinter takes this parser's nodes.
type (
	// Node is BuildKit's parser.Node.
	Node = parser.Node
	// Heredoc is BuildKit's parser.Heredoc.
	Heredoc = parser.Heredoc
	// Result is BuildKit's parser.Result.
	Result = parser.Result
	// Warning is BuildKit's parser.Warning.
	Warning = parser.Warning
	// Range is BuildKit's parser.Range.
	Range = parser.Range
	// Position is BuildKit's parser.Position.
	Position = parser.Position
	// DirectiveParser is BuildKit's parser.DirectiveParser.
	DirectiveParser = parser.DirectiveParser
)

// dockstride: Node's unexported method, as a function.
func canContainHeredoc(node *Node) bool {
	// check for compound commands, like ONBUILD
	if ok := heredocCompoundDirectives[LowerCommand(node.Value)]; ok {
		if node.Next != nil && len(node.Next.Children) > 0 {
			node = node.Next.Children[0]
		}
	}

	if ok := heredocDirectives[LowerCommand(node.Value)]; !ok {
		return false
	}
	if isJSON := node.Attributes["json"]; isJSON {
		return false
	}

	return true
}

// LowerCommand is strings.ToLower for an instruction keyword, without
// allocating a copy of the keywords BuildKit knows (dockstride: BuildKit
// lower-cased every instruction's keyword three times).
func LowerCommand(cmd string) string {
	for _, c := range keywords {
		if asciiEqualFold(cmd, c) {
			return c
		}
	}
	return strings.ToLower(cmd)
}

// dockstride: keywords are BuildKit's instruction keywords, lower-case.
var keywords = []string{
	command.Add, command.Arg, command.Cmd, command.Copy, command.Entrypoint, command.Env,
	command.Expose, command.From, command.Healthcheck, command.Label, command.Maintainer,
	command.Onbuild, command.Run, command.Shell, command.StopSignal, command.User,
	command.Volume, command.Workdir,
}

// dockstride: asciiEqualFold reports whether s equals the lower-case
// ASCII word lower once its ASCII letters are lower-cased (any other byte
// must match exactly, so a non-ASCII s never does).
func asciiEqualFold(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// dockstride: errors.go's helpers over BuildKit's exported WithLocation.
func withLocation(err error, start, end int) error {
	return parser.WithLocation(err, toRanges(start, end))
}

func toRanges(start, end int) (r []Range) {
	if end <= start {
		end = start
	}
	for i := start; i <= end; i++ {
		r = append(r, Range{Start: Position{Line: i}, End: Position{Line: i}})
	}
	return
}

var (
	// dockstride: reWhitespace was regexp.MustCompile(`[\t\v\f\r ]+`);
	// its Split, run on every instruction line, was 6% of lint time.
	// whitespaceRuns splits the same way (TestWhitespaceSplit and
	// FuzzWhitespaceSplit hold it to the regexp).
	reWhitespace whitespaceRuns
	reHeredoc    = regexp.MustCompile(`^(\d*)<<(-?)\s*([^<]*)$`)
)

// dockstride: whitespaceRuns is the regexp [\t\v\f\r ]+ for Split.
type whitespaceRuns struct{}

func isSplitSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r'
}

// Split is regexp.Regexp.Split for [\t\v\f\r ]+: the text between runs
// of those bytes, at most n pieces (all for n < 0), with regexp.Split's
// treatment of runs at either end.
func (whitespaceRuns) Split(s string, n int) []string {
	if n == 0 {
		return nil
	}
	if len(s) == 0 {
		return []string{""}
	}
	// dockstride: one allocation: at most n pieces, or one more than the runs.
	pieces := n
	if n < 0 {
		pieces = 1
		for i := 0; i < len(s); i++ {
			if isSplitSpace(s[i]) && (i == 0 || !isSplitSpace(s[i-1])) {
				pieces++
			}
		}
	}
	out := make([]string, 0, pieces)
	beg, end := 0, 0
	for i := 0; i < len(s); {
		if !isSplitSpace(s[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(s) && isSplitSpace(s[j]) {
			j++
		}
		// One match [i, j); like regexp.Split, stop before the n-th piece
		// so the rest of s is the last one.
		if n > 0 && len(out) == n-1 {
			break
		}
		end = i
		out = append(out, s[beg:end])
		beg = j
		i = j
	}
	if end != len(s) {
		out = append(out, s[beg:])
	}
	return out
}

// dockstride: scanBuffers holds Parse's 4 KiB scanner buffers.
var scanBuffers = sync.Pool{New: func() any {
	b := make([]byte, 4096)
	return &b
}}

// dockstride: lineBuffers holds Parse's line-joining buffers; one that
// grew past maxPooledLineBuffer (a huge continued instruction) is dropped
// rather than kept alive.
var lineBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxPooledLineBuffer = 64 << 10

// DefaultEscapeToken is the default escape token
const DefaultEscapeToken = '\\'

var (
	// Directives allowed to contain heredocs
	heredocDirectives = map[string]bool{
		command.Add:  true,
		command.Copy: true,
		command.Run:  true,
	}

	// Directives allowed to contain directives containing heredocs
	heredocCompoundDirectives = map[string]bool{
		command.Onbuild: true,
	}
)

// directives is the structure used during a build run to hold the state of
// parsing directives.
type directives struct {
	parser      DirectiveParser
	escapeToken rune // Current escape token
	// dockstride: no lineContinuationRegex; see trimContinuationCharacter.
	// dockstride: lex lexes heredoc words (heredocsFromLine).
	lex *shell.Lex
}

// setEscapeToken sets the default token for escaping characters and as line-
// continuation token in a Dockerfile. Only ` (backtick) and \ (backslash) are
// allowed as token.
func (d *directives) setEscapeToken(s string) error {
	if s != "`" && s != `\` {
		return errors.Errorf("invalid escape token '%s' does not match ` or \\", s)
	}
	d.escapeToken = rune(s[0])
	return nil
}

// possibleParserDirective looks for parser directives, eg '# escapeToken=<char>'.
// Parser directives must precede any builder instruction or other comments,
// and cannot be repeated. Returns true if a parser directive was found.
func (d *directives) possibleParserDirective(line []byte) (bool, error) {
	directive, err := d.parser.ParseLine(line)
	if err != nil {
		return false, err
	}
	if directive != nil && directive.Name == keyEscape {
		err := d.setEscapeToken(directive.Value)
		return err == nil, err
	}
	return directive != nil, nil
}

// newDefaultDirectives returns a new directives structure with the default escapeToken token
func newDefaultDirectives() *directives {
	d := &directives{}
	d.setEscapeToken(string(DefaultEscapeToken))
	return d
}

// dispatchFor is BuildKit's dispatch table (dockstride: a switch, as a map
// literal would be an initialization cycle through parseSubCommand, and
// BuildKit's init() fills it).
func dispatchFor(cmd string) func(string, *directives) (*Node, map[string]bool, error) {
	switch cmd {
	case command.Add, command.Copy, command.Volume:
		return parseMaybeJSONToList
	case command.Arg:
		return parseNameOrNameVal
	case command.Cmd, command.Entrypoint, command.Run, command.Shell:
		return parseMaybeJSON
	case command.Env:
		return parseEnv
	case command.Expose, command.From:
		return parseStringsWhitespaceDelimited
	case command.Healthcheck:
		return parseHealthConfig
	case command.Label:
		return parseLabel
	case command.Maintainer, command.StopSignal, command.User, command.Workdir:
		return parseString
	case command.Onbuild:
		return parseSubCommand
	}
	return nil
}

// newNodeFromLine splits the line into parts, and dispatches to a function
// based on the command and command arguments. A Node is created from the
// result of the dispatch.
func newNodeFromLine(line string, d *directives, comments []string) (*Node, error) {
	cmd, flags, args, err := splitCommand(line, d)
	if err != nil {
		return nil, err
	}

	fn := dispatchFor(LowerCommand(cmd))
	// Ignore invalid Dockerfile instructions
	if fn == nil {
		fn = parseIgnore
	}
	next, attrs, err := fn(args, d)
	if err != nil {
		return nil, err
	}

	return &Node{
		Value:       cmd,
		Original:    line,
		Flags:       flags,
		Next:        next,
		Attributes:  attrs,
		PrevComment: comments,
	}, nil
}

// Parse consumes lines from a provided Reader, parses each line into an AST
// and returns the results of doing so.
func Parse(rwc io.Reader) (*Result, error) {
	d := newDefaultDirectives()
	currentLine := 0
	root := &Node{StartLine: -1}
	scanner := bufio.NewScanner(rwc)
	// dockstride: the scanner's buffer comes from a pool (it was the
	// parse's largest allocation); like bufio's own first buffer it holds
	// 4 KiB and grows up to bufio.MaxScanTokenSize.
	buffer := scanBuffers.Get().(*[]byte)
	defer scanBuffers.Put(buffer)
	scanner.Buffer(*buffer, bufio.MaxScanTokenSize)
	scanner.Split(scanLines)
	warnings := []Warning{}
	var comments []string
	// dockstride: the buffer that joins an instruction's lines comes from
	// a pool too; it grew afresh for every file.
	buf := lineBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooledLineBuffer {
			lineBuffers.Put(buf)
		}
	}()

	var err error
	for scanner.Scan() {
		bytesRead := scanner.Bytes()
		if currentLine == 0 {
			// First line, strip the byte-order-marker if present
			bytesRead = discardBOM(bytesRead)
		}
		if isComment(bytesRead) {
			comment := strings.TrimSpace(string(bytesRead[1:]))
			if comment == "" {
				comments = nil
			} else {
				comments = append(comments, comment)
			}
		}
		var directiveOk bool
		bytesRead, directiveOk, err = processLine(d, bytesRead, true)
		// If the line is a directive, strip it from the comments
		// so it doesn't get added to the AST.
		if directiveOk {
			comments = comments[:len(comments)-1]
		}
		if err != nil {
			return nil, withLocation(err, currentLine, 0)
		}
		currentLine++

		startLine := currentLine
		bytesRead, isEndOfLine := trimContinuationCharacter(bytesRead, d)
		if isEndOfLine && len(bytesRead) == 0 {
			continue
		}
		buf.Reset()
		buf.Write(bytesRead)

		var hasEmptyContinuationLine bool
		for !isEndOfLine && scanner.Scan() {
			bytesRead, _, err := processLine(d, scanner.Bytes(), false)
			if err != nil {
				return nil, withLocation(err, currentLine, 0)
			}
			currentLine++

			if isComment(scanner.Bytes()) {
				// original line was a comment (processLine strips comments)
				continue
			}
			if isEmptyContinuationLine(bytesRead) {
				hasEmptyContinuationLine = true
				continue
			}

			bytesRead, isEndOfLine = trimContinuationCharacter(bytesRead, d)
			buf.Write(bytesRead)
		}

		line := buf.String()

		if hasEmptyContinuationLine {
			warnings = append(warnings, Warning{
				Short:    "Empty continuation line found in: " + line,
				Detail:   [][]byte{[]byte("Empty continuation lines will become errors in a future release")},
				URL:      "https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/",
				Location: &Range{Start: Position{Line: currentLine}, End: Position{Line: currentLine}},
			})
		}

		child, err := newNodeFromLine(line, d, comments)
		if err != nil {
			return nil, withLocation(err, startLine, currentLine)
		}

		if canContainHeredoc(child) && strings.Contains(line, "<<") {
			heredocs, err := heredocsFromLine(line, d)
			if err != nil {
				return nil, withLocation(err, startLine, currentLine)
			}

			for _, heredoc := range heredocs {
				terminator := []byte(heredoc.Name)
				terminated := false
				var content strings.Builder
				content.WriteString(heredoc.Content)
				for scanner.Scan() {
					bytesRead := scanner.Bytes()
					currentLine++

					possibleTerminator := trimNewline(bytesRead)
					if heredoc.Chomp {
						possibleTerminator = trimLeadingTabs(possibleTerminator)
					}
					if bytes.Equal(possibleTerminator, terminator) {
						terminated = true
						break
					}
					content.Write(bytesRead)
				}
				if !terminated {
					return nil, withLocation(errors.New("unterminated heredoc"), startLine, currentLine)
				}

				heredoc.Content = content.String()
				child.Heredocs = append(child.Heredocs, heredoc)
			}
		}

		root.AddChild(child, startLine, currentLine)
		comments = nil
	}

	if root.StartLine < 0 {
		return nil, withLocation(errors.New("file with no instructions"), currentLine, 0)
	}

	return &Result{
		AST:         root,
		Warnings:    warnings,
		EscapeToken: d.escapeToken,
	}, withLocation(handleScannerError(scanner.Err()), currentLine, 0)
}

// heredocFromMatch extracts a heredoc from a possible heredoc regex match
// (dockstride: lexed with shlex, whose settings it sets).
func heredocFromMatch(match []string, shlex *shell.Lex) (*Heredoc, error) {
	if len(match) == 0 {
		return nil, nil
	}

	fd, _ := strconv.ParseUint(match[1], 10, 0)
	chomp := match[2] == "-"
	rest := match[3]

	if len(rest) == 0 {
		return nil, nil
	}

	shlex.RawEscapes = false
	shlex.SkipUnsetEnv = true

	// Attempt to parse both the heredoc both with *and* without quotes.
	// If there are quotes in one but not the other, then we know that some
	// part of the heredoc word is quoted, so we shouldn't expand the content.
	shlex.RawQuotes = false
	words, err := shlex.ProcessWords(rest, emptyEnvs{})
	if err != nil {
		return nil, err
	}
	// quick sanity check that rest is a single word
	if len(words) != 1 {
		return nil, nil
	}

	shlex.RawQuotes = true
	wordsRaw, err := shlex.ProcessWords(rest, emptyEnvs{})
	if err != nil {
		return nil, err
	}
	if len(wordsRaw) != len(words) {
		return nil, errors.Errorf("internal lexing of heredoc produced inconsistent results: %s", rest)
	}

	word := words[0]
	wordQuoteCount := strings.Count(word, `'`) + strings.Count(word, `"`)
	wordRaw := wordsRaw[0]
	wordRawQuoteCount := strings.Count(wordRaw, `'`) + strings.Count(wordRaw, `"`)

	expand := wordQuoteCount == wordRawQuoteCount

	return &Heredoc{
		Name:           word,
		Expand:         expand,
		Chomp:          chomp,
		FileDescriptor: uint(fd),
	}, nil
}

// ParseHeredoc parses a heredoc word from a target string, returning the
// components from the doc.
func ParseHeredoc(src string) (*Heredoc, error) {
	return heredocFromMatch(reHeredoc.FindStringSubmatch(src), shell.NewLex('\\'))
}

// dockstride: one Lex per parse for the heredoc words (a Lex holds a
// 1 KiB buffer, and BuildKit made one per heredoc line and one per word
// of it), and no regexp for words without "<<", which cannot match it.
func heredocsFromLine(line string, d *directives) ([]Heredoc, error) {
	if d.lex == nil {
		d.lex = shell.NewLex('\\')
	}
	shlex := d.lex
	shlex.RawQuotes = true
	shlex.RawEscapes = true
	shlex.SkipUnsetEnv = true
	words, _ := shlex.ProcessWords(line, emptyEnvs{})

	var docs []Heredoc
	for _, word := range words {
		if !strings.Contains(word, "<<") {
			continue
		}
		heredoc, err := heredocFromMatch(reHeredoc.FindStringSubmatch(word), shlex)
		if err != nil {
			return nil, err
		}
		if heredoc != nil {
			docs = append(docs, *heredoc)
		}
	}
	return docs, nil
}

func trimComments(src []byte) []byte {
	if !isComment(src) {
		return src
	}
	return nil
}

func trimLeadingWhitespace(src []byte) []byte {
	// dockstride: ASCII blanks without a call per byte; the rest as before.
	i := 0
	for i < len(src) && isASCIISpace(src[i]) {
		i++
	}
	if i < len(src) && src[i] >= utf8.RuneSelf {
		return bytes.TrimLeftFunc(src[i:], unicode.IsSpace)
	}
	return src[i:]
}
func trimLeadingTabs(src []byte) []byte {
	return bytes.TrimLeft(src, "\t")
}
func trimNewline(src []byte) []byte {
	// dockstride: bytes.TrimRight(src, "\r\n") without building its byte set.
	n := len(src)
	for n > 0 && (src[n-1] == '\r' || src[n-1] == '\n') {
		n--
	}
	return src[:n]
}

// dockstride: isASCIISpace is unicode.IsSpace for a byte below utf8.RuneSelf.
func isASCIISpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

func isComment(line []byte) bool {
	line = trimLeadingWhitespace(line)
	return len(line) > 0 && line[0] == '#'
}

func isEmptyContinuationLine(line []byte) bool {
	return len(trimLeadingWhitespace(trimNewline(line))) == 0
}

// dockstride: BuildKit matched and replaced with the regexp
// ([^\\])\\[ \t]*$|^\\[ \t]*$ (\\ being the escape token) on every line,
// ~20% of the CPU of a whole lint. Byte for byte the same: the line is a
// continuation when, after trailing blanks, it ends in one escape token not
// preceded by another (UTF-8 continuation bytes are never the ASCII token);
// the result drops the token and the blanks. Callers copy the result before
// the scanner reuses its buffer.
func trimContinuationCharacter(line []byte, d *directives) ([]byte, bool) {
	end := len(line)
	for end > 0 && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	t := line[:end]
	e := byte(d.escapeToken)
	if n := len(t); n > 0 && t[n-1] == e && (n == 1 || t[n-2] != e) {
		return t[:n-1], false
	}
	return line, true
}

// TODO: remove stripLeftWhitespace after deprecation period. It seems silly
// to preserve whitespace on continuation lines. Why is that done?
func processLine(d *directives, token []byte, stripLeftWhitespace bool) ([]byte, bool, error) {
	token = trimNewline(token)
	if stripLeftWhitespace {
		token = trimLeadingWhitespace(token)
	}
	directiveOk, err := d.possibleParserDirective(token)
	return trimComments(token), directiveOk, err
}

// Variation of bufio.ScanLines that preserves the line endings
func scanLines(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if atEOF && len(data) == 0 {
		return 0, nil, nil
	}
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		return i + 1, data[0 : i+1], nil
	}
	if atEOF {
		return len(data), data, nil
	}
	return 0, nil, nil
}

func handleScannerError(err error) error {
	switch {
	case errors.Is(err, bufio.ErrTooLong):
		return errors.Errorf("dockerfile line greater than max allowed size of %d", bufio.MaxScanTokenSize-1)
	default:
		return err
	}
}

type emptyEnvs struct{}

func (emptyEnvs) Get(string) (string, bool) {
	return "", false
}

func (emptyEnvs) Keys() []string {
	return nil
}

// dockstride: from directives.go.
const keyEscape = "escape"

func discardBOM(dt []byte) []byte {
	return bytes.TrimPrefix(dt, []byte{0xEF, 0xBB, 0xBF})
}
