// Fixing daemon.json: the loop of fix.go over one JSON file.

package lint

import (
	"bytes"
	"context"

	"github.com/dockstride/dockstride/internal/daemon"
	"github.com/dockstride/dockstride/internal/fix"
)

// daemonText is the text of a daemon.json that fixes' offsets index: the
// file without a UTF-8 byte order mark (kept in front of the fixed text),
// or nil for UTF-16, which no fix edits.
func daemonText(src []byte) (bom, text []byte) {
	switch {
	case bytes.HasPrefix(src, utf8BOM):
		return utf8BOM, src[len(utf8BOM):]
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}), bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		return nil, nil
	}
	return nil, src
}

// FixDaemon lints a daemon.json, makes the fixes mode applies, and lints
// again until no fix applies (at most MaxFixPasses rounds). It returns
// the findings of the fixed text and, when a fix was made, what changed.
// A round whose result dockerd could not read, or reads with more
// warnings than before, is not applied and is reported as an internal
// problem.
func (e *Engine) FixDaemon(ctx context.Context, path string, src []byte, mode FixMode) (Result, *Fixed) {
	cur := src
	var applied []Applied
	res := e.lintDaemon(path, cur, true)
	for range MaxFixPasses {
		bom, text := daemonText(cur)
		cfg, err := daemon.Parse(path, cur)
		if text == nil || err != nil || ctx.Err() != nil {
			break
		}
		set := fix.NewSet(len(text))
		var kept []Applied
		for i := range res.Findings {
			fd := &res.Findings[i]
			if mode.applies(fd) && set.Add(fd.Fix.Edits) {
				kept = append(kept, Applied{Rule: fd.Rule, Title: fd.Fix.Title, Line: fd.Line})
			}
		}
		if len(kept) == 0 {
			break
		}
		out, err := set.Apply(text)
		if err != nil {
			break
		}
		next := append(bytes.Clone(bom), out...)
		if after, err := daemon.Parse(path, next); err != nil || len(after.Warnings) > len(cfg.Warnings) {
			res.Problems = append(res.Problems, Problem{File: path, Message: "internal error: the fixes of this round would leave daemon.json unreadable; not applied", Internal: true})
			break
		}
		applied = append(applied, kept...)
		cur = next
		res = e.lintDaemon(path, cur, true)
	}
	if len(applied) == 0 || bytes.Equal(cur, src) {
		return res, nil
	}
	return res, &Fixed{Path: path, Before: src, After: cur, Applied: applied}
}
