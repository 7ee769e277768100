package rules

import (
	"slices"
	"testing"
)

func TestHCLBakeContexts(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		want      []string
	}{
		{"docs example", `
# Docker's bake docs: a target's contexts feed COPY --from and FROM.
target "base" {
  dockerfile = "baseapp.Dockerfile"
}
target "app" {
  contexts = {
    baseapp = "target:base"
    src = "../src" // the sources
    "alpine" = "docker-image://alpine:3.13"
  }
}
`, []string{"baseapp", "src", "alpine"}},
		{"one line, commas, interpolation", `target "x" { contexts = { a = "${DIR}/a", b: "x{y}" } }`, []string{"a", "b"}},
		{"nested values are not keys", `target "x" {
  contexts = {
    tools = join("", ["docker-image://", "${REG}", "/tools:1"])
  }
  args = { notacontext = "1" }
}`, []string{"tools"}},
		{"comments and strings hide the word", `/* contexts = { no = "1" } */
target "x" {
  labels = { "contexts" = "contexts = { no2 = 1 }" }
}`, nil},
		{"not an object", `target "x" { contexts = merge(a, b) }`, nil},
		{"unterminated", `target "x" { contexts = { a = "x`, []string{"a"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := hclBakeContexts([]byte(tc.src))
			slices.Sort(got)
			want := slices.Clone(tc.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("got %q, want %q", got, want)
			}
		})
	}
}

func TestJSONBakeContexts(t *testing.T) {
	got := jsonBakeContexts([]byte(`{"group": {"default": {"targets": ["app"]}},
  "target": {"app": {"contexts": {"src": "../src", "base": "target:base"}}, "base": {"dockerfile": "b.Dockerfile"}}}`))
	slices.Sort(got)
	if want := []string{"base", "src"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := jsonBakeContexts([]byte(`{"target": [1, 2]}`)); got != nil {
		t.Errorf("malformed bake file: got %q, want none", got)
	}
}

func TestComposeContexts(t *testing.T) {
	// Compose's docs: additional_contexts as a mapping and as a list.
	got := composeContexts([]byte(`services:
  app:
    build:
      context: .
      additional_contexts:
        resources: /path/to/resources
        app: docker-image://my-app:latest
  worker:
    build:
      context: ./worker
      additional_contexts:
        - source=https://github.com/myuser/project.git
  db:
    image: postgres:16
  short:
    build: ./short
`))
	slices.Sort(got)
	if want := []string{"app", "resources", "source"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := composeContexts([]byte("services: [1, 2]\n")); got != nil {
		t.Errorf("malformed compose file: got %q, want none", got)
	}
}
