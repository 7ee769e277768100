package secret

import (
	"sync"
	"testing"
)

func TestPolicyNilIsDefault(t *testing.T) {
	var p *Policy
	if !p.IsSecretName("DB_PASSWORD") || p.IsSecretName("KEYBOARD") {
		t.Error("nil policy must judge names like IsSecretName")
	}
	if _, ok := p.FindValue("AKIAABCDEFGHIJKLMNOP"); !ok {
		t.Error("nil policy must find built-in formats")
	}
	if p.AllowedPath("/etc/shadow") {
		t.Error("nil policy allows no path")
	}
}

func TestPolicyAllowAndPatterns(t *testing.T) {
	p, err := NewPolicy(Allow{
		Names:  []string{"*_token_url", "LEGACY_PASSWORD"},
		Values: []string{"AKIAIOSFODNN7EXAMPLE"},
		Paths:  []string{"/usr/share/doc/**", "*.example.pem"},
	}, []Pattern{{Name: "Acme API token", Regex: `acme_[a-z0-9]{16}`}})
	if err != nil {
		t.Fatal(err)
	}
	if p.IsSecretName("legacy_password") || p.IsSecretName("AUTH_TOKEN_URL") {
		t.Error("allowed names must not be secrets")
	}
	if !p.IsSecretName("DB_PASSWORD") {
		t.Error("other names still are")
	}
	if _, ok := p.FindValue("key=AKIAIOSFODNN7EXAMPLE"); ok {
		t.Error("allowed value must be skipped")
	}
	// An allowed example before a real key does not hide the real one.
	m, ok := p.FindValue("AKIAIOSFODNN7EXAMPLE AKIAQWERTYUIOPASDFGH")
	if !ok || m.Start != 21 {
		t.Errorf("FindValue = %+v, %v; want the second key at 21", m, ok)
	}
	m, ok = p.FindValue("X=acme_0123456789abcdef")
	if !ok || m.Kind != "Acme API token" {
		t.Errorf("extra pattern not found: %+v %v", m, ok)
	}
	if got := p.Redact("t=acme_0123456789abcdef"); got != "t=[REDACTED]" {
		t.Errorf("Redact = %q", got)
	}
	if !p.AllowedPath("/usr/share/doc/x/key.pem") || !p.AllowedPath("certs/test.example.pem") || p.AllowedPath("/root/.ssh/id_rsa") {
		t.Error("AllowedPath disagrees with the globs")
	}
}

func TestNewPolicyErrors(t *testing.T) {
	for name, pats := range map[string][]Pattern{
		"bad regex":   {{Name: "x", Regex: "("}},
		"no name":     {{Regex: "abc"}},
		"empty match": {{Name: "x", Regex: "a*"}},
	} {
		if _, err := NewPolicy(Allow{}, pats); err == nil {
			t.Errorf("%s: NewPolicy accepted %v", name, pats)
		}
	}
	if _, err := NewPolicy(Allow{Paths: []string{"a/[b"}}, nil); err == nil {
		t.Error("malformed glob accepted")
	}
}

// The policy is shared by every lint worker.
func TestPolicyConcurrent(t *testing.T) {
	p, err := NewPolicy(Allow{Names: []string{"X_*"}}, []Pattern{{Name: "acme", Regex: `acme_[0-9]{4}`}})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 200 {
				p.IsSecretName("X_TOKEN")
				p.FindValue("acme_1234 ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789")
				p.AllowedPath("/a/b")
			}
		})
	}
	wg.Wait()
}
