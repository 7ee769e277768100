package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/image/imagetest"
)

// --eol-date moves the day end of support is judged on, for lint and
// image alike; without it the table's own date is used, so the result does
// not depend on the clock. A bad value is a usage error naming the flag.
func TestEOLDate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "Dockerfile")
	// Ubuntu 22.04's standard support ends on 2027-06-01.
	if err := os.WriteFile(path, []byte("FROM ubuntu:22.04\nUSER 1000\nHEALTHCHECK NONE\nCMD [\"app\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 0, ""},
		{[]string{"--eol-date", "2027-06-01"}, 0, ""},
		{[]string{"--eol-date", "2027-06-02"}, 1, "as of 2027-06-02: Ubuntu 22.04 (jammy) left standard support on 2027-06-01"},
		{[]string{"--eol-date", "today"}, -1, ""},
	} {
		out, errOut, code := run(t, "", append(append([]string{"lint", "--only", "DKS2009"}, c.args...), path)...)
		if c.code >= 0 && code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s%s", c.args, code, c.code, out, errOut)
		}
		if c.code == -1 && code != 0 && code != 1 {
			t.Errorf("%v: exit %d\n%s", c.args, code, errOut)
		}
		if c.want != "" && !strings.Contains(out, c.want) {
			t.Errorf("%v: output lacks %q:\n%s", c.args, c.want, out)
		}
	}
	for _, bad := range []string{"2027-13-01", "tomorrow", "01/06/2027"} {
		_, errOut, code := run(t, "", "lint", "--eol-date", bad, path)
		if code != ExitError || !strings.Contains(errOut, "--eol-date") || !strings.Contains(errOut, "YYYY-MM-DD") {
			t.Errorf("--eol-date %s: exit %d, stderr %q; want a usage error naming the flag and the format", bad, code, errOut)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, ".dockstride.yaml"), []byte("eol-date: 2027-06-02\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, _, code := run(t, "", "lint", "--only", "DKS2009", path); code != 1 || !strings.Contains(out, "as of 2027-06-02") {
		t.Errorf("eol-date in the configuration: exit %d\n%s", code, out)
	}
}

// dockstride image judges the image's own os-release, and takes
// --eol-date too.
func TestImageEOLDate(t *testing.T) {
	osRelease := imagetest.File("etc/os-release", "NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\nVERSION_CODENAME=jammy\n")
	img := imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, osRelease))}, func(cf *v1.ConfigFile) {
		cf.Config.User = "1000"
		cf.Config.Cmd = []string{"/app"}
	})
	path := filepath.Join(t.TempDir(), "img.tar")
	imagetest.WriteTarball(t, path, "example.com/app:1", img)
	if out, errOut, code := run(t, "", "image", "--only", "DKS2009", path); code != 0 {
		t.Errorf("image on the table's date: exit %d\n%s%s", code, out, errOut)
	}
	out, errOut, code := run(t, "", "image", "--only", "DKS2009", "--eol-date", "2027-07-01", path)
	if code != 1 || !strings.Contains(out, "/etc/os-release") || !strings.Contains(out, "built on Ubuntu 22.04 (jammy), past its end of support as of 2027-07-01") {
		t.Errorf("image --eol-date 2027-07-01: exit %d\n%s%s", code, out, errOut)
	}
}
