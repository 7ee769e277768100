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
