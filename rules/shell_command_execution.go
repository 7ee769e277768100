package rules

import (
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ShellCommandExecution: application code runs a command through a shell
// (subprocess with shell=True, os.system, os.popen).
var ShellCommandExecution = &Rule{
	ID:       "DKS9001",
	Name:     "shell-command-execution",
	Title:    "Application runs a command through a shell",
	Severity: Error,
	Since:    "0.2.0",
	Aliases: []string{
		"B602", "subprocess_popen_with_shell_equals_true",
		"B604", "any_other_function_with_shell_equals_true",
		"B605", "start_process_with_a_shell",
	},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_004, t.T1609, t.T1078, t.T1611},
		CWE:      []*t.CWE{t.CWE78},
		Controls: []*t.Control{t.Top10_A03, t.ASVS_V5, t.NIST53_AC6, t.NIST53_SI10},
	},
	Doc: Doc{
		Vulnerability: "Unsafe subprocess execution",
		Mitigation:    "Pass an argument list with shell=False; validate input.",
		Rationale: "A command string handed to a shell (`subprocess.run(cmd, shell=True)`, `os.system(cmd)`, " +
			"`os.popen(cmd)`; bandit's B602, B604 and B605) is parsed by `/bin/sh`: any `;`, `|`, `$( )` or " +
			"backquote in a value pasted into it starts another command, with the container's privileges. " +
			"`subprocess.check_output(f\"ping -c 1 {ip}\", shell=True)` with `ip=8.8.8.8;cat /etc/passwd` is " +
			"the threat model's remote command execution.\n\n" +
			"Severity follows what is passed: **error** when the command is built from the request being " +
			"answered (Flask's or Django's `request`, a route's URL parameter, `sys.argv`, `input()`), " +
			"exploitable as shipped; **warning** when it is built or held in a variable whose origin the " +
			"check cannot see; **info** when it is a literal string, safe today but one edit away from " +
			"injection.",
		Impact: "Malicious commands execution",
		Fix: "Pass the program and its arguments as a list with no shell: " +
			"`subprocess.run([\"/bin/ping\", \"-c\", \"1\", str(ipaddress.ip_address(ip))], shell=False, check=True)`; " +
			"validate the values first, and use `shlex.quote` only where a shell is unavoidable.",
		Bad: Code(
			"import subprocess\nfrom flask import request\n\ndef ping():\n    ip = request.args.get(\"ip\")\n    return subprocess.check_output(f\"ping -c 1 {ip}\", shell=True)\n",
			"import os\n\nos.system(\"tar czf /backup/app.tgz /srv/app\")\n",
		),
		Good: Code(
			"import ipaddress\nimport subprocess  # dockstride ignore=process-started -- argv list, validated\n\ndef ping(ip):\n    addr = ipaddress.ip_address(ip)\n    return subprocess.run([\"/bin/ping\", \"-c\", \"1\", str(addr)], shell=False, check=True)  # dockstride ignore=process-started\n",
		),
		Refs: []string{
			"https://bandit.readthedocs.io/en/latest/plugins/b602_subprocess_popen_with_shell_equals_true.html",
			"https://docs.python.org/3/library/subprocess.html#security-considerations",
			"https://cwe.mitre.org/data/definitions/78.html",
		},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkShellCommandExecution}},
}

func checkShellCommandExecution(p *CodePass, n python.Node) {
	pc, ok := asProcessCall(p, n.(*python.Call))
	if !ok || !pc.usesShell() || pc.command == nil {
		return
	}
	var fd Finding
	switch pc.kind {
	case subprocessCall:
		fd = p.Finding(pc.call, "%s runs its command through a shell (shell=True)", pc.name)
		fd.Aliases = []string{"B602", "subprocess_popen_with_shell_equals_true"}
	case shellCall:
		fd = p.Finding(pc.call, "%s runs its command through a shell", pc.name)
		fd.Aliases = []string{"B605", "start_process_with_a_shell"}
	default:
		name := pc.name
		if name == "" {
			name = "a function"
		}
		fd = p.Finding(pc.call, "%s is called with shell=True, which runs a command through a shell", name)
		fd.Aliases = []string{"B604", "any_other_function_with_shell_equals_true"}
	}
	switch {
	case fromRequest(p, pc.command):
		fd.Severity = Error
		fd.Message += ", and the command is built from request data: command injection"
	case isLiteralString(pc.command):
		fd.Severity = Info
		fd.Message += "; the command is a literal today, but rewrite it without a shell"
	default:
		fd.Severity = Warning
		fd.Message += "; whatever reaches the command string can run other commands"
	}
	p.Report(fd)
}
