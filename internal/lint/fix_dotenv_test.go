package lint_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// fixProject fixes the compose project in dir (unsafe fixes, DKS5001
// alone) and returns what changed by base name.
func fixProject(t *testing.T, dir string) (map[string]lint.Fixed, lint.ComposeResult) {
	t.Helper()
	e := lint.New(lint.Options{Rules: []*rules.Rule{rules.SecretInArgEnv}})
	res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{filepath.Join(dir, "compose.yaml")}, Dir: dir}, lint.FixMode{Unsafe: true})
	for _, p := range res.Problems {
		t.Fatalf("problem: %s", p)
	}
	out := map[string]lint.Fixed{}
	for _, f := range fixed {
		rel, _ := filepath.Rel(dir, f.Path)
		out[filepath.ToSlash(rel)] = f
	}
	return out, res
}

const pgPassword = "s3cr3t-Pa55word-x9"

func TestFixSecretToDotEnv(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml": "services:\n  web:\n    build: .\n    environment:\n      - API_TOKEN=\"tok_live_9f8e7d6c5b4a39281706\"\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: " + pgPassword + "   # change me\n      POSTGRES_DB: app\n",
		".env":         "FLASK_DEBUG=0",
		"Dockerfile":   "FROM python:3.12-slim\n",
		".gitignore":   "*.pyc\n",
	})
	fixed, res := fixProject(t, dir)
	for _, fd := range res.Findings {
		t.Errorf("still found: %s", fd.Message)
	}
	compose := string(fixed["compose.yaml"].After)
	if strings.Contains(compose, pgPassword) || !strings.Contains(compose, "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}   # change me\n") {
		t.Errorf("compose file:\n%s", compose)
	}
	env := fixed[".env"]
	if !env.Secret || env.Created || string(env.Before) != "FLASK_DEBUG=0" {
		t.Errorf(".env: secret %v, created %v, before %q", env.Secret, env.Created, env.Before)
	}
	if !strings.HasPrefix(string(env.After), "FLASK_DEBUG=0\n") || !strings.Contains(string(env.After), "POSTGRES_PASSWORD="+pgPassword+"\n") {
		t.Errorf(".env after: %d bytes, not the old line and the moved value", len(env.After))
	}
	red := string(lint.RedactDotEnv(env.After))
	if strings.Contains(red, pgPassword) || !strings.Contains(red, "POSTGRES_PASSWORD=<redacted>\n") {
		t.Errorf("redacted .env shows a value or misses a name:\n%s", red)
	}
	ign := fixed[".dockerignore"]
	if !ign.Created || string(ign.After) != ".env\n" {
		t.Errorf(".dockerignore: created %v, %q", ign.Created, ign.After)
	}
	if len(env.Notes) != 1 || !strings.Contains(env.Notes[0], "gitignore") {
		t.Errorf(".env notes: %q", env.Notes)
	}
	for _, f := range fixed {
		for _, n := range f.Notes {
			if strings.Contains(n, pgPassword) {
				t.Error("a note shows the secret")
			}
		}
	}
}

// TestFixSecretToDotEnvKept: a .env that sets the name to another value
// leaves the finding unfixed; one git ignores gets no note; a
// .dockerignore that excludes .env is left alone.
func TestFixSecretToDotEnvKept(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"compose.yaml":  "services:\n  web:\n    build: .\n    environment:\n      POSTGRES_PASSWORD: " + pgPassword + "\n      SECRET_KEY: 'django-insecure-9x8y7z6w5v4u3t2s1r0q'\n",
		".env":          "POSTGRES_PASSWORD=other\r\n",
		".dockerignore": "**/.env\n",
		".gitignore":    "/.env\n",
	})
	fixed, res := fixProject(t, dir)
	if len(res.Findings) != 1 || !strings.Contains(res.Findings[0].Message, "POSTGRES_PASSWORD") {
		t.Errorf("findings: %v", res.Findings)
	}
	if _, ok := fixed[".dockerignore"]; ok {
		t.Error(".dockerignore changed")
	}
	env := fixed[".env"]
	if string(env.After[:len(env.Before)]) != string(env.Before) || !strings.HasSuffix(string(env.After), "\r\n") || len(env.Notes) != 0 {
		t.Errorf(".env: kept %v, notes %q", string(env.After[:len(env.Before)]) == string(env.Before), env.Notes)
	}
	if !strings.Contains(string(fixed["compose.yaml"].After), "SECRET_KEY: '${SECRET_KEY}'\n") {
		t.Errorf("compose:\n%s", fixed["compose.yaml"].After)
	}
}
