package image

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// deps lists the packages the dockstride binary links with the given
// build tags.
func deps(t *testing.T, tags string) []string {
	t.Helper()
	args := []string{"list", "-deps"}
	if tags != "" {
		args = append(args, "-tags", tags)
	}
	out, err := exec.Command("go", append(args, "github.com/dockstride/dockstride/cmd/dockstride")...).CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	return strings.Fields(string(out))
}

// The default binary does not link the Docker client: docker-daemon: is
// behind the daemon build tag (crane's depcheck). The tagged build is the
// control that shows the check can see the client when it is there.
func TestDaemonClientOnlyWithTag(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	docker := func(pkgs []string) []string {
		var out []string
		for _, p := range pkgs {
			if strings.HasPrefix(p, "github.com/moby/moby/client") || strings.HasPrefix(p, "github.com/docker/docker/client") ||
				p == "github.com/google/go-containerregistry/pkg/v1/daemon" {
				out = append(out, p)
			}
		}
		return out
	}
	if got := docker(deps(t, "")); len(got) > 0 {
		t.Errorf("the default build links the Docker client: %v", got)
	}
	tagged := docker(deps(t, "daemon"))
	if !slices.Contains(tagged, "github.com/google/go-containerregistry/pkg/v1/daemon") || !slices.Contains(tagged, "github.com/moby/moby/client") {
		t.Errorf("-tags daemon does not link the daemon source: %v", tagged)
	}
}
