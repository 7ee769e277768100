// Package udiff writes unified diffs (diff -u, git diff) of two texts,
// for reviewing the changes a fix would make before they are written.
package udiff

import (
	"fmt"
	"strings"
)

// Context is how many unchanged lines surround each change.
const Context = 3

// maxEditDistance bounds the Myers search: beyond it the changed middle
// of the texts is shown as one block removed and one added, which keeps
// time and memory bounded on hostile or wholly rewritten inputs (the
// search costs O(D²) memory for D changed lines).
const maxEditDistance = 1000

// Unified returns the unified diff that turns a into b, with the file
// names in the header lines (conventionally "a/path" and "b/path"), or ""
// when the texts are equal. Lines keep their own terminators, so a CRLF
// file diffs as CRLF; a last line without a newline is marked as diff
// marks it.
func Unified(fromName, toName string, a, b []byte) string {
	if string(a) == string(b) {
		return ""
	}
	x, y := splitLines(string(a)), splitLines(string(b))
	ops := diffLines(x, y)
	var out strings.Builder
	fmt.Fprintf(&out, "--- %s\n+++ %s\n", fromName, toName)
	for _, h := range hunks(ops) {
		writeHunk(&out, h, x, y)
	}
	return out.String()
}

// splitLines cuts s after each "\n", keeping it.
func splitLines(s string) []string {
	var out []string
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:i+1])
		s = s[i+1:]
	}
	return out
}

// opKind is what an op does with its line.
type opKind byte

const (
	keep opKind = ' '
	del  opKind = '-'
	ins  opKind = '+'
)

// op is one line of the edit script: x[i] kept or deleted, or y[j]
// inserted; i and j are the positions in x and y reached so far.
type op struct {
	kind opKind
	i, j int
}

// diffLines is the edit script from x to y: their common prefix and
// suffix kept, the middle diffed by Myers' algorithm.
func diffLines(x, y []string) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []op
	for k := 0; k < pre; k++ {
		ops = append(ops, op{keep, k, k})
	}
	for _, o := range myers(x[pre:len(x)-suf], y[pre:len(y)-suf]) {
		ops = append(ops, op{o.kind, o.i + pre, o.j + pre})
	}
	for k := 0; k < suf; k++ {
		ops = append(ops, op{keep, len(x) - suf + k, len(y) - suf + k})
	}
	return ops
}

// myers is Myers' O(ND) shortest edit script, deletions before
// insertions within a change. Past maxEditDistance it gives up and
// replaces x with y wholesale.
func myers(x, y []string) []op {
	if trace, ok := search(x, y); ok {
		return backtrack(trace, x, y)
	}
	n, m := len(x), len(y)
	ops := make([]op, 0, n+m)
	for i := range n {
		ops = append(ops, op{del, i, 0})
	}
	for j := range m {
		ops = append(ops, op{ins, n, j})
	}
	return ops
}

// search runs the forward pass, keeping for each d the furthest x
// reached on each diagonal k in -d..d (v[k+d]).
func search(x, y []string) ([][]int, bool) {
	n, m := len(x), len(y)
	var trace [][]int
	prev := []int{0}
	for d := 0; d <= min(n+m, maxEditDistance); d++ {
		v := make([]int, 2*d+1)
		for k := -d; k <= d; k += 2 {
			var px int
			switch {
			case d == 0:
				px = 0
			case k == -d || (k != d && at(prev, d-1, k-1) < at(prev, d-1, k+1)):
				px = at(prev, d-1, k+1) // down: an insertion
			default:
				px = at(prev, d-1, k-1) + 1 // right: a deletion
			}
			py := px - k
			for px < n && py < m && x[px] == y[py] {
				px, py = px+1, py+1
			}
			v[k+d] = px
			if px >= n && py >= m {
				return append(trace, v), true
			}
		}
		trace = append(trace, v)
		prev = v
	}
	return nil, false
}

// at reads diagonal k of the v of step d.
func at(v []int, d, k int) int { return v[k+d] }

// backtrack walks the trace from the end to the start and returns the
// edit script in order.
func backtrack(trace [][]int, x, y []string) []op {
	px, py := len(x), len(y)
	var rev []op
	for d := len(trace) - 1; d > 0; d-- {
		prev := trace[d-1]
		k := px - py
		var pk int
		if k == -d || (k != d && at(prev, d-1, k-1) < at(prev, d-1, k+1)) {
			pk = k + 1
		} else {
			pk = k - 1
		}
		sx := at(prev, d-1, pk)
		sy := sx - pk
		for px > sx && py > sy {
			px, py = px-1, py-1
			rev = append(rev, op{keep, px, py})
		}
		if pk == k+1 {
			py--
			rev = append(rev, op{ins, px, py})
		} else {
			px--
			rev = append(rev, op{del, px, py})
		}
	}
	for px > 0 && py > 0 {
		px, py = px-1, py-1
		rev = append(rev, op{keep, px, py})
	}
	ops := make([]op, len(rev))
	for i, o := range rev {
		ops[len(rev)-1-i] = o
	}
	return ops
}

// hunk is a run of ops: changes with up to Context kept lines around.
type hunk struct{ ops []op }

// hunks groups the changes, merging those whose context would touch.
func hunks(ops []op) []hunk {
	var out []hunk
	start, end := -1, -1
	for i, o := range ops {
		if o.kind == keep {
			continue
		}
		lo, hi := max(i-Context, 0), min(i+Context+1, len(ops))
		if start >= 0 && lo <= end {
			end = hi
			continue
		}
		if start >= 0 {
			out = append(out, hunk{ops[start:end]})
		}
		start, end = lo, hi
	}
	if start >= 0 {
		out = append(out, hunk{ops[start:end]})
	}
	return out
}

func writeHunk(out *strings.Builder, h hunk, x, y []string) {
	fromStart, toStart := h.ops[0].i, h.ops[0].j
	fromLen, toLen := 0, 0
	for _, o := range h.ops {
		if o.kind != ins {
			fromLen++
		}
		if o.kind != del {
			toLen++
		}
	}
	fmt.Fprintf(out, "@@ -%s +%s @@\n", span(fromStart, fromLen), span(toStart, toLen))
	for _, o := range h.ops {
		line := ""
		if o.kind == ins {
			line = y[o.j]
		} else {
			line = x[o.i]
		}
		out.WriteByte(byte(o.kind))
		out.WriteString(line)
		if !strings.HasSuffix(line, "\n") {
			out.WriteString("\n\\ No newline at end of file\n")
		}
	}
}

// span renders a hunk range as diff does: "start,len", 1-based, with an
// empty range naming the line before it and a one-line range its line.
func span(start, n int) string {
	switch n {
	case 0:
		return fmt.Sprintf("%d,0", start)
	case 1:
		return fmt.Sprintf("%d", start+1)
	}
	return fmt.Sprintf("%d,%d", start+1, n)
}
