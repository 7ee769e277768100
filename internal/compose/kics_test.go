package compose

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// kicsCase is one line of shared/conformance/kics-compose.jsonl.
type kicsCase struct {
	Case          string `json:"case"`
	Kind          string `json:"kind"`
	Compose       string `json:"compose"`
	Filename      string `json:"filename"`
	ExpectedLines []int  `json:"expected_lines"`
}

// conformanceDir finds shared/conformance: $DOCKSTRIDE_CONFORMANCE, beside
// the repository (CI) or one level further up (a worktree under wt/).
func conformanceDir(t testing.TB) string {
	if d := os.Getenv("DOCKSTRIDE_CONFORMANCE"); d != "" {
		return d
	}
	for _, d := range []string{"../../../shared/conformance", "../../../../shared/conformance"} {
		if _, err := os.Stat(filepath.Join(d, "kics-compose.jsonl")); err == nil {
			return d
		}
	}
	return ""
}

func kicsCases(t testing.TB) []kicsCase {
	dir := conformanceDir(t)
	if dir == "" {
		t.Skip("shared/conformance not found")
	}
	f, err := os.Open(filepath.Join(dir, "kics-compose.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []kicsCase
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var c kicsCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// eachPos calls f with every position the model holds.
func eachPos(p *Project, f func(Pos)) {
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Struct:
			if pos, ok := v.Interface().(Pos); ok {
				f(pos)
				return
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		case reflect.Slice, reflect.Array:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		}
	}
	walk(reflect.ValueOf(p))
}

// modelLines collects the line of every position the model holds for file:
// what a check can point at.
func modelLines(p *Project, file string) map[int]bool {
	lines := map[int]bool{}
	eachPos(p, func(pos Pos) {
		if pos.File == file && pos.Line > 0 {
			lines[pos.Line] = true
		}
	})
	return lines
}

// writeCase writes a KICS case where docker compose would find it.
func writeCase(t *testing.T, c kicsCase) (path, dir string) {
	t.Helper()
	dir = t.TempDir()
	path = filepath.Join(dir, c.Filename)
	if err := os.WriteFile(path, []byte(c.Compose), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, dir
}

// TestKICSCasesLoad loads every KICS compose test case: each must become a
// model, and for each positive case every line KICS reports must be a
// position the model holds, so a check can point where KICS does.
func TestKICSCasesLoad(t *testing.T) {
	cases := kicsCases(t)
	if len(cases) != 111 {
		t.Errorf("%d KICS cases, want 111", len(cases))
	}
	warned := 0
	for _, c := range cases {
		path := filepath.Join("kics", c.Case, c.Filename)
		p, err := Parse(path, []byte(c.Compose), nil)
		if err != nil {
			t.Errorf("%s: %v", c.Case, err)
			continue
		}
		if len(p.Services) == 0 && len(p.Volumes) == 0 {
			t.Errorf("%s: no services or volumes modelled", c.Case)
		}
		if len(p.Warnings) > 0 {
			warned++
			t.Logf("%s: %d warnings, first: %v", c.Case, len(p.Warnings), p.Warnings[0])
		}
		lines := modelLines(p, path)
		for _, want := range c.ExpectedLines {
			if !lines[want] {
				t.Errorf("%s: KICS expects line %d; the model has no position there", c.Case, want)
			}
		}
	}
	t.Logf("%d cases, %d with warnings", len(cases), warned)
}
