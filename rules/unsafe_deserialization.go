package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// UnsafeDeserialization: application code loads pickle (or dill, shelve,
// jsonpickle, pandas.read_pickle) data, or YAML without a safe loader.
var UnsafeDeserialization = &Rule{
	ID:       "DKS9006",
	Name:     "unsafe-deserialization",
	Title:    "Application deserializes with pickle or an unsafe YAML loader",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases: []string{
		"B301", "pickle", "B403", "import_pickle", "B506", "yaml_load",
	},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_006, t.T1190},
		CWE:      []*t.CWE{t.CWE502},
		Controls: []*t.Control{t.Top10_A08, t.ASVS_V5},
	},
	Doc: Doc{
		Vulnerability: "Unsafe deserialization",
		Mitigation:    "Use yaml.safe_load or JSON; never unpickle untrusted data.",
		Rationale: "Unpickling runs code: a pickle names any callable and its arguments, so " +
			"`pickle.loads(data)` on data an attacker wrote (a cookie, an upload, a cache entry) runs " +
			"their command. The same holds for `dill`, `shelve`, `jsonpickle`, `pandas.read_pickle` " +
			"(bandit's B301) and for `yaml.load` without a safe loader (B506), whose tags build any " +
			"Python object.\n\n" +
			"Severity: **error** when the data comes from the request being answered, **warning** for " +
			"other loads, **info** for importing a pickle module (B403), which only says that the code can.",
		Impact: "Crafted data runs code in the service",
		Fix: "Exchange data as JSON (`json.loads`) or another format without code, and read YAML with " +
			"`yaml.safe_load` (or `Loader=yaml.SafeLoader`). Where pickle is unavoidable, load only " +
			"data the service itself wrote and signed (`hmac`), never client input.",
		Bad: Code(
			"import pickle\nfrom flask import request\n\ndef restore():\n    return pickle.loads(request.data)\n",
			"import yaml\n\nconfig = yaml.load(open(\"config.yml\"))\n",
		),
		Good: Code(
			"import json\nimport yaml\n\nconfig = yaml.safe_load(open(\"config.yml\"))\nstate = json.loads(open(\"state.json\").read())\n",
		),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/blacklists/blacklist_calls.html#b301-pickle",
			"https://bandit.readthedocs.io/en/latest/plugins/b506_yaml_load.html",
			"https://docs.python.org/3/library/pickle.html",
		},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall, PyImport}, Check: checkUnsafeDeserialization}},
}

// pickleLoaders are the functions that unpickle what they are given.
var pickleLoaders = map[string]bool{
	"pickle.loads": true, "pickle.load": true, "pickle.Unpickler": true,
	"cPickle.loads": true, "cPickle.load": true, "cPickle.Unpickler": true,
	"_pickle.loads": true, "_pickle.load": true, "_pickle.Unpickler": true,
	"dill.loads": true, "dill.load": true, "dill.Unpickler": true,
	"shelve.open": true, "shelve.DbfilenameShelf": true,
	"jsonpickle.decode": true, "jsonpickle.unpickler.decode": true, "jsonpickle.unpickler.Unpickler": true,
	"pandas.read_pickle": true,
}

// pickleModules are the modules whose import B403 reports.
var pickleModules = []string{"pickle", "cPickle", "dill", "shelve"}

// safeYAMLLoaders build plain data only.
var safeYAMLLoaders = []string{"SafeLoader", "CSafeLoader", "BaseLoader", "CBaseLoader"}

func checkUnsafeDeserialization(p *CodePass, n python.Node) {
	c, ok := n.(*python.Call)
	if !ok {
		if mod, ok := importsModule(n, pickleModules...); ok {
			fd := p.Finding(n, "%s is imported: never load data it did not write itself", mod)
			fd.Severity, fd.Aliases = Info, []string{"B403", "import_pickle"}
			p.Report(fd)
		}
		return
	}
	if mod, ok := importedByCall(p, c); ok {
		for _, pm := range pickleModules {
			if mod == pm || strings.HasPrefix(mod, pm+".") {
				fd := p.Finding(c, "%s is imported: never load data it did not write itself", pm)
				fd.Severity, fd.Aliases = Info, []string{"B403", "import_pickle"}
				p.Report(fd)
			}
		}
		return
	}
	name := callName(p, c)
	var fd Finding
	switch {
	case pickleLoaders[name]:
		fd = p.Finding(c, "%s unpickles its input, which can run any code", name)
		fd.Aliases = []string{"B301", "pickle"}
	case isUnsafeYAMLLoad(p, c, name):
		fd = p.Finding(c, "%s without a safe loader builds any Python object the YAML names", name)
		fd.Aliases = []string{"B506", "yaml_load"}
	default:
		return
	}
	if fromRequest(p, arg(c, 0, "")) {
		fd.Severity = Error
		fd.Message += ", and the data comes from the request"
	}
	p.Report(fd)
}

// isUnsafeYAMLLoad reports whether a call loads YAML with a loader that
// builds objects: yaml.load or load_all without a safe Loader, or
// unsafe_load.
func isUnsafeYAMLLoad(p *CodePass, c *python.Call, name string) bool {
	if !hasPart(name, "yaml") {
		return false
	}
	switch lastPart(name) {
	case "unsafe_load", "unsafe_load_all":
		return true
	case "load", "load_all":
	default:
		return false
	}
	loader := arg(c, 1, "Loader")
	if loader == nil {
		return true
	}
	l := lastPart(p.QualifiedName(loader))
	for _, safe := range safeYAMLLoaders {
		if l == safe {
			return false
		}
	}
	return true
}
