package bkparse

import (
	"regexp"
	"slices"
	"testing"
)

// buildkitWhitespace is the regexp BuildKit splits instruction lines with.
var buildkitWhitespace = regexp.MustCompile(`[\t\v\f\r ]+`)

func checkWhitespaceSplit(t *testing.T, s string) {
	t.Helper()
	for _, n := range []int{-1, 0, 1, 2, 3} {
		if got, want := reWhitespace.Split(s, n), buildkitWhitespace.Split(s, n); !slices.Equal(got, want) || (got == nil) != (want == nil) {
			t.Errorf("Split(%q, %d) = %q, regexp gives %q", s, n, got, want)
		}
	}
}

func TestWhitespaceSplit(t *testing.T) {
	for _, s := range []string{
		"", " ", "  ", "a", " a", "a ", " a ", "a b", "a  b c", "\ta\v\fb\r c ", "RUN --mount=x  echo hi",
		"a\nb", "é b", "\u00a0a b", "a\x00 b",
	} {
		checkWhitespaceSplit(t, s)
	}
}

func FuzzWhitespaceSplit(f *testing.F) {
	f.Add(" COPY --from=a  /x /y ")
	f.Fuzz(func(t *testing.T, s string) { checkWhitespaceSplit(t, s) })
}
