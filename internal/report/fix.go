package report

import (
	"fmt"

	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
)

// shownFix is the fix a report shows for f: nil when the run built none
// (a plain lint does not) or the rule has none. Reports travel (code
// scanning, CI logs) where the Dockerfile's values must not: a fix whose
// text would show a secret value is shown as not offered, and --diff,
// which the user runs on their own files, is where to see it.
func shownFix(f rules.Finding) *rules.Fix {
	fx := f.Fix
	if fx == nil || f.Rule.Fix == rules.NoFix || len(fx.Spans) != len(fx.Edits) {
		return nil
	}
	for _, e := range fx.Edits {
		if secret.Redact(e.New) != e.New {
			return &rules.Fix{Title: secret.Redact(fx.Title), Unavailable: "its text holds a secret value; `dockstride lint --diff` shows it"}
		}
	}
	if t := secret.Redact(fx.Title); t != fx.Title {
		clone := *fx
		clone.Title = t
		return &clone
	}
	return fx
}

// fixCounts counts the findings whose fixes --fix applies, and those only
// --unsafe-fixes adds.
func fixCounts(findings []rules.Finding) (safe, unsafe int) {
	for i := range findings {
		if !findings[i].Fix.Offered() {
			continue
		}
		switch findings[i].FixSafety() {
		case rules.SafeFix:
			safe++
		case rules.UnsafeFix:
			unsafe++
		}
	}
	return safe, unsafe
}

// fixNote says, in a line of text, what a finding's fix does and how to
// apply it, or why none is offered; "" when no fix was built.
func fixNote(f rules.Finding) string {
	fx := shownFix(f)
	switch {
	case fx == nil:
		return ""
	case !fx.Offered():
		return "none offered: " + fx.Unavailable
	case f.FixSafety() == rules.UnsafeFix:
		return fmt.Sprintf("%s (unsafe: review it; dockstride lint --fix --unsafe-fixes)", fx.Title)
	}
	return fmt.Sprintf("%s (safe: dockstride lint --fix)", fx.Title)
}
