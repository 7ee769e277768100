package rules_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// secretValues are the secrets written into the secret rules' fixtures.
// No finding of any rule may print one: messages go to CI logs, SARIF
// uploads and terminals that are less protected than the secret was.
var secretValues = []string{
	"hunter2", "s3cr3t", "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY", "AKIAIOSFODNN7EXAMPLE",
	"ghp_0123456789abcdefghijklmnopqrstuvwxyzAB", "s3cr3tpassw0rd", "xoxb-123456789012-abcdefghijkl",
	"abc123def456", "abcdef0123456789abcdef", "hunter22hunter", "s3cr3tpw", "abcd1234efgh",
	"a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ",
}

func TestMessagesNeverHoldSecrets(t *testing.T) {
	var files []string
	for _, id := range []string{"DKS5001", "DKS5002", "DKS5003"} {
		fs, _ := filepath.Glob(filepath.Join(fixtureRoot, id, "*.Dockerfile"))
		files = append(files, fs...)
	}
	if len(files) == 0 {
		t.Fatal("no secret fixtures found")
	}
	engine := lint.New(lint.Options{Rules: rules.All()})
	reported := 0
	for _, path := range files {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		res := engine.Lint(path, src)
		for _, f := range res.Findings {
			reported++
			for _, s := range secretValues {
				if strings.Contains(f.Message, s) {
					t.Errorf("%s:%d: %s message prints a secret: %q", path, f.Line, f.Rule.ID, f.Message)
				}
			}
		}
	}
	if reported == 0 {
		t.Fatal("the secret fixtures produced no findings at all")
	}
}
