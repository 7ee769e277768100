package dockerfile

import (
	"regexp"
	"strings"
	"testing"
)

// TestValidStageName holds validStageName to BuildKit's pattern on every
// byte in every position and on multi-byte text.
func TestValidStageName(t *testing.T) {
	re := regexp.MustCompile("^[a-z][a-z0-9-_.]*$")
	words := []string{"", "a", "é", "aé", "a\n", "a-b_c.d9", "9a", "-a", "a/b"}
	for c := range 256 {
		words = append(words, string(rune(c)), "a"+string([]byte{byte(c)}), string([]byte{byte(c)})+"a")
	}
	for _, w := range words {
		if got, want := validStageName(w), re.MatchString(w); got != want {
			t.Errorf("validStageName(%q) = %v, BuildKit's pattern says %v", w, got, want)
		}
	}
}

// TestKeywordKind: every kind's keyword, in any case, dispatches to it,
// as BuildKit's lower-casing dispatches it.
func TestKeywordKind(t *testing.T) {
	for k := KindFrom; k < numKinds; k++ {
		for _, w := range []string{k.String(), strings.ToLower(k.String()), strings.ToUpper(k.String()[:1]) + strings.ToLower(k.String()[1:])} {
			if got := keywordKind(w); got != k {
				t.Errorf("keywordKind(%q) = %s, want %s", w, got, k)
			}
		}
	}
	for _, w := range []string{"", "FORM", "RUNN", "\u017fhell"} {
		if got := keywordKind(w); got != KindUnknown {
			t.Errorf("keywordKind(%q) = %s, want UNKNOWN", w, got)
		}
	}
	if got := keywordKind("ENTRYPO\u0130NT"); got != KindEntrypoint {
		t.Errorf("keywordKind(ENTRYPOİNT) = %s; BuildKit lower-cases it to entrypoint", got)
	}
}
