package lint

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/image/imagetest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// insecureApp has a hardcoded password (line 4), a command run through a
// shell (line 8) and eval of request data (line 12).
const insecureApp = `import subprocess
from flask import Flask, request
app = Flask(__name__)
PASSWORD = "Sup3rS3cr3t!"

@app.route("/ping")
def ping():
    return subprocess.check_output(f"ping -c 1 {request.args['ip']}", shell=True)

@app.route("/calc")
def calc():
    return str(eval(request.args["expr"]))
`

// codeImage is an image whose layers hold insecureApp as the application
// (layer 1) and in the interpreter's trees and a virtual environment
// (layer 0), with files that layer 2 deletes or replaces.
func codeImage(t *testing.T) (v1.Image, []string) {
	t.Helper()
	evalOnly := "import logging\nprint(eval(input()))\n"
	layers := []v1.Layer{
		imagetest.Layer(t, imagetest.Tar(t,
			imagetest.File("usr/local/lib/python3.12/site-packages/flaskapp/app.py", insecureApp),
			imagetest.File("usr/local/lib/python3.12/json/tool.py", insecureApp),
			imagetest.File("usr/lib/python3/dist-packages/x/app.py", insecureApp),
			imagetest.File("opt/conda/lib/python3.11/app.py", insecureApp),
			imagetest.File("srv/node_modules/x/config.json", `{"token": "ghp_`+strings.Repeat("A1b2", 9)+`"}`),
			// A virtual environment: its pyvenv.cfg comes after its bin/,
			// as in a layer made by docker build.
			imagetest.File("opt/venv/bin/activate_this.py", evalOnly),
			imagetest.File("opt/venv/pyvenv.cfg", "home = /usr/local/bin\n"),
		)),
		imagetest.Layer(t, imagetest.Tar(t,
			imagetest.Dir("app/"),
			imagetest.File("app/app.py", insecureApp),
			imagetest.File("app/old.py", evalOnly),
			imagetest.File("app/old_settings.py", "DB_PASSWORD = \"hunter2hunter2\"\n"),
			imagetest.File("app/util.py", evalOnly),
			imagetest.File("app/moved.py", evalOnly),
			imagetest.File("app/quiet.py", "x = eval(input())  # nosec B307\n"),
			imagetest.File("app/venv/__init__.py", evalOnly), // a package named venv, not an environment
		)),
		imagetest.Layer(t, imagetest.Tar(t,
			imagetest.File("app/.wh.old.py", ""),
			imagetest.File("app/.wh.old_settings.py", ""),
			imagetest.File("app/util.py", "import logging\n"),
			imagetest.File("app/moved.py", "import logging\n\n\nprint(eval(input()))\n"),
		)),
	}
	img := imagetest.Image(t, layers, nil)
	var digests []string
	for _, l := range layers {
		d, err := l.Digest()
		if err != nil {
			t.Fatal(err)
		}
		digests = append(digests, d.String())
	}
	return img, digests
}

// scanCode scans img with every rule and the given code mode.
func scanCode(t *testing.T, img v1.Image, mode CodeMode) ImageResult {
	t.Helper()
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	return New(Options{Code: mode}).ScanImage(context.Background(), &image.Image{Name: "test", Digest: "sha256:0", Config: cf, Img: img}, ImageOptions{})
}

// An image's application code is checked by lint's code rules: the file
// that survives in the final file system, not the interpreter's trees,
// installed packages or a virtual environment; a file a later layer
// deleted or replaced counts no more, except for the credential it still
// ships; pragmas are honoured.
func TestImageApplicationCode(t *testing.T) {
	img, layers := codeImage(t)
	res := scanCode(t, img, CodeShipped)
	if len(res.Problems) > 0 {
		t.Fatalf("problems: %v", res.Problems)
	}
	got := map[string]string{}
	var keys []string
	for _, f := range res.Findings {
		if f.Line == 0 {
			continue // not a code finding
		}
		k := fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule.ID)
		keys = append(keys, k)
		got[k] = f.Layer + " " + f.Message
		if f.Image != "test" || f.Digest != "sha256:0" || f.Target.Origin() != "layer" {
			t.Errorf("%s: location %+v, want the image's layer", k, f.Location)
		}
		if strings.Contains(f.Message, "Sup3rS3cr3t") || strings.Contains(f.Message, "hunter2") {
			t.Errorf("%s prints the secret: %s", k, f.Message)
		}
	}
	slices.Sort(keys)
	want := map[string]string{
		"/app/app.py:1 DKS9002":           layers[1], // import subprocess
		"/app/app.py:4 DKS5001":           layers[1],
		"/app/app.py:8 DKS9001":           layers[1],
		"/app/app.py:12 DKS9005":          layers[1],
		"/app/moved.py:4 DKS9005":         layers[2], // the replacement's eval, at its line
		"/app/venv/__init__.py:2 DKS9005": layers[1],
		"/app/old_settings.py:1 DKS5001":  layers[1], // deleted, but the lower layer still ships it
	}
	for k, layer := range want {
		v, ok := got[k]
		if !ok {
			t.Errorf("missing %s; got %v", k, keys)
			continue
		}
		if !strings.HasPrefix(v, layer+" ") {
			t.Errorf("%s: %s, want layer %s", k, v, layer)
		}
	}
	if m := got["/app/old_settings.py:1 DKS5001"]; !strings.Contains(m, "(removed by layer 2, still shipped in layer 1)") {
		t.Errorf("deleted file's secret: %q, want it to say which layer still ships it", m)
	}
	for _, k := range keys {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected finding %s: %s", k, got[k])
		}
	}
	// The application logs (util.py, moved.py import logging) so there is
	// no logging-missing finding even though app.py alone does not.
	for _, f := range res.Findings {
		if f.Rule.ID == "DKS9014" {
			t.Errorf("logging-missing reported although the final application logs: %v", f.Location)
		}
	}
}

// --code none checks no application code in an image; the layer rules
// still run.
func TestImageCodeNone(t *testing.T) {
	img, _ := codeImage(t)
	res := scanCode(t, img, CodeNone)
	for _, f := range res.Findings {
		if f.Line > 0 {
			t.Errorf("--code none: code finding %s %s:%d", f.Rule.ID, f.Path, f.Line)
		}
	}
}

// The application-code findings of an image that never logs include
// logging-missing at the app's creation; a file that does not parse is one
// problem naming the image, the path and the line, and the scan goes on.
func TestImageCodeAppChecksAndParseErrors(t *testing.T) {
	img := imagetest.Image(t, []v1.Layer{imagetest.Layer(t, imagetest.Tar(t,
		imagetest.File("srv/app.py", insecureApp),
		imagetest.File("srv/broken.py", "def f(:\n    pass\n"),
		imagetest.File("srv/big.py", "x = eval(input())\n"+strings.Repeat("#", DefaultImageFileBytes)),
	))}, nil)
	res := scanCode(t, img, CodeShipped)
	if len(res.Problems) != 1 || res.Problems[0].File != "test:/srv/broken.py" || res.Problems[0].Line != 1 {
		t.Errorf("problems %v, want one for test:/srv/broken.py line 1", res.Problems)
	}
	var ids []string
	for _, f := range res.Findings {
		if f.Path == "/srv/big.py" {
			t.Errorf("a file over the per-file cap was read: %s", f.Message)
		}
		if f.Path == "/srv/app.py" {
			ids = append(ids, fmt.Sprintf("%s:%d", f.Rule.ID, f.Line))
		}
	}
	if !slices.Contains(ids, "DKS9014:3") || !slices.Contains(ids, "DKS9005:12") {
		t.Errorf("app.py findings %v, want DKS9014:3 (no logging) and DKS9005:12", ids)
	}
}

func TestIsImageAppCode(t *testing.T) {
	for p, want := range map[string]bool{
		"/app/app.py":                         true,
		"/srv/settings.json":                  true,
		"/app/.env":                           true,
		"/app/venv/__init__.py":               true,
		"/home/user/lib/pythonic/app.py":      true, // lib/pythonic is not an interpreter's
		"/usr/lib/python3.11/os.py":           false,
		"/usr/lib/python3/dist-packages/a.py": false,
		"/usr/local/lib/python3.12/site-packages/flask/app.py": false,
		"/opt/conda/lib/python3.11/os.py":                      false,
		"/usr/lib64/python3.9/os.py":                           false,
		"/app/node_modules/x/index.js":                         false,
		"/app/.git/config.json":                                false,
		"/app/docker-compose.yml":                              false,
		"/etc/docker/daemon.json":                              false,
		"/app/Dockerfile":                                      false,
		"/usr/bin/python3":                                     false,
		"/usr/share/doc/git/contrib/hg-to-git/hg-to-git.py":    false,
		"/usr/share/python3/py3versions.py":                    false,
		"/usr/lib/git-core/x.py":                               false,
		"/usr/src/app/app.py":                                  true,
		"/usr/local/bin/entry.py":                              true,
		"/etc/myapp/settings.yaml":                             true,
	} {
		if got := IsImageAppCode(p); got != want {
			t.Errorf("IsImageAppCode(%q) = %v, want %v", p, got, want)
		}
	}
}
