package rules_test

import (
	"testing"

	"github.com/dockstride/dockstride/rules"
)

// A toolchain opened up in a development container (devcontainers/images'
// dotnet image) is worked in, not deployed: info there, a warning in any
// other file of the same text.
func TestWorldWritableInDevcontainer(t *testing.T) {
	src := []byte("ARG VARIANT=10.0-noble\nFROM mcr.microsoft.com/dotnet/sdk:${VARIANT}\nRUN chmod -R a+w /usr/share/dotnet\n")
	for path, want := range map[string]rules.Severity{
		"src/dotnet/.devcontainer/Dockerfile": rules.Info,
		".devcontainer/Dockerfile":            rules.Info,
		"Dockerfile":                          rules.Warning,
		"devcontainer.Dockerfile":             rules.Warning,
	} {
		res := lintWith(rules.WorldWritablePermissions, rules.Settings{}, path, src)
		if len(res.Findings) != 1 {
			t.Errorf("%s: %d findings, want 1: %v", path, len(res.Findings), res.Findings)
			continue
		}
		if f := res.Findings[0]; f.Severity != want || f.Line != 3 {
			t.Errorf("%s: %s at line %d (%s), want %s at line 3", path, f.Severity, f.Line, f.Message, want)
		}
	}
}
