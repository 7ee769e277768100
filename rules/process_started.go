package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ProcessStarted: application code starts processes without a shell, or
// imports subprocess to do so.
var ProcessStarted = &Rule{
	ID:       "DKS9002",
	Name:     "process-started",
	Title:    "Application starts processes (subprocess, os.exec, os.spawn)",
	Severity: Info,
	Since:    "0.2.0",
	Aliases: []string{
		"B603", "subprocess_without_shell_equals_true",
		"B606", "start_process_with_no_shell",
		"B404", "import_subprocess",
	},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1059, t.T1078},
		CWE:      []*t.CWE{t.CWE78},
		Controls: []*t.Control{t.ASVS_V5, t.NIST53_SI7},
	},
	Doc: Doc{
		Vulnerability: "Unsafe subprocess execution",
		Mitigation:    "Pass an argument list with shell=False; validate input.",
		Rationale: "A service that starts programs (`import subprocess`, `subprocess.run([...])` without a shell, " +
			"`os.execv`, `os.spawnv`, `os.startfile`; bandit's B404, B603 and B606) hands part of its input to " +
			"another program. Without a shell no second command can be injected, but an argument the caller " +
			"controls can still be an option (`-o`, `--output=/etc/…`) or a path the program should not see. " +
			"This is hygiene, **info**: review what reaches the arguments, and keep the image's programs few. " +
			"A command run through a shell is `shell-command-execution`.",
		Impact: "Arguments an attacker controls reach another program",
		Fix: "Pass a fixed program path and validated arguments, separated from options by `--`; drop the " +
			"process entirely where a library does the job (`socket`, `shutil`, `tarfile`). When reviewed, " +
			"record it: `import subprocess  # dockstride ignore=process-started -- argv fixed, address validated`.",
		Bad: Code(
			"import subprocess\n\nsubprocess.run([\"/usr/bin/convert\", \"in.png\", \"out.jpg\"], check=True)\n",
			"import os\n\nos.execv(\"/usr/bin/python3\", [\"python3\", \"worker.py\"])\n",
		),
		Good: Code(
			"import shutil\n\nshutil.copyfile(\"in.png\", \"out.png\")\n",
		),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/plugins/b603_subprocess_without_shell_equals_true.html",
			"https://bandit.readthedocs.io/en/latest/blacklists/blacklist_imports.html#b404-import-subprocess",
		},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall, PyImport}, Check: checkProcessStarted}},
}

func checkProcessStarted(p *CodePass, n python.Node) {
	if c, ok := n.(*python.Call); ok {
		if mod, ok := importedByCall(p, c); ok {
			if mod == "subprocess" {
				p.ReportAliasedf(c, []string{"B404", "import_subprocess"}, "%s imports subprocess: review what reaches the arguments of the processes it starts", callName(p, c))
			}
			return
		}
		pc, ok := asProcessCall(p, c)
		if !ok || len(c.Args) == 0 {
			return
		}
		switch {
		case pc.kind == subprocessCall && !pc.usesShell():
			p.ReportAliasedf(c, []string{"B603", "subprocess_without_shell_equals_true"}, "%s starts a process: review what reaches its arguments", pc.name)
		case pc.kind == noShellCall:
			p.ReportAliasedf(c, []string{"B606", "start_process_with_no_shell"}, "%s starts a process without a shell: review what reaches its arguments", pc.name)
		}
		return
	}
	if _, ok := importsModule(n, "subprocess"); ok {
		p.ReportAliasedf(n, []string{"B404", "import_subprocess"}, "subprocess is imported: review what reaches the arguments of the processes it starts")
	}
}
