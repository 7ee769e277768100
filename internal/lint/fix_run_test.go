package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// fixRun runs `lint --fix` (unsafe fixes when unsafe) over dir with every
// rule and no code checks, writes what it fixed as the CLI does, and
// returns the results.
func fixRun(t *testing.T, dir string, unsafe bool) *lint.Results {
	t.Helper()
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Fix: &lint.FixMode{Unsafe: unsafe},
		Policy: lint.FixedPolicy(lint.Options{Rules: rules.All(), Code: lint.CodeNone})})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		if p.Internal {
			t.Fatalf("internal problem: %s", p)
		}
	}
	for _, f := range res.Fixed {
		if err := os.WriteFile(f.Path, f.After, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return res
}

// insecureProject is the shape of the example service's insecure twin: a
// Dockerfile that copies its whole context and runs as root, a service
// that builds it, and a database image with a password in the file.
var insecureProject = map[string]string{
	"Dockerfile": "FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nCMD [\"python\", \"app.py\"]\n",
	"compose.yaml": "services:\n  web:\n    build: .\n    ports:\n      - \"8000:8000\"\n" +
		"  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: s3cr3t-Pa55word-x9\n",
	"app.py": "print('hello')\n",
}

// TestFixRunSeesFixedContext: after --fix moves the password to .env and
// keeps .env out of the build context with a new .dockerignore, the
// report judges the Dockerfile against that .dockerignore: no finding
// says a COPY takes .env along (the file is not written yet when the
// Dockerfile is linted again, as with --diff).
func TestFixRunSeesFixedContext(t *testing.T) {
	dir := writeTree(t, insecureProject)
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Fix: &lint.FixMode{Unsafe: true},
		Policy: lint.FixedPolicy(lint.Options{Rules: rules.All(), Code: lint.CodeNone})})
	if err != nil {
		t.Fatal(err)
	}
	var ignore bool
	for _, f := range res.Fixed {
		if filepath.Base(f.Path) == ".dockerignore" && f.Created && strings.Contains(string(f.After), ".env") {
			ignore = true
		}
	}
	if !ignore {
		t.Fatal("the fix did not create a .dockerignore that keeps .env out")
	}
	if _, err := os.Stat(filepath.Join(dir, ".dockerignore")); err == nil {
		t.Fatal("Run wrote the .dockerignore")
	}
	for _, fd := range res.Findings {
		if fd.Rule == rules.BuildContextUnfiltered && strings.Contains(fd.Message, ".env") {
			t.Errorf("judged against the .dockerignore before the fix: %s", fd.Message)
		}
	}
}

// TestFixRunComposeAfterDockerfile: the unsafe fixes make the Dockerfile
// run as USER 10001, so the service that builds it gets cap_drop: [ALL]
// and read_only in the same run, while postgres:16, not built here, gets
// neither and its findings say why; a second run changes nothing.
func TestFixRunComposeAfterDockerfile(t *testing.T) {
	dir := writeTree(t, insecureProject)
	res := fixRun(t, dir, true)
	text, err := os.ReadFile(filepath.Join(dir, "compose.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	web, db, _ := strings.Cut(string(text), "  db:\n")
	if !strings.Contains(web, "cap_drop:\n      - ALL\n") || !strings.Contains(web, "read_only: true\n") {
		t.Errorf("the service built from the fixed Dockerfile was not given cap_drop and read_only:\n%s", text)
	}
	if strings.Contains(db, "cap_drop") || strings.Contains(db, "read_only") {
		t.Errorf("postgres:16 was given cap_drop or read_only:\n%s", text)
	}
	why := map[*rules.Rule]string{}
	for _, fd := range res.Findings {
		if fd.Service == "db" && fd.Fix != nil {
			why[fd.Rule] = fd.Fix.Unavailable
		}
	}
	for _, r := range []*rules.Rule{rules.CapabilitiesUnrestricted, rules.RootFilesystemWritable} {
		if !strings.Contains(why[r], "image postgres:16 is not built here") {
			t.Errorf("%s on db: the finding gives %q as why no fix is offered", r.ID, why[r])
		}
	}
	again := fixRun(t, dir, true)
	for _, f := range again.Fixed {
		t.Errorf("a second --fix changed %s:\n%s", f.Path, f.After)
	}
}
