package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

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
		Vulnerability: "Interactive package install",
		Mitigation:    "Pass -y (or the manager's non-interactive flag).",

		Rationale: "`apt-get install`, `yum install`, `dnf install` and `zypper install` ask for confirmation " +
			"before changing the system. A build has no terminal: the prompt reads end-of-file and the install " +
			"aborts, or with some versions and wrappers waits, so the build fails or hangs depending on how many " +
			"packages happen to be pulled in.",
		Impact: "Builds that fail or hang unpredictably",
		SeverityNote: "microdnf without -y is info: it does not wait for a confirmation without a terminal " +
			"(docker-library's Oracle Linux images build that way); hadolint's DL3038 still asks for -y, which says so for readers.",
		Fix: "Answer up front: `apt-get install -y`, `yum install -y`, `dnf install -y`, `microdnf install -y`, " +
			"`zypper --non-interactive install` (or `zypper install -y`).",
		Bad:  Dockerfiles("FROM debian:12\nRUN apt-get install --no-install-recommends curl=7.88.1-10+deb12u8\n"),
		Good: Dockerfiles("FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n", "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0 && zypper clean\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageInstallInteractive, History: true}},
}

func checkPackageInstallInteractive(p *Pass, in dockerfile.Instruction) {
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
		if pc.tool == "microdnf" {
			// microdnf asks nothing when no terminal is attached, as in a
			// build; -y only says so (hadolint's DL3038 asks for it).
			p.ReportAtf(Info, dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), peers,
				"microdnf %s without -y: microdnf does not wait for a confirmation without a terminal, as in a build; -y says so for readers", pc.sub())
			continue
		}
		p.ReportAliasedf(dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), peers,
			"%s %s without %s waits for a confirmation the build cannot give; add %s", pc.tool, pc.sub(), fix, fix)
	}
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
