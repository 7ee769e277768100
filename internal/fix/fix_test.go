package fix

import (
	"strings"
	"testing"
)

func TestApply(t *testing.T) {
	src := []byte("RUN apt-get install curl\nCMD run\n")
	cases := []struct {
		name  string
		edits []Edit
		want  string
	}{
		{"none", nil, string(src)},
		{"insert", []Edit{{19, 19, " --no-install-recommends"}}, "RUN apt-get install --no-install-recommends curl\nCMD run\n"},
		{"replace", []Edit{{29, 32, `["run"]`}}, "RUN apt-get install curl\nCMD [\"run\"]\n"},
		{"delete", []Edit{{19, 24, ""}}, "RUN apt-get install\nCMD run\n"},
		{"any order", []Edit{{29, 32, `["run"]`}, {0, 3, "run"}}, "run apt-get install curl\nCMD [\"run\"]\n"},
		{"insert at end of a replacement", []Edit{{0, 3, "run"}, {3, 3, " -x"}}, "run -x apt-get install curl\nCMD run\n"},
		{"insert at end of source", []Edit{{len(src), len(src), "USER 1\n"}}, string(src) + "USER 1\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Apply(src, c.edits)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestApplyRefuses(t *testing.T) {
	src := []byte("0123456789")
	cases := map[string][]Edit{
		"overlap":                        {{0, 5, "a"}, {4, 6, "b"}},
		"same start":                     {{3, 3, "a"}, {3, 3, "b"}},
		"insert and replace at one":      {{3, 3, "a"}, {3, 5, "b"}},
		"insert inside replacement":      {{2, 6, "a"}, {4, 4, "b"}},
		"reversed":                       {{5, 4, "a"}},
		"negative":                       {{-1, 2, "a"}},
		"past the end":                   {{9, 11, "a"}},
		"overlap, far apart in the list": {{0, 1, "x"}, {8, 9, "y"}, {5, 9, "z"}},
	}
	for name, edits := range cases {
		if got, err := Apply(src, edits); err == nil {
			t.Errorf("%s: applied %v as %q, want an error", name, edits, got)
		}
	}
}

func TestSetRejectsConflictingFixWhole(t *testing.T) {
	src := []byte("FROM a\nRUN b\nCMD c\n")
	s := NewSet(len(src))
	if !s.Add([]Edit{{7, 10, "run"}}) {
		t.Fatal("first fix refused")
	}
	// The second fix's first edit is fine, its second overlaps: neither
	// may apply.
	if s.Add([]Edit{{0, 4, "from"}, {8, 9, "X"}}) {
		t.Fatal("fix overlapping an accepted one was accepted")
	}
	if !s.Add([]Edit{{13, 16, "cmd"}}) {
		t.Fatal("disjoint fix refused")
	}
	// The same fix again (two findings of one problem) applies once.
	if !s.Add([]Edit{{13, 16, "cmd"}}) {
		t.Fatal("repeated fix refused")
	}
	if s.Len() != 2 {
		t.Fatalf("%d edits accepted, want 2", s.Len())
	}
	got, err := s.Apply(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := "FROM a\nrun b\ncmd c\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if _, err := s.Apply(src[1:]); err == nil {
		t.Error("applied to a source of another length")
	}
}

func TestSetRefusesEmptyAndMalformed(t *testing.T) {
	s := NewSet(4)
	if s.Add(nil) || s.Add([]Edit{{3, 9, ""}}) || s.Add([]Edit{{1, 1, "a"}, {1, 1, "b"}}) {
		t.Error("accepted an empty, out-of-range or self-conflicting fix")
	}
}

// TestSetManyEdits: a file of tens of thousands of findings (a generated
// Dockerfile with every keyword in lower case) is fixed in one pass. The
// engine offers fixes in source order, which Add takes in constant time
// each.
func TestSetManyEdits(t *testing.T) {
	const n = 50000
	src := []byte(strings.Repeat("run x\n", n))
	s := NewSet(len(src))
	for i := range n {
		if !s.Add([]Edit{{i * 6, i*6 + 3, "RUN"}}) {
			t.Fatalf("edit %d refused", i)
		}
	}
	got, err := s.Apply(src)
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Repeat("RUN x\n", n); string(got) != want {
		t.Error("edits not all applied")
	}
}

// Fits answers as Add would, and adds nothing.
func TestSetFits(t *testing.T) {
	s := NewSet(10)
	if !s.Add([]Edit{{Start: 2, End: 4, New: "x"}}) {
		t.Fatal("Add refused a lone edit")
	}
	for _, c := range []struct {
		edits []Edit
		want  bool
	}{
		{[]Edit{{Start: 3, End: 3, New: "y"}}, false}, // inside the accepted edit
		{[]Edit{{Start: 2, End: 4, New: "x"}}, true},  // the same fix again
		{[]Edit{{Start: 4, End: 4, New: "z"}}, true},  // right after it
		{[]Edit{{Start: 6, End: 12, New: ""}}, false}, // outside the source
		{nil, false}, // nothing to apply
		{[]Edit{{Start: 5, End: 6}, {Start: 2, End: 3}}, false}, // one of two conflicts
	} {
		if got := s.Fits(c.edits); got != c.want {
			t.Errorf("Fits(%v) = %v, want %v", c.edits, got, c.want)
		}
	}
	if s.Len() != 1 {
		t.Errorf("Fits added edits: %d", s.Len())
	}
}
