package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// LoggingMissing: a service whose code never configures or uses logging.
var LoggingMissing = &Rule{
	ID:       "DKS9014",
	Name:     "logging-missing",
	Title:    "Application never configures or uses logging",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		ATTACK:   []*t.Technique{t.T1070},
		CWE:      []*t.CWE{t.CWE778},
		Controls: []*t.Control{t.Top10_A09, t.ASVS_V7, t.NIST53_AU2, t.NIST53_AU12},
	},
	Doc: Doc{
		Vulnerability: "No logging",
		Mitigation:    "Configure logging and log security events.",
		Rationale: "A service that logs nothing leaves no record of who logged in, who failed to, which " +
			"commands its endpoints ran or which requests broke it: an intrusion or a misuse cannot be " +
			"traced or proved afterwards (the threat model's Repudiation row). The rule reads the " +
			"application as a whole (every module a Dockerfile ships, every module below a directory " +
			"without a Dockerfile, or every module of an image) and reports, at the line that creates " +
			"the web application (Flask, FastAPI, Starlette, Sanic, aiohttp, Bottle, Django's WSGI or " +
			"ASGI handler) or else at its `if __name__ == \"__main__\":`, when no module imports " +
			"`logging` (or loguru, structlog, logbook), defines Django's `LOGGING` or uses a framework's " +
			"`app.logger`. Libraries with no entry point are not reported. **Info**: the container " +
			"runtime still keeps the service's standard output.",
		Impact: "Unauthorized changes not logged",
		Fix:    "Configure logging once at start-up (`logging.basicConfig(level=logging.INFO)`, or the framework's configuration) and log authentication results, privileged actions and errors with the client's address, to standard output for the container runtime to collect.",
		Bad: Code(
			"from flask import Flask\n\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    return \"ok\"\n",
		),
		Good: Code(
			"import logging\n\nfrom flask import Flask\n\nlogging.basicConfig(level=logging.INFO)\napp = Flask(__name__)\n\n@app.route(\"/\")\ndef index():\n    logging.getLogger(__name__).info(\"index served\")\n    return \"ok\"\n",
		),
		Refs: []string{
			"https://owasp.org/Top10/A09_2021-Security_Logging_and_Monitoring_Failures/",
			"https://cwe.mitre.org/data/definitions/778.html",
			"https://docs.python.org/3/howto/logging.html",
		},
	},
	Checks: []Check{AppCheck{Scan: scanLogging, Check: checkLoggingMissing}},
}

// loggingModules are the logging libraries whose import counts as using
// logging.
var loggingModules = []string{"logging", "loguru", "structlog", "logbook", "eliot"}

// appFactories create a web application or its WSGI/ASGI handler.
var appFactories = map[string]bool{
	"flask.Flask": true, "fastapi.FastAPI": true, "starlette.applications.Starlette": true, "sanic.Sanic": true,
	"aiohttp.web.Application": true, "bottle.Bottle": true, "falcon.App": true, "falcon.API": true,
	"django.core.wsgi.get_wsgi_application": true, "django.core.asgi.get_asgi_application": true,
	"tornado.web.Application": true, "pyramid.config.Configurator": true, "quart.Quart": true,
}

// loggingFacts is what scanLogging keeps of a module.
type loggingFacts struct {
	logs bool
	// app is where the module creates a web application; main where its
	// `if __name__ == "__main__":` is. Nil when it has none.
	app, main *Anchor
}

func scanLogging(p *CodePass, m *python.Module) any {
	var f loggingFacts
	python.Inspect(m, func(n python.Node) bool {
		if n == nil || f.logs {
			return false
		}
		switch x := n.(type) {
		case *python.Import, *python.ImportFrom:
			if _, ok := importsModule(x, loggingModules...); ok {
				f.logs = true
			}
			return false
		case *python.Attribute:
			if x.Attr == "logger" {
				f.logs = true
			}
		case *python.Assign:
			for _, tg := range x.Targets {
				if n, ok := tg.(*python.Name); ok && n.ID == "LOGGING" {
					f.logs = true
				}
			}
		case *python.Call:
			if f.app == nil && appFactories[p.QualifiedName(x.Func)] {
				a := p.Anchor(x)
				f.app = &a
			}
		case *python.If:
			if f.main == nil && isMainGuard(x.Test) {
				a := p.Anchor(x)
				a.EndLine = x.HeaderEnd
				f.main = &a
			}
		}
		return true
	})
	return f
}

// isMainGuard reports whether a test is __name__ == "__main__".
func isMainGuard(e python.Expr) bool {
	c, ok := e.(*python.Compare)
	if !ok || len(c.Ops) != 1 || c.Ops[0] != python.Eq {
		return false
	}
	n, ok := c.Left.(*python.Name)
	s, _ := python.StringValue(c.Comparators[0])
	return ok && n.ID == "__name__" && s == "__main__"
}

func checkLoggingMissing(p *AppPass, kept []any) {
	var app, main *Anchor
	for _, k := range kept {
		f, ok := k.(loggingFacts)
		if !ok {
			continue
		}
		if f.logs {
			return
		}
		if app == nil {
			app = f.app
		}
		if main == nil {
			main = f.main
		}
	}
	switch {
	case app != nil:
		p.ReportAtf(*app, "the application never configures or uses logging: logins, failures and the commands its endpoints run leave no record")
	case main != nil:
		p.ReportAtf(*main, "the program never configures or uses logging: what it did and who asked leave no record")
	}
}
