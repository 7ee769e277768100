package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PackageUpgrade: a blanket upgrade of every installed package.
var PackageUpgrade = &Rule{
	ID:                "DKS3002",
	Name:              "package-upgrade",
	Title:             "Blanket package upgrade in the build",
	Severity:          Info,
	Since:             "0.1.0",
	Aliases:           []string{"DL3005", "DL3035", "DS-0024", "DKL-DI-0003"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CIS:      []*t.CISItem{t.CIS4_4},
		CWE:      []*t.CWE{t.CWE1357},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Blanket package upgrade",
		Mitigation:    "Rebuild on a patched base image instead of upgrading.",

		Rationale: "`apt-get upgrade`, `apk upgrade`, `yum update`, `dnf upgrade`, `zypper dist-upgrade` and the " +
			"like upgrade every package to whatever the mirror has at build time: two builds of the same " +
			"Dockerfile differ, and packages the base image's maintainers held back get replaced. Security " +
			"fixes are better taken by rebuilding on an updated base image.",
		Impact:       "Unreproducible image contents",
		Fix:          "Rebuild regularly on a patched base image tag, and install only the packages you need at pinned versions.",
		SeverityNote: "hadolint's DL3005 and DL3035 (trivy's DS-0024) flag upgrades as errors or warnings; upgrading the base's packages at build time is often how fixes arrive, and only costs reproducibility: hygiene, info.",
		Bad: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get -y dist-upgrade\n",
			"FROM alpine:3.20\nRUN apk upgrade --no-cache\n",
			"FROM opensuse/leap:15.6\nRUN zypper -n dup\n",
		),
		Good: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
			"FROM rockylinux:9\nRUN dnf upgrade -y openssl-3.0.7 && dnf clean all\n",
		),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageUpgrade, History: true}},
}

func checkPackageUpgrade(p *Pass, in dockerfile.Instruction) {
	for _, pc := range pkgCalls(in) {
		sub := pc.sub()
		var peers []string
		upgrade := false
		switch pc.tool {
		case "apt-get", "apt", "aptitude":
			// `apt-get upgrade -y libssl3` upgrades the named packages only.
			upgrade = subIn(pc, "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade") && len(pc.operands()) == 0
			peers = []string{"DL3005", "DKL-DI-0003"}
			if sub == "dist-upgrade" {
				peers = append(peers, "DS-0024")
			}
		case "apk":
			upgrade = sub == "upgrade" && len(pc.operands()) == 0
		case "yum", "dnf", "microdnf":
			// `yum update pkg` updates named packages; only bare update is blanket.
			upgrade = subIn(pc, "update", "upgrade", "up", "distro-sync", "upgrade-minimal", "up-min", "update-minimal") && len(pc.operands()) == 0
		case "zypper":
			upgrade = subIn(pc, "update", "up", "dist-upgrade", "dup") && len(pc.operands()) == 0
			if sub == "dist-upgrade" || sub == "dup" {
				peers = []string{"DL3035"}
			}
		}
		if upgrade {
			p.ReportAliasedf(dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), peers, "%s %s upgrades every installed package at build time", pc.tool, sub)
		}
	}
}
