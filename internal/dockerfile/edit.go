// Positions in the source text, for fixes that edit it.

package dockerfile

import (
	"sort"
	"strings"
	"unicode/utf8"

	"mvdan.cc/sh/v3/syntax"
)

// Text is the source the file was parsed from, without a leading byte
// order mark. Offsets given by LineOffset, LineEnd, WordSpan and
// InsertionPoint are offsets in it.
func (f *File) Text() string { return f.text }

// lineOffsets returns the offset of each line's first byte, with one more
// entry for the end of the text; made once per file.
func (f *File) lineOffsets() []int {
	type key struct{}
	return f.Memo(key{}, func() any {
		offs := make([]int, 0, len(f.Lines)+1)
		offs = append(offs, 0)
		for i := 0; i < len(f.text) && len(offs) <= len(f.Lines); i++ {
			if f.text[i] == '\n' {
				offs = append(offs, i+1)
			}
		}
		for len(offs) <= len(f.Lines) {
			offs = append(offs, len(f.text))
		}
		return offs
	}).([]int)
}

// LineOffset is the offset of the first byte of line (1-based); the line
// after the last is the end of the text.
func (f *File) LineOffset(line int) int {
	offs := f.lineOffsets()
	return offs[max(0, min(line-1, len(offs)-1))]
}

// LineEnd is the offset just after the text of line (1-based), before
// its line terminator.
func (f *File) LineEnd(line int) int {
	if line < 1 || line > len(f.Lines) {
		return len(f.text)
	}
	return f.LineOffset(line) + len(f.Lines[line-1])
}

// Position is the line and column of offset in Text, from 1, the column
// counted in Unicode code points (SARIF's default). The end of a text
// whose last line is terminated is column 1 of the line after the last.
func (f *File) Position(offset int) (line, column int) {
	offs := f.lineOffsets()
	offset = max(0, min(offset, len(f.text)))
	// The last line starting at or before offset.
	i := sort.Search(len(offs), func(i int) bool { return offs[i] > offset }) - 1
	if i >= len(f.Lines) && (!f.EndsWithNewline() || offset < len(f.text)) {
		i = max(0, len(f.Lines)-1)
	}
	i = max(i, 0)
	return i + 1, utf8.RuneCountInString(f.text[offs[i]:offset]) + 1
}

// Newline is the file's line terminator: "\r\n" when its first line ends
// so, else "\n". Fixes write new lines with it.
func (f *File) Newline() string {
	if i := strings.IndexByte(f.text, '\n'); i > 0 && f.text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// EndsWithNewline reports whether the text's last line is terminated.
func (f *File) EndsWithNewline() bool { return strings.HasSuffix(f.text, "\n") }

// InsertionPoint is where new instructions go to stand right before in:
// the start of its first line, or of the comment lines directly above it,
// which belong to it (a suppression pragma among them keeps applying to
// in). Parser directives at the top of the file are never moved.
func (f *File) InsertionPoint(in Instruction) int {
	line := in.Range().StartLine
	top := max(f.Directives.SyntaxLine, f.Directives.EscapeLine, f.Directives.CheckLine) + 1
	for line-1 >= top && line-1 <= len(f.Lines) && strings.HasPrefix(strings.TrimSpace(f.Lines[line-2]), "#") {
		line--
	}
	return f.LineOffset(line)
}

// KeywordSpan is the span of in's keyword on its first line ("RUN"), or
// ok false when the line does not start with it (an ONBUILD trigger).
func (f *File) KeywordSpan(in Instruction) (start, end int, ok bool) {
	line := in.Range().StartLine
	if line < 1 || line > len(f.Lines) {
		return 0, 0, false
	}
	text := f.Lines[line-1]
	lead := len(text) - len(strings.TrimLeft(text, " \t"))
	kw := in.Keyword()
	if !strings.EqualFold(text[lead:min(len(text), lead+len(kw))], kw) {
		return 0, 0, false
	}
	start = f.LineOffset(line) + lead
	return start, start + len(kw), true
}

// InCommandLine reports whether c is a command of the RUN's own command
// line, written in the Dockerfile as the script reads it: not in an
// `sh -c` string or a heredoc body, and not joined under a backtick
// escape. Only such commands have a WordSpan.
func (s *Script) InCommandLine(c *Command) bool {
	if s == nil || s.SourceLine == 0 || len(s.Files) == 0 || c == nil || c.Call == nil {
		return false
	}
	type key struct{}
	calls := s.Memo(key{}, func() any {
		set := map[*syntax.CallExpr]bool{}
		syntax.Walk(s.Files[0], func(n syntax.Node) bool {
			if ce, ok := n.(*syntax.CallExpr); ok {
				set[ce] = true
			}
			return true
		})
		return set
	}).(map[*syntax.CallExpr]bool)
	return calls[c.Call]
}

// WordSpan is the span in Text of a word of a command of s (a RUN's
// script), when the command is InCommandLine and the word lies on one
// line; ok is false otherwise. The span is checked against the text, so a
// fix never edits what it did not read.
func (f *File) WordSpan(s *Script, c *Command, w *syntax.Word) (start, end int, ok bool) {
	if w == nil || !s.InCommandLine(c) {
		return 0, 0, false
	}
	return f.nodeSpan(s, w)
}

// StmtEnd is the offset in Text just after the last statement of the
// RUN's command line (before a `;` that ends it and before a trailing
// shell comment), where a command joined with `&&` runs last. ok is false
// when the script is not written as the file reads (see InCommandLine),
// ends in the background, or feeds a heredoc, whose body follows.
func (f *File) StmtEnd(s *Script) (int, bool) {
	if s == nil || s.SourceLine == 0 || len(s.Files) == 0 || len(s.Files[0].Stmts) == 0 {
		return 0, false
	}
	heredoc := false
	syntax.Walk(s.Files[0], func(n syntax.Node) bool {
		if r, ok := n.(*syntax.Redirect); ok && (r.Op == syntax.Hdoc || r.Op == syntax.DashHdoc) {
			heredoc = true
		}
		return !heredoc
	})
	stmts := s.Files[0].Stmts
	last := stmts[len(stmts)-1]
	if heredoc || last.Background || last.Coprocess {
		return 0, false
	}
	end := last.End()
	if last.Semicolon.IsValid() {
		end = last.Semicolon
	}
	if !end.IsValid() || end.Line() == 0 || end.Offset() == 0 {
		return 0, false
	}
	line := s.SourceLine + int(end.Line()) - 1
	if line < 1 || line > len(f.Lines) || int(end.Col())-1 > len(f.Lines[line-1]) || int(end.Offset()) > len(s.Source) {
		return 0, false
	}
	// The end's line must read the same in the file and the script, from
	// the statement's start when it is on that line (the keyword before
	// it is blanked in the script).
	from := 1
	if last.Pos().Line() == end.Line() {
		from = int(last.Pos().Col())
	}
	off := f.LineOffset(line) + int(end.Col()) - 1
	width := int(end.Col()) - from
	if width < 0 || int(end.Offset()) < width || f.text[off-width:off] != s.Source[int(end.Offset())-width:end.Offset()] {
		return 0, false
	}
	return off, true
}

// nodeSpan maps a node of s's command line to Text, checking that the
// text there is the node's source.
func (f *File) nodeSpan(s *Script, n syntax.Node) (start, end int, ok bool) {
	pos, stop := n.Pos(), n.End()
	if !pos.IsValid() || !stop.IsValid() || pos.Line() != stop.Line() {
		return 0, 0, false
	}
	so, eo := int(pos.Offset()), int(stop.Offset())
	if so < 0 || eo > len(s.Source) || so > eo {
		return 0, 0, false
	}
	line := s.SourceLine + int(pos.Line()) - 1
	if line < 1 || line > len(f.Lines) {
		return 0, 0, false
	}
	start = f.LineOffset(line) + int(pos.Col()) - 1
	end = start + (eo - so)
	if end > f.LineEnd(line) || f.text[start:end] != s.Source[so:eo] {
		return 0, 0, false
	}
	return start, end, true
}
