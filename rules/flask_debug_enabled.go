package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// FlaskDebugEnabled: a Flask service runs with its debugger on: in code
// (app.run(debug=True), app.debug = True) or through FLASK_DEBUG in the
// image's environment.
var FlaskDebugEnabled = &Rule{
	ID:                "DKS9007",
	Name:              "flask-debug-enabled",
	Title:             "Flask service runs with the Werkzeug debugger on",
	Severity:          Error,
	Since:             "0.2.0",
	Aliases:           []string{"B201", "flask_debug_true"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1190, t.T1059_006},
		CWE:      []*t.CWE{t.CWE489, t.CWE94},
		Controls: []*t.Control{t.Top10_A05, t.ASVS_V14, t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Flask debug mode enabled",
		Mitigation:    "Never ship debug mode; serve with a production server.",
		Rationale: "In debug mode Flask serves the Werkzeug debugger: any exception page offers a Python " +
			"console in the browser, and its PIN is derived from values an attacker can often read " +
			"(bandit's B201). A service shipped with `app.run(debug=True)`, `app.debug = True`, " +
			"`app.config[\"DEBUG\"] = True` or `FLASK_DEBUG=1` in its environment hands remote code " +
			"execution to anyone who can make it fail, and leaks its source and settings in tracebacks.",
		Impact: "Remote Python console on any error page",
		Fix:    "Never ship debug mode: drop `debug=True` and `FLASK_DEBUG`, serve with a production server (`gunicorn app:app`), and enable debugging only on a developer's machine.",
		Bad: append(Code(
			"from flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == \"__main__\":\n    app.run(debug=True)\n",
		), Dockerfiles(
			"FROM python:3.12-slim\nENV FLASK_DEBUG=1\nCMD [\"flask\", \"run\"]\n",
		)...),
		Good: append(Code(
			"import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\n\nif __name__ == \"__main__\":\n    app.run(debug=False)\n",
		), Dockerfiles(
			"FROM python:3.12-slim\nENV FLASK_DEBUG=0\nCMD [\"gunicorn\", \"app:app\"]\n",
		)...),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/plugins/b201_flask_debug_true.html",
			"https://flask.palletsprojects.com/en/stable/debugging/",
		},
	},
	Checks: []Check{
		PythonCheck{Nodes: []PythonNode{PyCall, PyAssign}, Check: checkFlaskDebugEnabled},
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindEnv}, Check: checkFlaskDebugEnv},
		ImageConfigCheck{Check: checkFlaskDebugImage},
	},
}

func checkFlaskDebugEnabled(p *CodePass, n python.Node) {
	switch x := n.(type) {
	case *python.Call:
		name := callName(p, x)
		if !strings.HasSuffix(name, ".run") || !importsFlask(p.Module) {
			return
		}
		if d := x.Keyword("debug"); d != nil && isConst(d, python.ConstTrue) {
			p.ReportAliasedf(x, []string{"B201", "flask_debug_true"}, "%s(debug=True) serves the Werkzeug debugger", name)
		}
	case *python.Assign:
		for _, tg := range x.Targets {
			switch tgt := tg.(type) {
			case *python.Attribute:
				if tgt.Attr == "debug" && isConst(x.Value, python.ConstTrue) && importsFlask(p.Module) {
					p.Reportf(x, "%s = True serves the Werkzeug debugger", p.QualifiedName(tgt))
				}
			case *python.Subscript:
				key, _ := python.StringValue(tgt.Slice)
				base := p.QualifiedName(tgt.Value)
				switch {
				case key == "DEBUG" && lastPart(base) == "config" && isConst(x.Value, python.ConstTrue) && importsFlask(p.Module):
					p.Reportf(x, "%s[\"DEBUG\"] = True serves the Werkzeug debugger", base)
				case key == "FLASK_DEBUG" && base == "os.environ":
					if v, ok := python.StringValue(x.Value); ok && flaskDebugOn(v) {
						p.Reportf(x, "os.environ[\"FLASK_DEBUG\"] turns Flask's debugger on")
					}
				}
			}
		}
	}
}

// importsFlask reports whether a module imports flask (or a flask
// extension module).
func importsFlask(m *python.Module) bool {
	if m == nil {
		return false
	}
	for _, s := range m.Body {
		for _, name := range importedNames(s) {
			if strings.Contains(name, "flask") {
				return true
			}
		}
	}
	return false
}

// flaskDebugOn reports whether a FLASK_DEBUG value turns debugging on, as
// Flask reads it (anything but "", "0", "false", "no").
func flaskDebugOn(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// flaskDebugVar says why an environment variable turns Flask's debugger on,
// or "".
func flaskDebugVar(name, value string) string {
	switch {
	case name == "FLASK_DEBUG" && flaskDebugOn(value):
		return "FLASK_DEBUG=" + value + " turns Flask's debugger on"
	case name == "FLASK_ENV" && strings.EqualFold(strings.TrimSpace(value), "development"):
		return "FLASK_ENV=development turns Flask's debugger on"
	}
	return ""
}

func checkFlaskDebugEnv(p *Pass, in dockerfile.Instruction) {
	if e, ok := in.(*dockerfile.Env); ok && p.ShipsLayers(in.Stage()) {
		for _, kv := range e.Cmd.Env {
			if why := flaskDebugVar(kv.Key, kv.Value); why != "" {
				p.Reportf(in.Range(), "ENV %s", why)
			}
		}
	}
}

// checkFlaskDebugImage: the config's Env turns Flask's debugger on.
func checkFlaskDebugImage(p *ImagePass, img *image.Image) {
	for _, kv := range img.Config.Config.Env {
		name, value, _ := strings.Cut(kv, "=")
		if why := flaskDebugVar(name, value); why != "" {
			p.Reportf("the image's environment sets %s", why)
		}
	}
}
