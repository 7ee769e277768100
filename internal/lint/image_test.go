package lint

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/rules"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// scanOne scans img with the given rules.
func scanOne(t *testing.T, img v1.Image, rs ...*rules.Rule) ImageResult {
	t.Helper()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{Rules: rs}).ScanImage(context.Background(), &image.Image{Name: "test", Digest: "sha256:0", Config: cf, Img: img}, ImageOptions{})
}

// A crafted image with more setuid files than the report should hold lists
// the first maxLayerFindings and says how many more there were.
func TestLayerFindingsCapped(t *testing.T) {
	var es []imagetest.Entry
	for i := range maxLayerFindings + 500 {
		es = append(es, imagetest.Entry{Name: fmt.Sprintf("bin/s%d", i), Body: "x", Mode: 0o4755})
	}
	res := scanOne(t, imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t, es...))}, nil), rules.SetuidSetgidFile)
	if len(res.Findings) != maxLayerFindings || len(res.Problems) > 0 {
		t.Fatalf("%d findings, problems %v", len(res.Findings), res.Problems)
	}
	n := 0
	for _, f := range res.Findings {
		if strings.Contains(f.Message, "and 500 more findings of this rule not listed") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d findings say how many were left out, want 1", n)
	}
}
