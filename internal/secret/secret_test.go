package secret

import (
	"regexp"
	"strings"
	"testing"
)

func TestIsSecretName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		// Credentials by name.
		{"DB_PASSWORD", true},
		{"password", true},
		{"my_password", true},
		{"SECRET_PASSPHRASE", true},
		{"GITHUB_TOKEN", true},
		{"NPM_TOKEN", true},
		{"API_KEY", true},
		{"openai_api_key", true},
		{"AWS_SECRET_ACCESS_KEY", true},
		{"CLIENT_SECRET", true},
		{"git_key", true},
		{"auth", true},
		{"ARTIFACTORY_PSW", true},
		// Abbreviations last, run into an account's word, or camelCase.
		{"DB_PW", true},
		{"MYSQL_PWD", true},
		{"SMTP_PASS", true},
		{"PASS", true},
		{"LDAP_ROOTPASS", true},
		{"ROOTPW", true},
		{"KEYSTOREPASS", true},
		{"KEY_PASSPHRASE", true},
		{"dbPass", true},
		{"adminPwd", true},
		{"apiToken", true},
		// Well-known credential variables, also behind client prefixes.
		{"AWS_ACCESS_KEY_ID", true},
		{"aws_access_key_id", true},
		{"VITE_AWS_ACCESS_KEY_ID", true},
		{"REACT_APP_GITHUB_TOKEN", true},
		{"HF_TOKEN", true},

		// Not secrets: files holding secrets, public material, versions,
		// identifiers, words that merely contain a keyword.
		{"", false},
		{"DB_PASSWORD_FILE", false},
		{"SECRET_PASSPHRASE_FILE", false},
		{"password_file", false},
		{"GOOGLE_APPLICATION_CREDENTIALS", false},
		{"AWS_CONFIG_FILE", false},
		{"KUBECONFIG", false},
		{"PUBLIC_KEY", false},
		{"public_token", false},
		{"GPG_KEY", false},
		{"NODE_GPG_KEYS", false},
		{"AUTH_MODULE_VERSION", false},
		{"SECRET_KEY_BASE_VERSION", false},
		{"TOKEN_URL", false},
		{"KEYCLOAK_HOST", false},
		{"MONKEY", false},
		{"KEYBOARD_LAYOUT", false},
		{"AUTH_USER", false},
		{"SSH_KEY_FINGERPRINT", false},
		{"PASSENGER_APP_ENV", false},
		{"ARTIFACTORY_USR", false},
		{"ALLOW_EMPTY_PASSWORD", false},
		{"KEY_SHA512", false},
		{"NODE_SHA256", false},
		{"STRIPE_PUBLISHABLE_KEY", false},
		{"SITE_KEY", false},
		{"DefaultProcess__Filters__0__Key", false},
		// Abbreviations first or alone, and words that contain one.
		{"PASS_THROUGH", false},
		{"PASS_MAX_DAYS", false},
		{"passThrough", false},
		{"PWD", false},
		{"OLDPWD", false},
		{"BYPASS", false},
		{"COMPASS", false},
		{"TESTS_PASSED", false},
		{"KEEPASSXC_VERSION", false},
		{"publicKey", false},
		{"tokenUrl", false},
	}
	for _, tt := range tests {
		if got := IsSecretName(tt.name); got != tt.want {
			t.Errorf("IsSecretName(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestIsCredentialFileVar(t *testing.T) {
	for _, n := range []string{"GOOGLE_APPLICATION_CREDENTIALS", "aws_config_file", "AWS_SHARED_CREDENTIALS_FILE", "KUBECONFIG"} {
		if !IsCredentialFileVar(n) {
			t.Errorf("IsCredentialFileVar(%q) = false", n)
		}
	}
	for _, n := range []string{"", "PATH", "HOME", "DB_PASSWORD", "CONFIG_FILE"} {
		if IsCredentialFileVar(n) {
			t.Errorf("IsCredentialFileVar(%q) = true", n)
		}
	}
}

func TestIsPathValue(t *testing.T) {
	for _, v := range []string{"/run/secrets/db", "./app/key.json", "../k.pem", "~/.netrc", `"/credentials/sa.json"`} {
		if !IsPathValue(v) {
			t.Errorf("IsPathValue(%q) = false", v)
		}
	}
	for _, v := range []string{"", "hunter2", "s3cr3t/value", "/bin/sh -c x", "https://example.com/x"} {
		if IsPathValue(v) {
			t.Errorf("IsPathValue(%q) = true", v)
		}
	}
}

// valueCases are texts with a secret (kind set, secret the part that must
// never be printed) and texts without one (kind empty).
var valueCases = []struct {
	text   string
	kind   string
	secret string
}{
	{"-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----", "private key", "b3BlbnNzaC1rZXktdjEAAAAA"},
	{"-----BEGIN RSA PRIVATE KEY-----", "private key", ""},
	{"AKIAIOSFODNN7EXAMPLE", "AWS access key ID", "AKIAIOSFODNN7EXAMPLE"},
	{"key=ASIAIOSFODNN7EXAMPLE;", "AWS access key ID", "ASIAIOSFODNN7EXAMPLE"},
	{"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "GitHub token", "ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"},
	{"github_pat_11ABCDEFG0123456789_abcdefghij", "GitHub token", "github_pat_11ABCDEFG0123456789_abcdefghij"},
	{"glpat-abcdefghij0123456789", "GitLab token", "glpat-abcdefghij0123456789"},
	{"xoxb-123456789012-abcdefghijkl", "Slack token", "xoxb-123456789012-abcdefghijkl"},
	{"AIzaSyA-0123456789abcdefghijklmnopqrstu", "Google API key", "AIzaSyA-0123456789abcdefghijklmnopqrstu"},
	{"sk_live_0123456789abcdefghijKLMN", "Stripe secret key", "sk_live_0123456789abcdefghijKLMN"},
	{"npm_0123456789abcdefghijklmnopqrstuvwxyz", "npm token", "npm_0123456789abcdefghijklmnopqrstuvwxyz"},
	{"https://deploy:s3cr3tpassw0rd@git.example.com/app.git", "password in a URL", "s3cr3tpassw0rd"},
	{"pip install --index-url https://u:$X@a.example/simple -i https://u:hunter22@b.example/simple", "password in a URL", "hunter22"},
	{"//registry.npmjs.org/:_authToken=abcdef0123456789", "npm auth token", "abcdef0123456789"},
	{`echo "_auth = dXNlcjpwYXNzd29yZA==" >> .npmrc`, "npm auth token", "dXNlcjpwYXNzd29yZA=="},
	{`curl -H "Authorization: Bearer abcdef0123456789abcdef" https://api.example.com`, "authorization header", "abcdef0123456789abcdef"},
	{"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "JSON Web Token", "dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"},

	{`echo "machine git.example.com login ci password hunter22" > ~/.netrc`, "netrc password", "hunter22"},
	{`printf 'machine git.example.com\nlogin ci\npassword %s\n' "$PW"`, "", ""},
	{"machine git.example.com login ci password $GIT_PASSWORD", "", ""},

	// No secret: URLs without credentials or with a reference, variable
	// references, fingerprints, placeholders, short strings.
	{"", "", ""},
	{"short", "", ""},
	{"https://git.example.com/app.git", "", ""},
	{"https://user:${PASSWORD}@git.example.com/app.git", "", ""},
	{"https://user:$TOKEN@git.example.com/app.git", "", ""},
	{"https://user:changeme@git.example.com/app.git", "", ""},
	// The form of a URL in a help text (pip's --proxy): [ ] mark the
	// optional part, nothing is filled in.
	{"Specify a proxy in the form scheme://[user:passwd@]proxy.server:port.", "", ""},
	{"git@github.com:acme/app.git", "", ""},
	{"A035C8C19219BA821ECEA86B64E628F8D684696D", "", ""},
	{"SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", "", ""},
	{"//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "", ""},
	{`curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com`, "", ""},
	{"/run/secrets/npm_token", "", ""},
	{"AKIA0123", "", ""},
}

func TestFindValue(t *testing.T) {
	for _, tt := range valueCases {
		m, ok := FindValue(tt.text)
		if ok != (tt.kind != "") || m.Kind != tt.kind {
			t.Errorf("FindValue(%q) = %q, %v; want %q", tt.text, m.Kind, ok, tt.kind)
			continue
		}
		if !ok {
			continue
		}
		if m.Start < 0 || m.End > len(tt.text) || m.Start >= m.End {
			t.Errorf("FindValue(%q): bad span %d-%d", tt.text, m.Start, m.End)
			continue
		}
		if tt.secret != "" && !strings.Contains(tt.text[m.Start:m.End], tt.secret) {
			t.Errorf("FindValue(%q): span %q does not cover the secret", tt.text, tt.text[m.Start:m.End])
		}
	}
}

// Kinds are printed in messages: none may echo any part of a secret.
func TestKindNeverHoldsTheSecret(t *testing.T) {
	for _, tt := range valueCases {
		m, ok := FindValue(tt.text)
		if ok && tt.secret != "" && strings.Contains(m.Kind, tt.secret) {
			t.Errorf("kind %q contains the secret", m.Kind)
		}
	}
}

func TestRedact(t *testing.T) {
	for _, tt := range valueCases {
		got := Redact(tt.text)
		if tt.secret != "" && strings.Contains(got, tt.secret) {
			t.Errorf("Redact(%q) = %q still holds the secret", tt.text, got)
		}
		if tt.kind == "" && got != tt.text {
			t.Errorf("Redact(%q) = %q changed text without a secret", tt.text, got)
		}
	}
	two := "a=AKIAIOSFODNN7EXAMPLE b=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB"
	if got := Redact(two); strings.Contains(got, "AKIA") || strings.Contains(got, "ghp_") {
		t.Errorf("Redact left a secret: %q", got)
	}
}

func TestIsPlaceholderValue(t *testing.T) {
	for _, v := range []string{"", "  ", "$TOKEN", "${TOKEN}", "${TOKEN:-x}", "changeme", "<password>", "xxxxxx", "REDACTED"} {
		if !IsPlaceholderValue(v) {
			t.Errorf("IsPlaceholderValue(%q) = false", v)
		}
	}
	for _, v := range []string{"hunter2", "s3cr3t-value", "abc123def456"} {
		if IsPlaceholderValue(v) {
			t.Errorf("IsPlaceholderValue(%q) = true", v)
		}
	}
}

func TestIsFingerprint(t *testing.T) {
	for _, v := range []string{"B97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8", "0xB97B0AFCAA1A47F044F244A07FCC7D46ACCC4CF8", "'A035C8C19219BA821ECEA86B64E628F8D684696D'", "B97B 0AFC AA1A 47F0 44F2  44A0 7FCC 7D46 ACCC 4CF8"} {
		if !IsFingerprint(v) {
			t.Errorf("IsFingerprint(%q) = false", v)
		}
	}
	for _, v := range []string{"", "hunter2", "B97B0AFCAA1A47F044F2", "0x7FCC7D46ACCC4CF8", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY"} {
		if IsFingerprint(v) {
			t.Errorf("IsFingerprint(%q) = true", v)
		}
	}
}

func TestIsFlagValue(t *testing.T) {
	for _, v := range []string{"no", `"yes"`, "true", "0", "off"} {
		if !IsFlagValue(v) {
			t.Errorf("IsFlagValue(%q) = false", v)
		}
	}
	for _, v := range []string{"", "hunter2", "nope", "10"} {
		if IsFlagValue(v) {
			t.Errorf("IsFlagValue(%q) = true", v)
		}
	}
}

// TestLiteralSetMatchesContains holds the one-pass prefilter to what it
// replaces: a pattern is possible exactly when one of its literals is a
// substring (ignoring case for folded patterns).
func TestLiteralSetMatchesContains(t *testing.T) {
	patterns := valuePatterns()
	if len(patterns) > 32 {
		t.Fatalf("%d built-in patterns; literalSet.scan has 32 bits", len(patterns))
	}
	ls := builtinLiterals()
	texts := []string{
		"", "@", "a@", "@b", "-----BEGIN", "----BEGIN", "xAKIA", "AKI", "Authorization: Bearer",
		"AUTHORIZATIONx", "authorizatio", "machine", "https://hooks.slack.com/services/T0",
		"npm_", "pypi-AgEIcHlwaS5vcmc", "pypi-AgEIcHlwaS5vcm", "eyJ", "k_live_", "glpat-", "xox", "ghp_ ghr_",
		"RUN curl -u user:pass@host", "RUN apt-get install -y curl && rm -rf /var/lib/apt/lists/*",
	}
	for _, s := range texts {
		got := ls.scan(s)
		for i, p := range patterns {
			want := false
			for _, n := range p.need {
				if strings.Contains(s, n) || p.fold && strings.Contains(strings.ToLower(s), n) {
					want = true
				}
			}
			if have := got&(1<<i) != 0; have != want {
				t.Errorf("scan(%q) pattern %q: got %v, want %v", s, p.kind, have, want)
			}
		}
	}
}

func FuzzLiteralSet(f *testing.F) {
	f.Add("Authorization: token ghp_x AKIA@")
	f.Fuzz(func(t *testing.T, s string) {
		got := builtinLiterals().scan(s)
		for i, p := range valuePatterns() {
			want := false
			for _, n := range p.need {
				want = want || strings.Contains(s, n) || p.fold && strings.Contains(strings.ToLower(s), n)
			}
			if have := got&(1<<i) != 0; have != want {
				t.Fatalf("scan(%q) pattern %q: got %v, want %v", s, p.kind, have, want)
			}
		}
	})
}

// The regular expressions the name word sets replaced.
var (
	oldNameRE   = regexp.MustCompile(`(?i)(?:^|_)(?:passwd|password|passphrase|pass|psw|pw|pwd|pword|secret|secrets|token|apikey|api_key|access_key|secret_key|private_key|privatekey|credential|credentials|auth|authtoken|auth_token|client_secret|key)(?:_|$)`)
	oldPublicRE = regexp.MustCompile(`(?i)(?:^|_)(?:file|files|filename|path|dir|directory|public|pub|version|ver|url|uri|endpoint|host|hostname|port|user|username|id|ids|fingerprint|keyring|keyserver|server|name|type|length|size|ttl|timeout|expiry|expires|enabled|enable|disabled|required|allow|allowed|empty|method|mode|header|algorithm|alg|env|location|region|publishable|sha|sha1|sha256|sha384|sha512|md5|checksum|digest)(?:_|$)`)
	oldGPGKeyRE = regexp.MustCompile(`(?i)(?:^|_)(?:gpg|pgp)_?keys?(?:_|$)`)
)

// checkNameWords compares the word sets with the regular expressions.
func checkNameWords(t *testing.T, name string) {
	t.Helper()
	if got, want := anyWordIn(name, secretWords), oldNameRE.MatchString(name); got != want {
		t.Errorf("secret words in %q: %v, regexp says %v", name, got, want)
	}
	if got, want := anyWordIn(name, publicWords), oldPublicRE.MatchString(name); got != want {
		t.Errorf("public words in %q: %v, regexp says %v", name, got, want)
	}
	if got, want := isGPGKeyName(name), oldGPGKeyRE.MatchString(name); got != want {
		t.Errorf("isGPGKeyName(%q) = %v, regexp says %v", name, got, want)
	}
}

func TestNameWordsMatchRegexps(t *testing.T) {
	for _, name := range []string{
		"", "_", "__", "KEY", "key_", "_key", "A__KEY", "KEYBOARD", "MONKEY", "API_KEY", "APIKEY", "api_key_id",
		"DB_PASSWORD_FILE", "GPG_KEY", "GPG_KEYS", "NODE_GPG_KEYS", "GPGKEY", "PGP_KEY_x", "GPG__KEY", "gpg_keyring",
		"CLIENT_SECRET", "AUTH_TOKEN", "ſecret", "\u212aey", "SHA256_SUM", "x_auth", "authx", "PUBLIC_KEY",
		"AWS_SECRET_ACCESS_KEY", "NPM_CONFIG__AUTH", "TOKEN_URL", "MY_PASS", "PASSPORT",
	} {
		checkNameWords(t, name)
	}
}

func FuzzNameWords(f *testing.F) {
	f.Add("GPG_KEY")
	f.Add("DB_PASSWORD_FILE")
	f.Fuzz(func(t *testing.T, name string) { checkNameWords(t, name) })
}

// FuzzURLUserinfoPrefilter: whenever the credentials-in-URL regexp
// matches, its prefilter must have let the text through.
func FuzzURLUserinfoPrefilter(f *testing.F) {
	f.Add("git clone https://user:pw@github.com/x && npm i a@1")
	f.Add("a://b:c@d")
	var re *regexp.Regexp
	for _, p := range valuePatterns() {
		if p.kind == "password in a URL" {
			re = p.re()
		}
	}
	if re == nil {
		f.Fatal("no credentials-in-URL pattern")
	}
	f.Fuzz(func(t *testing.T, s string) {
		if re.MatchString(s) && !hasURLUserinfo(s) {
			t.Fatalf("regexp matches %q but the prefilter rejects it", s)
		}
	})
}

// TestKindsAreSingular: messages write a kind after "a" or "an" ("git is
// passed a password in a URL"), so no built-in kind may start with a plural
// word, as "credentials in URL" once did.
func TestKindsAreSingular(t *testing.T) {
	for _, p := range valuePatterns() {
		first, _, _ := strings.Cut(p.kind, " ")
		if first == strings.ToLower(first) && strings.HasSuffix(first, "s") {
			t.Errorf("kind %q starts with a plural, which reads wrongly after an article", p.kind)
		}
	}
}
