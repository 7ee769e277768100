package lint_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/lint"
)

// examplesDir is the example service and its hardened twin (issue 12's
// testdata/examples), which the README and the threat model show.
const examplesDir = "../../testdata/examples"

// lintExample lints one example folder as `dockstride lint DIR` does, with
// the default rules, and returns its runtime and Dockerfile findings as
// rule@file:line[service] severity.
func lintExample(t *testing.T, name string) ([]string, *lint.Results) {
	t.Helper()
	dir := filepath.Join(examplesDir, name)
	res, err := lint.Run(context.Background(), lint.Request{Paths: []string{dir}, Policy: lint.FixedPolicy(lint.Options{})})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Problems {
		t.Errorf("problem: %s", p)
	}
	var keys []string
	for _, f := range res.Findings {
		base := filepath.Base(f.File)
		if base != "docker-compose.yml" && base != "Dockerfile" {
			continue // the application's own findings are issue 12's
		}
		k := f.Rule.ID + "@" + base + ":" + strconv.Itoa(f.Line)
		if f.Service != "" {
			k += "[" + f.Service + "]"
		}
		keys = append(keys, k+" "+f.Severity.String())
	}
	slices.Sort(keys)
	return keys, res
}

// The insecure example's compose file reports each runtime row of its
// threat model at the line that causes it (the service's name line for a
// setting it lacks), and the Dockerfile's findings name the service that
// builds it.
func TestExampleServiceRuntimeFindings(t *testing.T) {
	got, res := lintExample(t, "flask-insecure")
	want := []string{
		// web: built from ./Dockerfile, published on every interface.
		"DKS4001@Dockerfile:2[web] warning",
		"DKS6003@Dockerfile:2[web] info",
		"DKS3004@Dockerfile:5[web] info",
		"DKS5004@Dockerfile:6[web] warning",
		"DKS4202@docker-compose.yml:4[web] info",
		"DKS4214@docker-compose.yml:4[web] warning",
		"DKS4215@docker-compose.yml:4[web] info",
		"DKS6201@docker-compose.yml:4[web] warning",
		"DKS6202@docker-compose.yml:4[web] info",
		"DKS6203@docker-compose.yml:4[web] warning",
		"DKS6101@docker-compose.yml:6[web] warning",
		// db: postgres with its password in the file.
		"DKS4202@docker-compose.yml:10[db] info",
		"DKS4214@docker-compose.yml:10[db] warning",
		"DKS4215@docker-compose.yml:10[db] info",
		"DKS6201@docker-compose.yml:10[db] warning",
		"DKS6202@docker-compose.yml:10[db] info",
		"DKS6203@docker-compose.yml:10[db] warning",
		"DKS5001@docker-compose.yml:13[db] error",
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("findings\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	// POSTGRES_PASSWORD: password: the name may be said, never the value.
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "password") {
			t.Errorf("%s prints the secret's value: %s", f.Rule.ID, f.Message)
		}
	}
}

// The hardened twin reports nothing above info in its Dockerfile and
// compose file.
func TestExampleServiceHardenedTwin(t *testing.T) {
	got, _ := lintExample(t, "flask-hardened")
	for _, k := range got {
		if !strings.HasSuffix(k, " info") {
			t.Errorf("hardened example: %s", k)
		}
	}
}
