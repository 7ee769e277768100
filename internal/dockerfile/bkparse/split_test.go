package bkparse

import (
	"encoding/json"
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

// jsonCases are exec-form argument texts, plain and otherwise.
var jsonCases = []string{
	`[]`, `[ ]`, `["a"]`, `["a", "b c"]`, ` ["a"]`, `["a"] `, "[\"a\",\t\"b\"]\r\n", `["a",]`, `["a" "b"]`,
	`["a\"b"]`, `["a\\b"]`, `["\u0041"]`, `["é"]`, "[\"a\x7f\"]", "[\"a\x01\"]", `["a", 1]`, `["a", null]`,
	`[["a"]]`, `["a"]x`, `["a"]]`, `["a"`, `[`, `["a",`, `[,"a"]`, "[\"a\"]\v", `{"a": 1}`, `"a"`, `["a"] ["b"]`,
}

// TestPlainJSONStrings holds the exec-form fast path to encoding/json:
// where it reads an array, parseJSON's nodes are the ones encoding/json's
// strings give, and it leaves every other text to encoding/json.
func TestPlainJSONStrings(t *testing.T) {
	for _, c := range jsonCases {
		viaJSON, jsonErr := func() ([]string, error) {
			var v []any
			if err := json.Unmarshal([]byte(c), &v); err != nil {
				return nil, err
			}
			out := []string{}
			for _, x := range v {
				s, ok := x.(string)
				if !ok {
					return nil, errDockerfileNotStringArray
				}
				out = append(out, s)
			}
			return out, nil
		}()
		top, ok := plainJSONStrings(c)
		if !ok {
			continue
		}
		got := []string{}
		for n := top; n != nil; n = n.Next {
			got = append(got, n.Value)
		}
		if jsonErr != nil || !slices.Equal(got, viaJSON) {
			t.Errorf("plainJSONStrings(%q) = %q; encoding/json gives %q, %v", c, got, viaJSON, jsonErr)
		}
	}
	if _, ok := plainJSONStrings(`["a", "b"]`); !ok {
		t.Error("the plain exec form is not read by the fast path")
	}
}

// FuzzPlainJSONStrings holds the fast path to encoding/json on arbitrary
// text. To fuzz:
//
//	go test ./internal/dockerfile/bkparse -run '^$' -fuzz FuzzPlainJSONStrings -parallel=1 -fuzztime 5m
func FuzzPlainJSONStrings(f *testing.F) {
	for _, c := range jsonCases {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, s string) {
		top, ok := plainJSONStrings(s)
		if !ok {
			return
		}
		var v []string
		if err := json.Unmarshal([]byte(s), &v); err != nil {
			t.Fatalf("plainJSONStrings read %q, encoding/json refuses it: %v", s, err)
		}
		i := 0
		for n := top; n != nil; n, i = n.Next, i+1 {
			if i >= len(v) || n.Value != v[i] {
				t.Fatalf("plainJSONStrings(%q) differs from encoding/json's %q at %d", s, v, i)
			}
		}
		if i != len(v) {
			t.Fatalf("plainJSONStrings(%q) has %d words, encoding/json %d", s, i, len(v))
		}
	})
}
