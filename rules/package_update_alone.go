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
		SeverityNote: "A refresh that a later RUN installs from is a warning (the stale index is what that install reads). " +
			"A refresh nothing installs from afterwards, and yum, dnf or zypper `update` alone (an upgrade the cache keeps; trivy's DS-0017 reports it), are info: a wasted or frozen layer, hygiene under the policy.",
		Fix:  "Refresh and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`.",
		Bad:  Dockerfiles("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n"),
		Good: Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageUpdateAlone, History: true}},
}

func checkPackageUpdateAlone(p *Pass, in dockerfile.Instruction) {
	var refresh, upgrade *pkgCall
	for _, pc := range pkgCalls(in) {
		switch {
		case isRefresh(pc):
			if refresh == nil {
				refresh = pc
			}
		case isRPMUpgradeAll(pc):
			if upgrade == nil {
				upgrade = pc
			}
		case isInstall(pc):
			return
		}
	}
	if refresh == nil && upgrade == nil {
		return
	}
	if s := scriptOf(in); s != nil && slices.ContainsFunc(s.Commands, runsScriptFile) {
		return // a setup script run after the refresh installs with it
	}
	switch {
	case refresh != nil && installsLater(p, in):
		p.ReportLinef(refresh.cmd.Line, "%s %s runs without an install in the same RUN; the build cache keeps this layer, so it goes stale", refresh.tool, refresh.sub())
	case refresh != nil:
		// Nothing installs from the refreshed index: no stale install can
		// follow, only a layer of index files (hygiene).
		p.ReportAtf(Info, dockerfile.LineRange(refresh.cmd.Line, refresh.cmd.Line), nil,
			"%s %s runs without an install in the same RUN and no later RUN installs from it: the layer only adds index files", refresh.tool, refresh.sub())
	default:
		// yum, dnf and zypper update upgrade every package: not a stale
		// index but an upgrade the build cache keeps as long as the RUN's
		// text is the same, so rebuilds get no new fixes (hygiene).
		p.ReportAtf(Info, dockerfile.LineRange(upgrade.cmd.Line, upgrade.cmd.Line), nil,
			"%s %s upgrades every package in a RUN that installs nothing; the build cache keeps this layer, so rebuilds reuse the old upgrade", upgrade.tool, upgrade.sub())
	}
}

// isRPMUpgradeAll reports whether an invocation is yum, dnf or zypper's
// blanket update (no package named), which refreshes the metadata and
// upgrades everything.
func isRPMUpgradeAll(pc *pkgCall) bool {
	switch pc.tool {
	case "yum", "dnf", "microdnf":
		return subIn(pc, "update", "upgrade", "up") && len(pc.operands()) == 0
	case "zypper":
		return subIn(pc, "update", "up") && len(pc.operands()) == 0
	}
	return false
}

// installsLater reports whether a later RUN of the stage, or of a stage
// built FROM it, installs packages (or runs a setup script that may): the
// refreshed index layer is then what that install reads. An ONBUILD
// trigger runs in another Dockerfile's build, which cannot be seen.
func installsLater(p *Pass, in dockerfile.Instruction) bool {
	st := in.Stage()
	if in.Parent() != nil || st == nil {
		return true
	}
	after := in.Range().EndLine
	for _, s := range p.File.Stages {
		if !builtFrom(s, st) {
			continue
		}
		for _, later := range s.Instructions {
			if later.Range().StartLine <= after {
				continue
			}
			if slices.ContainsFunc(pkgCalls(later), isInstall) {
				return true
			}
			if sc := scriptOf(later); sc != nil && slices.ContainsFunc(sc.Commands, runsScriptFile) {
				return true
			}
			if _, ok := later.(*dockerfile.Onbuild); ok {
				return true // a trigger may install in the image built on this one
			}
		}
	}
	return false
}

// builtFrom reports whether s is base or a stage built FROM it, directly
// or not.
func builtFrom(s, base *dockerfile.Stage) bool {
	seen := map[*dockerfile.Stage]bool{}
	for c := s; c != nil && !seen[c]; c = c.Parent {
		if c == base {
			return true
		}
		seen[c] = true
	}
	return false
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
