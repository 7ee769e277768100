package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PackageUpdateAlone: the index refresh and the install are in different
// RUNs, so the cached index layer goes stale.
var PackageUpdateAlone = &Rule{
	ID:       "DKS3001",
	Name:     "package-update-alone",
	Title:    "Package index refreshed in a RUN that installs nothing",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0017", "CKV_DOCKER_5", "CIS-DI-0007"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CIS:      []*t.CISItem{t.CIS4_7},
		CWE:      []*t.CWE{t.CWE1104},
		Controls: []*t.Control{t.NIST53_SI2, t.NIST190_4_1_1},
	},
	Doc: Doc{
		Vulnerability: "Package index refreshed alone",
		Mitigation:    "Refresh and install in the same RUN.",

		Rationale: "The build cache keeps the layer of `RUN apt-get update` as long as its text does not " +
			"change, so later installs use an index that may be months old and miss security fixes (CIS 4.7).",
		Impact: "Outdated, vulnerable packages installed",
		Fix:    "Refresh and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageUpdateAlone, History: true}},
}

func checkPackageUpdateAlone(p *Pass, in dockerfile.Instruction) {
	var refresh *pkgCall
	for _, pc := range pkgCalls(in) {
		if isRefresh(pc) && refresh == nil {
			refresh = pc
		}
		if isInstall(pc) {
			return
		}
	}
	if refresh == nil {
		return
	}
	if s := scriptOf(in); s != nil && slices.ContainsFunc(s.Commands, runsScriptFile) {
		return // a setup script run after the refresh installs with it
	}
	p.ReportLinef(refresh.cmd.Line, "%s %s runs without an install in the same RUN; the build cache keeps this layer, so it goes stale", refresh.tool, refresh.sub())
}

// isRefresh reports whether an invocation only refreshes the package
// index. yum, dnf and zypper `update` upgrade every package (DKS3002
// reports that); their index refresh is makecache and refresh.
func isRefresh(pc *pkgCall) bool {
	switch pc.tool {
	case "apt-get", "apt", "aptitude", "apk":
		return pc.sub() == "update"
	case "zypper":
		return subIn(pc, "refresh", "ref")
	case "yum", "dnf", "microdnf":
		return pc.sub() == "makecache"
	}
	return false
}

// runsScriptFile reports whether c runs a shell script file (`ash
// setup.sh`, `./install.sh`, `/tmp/scripts/common.sh`), whose commands a
// Dockerfile linter cannot see.
func runsScriptFile(c *dockerfile.Command) bool {
	if strings.HasSuffix(c.Name, ".sh") {
		return true
	}
	if !c.Is("sh", "bash", "ash", "dash", "zsh", "ksh") {
		return false
	}
	ops := c.Positionals()
	return len(ops) > 0 && strings.HasSuffix(ops[0], ".sh") && !c.HasFlag("-c", "-n")
}

// isInstall reports whether an invocation installs or upgrades packages
// against the index.
func isInstall(pc *pkgCall) bool {
	switch pc.tool {
	case "apt-get", "apt", "aptitude":
		return subIn(pc, "install", "upgrade", "dist-upgrade", "full-upgrade", "build-dep", "reinstall", "source")
	case "apk":
		return subIn(pc, "add", "upgrade", "fix")
	case "zypper":
		return subIn(pc, "install", "in", "dist-upgrade", "dup", "patch", "source-install", "si")
	case "yum", "dnf", "microdnf":
		return rpmInstalls(pc) && !isRefresh(pc)
	}
	return false
}
