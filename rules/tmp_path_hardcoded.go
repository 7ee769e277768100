package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// TmpPathHardcoded: application code names a fixed path in a shared
// temporary directory.
var TmpPathHardcoded = &Rule{
	ID:                "DKS9013",
	Name:              "tmp-path-hardcoded",
	Title:             "Application uses a fixed path in /tmp, /var/tmp or /dev/shm",
	Severity:          Info,
	Since:             "0.2.0",
	Aliases:           []string{"B108", "hardcoded_tmp_directory"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE377},
		Controls: []*t.Control{t.ASVS_V14},
	},
	Doc: Doc{
		Vulnerability: "Hardcoded temporary path",
		Mitigation:    "Create temporary files and directories with tempfile.",
		Rationale: "A fixed name in a directory every process can write (`/tmp/report.pdf`) can be created " +
			"first by another process, as a symlink to a file the service will then overwrite, or read " +
			"while the service writes it (bandit's B108). In a container whose `/tmp` no other user shares " +
			"this is hygiene, hence **info**; it matters again when several processes or a mounted volume " +
			"share the directory.",
		Impact: "Another process reads or replaces the service's temporary files",
		Fix:    "Create temporary files with `tempfile.NamedTemporaryFile()` or `tempfile.mkdtemp()`, which pick an unpredictable name with safe permissions.",
		Bad:    Code("with open(\"/tmp/report.pdf\", \"wb\") as f:\n    f.write(b\"%PDF\")\n"),
		Good:   Code("import tempfile\n\nwith tempfile.NamedTemporaryFile(suffix=\".pdf\") as f:\n    f.write(b\"%PDF\")\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b108_hardcoded_tmp_directory.html"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyString}, Check: checkTmpPathHardcoded}},
}

// sharedTmpDirs are the directories every process may write.
var sharedTmpDirs = []string{"/tmp", "/var/tmp", "/dev/shm"}

func checkTmpPathHardcoded(p *CodePass, n python.Node) {
	c := n.(*python.Constant)
	if isDocstring(p) {
		return
	}
	for _, d := range sharedTmpDirs {
		if c.Value == d || strings.HasPrefix(c.Value, d+"/") {
			p.ReportAliasedf(c, []string{"B108", "hardcoded_tmp_directory"}, "a fixed path in %s can be created or read by another process first; use the tempfile module", d)
			return
		}
	}
}

// isDocstring reports whether the string being checked is a statement of
// its own (a docstring or a comment-like string), which the code never
// uses.
func isDocstring(p *CodePass) bool {
	_, ok := p.Parent().(*python.ExprStmt)
	return ok
}
