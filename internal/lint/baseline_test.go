package lint

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

func lintShell(t *testing.T, src string) []rules.Finding {
	t.Helper()
	res := New(Options{Rules: []*rules.Rule{rules.ShellFormCommand}}).Lint("Dockerfile", []byte(src))
	if len(res.Problems) > 0 {
		t.Fatal(res.Problems)
	}
	return res.Findings
}

func TestBaselineFilter(t *testing.T) {
	before := lintShell(t, "FROM alpine:3.20\nCMD echo a\nENTRYPOINT echo a\n")
	var buf bytes.Buffer
	if err := NewBaseline(before, "").Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name      string
		src       string
		kept      int
		baselined int
	}{
		{"unchanged", "FROM alpine:3.20\nCMD echo a\nENTRYPOINT echo a\n", 0, 2},
		{"moved and re-wrapped", "# c\nFROM alpine:3.20\n\nRUN true\nCMD   echo \\\n  a\nENTRYPOINT echo a\n", 0, 2},
		{"edited instruction is new", "FROM alpine:3.20\nCMD echo b\nENTRYPOINT echo a\n", 1, 1},
		// Each entry accepts one finding: a second identical CMD is new.
		{"a second identical instruction is new", "FROM alpine:3.20\nCMD echo a\nENTRYPOINT echo a\nCMD echo a\n", 1, 2},
	}
	for _, c := range cases {
		kept, n := b.Filter(lintShell(t, c.src), "")
		if len(kept) != c.kept || n != c.baselined {
			t.Errorf("%s: kept %d baselined %d, want %d and %d", c.name, len(kept), n, c.kept, c.baselined)
		}
	}
}

func TestReadBaselineRejects(t *testing.T) {
	for src, want := range map[string]string{
		`{"version": 2, "findings": []}`: "version 2 is not supported",
		`not json`:                       "not a dockstride baseline",
	} {
		if _, err := ReadBaseline(strings.NewReader(src)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("ReadBaseline(%q) = %v, want %q", src, err, want)
		}
	}
}
