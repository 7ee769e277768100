package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dockstride/dockstride/internal/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/ from the current output")

// testMeta is the injected environment: a fixed version and clock, so the
// goldens never change with the build or the date.
func testMeta() report.Meta {
	return report.Meta{
		ToolName:    "dockstride",
		ToolVersion: "0.0.0-test",
		Now:         func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) },
	}
}

// goldenName is the golden file of a format; XML and Markdown formats keep
// their extension so editors highlight them.
func goldenName(format string) string {
	switch format {
	case "checkstyle", "junit":
		return "golden." + format + ".xml"
	case "threat-model":
		return "golden.threat-model.md"
	}
	return "golden." + format
}

// TestGolden renders the shared input in every registered format (and the
// text format's colour and --explain variants) and compares the output with
// testdata/golden.*. Run `go test ./internal/report -update` to accept a
// deliberate change, then review the diff.
func TestGolden(t *testing.T) {
	type variant struct {
		name, format string
		meta         func(*report.Meta)
	}
	var variants []variant
	for _, f := range report.Names() {
		variants = append(variants, variant{goldenName(f), f, nil})
	}
	variants = append(variants,
		variant{"golden.text-color", "text", func(m *report.Meta) { m.Color = true }},
		variant{"golden.text-explain", "text", func(m *report.Meta) { m.Explain = true }},
	)
	for _, v := range variants {
		t.Run(v.name, func(t *testing.T) {
			m := testMeta()
			if v.meta != nil {
				v.meta(&m)
			}
			got := render(t, v.format, loadInput(t), m)
			checkGolden(t, filepath.Join("testdata", v.name), got)
		})
	}
}

func render(t *testing.T, format string, rep *report.Report, m report.Meta) []byte {
	t.Helper()
	fn, err := report.Lookup(format)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := fn(&buf, rep, m); err != nil {
		t.Fatalf("%s: %v", format, err)
	}
	return buf.Bytes()
}

// checkGolden compares got with the golden file, or rewrites it under -update.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/report -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (- golden, + got); if the change is intended, run go test ./internal/report -update (or go generate ./...) and review the diff:\n%s",
			path, lineDiff(string(want), string(got)))
	}
}

// lineDiff is a unified-style line diff (LCS), enough for golden files of a
// few hundred lines; unchanged lines far from a change are elided.
func lineDiff(a, b string) string {
	x, y := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	n, m := len(x), len(y)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if x[i] == y[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	type line struct {
		op   byte
		text string
	}
	var ops []line
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && x[i] == y[j]:
			ops = append(ops, line{' ', x[i]})
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, line{'-', x[i]})
			i++
		default:
			ops = append(ops, line{'+', y[j]})
			j++
		}
	}
	const context = 3
	var out strings.Builder
	for k, o := range ops {
		near := false
		for d := max(0, k-context); d <= min(len(ops)-1, k+context); d++ {
			if ops[d].op != ' ' {
				near = true
				break
			}
		}
		if !near {
			if k > 0 && ops[k-1].op == ' ' && out.Len() > 0 && !strings.HasSuffix(out.String(), "…\n") {
				out.WriteString("…\n")
			}
			continue
		}
		text := strings.TrimSuffix(o.text, "\n")
		out.WriteString(string(o.op) + text + "\n")
	}
	return out.String()
}
