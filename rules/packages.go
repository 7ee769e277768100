package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// refreshCommands refresh a package index without installing anything.
func isIndexRefresh(c *dockerfile.Command) bool {
	switch c.Base() {
	case "apt-get", "apt", "aptitude", "apk":
		return c.Subcommand() == "update"
	case "zypper":
		sub := c.Subcommand()
		return sub == "refresh" || sub == "ref"
	}
	return false
}

func isInstall(c *dockerfile.Command) bool {
	switch c.Base() {
	case "apt-get", "apt", "aptitude":
		sub := c.Subcommand()
		return sub == "install" || sub == "upgrade" || sub == "dist-upgrade" || sub == "full-upgrade" || sub == "build-dep" || sub == "reinstall"
	case "apk":
		sub := c.Subcommand()
		return sub == "add" || sub == "upgrade" || sub == "fix"
	case "zypper":
		sub := c.Subcommand()
		return sub == "install" || sub == "in" || sub == "update" || sub == "up" || sub == "dist-upgrade" || sub == "dup" || sub == "patch"
	}
	return false
}

// PackageUpdateAlone: the index refresh and the install are in different
// RUNs, so the cached index layer goes stale.
var PackageUpdateAlone = &Rule{
	ID:       "DKS3001",
	Name:     "package-update-alone",
	Title:    "Package index refreshed in a RUN that installs nothing",
	Severity: Warning,
	Aliases:  []string{"DS-0017", "CKV_DOCKER_5", "CIS-DI-0007"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CIS:      []*t.CISItem{t.CIS4_7},
		CWE:      []*t.CWE{t.CWE1104},
		Controls: []*t.Control{t.NIST53_SI2, t.NIST190_4_1_1},
	},
	Doc: Doc{
		Rationale: "The build cache keeps the layer of `RUN apt-get update` as long as its text does not " +
			"change, so later installs use an index that may be months old and miss security fixes (CIS 4.7).",
		Impact: "Outdated, vulnerable packages installed",
		Fix:    "Refresh and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`.",
		Bad:    []string{"FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n"},
		Good:   []string{"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"},
	},
	Visit: []dockerfile.Kind{dockerfile.KindRun},
	Check: func(p *Pass, in dockerfile.Instruction) {
		s := runScript(in)
		if s == nil {
			return
		}
		var refresh *dockerfile.Command
		for _, c := range s.Commands {
			if isIndexRefresh(c) && refresh == nil {
				refresh = c
			}
			if isInstall(c) {
				return
			}
		}
		if refresh != nil {
			p.ReportLinef(refresh.Line, "%s %s runs without an install in the same RUN; the cached index goes stale", refresh.Base(), refresh.Subcommand())
		}
	},
}

// PackageUpgrade: a blanket upgrade of every installed package.
var PackageUpgrade = &Rule{
	ID:       "DKS3002",
	Name:     "package-upgrade",
	Title:    "Blanket package upgrade in the build",
	Severity: Info,
	Aliases:  []string{"DS-0024", "DKL-DI-0003"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CIS:      []*t.CISItem{t.CIS4_4},
		CWE:      []*t.CWE{t.CWE1357},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "`apt-get upgrade`, `apk upgrade`, `yum update` and the like upgrade every package to " +
			"whatever the mirror has at build time: two builds of the same Dockerfile differ, and packages " +
			"the base image's maintainers held back get replaced. Security fixes are better taken by " +
			"rebuilding on an updated base image.",
		Impact: "Unreproducible image contents",
		Fix:    "Rebuild regularly on a patched base image tag, and install only the packages you need at pinned versions.",
		Bad:    []string{"FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n", "FROM alpine:3.20\nRUN apk upgrade --no-cache\n"},
		Good:   []string{"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n"},
	},
	Visit: []dockerfile.Kind{dockerfile.KindRun},
	Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("apt-get", "apt", "aptitude", "apk", "yum", "dnf", "microdnf", "zypper") {
			sub := c.Subcommand()
			upgrade := false
			switch c.Base() {
			case "apt-get", "apt", "aptitude":
				upgrade = sub == "upgrade" || sub == "dist-upgrade" || sub == "full-upgrade" || sub == "safe-upgrade"
			case "apk":
				upgrade = sub == "upgrade"
			case "yum", "dnf", "microdnf":
				// `yum update pkg` updates named packages; only bare update is blanket.
				upgrade = (sub == "update" || sub == "upgrade" || sub == "distro-sync") && len(c.Positionals()) == 1
			case "zypper":
				upgrade = sub == "update" || sub == "up" || sub == "dist-upgrade" || sub == "dup"
			}
			if upgrade {
				p.ReportLinef(c.Line, "%s %s upgrades every installed package at build time", c.Base(), sub)
			}
		}
	},
}
