package config

import (
	"context"
	"path/filepath"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"
)

type fakeBases struct{}

func (fakeBases) Platform() string { return "linux/amd64" }
func (fakeBases) BaseConfig(context.Context, string, string) (*v1.ConfigFile, bool) {
	return nil, false
}

// resolve-base hands the base resolver to the inputs whose configuration
// sets it, from a file, DOCKSTRIDE_RESOLVE_BASE or --resolve-base, and to
// no others.
func TestResolveBase(t *testing.T) {
	root := t.TempDir()
	on := write(t, filepath.Join(root, "on", ".dockstride.yaml"), "resolve-base: true\n")
	off := filepath.Join(root, "off", "Dockerfile")
	write(t, off, "FROM alpine\n")
	yes, no := true, false
	for _, tc := range []struct {
		name     string
		env      string
		flag     *bool
		path     string
		want     bool
		wantFrom string
	}{
		{"file", "", nil, filepath.Join(filepath.Dir(on), "Dockerfile"), true, on + ":1"},
		{"default", "", nil, off, false, ""},
		{"env", "true", nil, off, true, "env DOCKSTRIDE_RESOLVE_BASE"},
		{"flag beats env", "true", &no, off, false, "flag --resolve-base"},
		{"flag", "", &yes, off, true, "flag --resolve-base"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{"DOCKSTRIDE_RESOLVE_BASE": tc.env}
			r, err := NewResolver(Options{Dir: root, Getenv: func(k string) string { return env[k] }, Flags: Flags{ResolveBase: tc.flag}})
			if err != nil {
				t.Fatal(err)
			}
			r.SetBaseConfigs(fakeBases{})
			opts, err := r.Options(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if got := opts.Settings.Bases != nil; got != tc.want {
				t.Errorf("Settings.Bases set = %v, want %v", got, tc.want)
			}
			c, err := r.ForFile(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			if c.Origin["resolve-base"] != tc.wantFrom {
				t.Errorf("origin = %q, want %q", c.Origin["resolve-base"], tc.wantFrom)
			}
		})
	}
	if _, err := Parse("c.yaml", []byte("resolve-base: sometimes\n")); err == nil {
		t.Error("resolve-base: sometimes was accepted")
	}
}
