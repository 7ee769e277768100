package daemon

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

const sample = `{
  "icc": false,
  "userns-remap": "default",
  "live-restore": true,
  "userland-proxy": false,
  "no-new-privileges": true,
  "log-driver": "syslog",
  "insecure-registries": [
    "registry.local:5000",
    "10.0.0.0/8"
  ],
  "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
  "tlsverify": true,
  "experimental": false,
  "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}},
  "registry-mirrors": ["https://mirror.example.com"]
}
`

func TestParse(t *testing.T) {
	c, err := Parse("daemon.json", []byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Warnings) != 0 {
		t.Errorf("warnings: %v", c.Warnings)
	}
	for _, tc := range []struct {
		name    string
		set     bool
		pos     Pos
		wantPos Pos
	}{
		{"icc", c.ICC.Set && !c.ICC.Value, c.ICC.Pos, Pos{2, 3}},
		{"userns-remap", c.UsernsRemap.Value == "default", c.UsernsRemap.Pos, Pos{3, 3}},
		{"live-restore", c.LiveRestore.Value, c.LiveRestore.Pos, Pos{4, 3}},
		{"userland-proxy", c.UserlandProxy.Set && !c.UserlandProxy.Value, c.UserlandProxy.Pos, Pos{5, 3}},
		{"no-new-privileges", c.NoNewPrivileges.Value, c.NoNewPrivileges.Pos, Pos{6, 3}},
		{"log-driver", c.LogDriver.Value == "syslog", c.LogDriver.Pos, Pos{7, 3}},
		{"insecure-registries", len(c.InsecureRegistries.Items) == 2, c.InsecureRegistries.Pos, Pos{8, 3}},
		{"insecure item 2", c.InsecureRegistries.Items[1].Value == "10.0.0.0/8", c.InsecureRegistries.Items[1].Pos, Pos{10, 5}},
		{"hosts item 2", c.Hosts.Items[1].Value == "tcp://0.0.0.0:2375", c.Hosts.Items[1].Pos, Pos{12, 44}},
		{"tlsverify", c.TLSVerify.Value, c.TLSVerify.Pos, Pos{13, 3}},
		{"experimental", c.Experimental.Set && !c.Experimental.Value, c.Experimental.Pos, Pos{14, 3}},
		{"default-ulimits", strings.Contains(string(c.DefaultUlimits.Raw), "64000"), c.DefaultUlimits.Pos, Pos{15, 3}},
	} {
		if !tc.set || tc.pos != tc.wantPos {
			t.Errorf("%s: read %v at %v, want at %v", tc.name, tc.set, tc.pos, tc.wantPos)
		}
	}
	if c.TLS.Set || c.IP.Set || c.AuthorizationPlugins.Set {
		t.Errorf("unset keys read as set: %+v %+v %+v", c.TLS, c.IP, c.AuthorizationPlugins)
	}
	if e, ok := c.Key("registry-mirrors"); !ok || e.Pos != (Pos{16, 3}) || string(e.Raw) != `["https://mirror.example.com"]` {
		t.Errorf("unknown key kept as %+v, %v", e, ok)
	}
	if len(c.Keys) != 12 {
		t.Errorf("%d keys, want 12", len(c.Keys))
	}
}

// TestEncodings: dockerd drops a UTF-8 mark and decodes UTF-16 with one.
func TestEncodings(t *testing.T) {
	src := "{\n  \"icc\": false\n}\n"
	utf16le := []byte{0xFF, 0xFE}
	utf16be := []byte{0xFE, 0xFF}
	for _, u := range utf16.Encode([]rune(src)) {
		utf16le = append(utf16le, byte(u), byte(u>>8))
		utf16be = append(utf16be, byte(u>>8), byte(u))
	}
	for name, b := range map[string][]byte{
		"utf-8 BOM": append([]byte{0xEF, 0xBB, 0xBF}, src...), "utf-16le": utf16le, "utf-16be": utf16be,
	} {
		c, err := Parse("d.json", b)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !c.ICC.Set || c.ICC.Value || c.ICC.Pos != (Pos{2, 3}) {
			t.Errorf("%s: icc %+v", name, c.ICC)
		}
	}
}

// TestRefused: what dockerd refuses is one error at its line and column.
func TestRefused(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		pos       Pos
	}{
		{"comment", "{\n  // no comments\n  \"icc\": false\n}", Pos{2, 3}},
		{"trailing comma", "{\n  \"icc\": false,\n}", Pos{3, 1}},
		{"two objects", "{\"icc\": false}\n{\"ipv6\": true}\n", Pos{2, 1}},
		{"missing comma", "{\n  \"ipv6\": true\n  \"icc\": false\n}", Pos{3, 3}},
		{"array", "[1]", Pos{1, 1}},
		{"unterminated", "{\"icc\": tr", Pos{1, 11}},
		{"bad utf-8", "{\"a\": \"\xff\"}", Pos{1, 1}},
		{"odd utf-16", "\xff\xfe{", Pos{1, 1}},
	} {
		_, err := Parse("d.json", []byte(tc.src))
		e, ok := err.(*Error)
		if !ok || e.Pos != tc.pos || e.File != "d.json" {
			t.Errorf("%s: %v, want an *Error at %v", tc.name, err, tc.pos)
		}
	}
	for _, blank := range []string{"", "  \n\t\n", "\xef\xbb\xbf"} {
		if c, err := Parse("d.json", []byte(blank)); err != nil || len(c.Keys) != 0 {
			t.Errorf("%q: %v, %v; dockerd starts with an empty file", blank, c, err)
		}
	}
}

// TestTolerated: a wrong type or a repeated key is a warning; the setting
// is unset or the last one wins, and no value is quoted.
func TestTolerated(t *testing.T) {
	c, err := Parse("d.json", []byte("{\n\"icc\": \"s3cret\",\n\"hosts\": \"tcp://x\",\n\"log-driver\": \"a\",\n\"log-driver\": \"b\",\n\"tls\": null\n}"))
	if err != nil {
		t.Fatal(err)
	}
	if c.ICC.Set || c.Hosts.Set || c.LogDriver.Value != "b" || c.LogDriver.Pos.Line != 5 || c.TLS.Set {
		t.Errorf("icc %+v hosts %+v log-driver %+v tls %+v", c.ICC, c.Hosts, c.LogDriver, c.TLS)
	}
	if len(c.Warnings) != 3 {
		t.Errorf("warnings %v, want 3", c.Warnings)
	}
	for _, w := range c.Warnings {
		if strings.Contains(w.Error(), "s3cret") || w.Line == 0 {
			t.Errorf("warning %v", w)
		}
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "daemon.json")
	if err := os.WriteFile(p, []byte(sample), 0o644); err != nil {
		t.Fatal(err)
	}
	if c, err := Load(p); err != nil || !c.LiveRestore.Value {
		t.Errorf("Load: %v, %v", c, err)
	}
	if _, err := Load(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a directory: %v", err)
	}
	if err := os.WriteFile(p, make([]byte, MaxFileBytes+1), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(p); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("a huge file: %v", err)
	}
}

// FuzzParse: any input gives a Config or one *Error at a place in the
// file, never a panic; a JSON object encoding/json accepts is never
// refused, and every key it holds is kept with a position inside the file.
//
//	go test ./internal/daemon -run '^$' -fuzz FuzzParse -parallel 1 -fuzztime 5m
func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("{\"hosts\": [\"a\", \"b\"], \"icc\": 1, \"icc\": true}"))
	f.Add([]byte("\xff\xfe{\x00}\x00"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := Parse("d.json", src)
		text, decodeErr := decodeText(src)
		var obj map[string]json.RawMessage
		valid := decodeErr == nil && json.Unmarshal(text, &obj) == nil && obj != nil
		if err != nil {
			e, ok := err.(*Error)
			if !ok || e.Line < 1 || e.Col < 1 {
				t.Fatalf("error %v is not an *Error with a position", err)
			}
			if valid {
				t.Fatalf("encoding/json accepts the object; Parse says %v", err)
			}
			return
		}
		lines := strings.Count(string(text), "\n") + 1
		for _, k := range c.Keys {
			if k.Pos.Line < 1 || k.Pos.Line > lines {
				t.Fatalf("key %q at %v, outside %d lines", k.Name, k.Pos, lines)
			}
			if _, ok := obj[k.Name]; valid && !ok {
				t.Fatalf("key %q is not in the object", k.Name)
			}
		}
		if valid && len(obj) > 0 && len(c.Keys) < len(obj) {
			t.Fatalf("%d keys kept, the object has %d", len(c.Keys), len(obj))
		}
		for _, s := range append(c.Hosts.Items, c.InsecureRegistries.Items...) {
			if s.Pos.Line < 1 || s.Pos.Line > lines {
				t.Fatalf("item at %v, outside %d lines", s.Pos, lines)
			}
		}
	})
}
