package lint_test

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	cgloader "github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
)

// composeGoLoads loads a compose file with compose-go's own loader, as
// docker compose would, and returns its services.
func composeGoLoads(t *testing.T, path string) types.Services {
	t.Helper()
	cd := types.ConfigDetails{WorkingDir: filepath.Dir(path), ConfigFiles: []types.ConfigFile{{Filename: path}}, Environment: types.Mapping{}}
	p, err := cgloader.LoadWithContext(context.Background(), cd, func(o *cgloader.Options) {
		o.SetProjectName("fix", true)
		o.SkipResolveEnvironment = true
		o.SkipConsistencyCheck = true
	})
	if err != nil {
		t.Fatalf("compose-go cannot load the fixed file: %v", err)
	}
	return p.Services
}

// fixCompose writes src as a compose file, fixes it (safe fixes) and
// returns the fixed text (src when nothing changed) and the result.
func fixCompose(t *testing.T, src string) (string, lint.ComposeResult, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{path}}, lint.FixMode{})
	for _, p := range res.Problems {
		if p.Internal {
			t.Fatalf("internal problem: %s", p)
		}
	}
	if got, _ := os.ReadFile(path); string(got) != src {
		t.Fatal("FixCompose wrote the file")
	}
	switch len(fixed) {
	case 0:
		return src, res, path
	case 1:
		if fixed[0].Path != path || string(fixed[0].Before) != src {
			t.Fatalf("fixed %s, before %q", fixed[0].Path, fixed[0].Before)
		}
		return string(fixed[0].After), res, path
	}
	t.Fatalf("%d files fixed, want 1", len(fixed))
	return "", res, ""
}

func TestFixComposeNoNewPrivileges(t *testing.T) {
	cases := []struct{ name, src, want string }{{
		name: "comments and order kept",
		src:  "# the app\nservices:\n  web:   # the front\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n    # no more\n\n  db:\n    image: postgres:16\n",
		want: "# the app\nservices:\n  web:   # the front\n    image: nginx:1.27\n    ports:\n      - \"127.0.0.1:8080:80\"\n    security_opt:\n      - no-new-privileges:true\n    # no more\n\n" +
			"  db:\n    image: postgres:16\n    security_opt:\n      - no-new-privileges:true\n",
	}, {
		name: "CRLF, no final newline, four-space indent",
		src:  "services:\r\n    web:\r\n        image: nginx:1.27",
		want: "services:\r\n    web:\r\n        image: nginx:1.27\r\n        security_opt:\r\n          - no-new-privileges:true",
	}, {
		// A byte order mark is kept; the YAML positions count from after it.
		name: "BOM",
		src:  "\xef\xbb\xbfservices:\n  web:\n    image: nginx:1.27\n",
		want: "\xef\xbb\xbfservices:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n",
	}, {
		name: "block scalar",
		src:  "services:\n  web:\n    image: nginx:1.27\n    command: |\n      nginx -g 'daemon off;'\nvolumes:\n  data: {}\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    command: |\n      nginx -g 'daemon off;'\n    security_opt:\n      - no-new-privileges:true\nvolumes:\n  data: {}\n",
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, res, path := fixCompose(t, c.src)
			if got != c.want {
				t.Fatalf("fixed:\n%q\nwant:\n%q", got, c.want)
			}
			for _, fd := range res.Findings {
				if fd.Rule == rules.NewPrivilegesAllowed {
					t.Errorf("still found after the fix: %s", fd.Message)
				}
			}
			if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
			for _, s := range composeGoLoads(t, path) {
				if !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
					t.Errorf("compose-go reads service %s's security_opt as %v", s.Name, s.SecurityOpt)
				}
			}
			if again, _, _ := fixCompose(t, got); again != got {
				t.Errorf("fixing again changed the file:\n%s", again)
			}
		})
	}
}

// TestFixComposeNotOffered: where the edit would need more than adding a
// key, the finding says why no fix is offered.
func TestFixComposeNotOffered(t *testing.T) {
	for _, src := range []string{
		"services:\n  web: {image: nginx:1.27}\n",
		// The list comes from a merge key: it is not the service's to edit.
		"x-hard: &hard\n  security_opt: [\"label:type:x\"]\nservices:\n  web:\n    <<: *hard\n    image: nginx:1.27\n",
		// A comment inside the flow list could swallow the item.
		"services:\n  web:\n    image: nginx:1.27\n    security_opt: [\"label:type:x\", # why\n      ]\n",
	} {
		got, res, _ := fixCompose(t, src)
		if got != src {
			t.Errorf("fixed:\n%s", got)
		}
		var why string
		for _, fd := range res.Findings {
			if fd.Rule == rules.NewPrivilegesAllowed && fd.Fix != nil {
				why = fd.Fix.Unavailable
			}
		}
		if why == "" {
			t.Errorf("%q: the finding does not say why no fix is offered", src)
		}
	}
}

// FuzzFixCompose: for any compose file, fixing never fails inside
// dockstride, a file compose-go reads it still reads once fixed, and
// fixing the fixed text again changes nothing. Seeds: the compose rule
// fixtures and the rules' compose examples.
//
//	go test ./internal/lint -run '^$' -fuzz '^FuzzFixCompose$' -parallel=1 -fuzztime 15m
func FuzzFixCompose(f *testing.F) {
	paths, _ := filepath.Glob("../../testdata/rules/*/*.yml")
	for _, p := range paths {
		if src, err := os.ReadFile(p); err == nil {
			f.Add(src)
		}
	}
	for _, r := range rules.All() {
		for _, ex := range r.Doc.Bad {
			if ex.Input == rules.InputCompose {
				f.Add([]byte(ex.Text))
			}
		}
	}
	// The shapes the unsafe fixes edit: lists to append to, ports short
	// and long, a secret to move to .env, read_only written false.
	for _, s := range []string{
		"services:\n  web:\n    build: .\n    ports:\n      - \"15000:5000\"\n      - 3000\n      - target: 80\n        published: \"8080\"\n    security_opt: [seccomp=x.json]\n    cap_drop:\n      - NET_RAW\n    tmpfs:\n      - /run\n",
		"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: 'hunter2-Secret-99'\n      - X\n    read_only: false\n    pids_limit: -1\n",
		"services:\r\n  db:\r\n    image: postgres:16\r\n    environment:\r\n      - API_KEY=sk_live_4eC39HqLyjWDarjtT1zdp7dc\r\n    mem_limit: 0",
	} {
		f.Add([]byte(s))
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	fixOnce := func(t *testing.T, src []byte) []byte {
		read := func(p string) ([]byte, error) {
			if filepath.Clean(p) == "compose.yaml" {
				return src, nil
			}
			return nil, fs.ErrNotExist
		}
		res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{"compose.yaml"}, Dir: ".", ReadFile: read}, lint.FixMode{Unsafe: true})
		for _, p := range res.Problems {
			if p.Internal {
				t.Fatalf("internal error: %s", p)
			}
		}
		if len(fixed) == 0 {
			return nil
		}
		return fixed[0].After
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		after := fixOnce(t, src)
		if after == nil {
			return
		}
		if composeGoReads("compose.yaml", src) == nil {
			if err := composeGoReads("compose.yaml", after); err != nil {
				t.Fatalf("compose-go read the file but not the fixed file: %v\n%s", err, after)
			}
		}
		if again := fixOnce(t, after); again != nil {
			t.Fatalf("fixing the fixed file changed it again:\n%s\n->\n%s", after, again)
		}
	})
}

// TestFixComposeUnsafe: cap_drop: [ALL], read_only and the limits only
// with --unsafe-fixes, beside the safe fix, and compose-go reads them.
func TestFixComposeUnsafe(t *testing.T) {
	src := "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n"
	path := filepath.Join(t.TempDir(), "compose.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	_, safe := e.FixCompose(context.Background(), compose.Options{Files: []string{path}}, lint.FixMode{})
	_, unsafe := e.FixCompose(context.Background(), compose.Options{Files: []string{path}}, lint.FixMode{Unsafe: true})
	if len(safe) != 1 || len(unsafe) != 1 {
		t.Fatalf("fixed %d and %d files, want 1 and 1", len(safe), len(unsafe))
	}
	if strings.Contains(string(safe[0].After), "cap_drop") {
		t.Errorf("the safe fixes dropped capabilities:\n%s", safe[0].After)
	}
	// All insert at the service's end: one per round, in finding order.
	want := src + "    cap_drop:\n      - ALL\n    security_opt:\n      - no-new-privileges:true\n" +
		"    read_only: true\n    tmpfs:\n      - /tmp\n    mem_limit: 512m\n    pids_limit: 200\n"
	if got := string(unsafe[0].After); got != want {
		t.Fatalf("fixed:\n%q\nwant:\n%q", got, want)
	}
	if err := os.WriteFile(path, unsafe[0].After, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, s := range composeGoLoads(t, path) {
		if !slices.Contains(s.CapDrop, "ALL") || !slices.Contains(s.SecurityOpt, "no-new-privileges:true") {
			t.Errorf("compose-go reads %s as cap_drop %v, security_opt %v", s.Name, s.CapDrop, s.SecurityOpt)
		}
	}
}

// fixComposeMode is fixCompose with a fix mode, and fails unless the
// fixed text loads with compose-go, no longer has a finding of rule r,
// and fixing it again changes nothing.
func fixComposeMode(t *testing.T, src string, mode lint.FixMode, r *rules.Rule) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "compose.yaml")
	fixOnce := func(text string) (string, lint.ComposeResult) {
		t.Helper()
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		e := lint.New(lint.Options{Rules: rules.All()})
		res, fixed := e.FixCompose(context.Background(), compose.Options{Files: []string{path}}, mode)
		for _, p := range res.Problems {
			if p.Internal {
				t.Fatalf("internal problem: %s", p)
			}
		}
		for _, f := range fixed {
			if f.Path == path {
				return string(f.After), res
			}
		}
		return text, res
	}
	got, res := fixOnce(src)
	for _, fd := range res.Findings {
		if fd.Rule == r && fd.Fix.Offered() {
			t.Errorf("still fixable after the fix: %s", fd.Message)
		}
	}
	if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
		t.Fatal(err)
	}
	composeGoLoads(t, path)
	if again, _ := fixOnce(got); again != got {
		t.Errorf("fixing again changed the file:\n%s", again)
	}
	return got
}

// TestFixComposeAppend: a service that writes security_opt or cap_drop
// gets the item appended to its list, in the list's layout.
func TestFixComposeAppend(t *testing.T) {
	cases := []struct {
		name, src, want string
		unsafe          bool
		rule            *rules.Rule
	}{{
		name: "block list with comments",
		src:  "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      # AppArmor profile of the host\n      - apparmor:docker-default   # kept\n    # next\n    ports: [\"127.0.0.1:80:80\"]\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      # AppArmor profile of the host\n      - apparmor:docker-default   # kept\n      - no-new-privileges:true\n    # next\n    ports: [\"127.0.0.1:80:80\"]\n",
		rule: rules.NewPrivilegesAllowed,
	}, {
		name: "block list at the same indentation as the key, quoted, CRLF, no final newline",
		src:  "services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n    - \"label:type:svirt_apache_t\"",
		want: "services:\r\n  web:\r\n    image: nginx:1.27\r\n    security_opt:\r\n    - \"label:type:svirt_apache_t\"\r\n    - \"no-new-privileges:true\"",
		rule: rules.NewPrivilegesAllowed,
	}, {
		name: "flow list",
		src:  "services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp=default.json]\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    security_opt: [seccomp=default.json, \"no-new-privileges:true\"]\n",
		rule: rules.NewPrivilegesAllowed,
	}, {
		name: "flow list over lines with a trailing comma, single quotes",
		src:  "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\n      'label:disable',\n    ]\n",
		want: "services:\n  web:\n    image: nginx:1.27\n    security_opt: [\n      'label:disable', 'no-new-privileges:true'\n    ]\n",
		rule: rules.NewPrivilegesAllowed,
	}, {
		name:   "empty flow list",
		src:    "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    cap_drop: []\n    security_opt: [no-new-privileges:true]\n",
		want:   "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    cap_drop: [ALL]\n    security_opt: [no-new-privileges:true]\n",
		unsafe: true, rule: rules.CapabilitiesUnrestricted,
	}, {
		name:   "cap_drop block list",
		src:    "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    security_opt: [no-new-privileges:true]\n    cap_drop:\n      - NET_RAW\n    cap_add: [NET_BIND_SERVICE]\n",
		want:   "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    security_opt: [no-new-privileges:true]\n    cap_drop:\n      - NET_RAW\n      - ALL\n    cap_add: [NET_BIND_SERVICE]\n",
		unsafe: true, rule: rules.CapabilitiesUnrestricted,
	}, {
		name:   "a list that has the item is left alone",
		src:    "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    security_opt:\n      - no-new-privileges\n    cap_drop: [all]\n",
		want:   "services:\n  web:\n    image: nginx:1.27\n    user: \"101\"\n    security_opt:\n      - no-new-privileges\n    cap_drop: [all]\n",
		unsafe: true, rule: rules.CapabilitiesUnrestricted,
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := fixComposeMode(t, c.src, lint.FixMode{Unsafe: c.unsafe}, c.rule)
			if !c.unsafe {
				// The safe fixes alone must not touch cap_drop.
				if got != c.want {
					t.Fatalf("fixed:\n%q\nwant:\n%q", got, c.want)
				}
				return
			}
			if !strings.HasPrefix(got, strings.TrimSuffix(c.want, "\n")) && got != c.want {
				t.Fatalf("fixed:\n%q\nwant it to start with:\n%q", got, c.want)
			}
		})
	}
}
