package bkparse

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/moby/buildkit/frontend/dockerfile/command"
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

// TestLowerCommand holds LowerCommand to strings.ToLower on the keywords
// in every casing, on near misses and on non-ASCII look-alikes.
func TestLowerCommand(t *testing.T) {
	if len(keywords) != len(command.Commands) {
		t.Fatalf("%d keywords, BuildKit has %d", len(keywords), len(command.Commands))
	}
	var words []string
	for _, k := range keywords {
		words = append(words, k, strings.ToUpper(k), strings.ToUpper(k[:1])+k[1:], k+"x", k[:len(k)-1])
	}
	words = append(words, "", "FORM", "ENTRYPO\u0130NT", "HEALTHCHEC\u212a", "\u017fhell", "R\u00dcN", "run\x00")
	for _, w := range words {
		if got, want := LowerCommand(w), strings.ToLower(w); got != want {
			t.Errorf("LowerCommand(%q) = %q, want %q", w, got, want)
		}
	}
}
