// Fixing: lint, apply the fixes the findings carry, lint again, until no
// fix applies.

package lint

import (
	"bytes"
	"context"
	"fmt"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/fix"
	"github.com/dockstride/dockstride/rules"
)

// FixMode says which fixes a run applies.
type FixMode struct {
	// Unsafe also applies the fixes of rules whose fixes are unsafe
	// (rules.UnsafeFix); otherwise only safe ones apply.
	Unsafe bool
}

// applies reports whether the mode applies fd's fix.
func (m FixMode) applies(fd *rules.Finding) bool {
	if !fd.Fix.Offered() {
		return false
	}
	switch fd.FixSafety() {
	case rules.SafeFix:
		return true
	case rules.UnsafeFix:
		return m.Unsafe
	}
	return false
}

// MaxFixPasses bounds the rounds of lint and fix on one file. A fix may
// uncover another (a RUN made exec form, then its casing), and fixes that
// overlap wait for the next round; real files settle in two or three.
const MaxFixPasses = 8

// Fixed is what fixing one input changed.
type Fixed struct {
	// Path names the input as Results.Inputs does; Stdin marks standard
	// input, whose fixed text goes back to the caller rather than a file.
	Path  string
	Stdin bool
	// Before is the text as read, After the text with the fixes made.
	Before, After []byte
	// Applied are the fixes made, in the order they were.
	Applied []Applied
	// Companion marks a file beside a compose project that its fixes
	// wrote (.env, a .dockerignore): the fixes are counted on the compose
	// file. Created says it did not exist (Before is nil).
	Companion, Created bool
	// Secret says After holds secret values (.env): show it only through
	// RedactDotEnv, and write it readable by its owner alone.
	Secret bool
	// Notes are what the user must do that no fix can (git-ignore .env).
	Notes []string
}

// Applied is one fix made: the rule, what it did and the line of the
// finding it fixed, in the text of the round that fixed it.
type Applied struct {
	Rule  *rules.Rule
	Title string
	Line  int
}

// HiddenFixes counts the findings of res whose fixes are unsafe and so
// were not applied without FixMode.Unsafe: the hint to give.
func HiddenFixes(findings []rules.Finding) int {
	n := 0
	for i := range findings {
		if findings[i].FixSafety() == rules.UnsafeFix && findings[i].Fix.Offered() {
			n++
		}
	}
	return n
}

// utf8BOM is kept in front of a fixed text: rules edit the text without it.
var utf8BOM = []byte("\xef\xbb\xbf")

// FixContext lints src, makes the fixes mode applies, and lints again
// until no fix applies (at most MaxFixPasses rounds). It returns the
// findings of the fixed text and, when a fix was made, what changed.
// A round whose fixes would leave the file with more parse errors than
// before is retried fix by fix; a fix that breaks the file on its own is
// dropped and reported as an internal problem.
func (e *Engine) FixContext(ctx context.Context, path string, src []byte, mode FixMode) (Result, *Fixed) {
	bom := []byte{}
	if bytes.HasPrefix(src, utf8BOM) {
		bom = utf8BOM
	}
	cur := src
	var applied []Applied
	var broken []Problem
	refused := map[string]bool{}
	res := e.LintWithFixes(ctx, path, cur)
	for range MaxFixPasses {
		f, err := dockerfile.Parse(path, cur)
		if err != nil || ctx.Err() != nil {
			break
		}
		text := cur[len(bom):]
		offered := e.collectFixes(f, res.Findings, mode, len(text), refused)
		if len(offered) == 0 {
			break
		}
		next, kept, problems := verifiedApply(path, bom, text, len(f.Errors), offered)
		broken = append(broken, problems...)
		for _, p := range problems {
			refused[p.Message] = true
		}
		if len(kept) == 0 {
			if len(problems) == 0 {
				break
			}
			continue
		}
		for _, o := range kept {
			applied = append(applied, Applied{Rule: o.finding.Rule, Title: o.finding.Fix.Title, Line: o.finding.Line})
		}
		cur = next
		res = e.LintWithFixes(ctx, path, cur)
	}
	res.Problems = append(res.Problems, broken...)
	if len(applied) == 0 || bytes.Equal(cur, src) {
		return res, nil
	}
	return res, &Fixed{Path: path, Before: src, After: cur, Applied: applied}
}

// offeredFix is a fix one finding offers.
type offeredFix struct {
	finding *rules.Finding
	edits   []fix.Edit
}

// collectFixes picks, in finding order, the fixes mode applies that edit
// no line a pragma shields from their rule and were not found to break
// the file; each is checked against the others by verifiedApply's Set.
func (e *Engine) collectFixes(f *dockerfile.File, findings []rules.Finding, mode FixMode, size int, refused map[string]bool) []offeredFix {
	var sup *suppressions
	if !e.noInline {
		sup = parseSuppressions(f, e.now())
	}
	var out []offeredFix
	for i := range findings {
		fd := &findings[i]
		if !mode.applies(fd) || fix.Check(fd.Fix.Edits, size) != nil || refused[brokenMessage(fd)] {
			continue
		}
		if sup != nil && shielded(f, sup, fd) {
			continue
		}
		out = append(out, offeredFix{finding: fd, edits: fd.Fix.Edits})
	}
	return out
}

// shielded reports whether one of fd's edits touches a line that a pragma
// naming fd's rule covers: the author asked that the rule leave that line
// alone, and its fix does too.
func shielded(f *dockerfile.File, sup *suppressions, fd *rules.Finding) bool {
	for _, e := range fd.Fix.Edits {
		for _, line := range touchedLines(f, e) {
			probe := *fd
			probe.Line, probe.EndLine = line, line
			if _, ok := sup.apply(&probe); ok {
				return true
			}
		}
	}
	return false
}

// touchedLines are the lines an edit changes; an insertion at the start of
// a line also touches the instruction it is inserted above (past the
// comment lines that belong to it).
func touchedLines(f *dockerfile.File, e fix.Edit) []int {
	first := lineAt(f, e.Start)
	last := lineAt(f, max(e.Start, e.End-1))
	if e.Start == e.End && e.Start == f.LineOffset(first) {
		for last <= len(f.Lines) && isCommentLine(f.Lines[last-1]) {
			last++
		}
	}
	lines := make([]int, 0, last-first+1)
	for l := first; l <= min(last, len(f.Lines)); l++ {
		lines = append(lines, l)
	}
	return lines
}

func isCommentLine(s string) bool {
	t := bytes.TrimLeft([]byte(s), " \t")
	return len(t) > 0 && t[0] == '#'
}

// lineAt is the line holding offset, the last line for the end of the
// text.
func lineAt(f *dockerfile.File, offset int) int {
	line, _ := f.Position(offset)
	return max(1, min(line, len(f.Lines)))
}

// verifiedApply makes the fixes that fit together and checks that the
// result parses with no more errors than errs; if not, it tries them one
// by one and drops those that break the file, as internal problems.
func verifiedApply(path string, bom, text []byte, errs int, offered []offeredFix) ([]byte, []offeredFix, []Problem) {
	set := fix.NewSet(len(text))
	var kept []offeredFix
	for _, o := range offered {
		if set.Add(o.edits) {
			kept = append(kept, o)
		}
	}
	next, err := withBOM(bom, set, text)
	if err == nil && parsesAsWell(path, next, errs) {
		return next, kept, nil
	}
	var problems []Problem
	good := fix.NewSet(len(text))
	var goodKept []offeredFix
	for _, o := range kept {
		alone, err := fix.Apply(text, o.edits)
		if err != nil || !parsesAsWell(path, append(bytes.Clone(bom), alone...), errs) {
			problems = append(problems, Problem{File: path, Line: o.finding.Line, Message: brokenMessage(o.finding), Internal: true})
			continue
		}
		if good.Add(o.edits) {
			goodKept = append(goodKept, o)
		}
	}
	next, err = withBOM(bom, good, text)
	if err != nil || !parsesAsWell(path, next, errs) {
		return nil, nil, problems
	}
	return next, goodKept, problems
}

func withBOM(bom []byte, set *fix.Set, text []byte) ([]byte, error) {
	out, err := set.Apply(text)
	if err != nil {
		return nil, err
	}
	return append(bytes.Clone(bom), out...), nil
}

// brokenMessage is the problem a fix that breaks its file is reported as.
func brokenMessage(fd *rules.Finding) string {
	return fmt.Sprintf("internal error: the fix of rule %s (%s) %q would leave the file unparsable; not applied", fd.Rule.ID, fd.Rule.Name, fd.Fix.Title)
}

// parsesAsWell reports whether src parses as a Dockerfile with at most
// errs instruction errors.
func parsesAsWell(path string, src []byte, errs int) bool {
	f, err := dockerfile.Parse(path, src)
	return err == nil && len(f.Errors) <= errs
}
