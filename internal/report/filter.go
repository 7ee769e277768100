package report

import (
	"slices"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// KeepSeverities drops the findings, live and suppressed, whose severity
// is not in keep: an output filter (trivy's --severity), after which every
// format, the summary and the exit code see only what is kept.
func (r *Report) KeepSeverities(keep []rules.Severity) {
	r.Findings = slices.DeleteFunc(r.Findings, func(f rules.Finding) bool { return !slices.Contains(keep, f.Severity) })
	r.Suppressed = slices.DeleteFunc(r.Suppressed, func(s lint.Suppressed) bool { return !slices.Contains(keep, s.Finding.Severity) })
}
