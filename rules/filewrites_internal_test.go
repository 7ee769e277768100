package rules

import (
	"slices"
	"testing"
)

func TestSedAddedText(t *testing.T) {
	tests := []struct {
		script string
		want   []string
	}{
		{`s/#PermitRootLogin prohibit-password/PermitRootLogin yes/`, []string{"PermitRootLogin yes"}},
		{`s|a\|b|c\|d|g`, []string{"c|d"}},
		{`/^#Port/s/.*/Port 2222/;s/x/y/`, []string{"Port 2222", "y"}},
		{`$a PermitEmptyPasswords yes`, []string{"PermitEmptyPasswords yes"}},
		{"/^Port/a\\\nListenAddress 0.0.0.0", []string{"ListenAddress 0.0.0.0"}},
		{`s/PermitRootLogin\ yes/PermitRootLogin\ no/`, []string{"PermitRootLogin no"}},
		{`1d`, nil},
		{`s/unterminated`, nil},
		{`/unterminated`, nil},
	}
	for _, tt := range tests {
		if got := sedAddedText(tt.script); !slices.Equal(got, tt.want) {
			t.Errorf("sedAddedText(%q) = %q, want %q", tt.script, got, tt.want)
		}
	}
}

// FuzzSedAddedText: sed scripts come from untrusted Dockerfiles; reading
// one never panics and ends.
func FuzzSedAddedText(f *testing.F) {
	for _, s := range []string{`s/a/b/g`, `$a text`, `/x/,/y/c\`, `s\x\y\`, "i\\\n", `1,$!s/a/b/;p`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, out := range sedAddedText(s) {
			if len(out) > len(s) {
				t.Fatalf("added text %q longer than the script %q", out, s)
			}
		}
	})
}
