package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/image/imagetest"
	"github.com/dockstride/dockstride/internal/report/reporttest"
	v1 "github.com/google/go-containerregistry/pkg/v1"
)

// exampleImage builds testdata/examples/NAME as its Dockerfile would
// (FROM python:3.12-slim, COPY requirements.txt, pip install, COPY . .):
// a stand-in base whose site-packages hold a copy of the service's app.py
// (installed code, which must not be reported as the application), the
// installed dependency, then the build context under /app. It returns the
// image and the digest of the layer that holds the application.
func exampleImage(t *testing.T, name string) (v1.Image, string) {
	t.Helper()
	dir := filepath.Join("..", "..", "testdata", "examples", name)
	app, err := os.ReadFile(filepath.Join(dir, "app.py"))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := os.ReadFile(filepath.Join(dir, "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := []imagetest.Entry{imagetest.Dir("app/")}
	for _, e := range ents {
		if !e.Type().IsRegular() || e.Name() == ".dockerignore" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		ctx = append(ctx, imagetest.File("app/"+e.Name(), string(b)))
	}
	layers := []v1.Layer{
		imagetest.Layer(t, imagetest.Tar(t,
			imagetest.File("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n"),
			imagetest.File("usr/local/lib/python3.12/site-packages/demo/app.py", string(app)),
			imagetest.File("usr/local/lib/python3.12/subprocess.py", "import os\nos.system('x')\n"),
		)),
		imagetest.Layer(t, imagetest.Tar(t, imagetest.Dir("app/"), imagetest.File("app/requirements.txt", string(reqs)))),
		imagetest.Layer(t, imagetest.Tar(t, imagetest.File("usr/local/lib/python3.12/site-packages/flask/app.py", "def run(self, host=None, debug=None): pass\n"))),
		imagetest.Layer(t, imagetest.Tar(t, ctx...)),
	}
	img := imagetest.Image(t, layers, func(cf *v1.ConfigFile) {
		cf.Config.WorkingDir = "/app"
		cf.Config.Cmd = []string{"python", "app.py"}
		cf.History = []v1.History{
			{CreatedBy: "/bin/sh -c #(nop) ADD file:0123 in / "},
			{CreatedBy: `/bin/sh -c #(nop)  CMD ["python3"]`, EmptyLayer: true},
			{CreatedBy: "WORKDIR /app", EmptyLayer: true},
			{CreatedBy: "COPY requirements.txt . # buildkit"},
			{CreatedBy: "RUN /bin/sh -c pip install -r requirements.txt # buildkit"},
			{CreatedBy: "COPY . . # buildkit"},
			{CreatedBy: "EXPOSE map[5000/tcp:{}]", EmptyLayer: true},
			{CreatedBy: `CMD ["python" "app.py"]`, EmptyLayer: true},
		}
	})
	d, err := layers[3].Digest()
	if err != nil {
		t.Fatal(err)
	}
	return img, d.String()
}

// codeFinding is a finding of the JSON report with its line.
type codeFinding struct {
	imageFinding
	Line int `json:"line"`
}

// `dockstride image` on the threat model's example service, built as an
// image, finds the application's own problems in /app/app.py (the
// hardcoded password above all, which the config and history cannot
// show) at their lines, in the layer COPY . . made, and nothing in the
// interpreter's tree or the installed packages; --code none turns that
// off. Text and SARIF name the path and line too.
func TestImageExampleServiceCode(t *testing.T) {
	img, appLayer := exampleImage(t, "flask-insecure")
	tarPath := filepath.Join(t.TempDir(), "svc.tar")
	imagetest.WriteTarball(t, tarPath, "example.com/svc:1", img)
	t.Setenv("DOCKER_CONFIG", t.TempDir())

	out, errOut, code := run(t, "", "image", "--no-config", "--format", "json", tarPath)
	if code != ExitFindings {
		t.Fatalf("exit %d; stderr %s", code, errOut)
	}
	var j struct {
		Findings []codeFinding
		Errors   []struct{ File, Message string }
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Errors) > 0 {
		t.Errorf("errors: %v", j.Errors)
	}
	var got []string
	for _, f := range j.Findings {
		if f.Line == 0 {
			continue
		}
		got = append(got, f.Rule+" "+f.Path+":"+itoa(f.Line))
		if f.Origin != "layer" || f.Layer != appLayer {
			t.Errorf("%s %s:%d: origin %q layer %s, want the layer of COPY . . (%s)", f.Rule, f.Path, f.Line, f.Origin, f.Layer, appLayer)
		}
		if strings.Contains(f.Path, "python3.12") {
			t.Errorf("installed code reported: %s %s:%d", f.Rule, f.Path, f.Line)
		}
	}
	for _, w := range []string{
		"DKS5001 /app/app.py:11", // PASSWORD = "…"
		"DKS9001 /app/app.py:24", // shell=True
		"DKS9005 /app/app.py:30", // eval
		"DKS6002 /app/app.py:34", // host="0.0.0.0"
		"DKS9002 /app/app.py:5",  // import subprocess
		"DKS9014 /app/app.py:9",  // no logging
	} {
		if !slices.Contains(got, w) {
			t.Errorf("missing %s; code findings %v", w, got)
		}
	}
	if strings.Contains(out, "Sup3rS3cr3t") {
		t.Error("the report prints the password")
	}

	text, _, _ := run(t, "", "image", "--no-config", "--format", "text", tarPath)
	if !strings.Contains(text, ":example.com/svc:1:/app/app.py:11 ERROR DKS5001") {
		t.Errorf("text report does not point at app.py:11:\n%s", text)
	}
	sarif, _, _ := run(t, "", "image", "--no-config", "--format", "sarif", tarPath)
	if err := reporttest.ValidateSARIF(t, []byte(sarif)); err != nil {
		t.Error(err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				RuleID    string
				Locations []struct {
					LogicalLocations []struct{ FullyQualifiedName string }
				}
				Properties struct {
					Path  string
					Line  int
					Layer string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(sarif), &log); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range log.Runs[0].Results {
		p := r.Properties
		if r.RuleID == "DKS5001" && p.Path == "/app/app.py" && p.Line == 11 && p.Layer == appLayer &&
			strings.HasSuffix(r.Locations[0].LogicalLocations[0].FullyQualifiedName, ":/app/app.py:11") {
			found = true
		}
	}
	if !found {
		t.Errorf("SARIF has no DKS5001 result at /app/app.py line 11 of layer %s:\n%s", appLayer, sarif)
	}

	none, _, _ := run(t, "", "image", "--no-config", "--code", "none", "--format", "json", tarPath)
	if strings.Contains(none, `"path": "/app/app.py"`) || !strings.Contains(none, "DKS4001") {
		t.Errorf("--code none still checks the code, or checks nothing:\n%s", none)
	}
}

// The hardened twin built the same way has no code finding above info.
func TestImageExampleServiceHardenedCode(t *testing.T) {
	img, _ := exampleImage(t, "flask-hardened")
	tarPath := filepath.Join(t.TempDir(), "svc.tar")
	imagetest.WriteTarball(t, tarPath, "example.com/svc:2", img)
	t.Setenv("DOCKER_CONFIG", t.TempDir())
	out, errOut, _ := run(t, "", "image", "--no-config", "--format", "json", tarPath)
	var j struct{ Findings []codeFinding }
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatalf("%v; stderr %s", err, errOut)
	}
	n := 0
	for _, f := range j.Findings {
		if f.Line > 0 {
			n++
			if f.Severity == "error" || f.Severity == "warning" {
				t.Errorf("hardened: %s %s:%d %s", f.Rule, f.Path, f.Line, f.Message)
			}
		}
	}
	t.Logf("%d code findings at info", n)
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
