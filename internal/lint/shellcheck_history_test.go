package lint

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// ShellCheck also reads the RUN scripts of an image's history: the rule
// checks files, and the history replays as one.
func TestShellCheckOnHistory(t *testing.T) {
	bin, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not on PATH (CI installs it)")
	}
	cf := &v1.ConfigFile{History: []v1.History{
		{CreatedBy: "/bin/sh -c #(nop) ADD file:x in / "},
		{CreatedBy: "RUN /bin/sh -c echo $HOME # buildkit"},
		{CreatedBy: `RUN |1 T=x /bin/sh -c echo "$T" && cd /tmp # buildkit`},
		{CreatedBy: `/bin/sh -c echo "$HOME"`},
	}}
	e := New(Options{Rules: []*rules.Rule{rules.ShellCheck}, Settings: rules.Settings{ShellCheck: bin}})
	res := e.ScanImage(context.Background(), &image.Image{Name: "img", Digest: "sha256:0", Config: cf}, ImageOptions{})
	if len(res.Problems) != 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%d %v %s", f.History, f.Aliases, f.Severity))
	}
	want := []string{"1 [SC2086] info", "2 [SC2164] warning"}
	if strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("findings %q, want %q", got, want)
	}
}
