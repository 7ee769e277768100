//go:build !daemon

package image

import (
	"context"
	"testing"
)

// Without the daemon tag, docker-daemon: parses and then says how to get
// the feature, instead of "not a valid reference".
func TestDaemonNotBuiltIn(t *testing.T) {
	k, p, _, err := ParseRef("docker-daemon:app:1.2")
	if err != nil || k != KindDaemon || p != "app:1.2" {
		t.Fatalf("ParseRef = %v %q %v", k, p, err)
	}
	_, err = Open(context.Background(), "docker-daemon:app:1.2", testOpts())
	mustContain(t, err, "docker-daemon:app:1.2", "-tags daemon", "docker-archive:")
	_, _, _, err = ParseRef("docker-daemon:Not A Name")
	mustContain(t, err, "invalid image name")
}
