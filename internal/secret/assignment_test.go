package secret

import "testing"

func TestAssignment(t *testing.T) {
	ghToken := "ghp_" + "0123456789abcdefghijklmnopqrstuvwxyzAB"
	cases := []struct {
		name, value string
		where       Where
		secret      bool
		kind        bool
	}{
		{"DB_PASSWORD", "hunter2", InEnv, true, false},
		{"DB_PASSWORD", "hunter2", InBuildArg, true, false},
		{"DB_PASSWORD", "hunter2", InScript, true, false},
		{"DB_PASSWORD", "", InBuildArg, true, false}, // passed at build time, recorded in history
		{"DB_PASSWORD", "", InEnv, false, false},
		{"DB_PASSWORD", "", InScript, false, false},
		{"DB_PASSWORD", "$DB_PASSWORD", InScript, false, false},
		{"DB_PASSWORD", "changeme", InScript, false, false},
		{"DB_PASSWORD_FILE", "/run/secrets/db", InEnv, false, false},
		{"GPG_KEY", "B42F6819007F00F88E364FD4036A9C25BF357DD4", InEnv, false, false},
		{"ANYTHING", ghToken, InEnv, true, true},
		{"ANYTHING", ghToken, InScript, true, true},
		// Quoted empty values, stand-ins and paths hold nothing.
		{"DB_PASSWORD", `""`, InEnv, false, false},
		{"DB_PASSWORD", "''", InEnv, false, false},
		{"SECRET_KEY_BASE", "precompile_placeholder", InEnv, false, false},
		{"SECRET_KEY_BASE", "precompile_placeholder", InBuildArg, false, false},
		{"API_KEY", "dummy", InEnv, false, false},
		{"API_KEY", `"dummy-key"`, InBuildArg, false, false},
		{"NGROK_CA_KEY", "assets/client/tls/ngrokroot.key", InEnv, false, false},
		// A default credential ships in ENV; as an ARG default it only asks for one.
		{"DB_PASSWORD", "changeme", InEnv, true, false},
		{"DB_PASSWORD", "changeme", InBuildArg, false, false},
		// Slashes alone make no path: base64 secrets hold them.
		{"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", InEnv, true, false},
		{"ADMIN_PW", "hunter2", InEnv, true, false},
		{"LDAP_PASS", "hunter2", InEnv, true, false},
		{"GPGPASSPHRASE", "hunter2", InEnv, true, false},
		{"PW_VERSION", "1.2", InEnv, false, false},
		{"HOME", "/root", InEnv, false, false},
		{"LANG", "C.UTF-8", InEnv, false, false},
		{"PASSWORD", "changeme", InCode, true, false}, // the password the code runs with
		{"PASSWORD", "Sup3rS3cr3t!", InCode, true, false},
		{"SECRET_KEY", "secret", InCode, true, false},
		{"PASSWORD_FIELD", "password", InCode, false, false},
		{"password", "Password", InCode, false, false},
		{"password_prompt", "Enter your password: ", InCode, false, false},
		{"password", "", InCode, false, false},
		{"password", "********", InCode, false, false},
		{"password", "{password}", InCode, false, false},
		{"password", "%(password)s", InCode, false, false},
		{"password", "${DB_PASSWORD}", InCode, false, false},
		{"password", "<your password>", InCode, false, false},
		{"password_file", "/run/secrets/db", InCode, false, false},
		{"token", "true", InCode, false, false},
		{"message", ghToken, InCode, true, true},
		{"key", "value", InCode, false, false},
		{"cache_key", "users", InCode, false, false},
		{"api_key", "abc123def", InCode, true, false},
		{"SECRET_KEY", "django-insecure-abc", InCode, true, false},
		{"AWS_ACCESS_KEY_ID", "abc123def", InCode, true, false},
		// Shapes a secret-looking name in code is given for something
		// else (Django 3.2 and the standard library, issue 16): a key's
		// name, an OID, a message or a prefix, a parser's token type.
		{"SESSION_KEY", "_auth_user_id", InCode, false, false},
		{"CSRF_SESSION_KEY", "_csrftoken", InCode, false, false},
		{"INTERNAL_RESET_SESSION_TOKEN", "_password_reset_token", InCode, false, false},
		{"CLIENT_AUTH", "1.3.6.1.5.5.7.3.2", InCode, false, false},
		{"REASON_BAD_TOKEN", "CSRF token missing or incorrect.", InCode, false, false},
		{"UNUSABLE_PASSWORD_PREFIX", "!", InCode, false, false},
		{"SECRET_KEY_INSECURE_PREFIX", "django-insecure-", InCode, false, false},
		{"token", "lambda", InCode, false, false},
		{"token", "not in", InCode, false, false},
		{"token", "COLLATE", InCode, false, false},
		{"token", "@", InCode, false, false},
		{"csrf_token", "NOTPROVIDED", InCode, false, false},
		// … and in the other packages Debian installs: regular
		// expressions (babel, pygments), an authentication scheme
		// (oauthlib), the key a value is stored under, a masked
		// password (pip), a one-character emoji (rich).
		{"NUMBER_TOKEN", `[0-9@#.,E+]`, InCode, false, false},
		{"jsonnet_token", `[^\W\d]\w*`, InCode, false, false},
		{"default_token", "Bearer", InCode, false, false},
		{"refresh_token_key", "refresh_token", InCode, false, false},
		{"consumer_secret", "consumer.secret", InCode, false, false},
		{"password", ":****", InCode, false, false},
		{"secret", "㊙", InCode, false, false},
		// … and what still is a credential in those places: bandit's
		// examples, a token's value, a keyword or capitals under a
		// password's or an access token's name.
		{"password", "pass", InCode, true, false},
		{"password", "class_password", InCode, true, false},
		{"password", "this cool password", InCode, true, false},
		{"passphrase", "1234", InCode, true, false},
		{"ADMIN_PASSWORD", "ADMIN", InCode, true, false},
		{"access_token", "COLLATE", InCode, true, false},
		{"token", "8f14e45fceea167a5a36dedd4bea2543", InCode, true, false},
		{"token", "letmein", InCode, true, false},
		{"SESSION_KEY", "kq3Zx9-7fTq2", InCode, true, false},
		{"password", "!x9#", InCode, true, false},
		{"password", "[secret]", InCode, true, false},
		{"api_token", "Bearer-8f14e45fceea", InCode, true, false},
		{"password", "d6s$f9g!j8mg7hw?n&2", InCode, true, false},
	}
	var p *Policy
	for _, c := range cases {
		v, ok := p.Assignment(c.name, c.value, c.where)
		if ok != c.secret || (v.Kind != "") != c.kind {
			t.Errorf("Assignment(%s=…, %d) = %+v, %v; want secret %v, kind %v", c.name, c.where, v, ok, c.secret, c.kind)
		}
	}
	allow, err := NewPolicy(Allow{Names: []string{"DB_PASSWORD"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := allow.Assignment("DB_PASSWORD", "hunter2", InEnv); ok {
		t.Error("an allowed name must not be judged a secret")
	}
}
