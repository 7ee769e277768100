package lint_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// imageConfigSeeds are the config.json sections of the repository's image
// fixtures (testdata/images/*.txtar, testdata/rules/*/*.txtar).
func imageConfigSeeds(tb testing.TB) [][]byte {
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

// scanConfig runs every image check the config and history feed (no
// layers) and fails on an internal error: a check that panicked.
func scanConfig(t *testing.T, e *lint.Engine, cfg *v1.ConfigFile) {
	t.Helper()
	res := e.ScanImage(context.Background(), &image.Image{Name: "fuzz:latest", Config: cfg}, lint.ImageOptions{})
	for _, p := range res.Problems {
		if p.Internal || strings.Contains(p.Message, "internal error") {
			t.Fatalf("internal error: %s", p)
		}
	}
}

// FuzzImageConfig feeds arbitrary image config JSON (environment, ports,
// user, entrypoint, health check, volumes, labels, history) to the image
// config checks and to the history replayed through the Dockerfile rules.
// Seeds: the config.json of every image fixture, plus
// testdata/fuzz/FuzzImageConfig. To fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz FuzzImageConfig -parallel=1 -fuzztime 15m
func FuzzImageConfig(f *testing.F) {
	for _, s := range imageConfigSeeds(f) {
		f.Add(s)
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, data []byte) {
		var cfg v1.ConfigFile
		if json.Unmarshal(data, &cfg) != nil {
			return
		}
		scanConfig(t, e, &cfg)
	})
}

// FuzzHistory feeds one history entry's created_by text to ParseHistory
// and, through an image config holding it, to the Dockerfile rules the
// history is replayed through. Seeds: every created_by of the image
// fixtures, plus testdata/fuzz/FuzzHistory. To fuzz:
//
//	go test ./internal/lint -run '^$' -fuzz FuzzHistory -parallel=1 -fuzztime 15m
func FuzzHistory(f *testing.F) {
	for _, s := range imageConfigSeeds(f) {
		var cfg v1.ConfigFile
		if json.Unmarshal(s, &cfg) == nil {
			for _, h := range cfg.History {
				f.Add(h.CreatedBy)
			}
		}
	}
	e := lint.New(lint.Options{Rules: rules.All()})
	f.Fuzz(func(t *testing.T, createdBy string) {
		if step, ok := lint.ParseHistory(createdBy); ok && step.Text == "" {
			t.Fatalf("ParseHistory(%q) recognised an instruction with no text", createdBy)
		}
		scanConfig(t, e, &v1.ConfigFile{History: []v1.History{{CreatedBy: createdBy}, {CreatedBy: "RUN " + createdBy}}})
	})
}
