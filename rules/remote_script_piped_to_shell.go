package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RemoteScriptPipedToShell: curl … | sh and friends.
var RemoteScriptPipedToShell = &Rule{
	ID:       "DKS2004",
	Name:     "remote-script-piped-to-shell",
	Title:    "Remote script piped into a shell",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1105, t.T1059_004},
		CIS:      []*t.CISItem{t.CIS4_11},
		CWE:      []*t.CWE{t.CWE494, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SI7, t.NIST190_4_1_3},
	},
	Doc: Doc{
		Vulnerability: "Remote script piped into a shell",
		Mitigation:    "Download, verify the checksum, then run.",

		Rationale: "`curl … | sh` runs whatever the server sends, as root, during the build, with no chance " +
			"to review or verify it. A truncated download runs half a script; a compromised host or CDN runs " +
			"its own.",
		Impact:       "Arbitrary code runs as root in the build",
		Fix:          "Download to a file, verify its checksum or signature, then run it: `curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`. Better, install from a package repository with signed metadata.",
		SeverityNote: "code fetched from the network and run unverified is exploitable as shipped by whoever controls the server or the path to it: error.",
		Bad:          Dockerfiles("FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n", "FROM debian:12\nRUN wget -qO- https://get.example.com/install.sh | bash -s -- --yes\n", "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://get.example.com/install.sh)\"\n"),
		Good:         Dockerfiles("FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo \"0123abcd  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkRemoteScriptPipedToShell, History: true}},
}

func checkRemoteScriptPipedToShell(p *Pass, in dockerfile.Instruction) {
	s := runScript(in)
	if s == nil {
		return
	}
	for _, c := range s.Commands {
		if c.Is(downloaders...) && c.PipesTo != nil {
			if sh := interpreterOf(c.PipesTo); sh != "" {
				p.ReportLinef(c.PipesTo.Line, "output of %s is piped into %s without verification", c.Base(), sh)
			}
			continue
		}
		if c.Is(shells...) {
			for _, a := range c.Args {
				if substRunsDownload(a) {
					p.ReportLinef(c.Line, "%s runs a script downloaded in the same command without verification", c.Base())
					break
				}
			}
		}
	}
}

// downloaders fetch URLs to stdout.
var downloaders = []string{"curl", "wget", "fetch"}

// interpreterOf returns the interpreter a piped-into command is, looking
// through sudo and env.
func interpreterOf(c *dockerfile.Command) string {
	if c.Is(shells...) {
		return c.Base()
	}
	if c.Is("sudo", "env", "doas") {
		for _, a := range c.Positionals() {
			if strings.Contains(a, "=") {
				continue
			}
			b := path.Base(a)
			for _, s := range shells {
				if b == s {
					return b
				}
			}
			return ""
		}
	}
	return ""
}

func substRunsDownload(arg string) bool {
	for _, d := range downloaders {
		if strings.Contains(arg, "$("+d+" ") || strings.Contains(arg, "<("+d+" ") || strings.Contains(arg, "`"+d+" ") {
			return true
		}
	}
	return false
}
