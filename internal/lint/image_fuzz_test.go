package lint

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// fuzzEngine runs every rule, optional ones included, except those that
// run an external program (shellcheck): thousands of processes a second
// would measure the machine, not our code.
func fuzzEngine() *Engine {
	var rs []*rules.Rule
	for _, r := range rules.All() {
		if r != rules.ShellCheck {
			rs = append(rs, r)
		}
	}
	return New(Options{Rules: rs})
}

// checkImageResult: no rule failed, and every finding is a well-formed
// image finding.
func checkImageResult(t *testing.T, res ImageResult) {
	t.Helper()
	for _, p := range res.Problems {
		if p.Internal {
			t.Fatalf("a rule failed: %s", p.Message)
		}
	}
	for _, f := range res.Findings {
		if !f.InImage() || f.Image == "" || (f.Target != rules.TargetImageConfig && f.Target != rules.TargetImageHistory) {
			t.Fatalf("malformed finding %+v", f)
		}
	}
}

// FuzzImageConfig feeds arbitrary image config JSON to the config and
// history checks.
func FuzzImageConfig(f *testing.F) {
	f.Add([]byte(`{"config": {"User": "0:0", "Env": ["DB_PASSWORD=hunter2", "A"], "ExposedPorts": {"22/tcp": {}, "1-70000/udp": {}}, "Entrypoint": ["/bin/sh", "-c"], "Volumes": {"/proc": {}}, "Healthcheck": {"Test": ["CMD-SHELL"]}}, "history": [{"created_by": "RUN |1 T=x /bin/sh -c curl x | sh"}]}`))
	f.Add([]byte(`{"config": {"Cmd": ["sh", "-c", "x"], "WorkingDir": "/sys/../dev"}, "history": [{"created_by": "/bin/sh -c #(nop)  ENV A=b"}]}`))
	f.Add([]byte(`{}`))
	for _, s := range fixtureConfigs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		cf, err := v1.ParseConfigFile(bytes.NewReader(b))
		if err != nil {
			return
		}
		res := fuzzEngine().ScanImage(context.Background(), &image.Image{Name: "fuzz", Digest: "sha256:0", Config: cf}, ImageOptions{})
		checkImageResult(t, res)
	})
}

// FuzzParseHistory feeds arbitrary created_by text to the history parser
// and the replay through the instruction checks.
func FuzzParseHistory(f *testing.F) {
	for _, s := range []string{
		`/bin/sh -c #(nop)  CMD ["sh"]`, `/bin/sh -c #(nop) ADD file:3a2b in / `, `|2 A=x y B=2 /bin/sh -c make`,
		"RUN /bin/sh -c set -e\napt-get update # buildkit", `RUN |1 T= /bin/sh -c cat <<EOF > /x # buildkit`,
		`COPY --chown=1:1 . /app # buildkit`, `ENV A="b c" D=e`, `RUN ["apt-get", "install"]`, `cmd /S /C echo`,
	} {
		f.Add(s)
	}
	for _, b := range fixtureConfigs(f) {
		if cf, err := v1.ParseConfigFile(bytes.NewReader(b)); err == nil {
			for _, h := range cf.History {
				f.Add(h.CreatedBy)
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		st, ok := ParseHistory(s)
		if ok && (st.Text == "" || st.Kind == 0) {
			t.Fatalf("ParseHistory(%q) ok with %+v", s, st)
		}
		for _, a := range st.Args {
			if a.Name == "" || strings.ContainsAny(a.Name, " =") {
				t.Fatalf("ParseHistory(%q): bad argument %+v", s, a)
			}
		}
		cf := &v1.ConfigFile{History: []v1.History{{CreatedBy: s}, {CreatedBy: "RUN /bin/sh -c true"}}}
		res := fuzzEngine().ScanImage(context.Background(), &image.Image{Name: "fuzz", Digest: "sha256:0", Config: cf}, ImageOptions{})
		checkImageResult(t, res)
		for _, fd := range res.Findings {
			if fd.Target == rules.TargetImageHistory && (fd.History < 0 || fd.History > 1) {
				t.Fatalf("history index %d out of range", fd.History)
			}
		}
	})
}

// fixtureConfigs are the config.json sections of the repository's image
// fixtures (testdata/images/*.txtar, testdata/rules/*/*.txtar): more fuzz
// seeds, in the shapes real images take.
func fixtureConfigs(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, pattern := range []string{"../../testdata/images/*.txtar", "../../testdata/rules/*/*.txtar"} {
		paths, _ := filepath.Glob(pattern)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				tb.Fatal(err)
			}
			_, cfg, ok := strings.Cut(string(b), "-- config.json --\n")
			if !ok {
				continue
			}
			if end := strings.Index(cfg, "\n-- "); end >= 0 {
				cfg = cfg[:end]
			}
			out = append(out, []byte(cfg))
		}
	}
	return out
}
