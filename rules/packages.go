package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// isRefresh reports whether an invocation refreshes the package index,
// or (yum, dnf, zypper update) upgrades everything against a fresh one:
// either way its layer is only as fresh as the build cache lets it be.
func isRefresh(pc *pkgCall) bool {
	switch pc.tool {
	case "apt-get", "apt", "aptitude", "apk":
		return pc.sub() == "update"
	case "zypper":
		return subIn(pc, "refresh", "ref", "update", "up")
	case "yum", "dnf", "microdnf":
		return subIn(pc, "update", "upgrade", "up", "makecache") && len(pc.operands()) == 0
	}
	return false
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
		Rationale: "The build cache keeps the layer of `RUN apt-get update` as long as its text does not " +
			"change, so later installs use an index that may be months old and miss security fixes (CIS 4.7).",
		Impact: "Outdated, vulnerable packages installed",
		Fix:    "Refresh and install in the same RUN: `RUN apt-get update && apt-get install -y --no-install-recommends pkg && rm -rf /var/lib/apt/lists/*`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends curl\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		var refresh *pkgCall
		for _, pc := range pkgCalls(in) {
			if isRefresh(pc) && refresh == nil {
				refresh = pc
			}
			if isInstall(pc) {
				return
			}
		}
		if refresh != nil {
			p.ReportLinef(refresh.cmd.Line, "%s %s runs without an install in the same RUN; the build cache keeps this layer, so it goes stale", refresh.tool, refresh.sub())
		}
	}, History: true}},
}

// PackageUpgrade: a blanket upgrade of every installed package.
var PackageUpgrade = &Rule{
	ID:                "DKS3002",
	Name:              "package-upgrade",
	Title:             "Blanket package upgrade in the build",
	Severity:          Warning,
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
		Rationale: "`apt-get upgrade`, `apk upgrade`, `yum update`, `dnf upgrade`, `zypper dist-upgrade` and the " +
			"like upgrade every package to whatever the mirror has at build time: two builds of the same " +
			"Dockerfile differ, and packages the base image's maintainers held back get replaced. Security " +
			"fixes are better taken by rebuilding on an updated base image.",
		Impact: "Unreproducible image contents",
		Fix:    "Rebuild regularly on a patched base image tag, and install only the packages you need at pinned versions.",
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
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, pc := range pkgCalls(in) {
			sub := pc.sub()
			var peers []string
			upgrade := false
			switch pc.tool {
			case "apt-get", "apt", "aptitude":
				upgrade = subIn(pc, "upgrade", "dist-upgrade", "full-upgrade", "safe-upgrade")
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
	}, History: true}},
}

// PackageInstallInteractive: the install waits for a "Do you want to
// continue? [Y/n]" answer that a build cannot give.
var PackageInstallInteractive = &Rule{
	ID:                "DKS3005",
	Name:              "package-install-interactive",
	Title:             "Package manager asks for confirmation in a build",
	Severity:          Warning,
	Since:             "0.1.0",
	Aliases:           []string{"DL3014", "DL3030", "DL3034", "DL3038", "DS-0021"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "`apt-get install`, `yum install`, `dnf install` and `zypper install` ask for confirmation " +
			"before changing the system. A build has no terminal: the prompt reads end-of-file and the install " +
			"aborts, or with some versions and wrappers waits, so the build fails or hangs depending on how many " +
			"packages happen to be pulled in.",
		Impact: "Builds that fail or hang unpredictably",
		Fix: "Answer up front: `apt-get install -y`, `yum install -y`, `dnf install -y`, `microdnf install -y`, " +
			"`zypper --non-interactive install` (or `zypper install -y`).",
		Bad:  Dockerfiles("FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n"),
		Good: Dockerfiles("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n", "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, pc := range pkgCalls(in) {
			var peers []string
			fix := "-y"
			switch pc.tool {
			case "apt-get", "apt", "aptitude":
				if !subIn(pc, "install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge", "autoremove", "build-dep", "reinstall") ||
					pc.hasFlag("-y", "--yes", "--assume-yes", "--force-yes", "-s", "--simulate", "--just-print", "--dry-run", "--recon", "--no-act") ||
					aptQuietLevel(pc) >= 2 || aptAssumeYesOption(pc) {
					continue
				}
				peers = []string{"DL3014", "DS-0021"}
			case "yum", "dnf", "microdnf":
				if !(rpmInstalls(pc) || subIn(pc, "remove", "erase", "autoremove")) || pc.sub() == "makecache" || pc.hasFlag("-y", "--assumeyes") {
					continue
				}
				peers = []string{"DL3038"}
				if pc.tool == "yum" {
					peers = []string{"DL3030"}
				}
			case "zypper":
				if !subIn(pc, "install", "in", "remove", "rm", "update", "up", "patch", "dist-upgrade", "dup", "source-install", "si") ||
					pc.hasFlag("-n", "--non-interactive", "-y", "--no-confirm") {
					continue
				}
				peers, fix = []string{"DL3034"}, "--non-interactive"
			default:
				continue
			}
			if pc.cmd.PipedFrom != nil && pc.cmd.PipedFrom.Is("yes") {
				continue
			}
			p.ReportAliasedf(dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), peers,
				"%s %s without %s waits for a confirmation the build cannot give; add %s", pc.tool, pc.sub(), fix, fix)
		}
	}, History: true}},
}

// aptQuietLevel counts -q flags: quiet level 2 (-qq, -q=2) implies -y.
func aptQuietLevel(pc *pkgCall) int {
	level := 0
	for _, a := range pc.args {
		switch {
		case a == "--quiet":
			level++
		case strings.HasPrefix(a, "-q=") || strings.HasPrefix(a, "--quiet="):
			_, v, _ := strings.Cut(a, "=")
			if n, err := strconv.Atoi(v); err == nil {
				level += n
			}
		case len(a) > 1 && a[0] == '-' && a[1] != '-':
			level += strings.Count(a[1:], "q")
		}
	}
	return level
}

// aptAssumeYesOption reports -o APT::Get::Assume-Yes=true.
func aptAssumeYesOption(pc *pkgCall) bool {
	v, ok := aptOption(pc, "APT::Get::Assume-Yes")
	return ok && truthy(v)
}
