package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// ShellWildcardInjection: a shell expands * in a chown, chmod, tar or
// rsync command, so file names become options.
var ShellWildcardInjection = &Rule{
	ID:                "DKS9004",
	Name:              "shell-wildcard-injection",
	Title:             "Shell wildcard expanded into chown, chmod, tar or rsync",
	Severity:          Warning,
	Since:             "0.2.0",
	Aliases:           []string{"B609", "linux_commands_wildcard_injection"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1059_004},
		CWE:      []*t.CWE{t.CWE78},
		Controls: []*t.Control{t.ASVS_V5, t.Top10_A03},
	},
	Doc: Doc{
		Vulnerability: "Shell wildcard injection",
		Mitigation:    "Pass explicit file lists, not shell wildcards.",
		Rationale: "A shell expands `*` into the names of the files in the directory, and `tar`, `chown`, " +
			"`chmod` and `rsync` read a name that starts with `-` as an option: a file called " +
			"`--checkpoint-action=exec=sh x.sh` makes `tar cf backup.tar *` run a script, and " +
			"`--reference=evil` makes `chown` copy an attacker's ownership (bandit's B609). Whoever can " +
			"create a file where the command runs controls its options.",
		Impact: "File names become command options",
		Fix:    "Run the program without a shell and pass the file list explicitly after `--` (`[\"tar\", \"cf\", \"backup.tar\", \"--\", *names]`), or use `./*` so no name can start with `-`; better, use `tarfile`, `os.chown` and `os.chmod`.",
		Bad:    Code("import os\n\nos.system(\"tar czf /backup/uploads.tgz *\")  # dockstride ignore=shell-command-execution\n"),
		Good:   Code("import tarfile\n\nwith tarfile.open(\"/backup/uploads.tgz\", \"w:gz\") as tar:\n    tar.add(\"uploads\")\n"),
		Refs:   []string{"https://bandit.readthedocs.io/en/latest/plugins/b609_linux_commands_wildcard_injection.html", "https://www.exploit-db.com/papers/33930"},
	},
	Checks: []Check{PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkShellWildcardInjection}},
}

// wildcardPrograms read names starting with "-" as options.
var wildcardPrograms = []string{"chown", "chmod", "tar", "rsync"}

func checkShellWildcardInjection(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	pc, ok := asProcessCall(p, c)
	if !ok || pc.kind == notProcess || pc.kind == noShellCall || !pc.usesShell() || len(c.Args) == 0 {
		return
	}
	var words []string
	switch x := c.Args[0].(type) {
	case *python.List:
		for _, e := range x.Elts {
			if s, ok := python.StringValue(e); ok {
				words = append(words, s)
			}
		}
	default:
		if s, ok := python.StringValue(x); ok {
			words = append(words, s)
		}
	}
	cmd := strings.Join(words, " ")
	if !strings.Contains(cmd, "*") {
		return
	}
	for _, prog := range wildcardPrograms {
		if strings.Contains(cmd, prog) {
			p.ReportAliasedf(c, []string{"B609", "linux_commands_wildcard_injection"}, "%s lets a shell expand * into a %s command: a file name starting with - becomes an option", pc.name, prog)
			return
		}
	}
}
