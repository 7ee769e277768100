package rules_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// TestCopyFromBakeContext: a name a bake file gives as a named context
// (docker buildx bake's `contexts`) is not a typo for a stage; the same
// Dockerfile without the bake file is reported.
func TestCopyFromBakeContext(t *testing.T) {
	const dockerfile = "FROM golang:1.23 AS build\nCOPY --from=src . /go/src/app\nRUN go build -o /app ./...\nFROM alpine:3.20\nCOPY --from=baseapp /etc/app.conf /etc/\nCOPY --from=build /app /app\nCOPY --from=buidl /app /app2\n"
	for _, tc := range []struct {
		name, bakeFile, bake string
		sub                  string // folder of the Dockerfile under the bake file's
		noRepo               bool   // no .git: folders above the Dockerfile's are not read
		want                 []string
	}{
		{"none", "", "", "", false, []string{"src", "baseapp", "buidl"}},
		{"hcl", "docker-bake.hcl", "target \"base\" {\n  dockerfile = \"baseapp.Dockerfile\"\n}\ntarget \"app\" {\n  contexts = {\n    baseapp = \"target:base\"\n    src = \"../src\"\n  }\n}\n", "", false, []string{"buidl"}},
		{"json", "docker-bake.json", `{"target": {"app": {"contexts": {"src": "../src", "baseapp": "target:base"}}}}`, "", false, []string{"buidl"}},
		{"compose", "compose.yaml", "services:\n  app:\n    build:\n      context: .\n      additional_contexts:\n        src: ../src\n        baseapp: docker-image://acme/baseapp:1\n", "", false, []string{"buidl"}},
		{"hcl at the repository root", "docker-bake.hcl", "target \"app\" {\n  dockerfile = \"build/app/Dockerfile\"\n  contexts = { src = \"./src\", baseapp = \"target:base\" }\n}\n", "build/app", false, []string{"buidl"}},
		{"hcl above, outside a repository", "docker-bake.hcl", "target \"app\" {\n  contexts = { src = \"./src\", baseapp = \"target:base\" }\n}\n", "build/app", true, []string{"src", "baseapp", "buidl"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if !tc.noRepo {
				if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
					t.Fatal(err)
				}
			}
			if tc.bakeFile != "" {
				if err := os.WriteFile(filepath.Join(root, tc.bakeFile), []byte(tc.bake), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			dir := filepath.Join(root, tc.sub)
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "Dockerfile")
			if err := os.WriteFile(path, []byte(dockerfile), 0o644); err != nil {
				t.Fatal(err)
			}
			res := lintWith(rules.CopyFromUnknownStage, rules.Settings{}, path, []byte(dockerfile))
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Message)
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d findings %q, want %d (for %q)", len(got), got, len(tc.want), tc.want)
			}
			for i, name := range tc.want {
				if want := "COPY --from=" + name + " names no earlier stage"; len(got[i]) < len(want) || got[i][:len(want)] != want {
					t.Errorf("finding %d: %q, want it about %s", i, got[i], name)
				}
			}
		})
	}
}

// TestFromBakeContext: FROM a named context pulls no image, so it has no
// tag to pin and no registry to trust; without the bake file it is an
// untagged image.
func TestFromBakeContext(t *testing.T) {
	const dockerfile = "FROM baseapp\nCOPY --from=tools /bin/tool /bin/\n"
	const bake = "target \"base\" {\n  dockerfile = \"baseapp.Dockerfile\"\n}\ntarget \"app\" {\n  contexts = {\n    baseapp = \"target:base\"\n    tools = \"docker-image://ghcr.io/acme/tools:1.2\"\n  }\n}\n"
	settings := rules.Settings{TrustedRegistries: []string{"registry.internal"}}
	for _, withBake := range []bool{false, true} {
		dir := t.TempDir()
		if withBake {
			if err := os.WriteFile(filepath.Join(dir, "docker-bake.hcl"), []byte(bake), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		path := filepath.Join(dir, "Dockerfile")
		for _, r := range []*rules.Rule{rules.BaseImageLatest, rules.UntrustedRegistry} {
			res := lintWith(r, settings, path, []byte(dockerfile))
			if withBake && len(res.Findings) != 0 {
				t.Errorf("%s with the bake file: unexpected %q", r.ID, res.Findings[0].Message)
			}
			if !withBake && len(res.Findings) == 0 {
				t.Errorf("%s without the bake file: want a finding about baseapp", r.ID)
			}
		}
	}
}
