package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/testcorpus"
)

// TestLintStopsWhenInterrupted: Ctrl-C (a cancelled context) ends a lint
// at once with exit 2 and no report, rather than after the last file.
func TestLintStopsWhenInterrupted(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.Dockerfile")
	if err := os.WriteFile(big, testcorpus.Synthetic(5_000), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb bytes.Buffer
	sys := IO{Out: &out, Err: &errb, Getenv: func(k string) string {
		if k == "DOCKSTRIDE_SHELLCHECK" {
			return "off"
		}
		return ""
	}}
	start := time.Now()
	code := Execute(ctx, []string{"lint", "--no-config", "--format", "json", big}, sys)
	if code != ExitError || !strings.Contains(errb.String(), "interrupted") {
		t.Fatalf("exit %d, stderr %q; want %d and 'interrupted'", code, errb.String(), ExitError)
	}
	if out.Len() != 0 {
		t.Errorf("a report was written after the interrupt: %d bytes", out.Len())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to stop", d)
	}
}
