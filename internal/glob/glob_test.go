package glob

import "testing"

func TestMatch(t *testing.T) {
	cases := []struct {
		pattern, name string
		want          bool
	}{
		{"Dockerfile", "Dockerfile", true},
		{"Dockerfile", "svc/api/Dockerfile", true},
		{"*.dev.Dockerfile", "svc/x.dev.Dockerfile", true},
		{"*.dev.Dockerfile", "svc/x.Dockerfile", false},
		{"legacy/**", "legacy/a/b/Dockerfile", true},
		{"legacy/**", "other/legacy/Dockerfile", false},
		{"legacy/*", "legacy/a/Dockerfile", false},
		{"**/test/*.Dockerfile", "a/b/test/x.Dockerfile", true},
		{"**/test/*.Dockerfile", "test/x.Dockerfile", true},
		{"a/**/b", "a/b", true},
		{"a/**/b", "a/x/y/b", true},
		{"a/**/b", "a/x/y/c", false},
		{"./svc/*", "svc/Dockerfile", true},
		{"/etc/ssl/**", "/etc/ssl/private/k.pem", true},
		{"/etc/ssl/**", "/etc/sslx/k.pem", false},
		{"[", "[", false},
		{"", "x", false},
	}
	for _, c := range cases {
		if got := Match(c.pattern, c.name); got != c.want {
			t.Errorf("Match(%q, %q) = %v, want %v", c.pattern, c.name, got, c.want)
		}
	}
}

func TestValid(t *testing.T) {
	if !Valid("a/**/[bc]*") || Valid("a/[b") {
		t.Error("Valid disagrees with path.Match on bracket syntax")
	}
}
