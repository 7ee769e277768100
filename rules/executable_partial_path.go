package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ExecutablePartialPath: application code starts a program by a bare name
// that PATH resolves.
var ExecutablePartialPath = &Rule{
	ID:                "DKS9003",
	Name:              "executable-partial-path",
	Title:             "Application starts a program found through PATH",
	Severity:          Info,
	Since:             "0.2.0",
	Aliases:           []string{"B607", "start_process_with_partial_path"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1574_007},
		CWE:      []*t.CWE{t.CWE426},
		Controls: []*t.Control{t.ASVS_V14, t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Program started by a partial path",
		Mitigation:    "Start programs by their absolute path.",
		Rationale: "`subprocess.run([\"ping\", …])` or `os.system(\"convert …\")` runs whatever program named " +
			"`ping` comes first in the process's `PATH` (bandit's B607). Whoever can write to an earlier " +
			"directory, or set `PATH` in the container's environment, chooses the program. Inside an image " +
			"whose `PATH` is fixed and whose directories are root-owned this is hygiene, hence **info**.",
		Impact: "A planted program runs instead of the intended one",
		Fix:    "Name the program by its absolute path (`/bin/ping`, `/usr/bin/convert`), or resolve it once with `shutil.which` at start-up and check the result.",
		Bad:    Code("import subprocess\n\nsubprocess.run([\"ping\", \"-c\", \"1\", \"127.0.0.1\"], check=True)  # dockstride ignore=process-started\n"),
		Good:   Code("import subprocess\n\nsubprocess.run([\"/bin/ping\", \"-c\", \"1\", \"127.0.0.1\"], check=True)  # dockstride ignore=process-started\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b607_start_process_with_partial_path.html"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkExecutablePartialPath}},
}

func checkExecutablePartialPath(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	pc, ok := asProcessCall(p, c)
	if !ok || pc.kind == notProcess || len(c.Args) == 0 {
		return
	}
	first := c.Args[0]
	prog, ok := python.StringValue(firstWord(first))
	if !ok || fullPathRE().MatchString(prog) {
		return
	}
	p.ReportAliasedf(c, []string{"B607", "start_process_with_partial_path"}, "%s starts a program by a partial path, found through PATH", pc.name)
}
