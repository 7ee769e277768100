package lint

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// baseHistoryConfig is an application image on top of a base whose own
// steps (up to its CMD, entry 3) install unpinned packages and use a token
// build argument, as the image's own steps do.
func baseHistoryConfig() *v1.ConfigFile {
	return &v1.ConfigFile{History: []v1.History{
		{CreatedBy: "/bin/sh -c #(nop) ADD file:x in / "},
		{CreatedBy: "/bin/sh -c pip install --no-cache-dir requests"},
		{CreatedBy: "RUN |1 GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB /bin/sh -c make # buildkit"},
		{CreatedBy: `/bin/sh -c #(nop)  CMD ["python3"]`, EmptyLayer: true},
		{CreatedBy: "RUN /bin/sh -c pip install --no-cache-dir flask # buildkit"},
		{CreatedBy: "RUN |1 GITHUB_TOKEN=ghp_0123456789abcdefghijklmnopqrstuvwxyzAB /bin/sh -c make app # buildkit"},
		{CreatedBy: `CMD ["/app"]`, EmptyLayer: true},
	}}
}

// scanBaseHistory scans baseHistoryConfig's history and lists its findings
// as "entry rule severity".
func scanBaseHistory(t *testing.T, opts Options, policy BaseHistory) []string {
	t.Helper()
	opts.Rules = []*rules.Rule{rules.PackageVersionUnpinned, rules.SecretInArgEnv}
	res := New(opts).ScanImage(context.Background(), &image.Image{Name: "img", Digest: "sha256:0", Config: baseHistoryConfig()}, ImageOptions{BaseHistory: policy})
	if len(res.Problems) != 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	var got []string
	for _, f := range res.Findings {
		if base := strings.Contains(f.Message, ", base image)"); base != (f.History <= 3) {
			t.Errorf("entry %d: base image label is %v: %s", f.History, base, f.Message)
		}
		got = append(got, fmt.Sprintf("%d %s %s", f.History, f.Rule.ID, f.Severity))
	}
	slices.Sort(got)
	return got
}

// The base image's history findings are info by default, kept or dropped
// on request; the image's own keep their severity whatever the policy.
func TestBaseHistoryPolicy(t *testing.T) {
	cases := []struct {
		policy BaseHistory
		want   []string
	}{
		{BaseHistoryInfo, []string{"1 DKS3003 info", "2 DKS5001 info", "4 DKS3003 warning", "5 DKS5001 error"}},
		{BaseHistoryKeep, []string{"1 DKS3003 warning", "2 DKS5001 error", "4 DKS3003 warning", "5 DKS5001 error"}},
		{BaseHistorySkip, []string{"4 DKS3003 warning", "5 DKS5001 error"}},
	}
	for _, c := range cases {
		if got := scanBaseHistory(t, Options{}, c.policy); !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.policy, got, c.want)
		}
	}
}

// A severity the user set for a rule, or for the peer ID a finding carries,
// wins over the policy's info; a peer ID of another package manager does not
// reach the pip finding.
func TestBaseHistorySeverityOverride(t *testing.T) {
	cases := []struct {
		severity map[string]rules.Severity
		want     []string
	}{
		{map[string]rules.Severity{"DKS3003": rules.Error}, []string{"1 DKS3003 error", "2 DKS5001 info", "4 DKS3003 error", "5 DKS5001 error"}},
		{map[string]rules.Severity{"DL3013": rules.Warning}, []string{"1 DKS3003 warning", "2 DKS5001 info", "4 DKS3003 warning", "5 DKS5001 error"}},
		{map[string]rules.Severity{"DL3016": rules.Error}, []string{"1 DKS3003 info", "2 DKS5001 info", "4 DKS3003 warning", "5 DKS5001 error"}},
		// An override below info is not raised to it.
		{map[string]rules.Severity{"DKS5001": rules.Style}, []string{"1 DKS3003 info", "2 DKS5001 style", "4 DKS3003 warning", "5 DKS5001 style"}},
	}
	for _, c := range cases {
		if got := scanBaseHistory(t, Options{Severity: c.severity}, BaseHistoryInfo); !slices.Equal(got, c.want) {
			t.Errorf("%v: %q, want %q", c.severity, got, c.want)
		}
	}
}

func TestParseBaseHistory(t *testing.T) {
	for _, b := range []BaseHistory{BaseHistoryInfo, BaseHistoryKeep, BaseHistorySkip} {
		if got, err := ParseBaseHistory(b.String()); err != nil || got != b {
			t.Errorf("%s read back as %s, %v", b, got, err)
		}
	}
	if _, err := ParseBaseHistory("drop"); err == nil {
		t.Error(`"drop" accepted`)
	}
}
