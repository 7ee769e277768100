package rules_test

import (
	"strings"
	"testing"

	v1 "github.com/google/go-containerregistry/pkg/v1"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/rules"
)

// BaseDefaults: the offline table answers first, the resolved config
// (--resolve-base) where the table does not know the image, and nothing
// for scratch or without either.
func TestBaseDefaults(t *testing.T) {
	bases := rules.StaticBases{Configs: map[string]*v1.ConfigFile{
		"registry.example.com/app/base:1 linux/amd64": {Config: v1.Config{User: "1001", Entrypoint: []string{"/init"}}},
		"registry.example.com/app/root:1 linux/amd64": {Config: v1.Config{User: "0:0", Shell: []string{"/bin/bash", "-c"}}},
		// The table knows distroless :nonroot; a registry claiming root
		// for it is not asked.
		"gcr.io/distroless/static-debian12:nonroot linux/amd64": {},
	}}
	src := "ARG TAG=1\n" +
		"FROM registry.example.com/app/base:${TAG} AS resolved\n" +
		"FROM resolved AS child\n" +
		"FROM registry.example.com/app/root:1 AS root\n" +
		"FROM gcr.io/distroless/static-debian12:nonroot AS table\n" +
		"FROM registry.example.com/app/unknown:1 AS unknown\n" +
		"FROM scratch AS empty\n"
	f, err := dockerfile.Parse("Dockerfile", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		stage   string
		bases   rules.BaseConfigs
		ok      bool
		user    string
		nonRoot bool
		source  string
	}{
		{"resolved", bases, true, "1001", true, "--resolve-base"},
		{"child", bases, true, "1001", true, "--resolve-base"},
		{"root", bases, true, "0:0", false, "--resolve-base"},
		{"table", bases, true, "65532", true, "distroless"},
		{"table", nil, true, "65532", true, "distroless"},
		{"resolved", nil, false, "", false, ""},
		{"unknown", bases, false, "", false, ""},
		{"empty", bases, false, "", false, ""},
	} {
		p := &rules.Pass{File: f, Settings: &rules.Settings{Bases: tc.bases}}
		d, ok := p.BaseDefaults(f.StageByName(tc.stage))
		if ok != tc.ok || d.User != tc.user || d.NonRoot != tc.nonRoot || !strings.Contains(d.Source, tc.source) {
			t.Errorf("%s (bases %v): got %v %+v, want ok=%v user=%q nonRoot=%v source~%q", tc.stage, tc.bases != nil, ok, d, tc.ok, tc.user, tc.nonRoot, tc.source)
		}
	}
	p := &rules.Pass{File: f, Settings: &rules.Settings{Bases: bases}}
	if d, _ := p.BaseDefaults(f.StageByName("root")); !d.Shell.Known || strings.Join(d.Shell.Value, " ") != "/bin/bash -c" || !d.Entrypoint.Known || len(d.Entrypoint.Value) != 0 {
		t.Errorf("root: shell %+v entrypoint %+v, want bash and a known empty entrypoint", d.Shell, d.Entrypoint)
	}
	if d, _ := p.BaseDefaults(f.StageByName("resolved")); d.Shell.Known || !d.Healthcheck.Known || d.Healthcheck.Value {
		t.Errorf("resolved: shell %+v health check %+v, want the shell unknown and no health check", d.Shell, d.Healthcheck)
	}
}
