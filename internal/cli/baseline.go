package cli

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
)

// applyBaseline records the report in writePath (every finding of today,
// including those an older baseline accepts, so rewriting a baseline never
// drops entries still needed), then filters it through readPath.
func applyBaseline(g *globals, readPath, writePath string, rep *report.Report) error {
	if writePath != "" {
		var buf bytes.Buffer
		if err := lint.NewBaseline(rep.Findings, filepath.Dir(writePath)).Write(&buf); err != nil {
			return &exitError{code: ExitError, err: err}
		}
		if err := os.WriteFile(writePath, buf.Bytes(), 0o644); err != nil {
			return &exitError{code: ExitError, err: fmt.Errorf("--write-baseline: %v", err)}
		}
		fmt.Fprintf(g.io.Err, "dockstride: recorded %d findings in %s\n", len(rep.Findings), writePath)
	}
	if readPath != "" {
		f, err := os.Open(readPath)
		if err != nil {
			return usageErrorf("--baseline: %v", err)
		}
		b, err := lint.ReadBaseline(f)
		f.Close()
		if err != nil {
			return usageErrorf("--baseline %s: %v", readPath, err)
		}
		rep.Findings, rep.Baselined = b.Filter(rep.Findings, filepath.Dir(readPath))
	}
	return nil
}
