package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// lineOf returns the 1-based line of the first line of src containing s.
func lineOf(t *testing.T, src, s string) int {
	t.Helper()
	for i, l := range strings.Split(src, "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%q is not in the source", s)
	return 0
}

func mustParse(t *testing.T, src string, env map[string]string) *Project {
	t.Helper()
	p, err := Parse("compose.yaml", []byte(src), env)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const positionsSrc = `services:
  web:
    image: app:latest
    privileged: true
    cap_add:
      - SYS_ADMIN
    ports:
      - "5000:5000"
      - target: 443
        published: 443
        host_ip: 127.0.0.1
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
      - type: bind
        source: /
        target: /host
        bind:
          propagation: rshared
    security_opt:
      - seccomp:unconfined
    healthcheck:
      disable: true
    deploy:
      resources:
        limits:
          cpus: "0.5"
      restart_policy:
        max_attempts: 10
  db:
    image: postgres
`

// TestPositions checks that each setting points at the line a check must
// report: the key, the list item, or the nested key of a long syntax.
func TestPositions(t *testing.T) {
	p := mustParse(t, positionsSrc, nil)
	web, db := p.Service("web"), p.Service("db")
	if web == nil || db == nil {
		t.Fatalf("services: %v", p.Services)
	}
	for _, tc := range []struct {
		what string
		got  Pos
		want string
	}{
		{"service", web.Pos, "  web:"},
		{"missing key falls back to the service", db.Pos, "  db:"},
		{"image", web.Image.Pos, "image: app:latest"},
		{"privileged", web.Privileged.Pos, "privileged: true"},
		{"cap_add key", web.CapAdd.Pos, "cap_add:"},
		{"cap_add item", web.CapAdd.Items[0].Pos, "- SYS_ADMIN"},
		{"ports key", web.Ports.Pos, "ports:"},
		{"short port", web.Ports.Items[0].Pos, `- "5000:5000"`},
		{"long port", web.Ports.Items[1].Pos, "- target: 443"},
		{"long port host_ip", web.Ports.Items[1].HostIP.Pos, "host_ip: 127.0.0.1"},
		{"socket mount", web.Volumes.Items[0].Source.Pos, "- /var/run/docker.sock"},
		{"bind source", web.Volumes.Items[1].Source.Pos, "source: /"},
		{"propagation", web.Volumes.Items[1].Propagation.Pos, "propagation: rshared"},
		{"security_opt item", web.SecurityOpt.Items[0].Pos, "- seccomp:unconfined"},
		{"healthcheck disable", web.Healthcheck.Disable.Pos, "disable: true"},
		{"limits", web.Deploy.Resources.Limits.Pos, "limits:"},
		{"max_attempts", web.Deploy.RestartPolicy.MaxAttempts.Pos, "max_attempts: 10"},
	} {
		if want := lineOf(t, positionsSrc, tc.want); tc.got.Line != want || tc.got.File != "compose.yaml" {
			t.Errorf("%s: at %v, want line %d (%s)", tc.what, tc.got, want, tc.want)
		}
	}
	if db.Privileged.Set || db.Ports.Set || db.Deploy.Set {
		t.Errorf("db: unset keys read as set: %+v", db)
	}
	port := web.Ports.Items[0]
	if !port.AllInterfaces() || port.Published.Value != "5000" || port.Protocol.Value != "tcp" {
		t.Errorf("short port: %+v", port)
	}
	if long := web.Ports.Items[1]; long.AllInterfaces() {
		t.Errorf("a port on 127.0.0.1 reads as every interface: %+v", long)
	}
	if lo, hi, ok := web.Ports.Items[1].PublishedRange(); !ok || lo != 443 || hi != 443 {
		t.Errorf("PublishedRange = %d, %d, %v", lo, hi, ok)
	}
	if _, disabled := web.Healthcheck.Disabled(); !disabled {
		t.Error("healthcheck disable: true is not Disabled")
	}
	if got := web.Deploy.Resources.Limits.Cpus.Value; got != 0.5 {
		t.Errorf("limits.cpus = %v", got)
	}
}

// TestOverrideAndExtendsPositions: a setting points into the file that
// wrote the value in effect, whether an override or an `extends` base.
func TestOverrideAndExtendsPositions(t *testing.T) {
	dir, err := filepath.Abs("testdata/projects/overrides")
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(Options{Files: []string{filepath.Join(dir, "compose.yaml"), filepath.Join(dir, "compose.override.yaml")}, Env: fixtureEnv})
	if err != nil {
		t.Fatal(err)
	}
	web := p.Service("web")
	base, override := filepath.Join(dir, "compose.yaml"), filepath.Join(dir, "compose.override.yaml")
	if web.Pos.File != base || web.User.Pos.File != override || web.Image.Pos.File != base {
		t.Errorf("web at %v, user at %v, image at %v", web.Pos, web.User.Pos, web.Image.Pos)
	}
	// The override's `- ./data2:/data` replaces the base's /data mount in
	// place; its line is the override's.
	if v := web.Volumes.Items[0]; v.Pos.File != override || v.Target.Value != "/data" || v.HostPath != filepath.Join(dir, "data2") {
		t.Errorf("first volume = %+v", v)
	}
	// restart came from the anchor through a merge key: it points there.
	if web.Restart.Value != "always" || web.Restart.Pos.Line != 4 {
		t.Errorf("restart = %q at %v, want always at the anchor's line 4", web.Restart.Value, web.Restart.Pos)
	}
	if got := web.Build.DockerfilePath(); got != filepath.Join(dir, "web", "Dockerfile.prod") {
		t.Errorf("DockerfilePath = %q", got)
	}

	dir, err = filepath.Abs("testdata/projects/extends")
	if err != nil {
		t.Fatal(err)
	}
	p, err = Load(Options{Files: []string{filepath.Join(dir, "compose.yaml")}})
	if err != nil {
		t.Fatal(err)
	}
	remote := p.Service("remote")
	common := filepath.Join(dir, "common", "services.yml")
	if remote.PidsLimit.Pos.File != common || remote.Image.Pos.File != filepath.Join(dir, "compose.yaml") {
		t.Errorf("pids_limit at %v, image at %v", remote.PidsLimit.Pos, remote.Image.Pos)
	}
	// Paths in an extends file are relative to that file.
	if got := remote.Build.ContextDir; got != filepath.Join(dir, "common", "ctx") {
		t.Errorf("ContextDir = %q", got)
	}
	if v := remote.Volumes.Items[0]; v.HostPath != filepath.Join(dir, "common", "config") {
		t.Errorf("HostPath = %q", v.HostPath)
	}
	if chained := p.Service("chained"); !chained.ReadOnly.Value || chained.Ports.Items[0].HostIP.Value != "127.0.0.1" {
		t.Errorf("chained extends lost its bases' settings: %+v", chained)
	}
}

// TestEnvironmentKinds: each entry says whether its value is written in
// the file, interpolated, or passed through from the host.
func TestEnvironmentKinds(t *testing.T) {
	src := `services:
  app:
    environment:
      PASSWORD: hunter2
      TOKEN: ${TOKEN}
      SHORT: $TOKEN
      URL: postgres://app:${DB_PW:-changeme}@db/app
      ESCAPED: $$NOT_A_VAR
      PASS_THROUGH:
      EMPTY: ""
      PORT: 5000
  list:
    environment:
      - PASSWORD=hunter2
      - TOKEN=${TOKEN}
      - PASS_THROUGH
      - EMPTY=
`
	p := mustParse(t, src, map[string]string{"TOKEN": "t0k3n"})
	want := map[string]struct {
		kind  ValueKind
		raw   string
		value string
	}{
		"PASSWORD":     {ValueLiteral, "hunter2", "hunter2"},
		"TOKEN":        {ValueInterpolated, "${TOKEN}", "t0k3n"},
		"SHORT":        {ValueInterpolated, "$TOKEN", "t0k3n"},
		"URL":          {ValueInterpolated, "postgres://app:${DB_PW:-changeme}@db/app", "postgres://app:changeme@db/app"},
		"ESCAPED":      {ValueLiteral, "$$NOT_A_VAR", "$NOT_A_VAR"},
		"PASS_THROUGH": {ValueFromHost, "", ""},
		"EMPTY":        {ValueLiteral, "", ""},
		"PORT":         {ValueLiteral, "5000", "5000"},
	}
	for _, name := range []string{"app", "list"} {
		s := p.Service(name)
		if len(s.Environment.Items) == 0 {
			t.Fatalf("%s: no environment", name)
		}
		for _, v := range s.Environment.Items {
			w, ok := want[v.Name]
			if !ok {
				t.Errorf("%s: unexpected %s", name, v.Name)
				continue
			}
			if v.Kind != w.kind || v.Raw != w.raw || v.Value != w.value {
				t.Errorf("%s: %s = {%v %q %q}, want {%v %q %q}", name, v.Name, v.Kind, v.Raw, v.Value, w.kind, w.raw, w.value)
			}
			if v.Pos.Line != lineOf(t, src, v.Name) && name == "app" {
				t.Errorf("%s: %s at %v", name, v.Name, v.Pos)
			}
		}
	}
}

// TestNoValueInMessages: warnings and errors say where and what is wrong,
// never the value, which may be a secret from the environment.
func TestNoValueInMessages(t *testing.T) {
	const secret = "s3cr3t-value"
	src := `services:
  app:
    image: ${IMG:?}
    ports:
      - "${SECRET}:80:80"
      - "1.2.3.4:${SECRET}:80"
    volumes:
      - "${SECRET}::/x"
    privileged: ${SECRET}
    command: "run '${SECRET}"
    environment:
      BAD: ${SECRET
`
	p := mustParse(t, src, map[string]string{"SECRET": secret})
	if len(p.Warnings) < 5 {
		t.Errorf("%d warnings, want one per bad value: %v", len(p.Warnings), p.Warnings)
	}
	for _, w := range p.Warnings {
		if strings.Contains(w.Error(), secret) || strings.Contains(w.Error(), "${SECRET") {
			t.Errorf("warning quotes a value: %v", w)
		}
		if w.Line == 0 {
			t.Errorf("warning without a line: %v", w)
		}
	}
}

// TestErrors: what cannot be modelled is one Error with file and line.
func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		line      int
	}{
		{"unclosed flow list", "services:\n  web:\n    image: [unclosed\n", 3},
		{"list in a mapping", "x: 1\n- y\n", 2},
		{"bad indent", "a: 1\nb: 2\nc: 3\n  d: 4\n", 4},
		{"a list", "- a\n- b\n", 1},
		{"a scalar", "\n\njust text\n", 3},
		{"tab indent", "services:\n\tweb: {}\n", 2},
		{"merge-key bomb", mergeBomb(30), 1},
	} {
		_, err := Parse("c.yaml", []byte(tc.src), nil)
		e, ok := err.(*Error)
		if !ok {
			t.Errorf("%s: err = %v, want *Error", tc.name, err)
			continue
		}
		if e.File != "c.yaml" || e.Line != tc.line || e.Msg == "" {
			t.Errorf("%s: %+v, want line %d", tc.name, e, tc.line)
		}
	}
	// Aliases are followed one level where a list is read, never expanded:
	// a billion laughs costs nothing and models as the bad list it is.
	p, err := Parse("c.yaml", []byte(aliasBomb(40)), nil)
	if err != nil || p.Service("app") == nil || len(p.Service("app").Command.Args) != 0 {
		t.Errorf("alias bomb: %v", err)
	}
	p, err = Parse("c.yaml", []byte("services:\n  a:\n    image: x\n    image: y\n"), nil)
	if err != nil || len(p.Warnings) != 1 || p.Warnings[0].Line != 4 || p.Service("a").Image.Value != "y" {
		t.Errorf("repeated key: %v, %v", p.Warnings, err)
	}
	p, err = Parse("c.yaml", []byte("# nothing here\n"), nil)
	if err != nil || len(p.Warnings) != 1 || len(p.Services) != 0 {
		t.Errorf("empty file: %v, %v", p, err)
	}
	big := Options{Files: []string{"big.yaml"}, NoDotEnv: true, MaxFileBytes: 10,
		ReadFile: func(string) ([]byte, error) { return []byte("services: {}\n"), nil }}
	if _, err := Load(big); err == nil || !strings.Contains(err.Error(), "larger than 10 bytes") {
		t.Errorf("oversized file: %v", err)
	}
}

// mergeBomb nests merge keys so that each level merges the one before
// twice: looking a key up in the service visits 2^levels mappings.
func mergeBomb(levels int) string {
	return doubling(levels, "{a: 1}", "{<<: [*%s, *%s]}", "    <<: *%s\n    image: x\n")
}

// aliasBomb is a "billion laughs" document: each level doubles the one
// before, so the service's command would expand to 2^levels words.
func aliasBomb(levels int) string {
	return doubling(levels, "[a, b]", "[*%s, *%s]", "    image: x\n    command: *%s\n")
}

// doubling writes anchors a0 (first) to aN, each naming the one before
// twice in form, and a service whose body (use) names the last.
func doubling(levels int, first, form, use string) string {
	var b strings.Builder
	b.WriteString("x-a0: &a0 " + first + "\n")
	for i := 1; i <= levels; i++ {
		prev := "a" + strconv.Itoa(i-1)
		fmt.Fprintf(&b, "x-a%d: &a%d "+form+"\n", i, i, prev, prev)
	}
	fmt.Fprintf(&b, "services:\n  app:\n"+use, "a"+strconv.Itoa(levels))
	return b.String()
}

// TestExtendsAndIncludeProblems: an unreadable or unknown base is a
// warning, and the service is still modelled.
func TestExtendsAndIncludeProblems(t *testing.T) {
	src := `services:
  a:
    extends: {file: /dev/zero, service: b}
    image: a
  c:
    extends: missing
    image: c
  d:
    extends: d
  e:
    extends: {file: nowhere.yaml, service: x}
include:
  - /dev/zero
`
	p := mustParse(t, src, nil)
	if len(p.Services) != 4 || p.Service("a").Image.Value != "a" {
		t.Fatalf("services: %+v", p.Services)
	}
	for _, want := range []string{"not a regular file", "no such service to extend", "the service extends itself", "cannot read"} {
		found := false
		for _, w := range p.Warnings {
			found = found || strings.Contains(w.Msg, want)
		}
		if !found {
			t.Errorf("no warning says %q: %v", want, p.Warnings)
		}
	}
}

// TestDotEnvAndExplicitEnv: Env wins over `.env`; the process environment
// is not read.
func TestDotEnvAndExplicitEnv(t *testing.T) {
	t.Setenv("NGINX_TAG", "from-process")
	dir, err := filepath.Abs("testdata/projects/include")
	if err != nil {
		t.Fatal(err)
	}
	files := []string{filepath.Join(dir, "compose.yaml")}
	p, err := Load(Options{Files: files})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Service("front").Image.Value; got != "nginx:1.27" {
		t.Errorf(".env: image = %q", got)
	}
	if got := p.Service("back").Image.Value; got != "back:7" {
		t.Errorf("the included project's own .env: image = %q", got)
	}
	p, err = Load(Options{Files: files, Env: map[string]string{"NGINX_TAG": "explicit"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Service("front").Image.Value; got != "nginx:explicit" {
		t.Errorf("Env over .env: image = %q", got)
	}
	p, err = Load(Options{Files: files, NoDotEnv: true})
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Service("front").Image.Value; got != "nginx:" {
		t.Errorf("no env at all: image = %q", got)
	}
}

func TestDiscover(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"docker-compose.yml", "compose.yaml", "compose.override.yaml", "docker-compose.override.yml", "compose.prod.yaml", "docker-compose.ci.yml", "compose.yaml.bak", "notes.yaml", "compose.json"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("services: {}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(filepath.Join(dir, "compose.yaml"), filepath.Join(dir, "compose.yml")); err != nil {
		t.Fatal(err)
	}
	sets, err := Discover(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sets {
		var names []string
		for _, f := range s.Files {
			names = append(names, filepath.Base(f))
		}
		got = append(got, strings.Join(names, "+"))
	}
	want := []string{
		"compose.yaml+compose.override.yaml",
		"docker-compose.yml",
		"compose.yaml+compose.prod.yaml",
		"compose.yaml+docker-compose.ci.yml",
		"compose.yaml+docker-compose.override.yml",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("Discover = %v\nwant       %v", got, want)
	}
	if sets, err := Discover(t.TempDir()); err != nil || len(sets) != 0 {
		t.Errorf("empty dir: %v, %v", sets, err)
	}
}
