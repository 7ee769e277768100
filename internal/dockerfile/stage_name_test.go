package dockerfile

import (
	"regexp"
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
