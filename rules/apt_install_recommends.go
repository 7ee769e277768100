package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// AptInstallRecommends: apt also installs every "Recommends" of the
// requested packages.
var AptInstallRecommends = &Rule{
	ID:       "DKS3006",
	Name:     "apt-install-recommends",
	Title:    "apt installs recommended packages too",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3015", "DS-0029"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		CIS:      []*t.CISItem{t.CIS4_3},
		CWE:      []*t.CWE{t.CWE1395},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST190_4_1_1},
	},
	Doc: Doc{
		Vulnerability: "Recommended packages installed",
		Mitigation:    "Install with --no-install-recommends.",

		Rationale: "By default `apt-get install` pulls in the packages the requested ones merely recommend: " +
			"often dozens of extra programs and libraries nobody asked for. Each is more code to patch and " +
			"more tools for an attacker who gets a shell in the container (CIS 4.3).\n\n" +
			"Only the stage that ships and the stages it builds FROM are judged, plus ONBUILD triggers.",
		Impact: "Larger attack surface in the shipped image",
		Fix: "Add `--no-install-recommends` (or `-o APT::Install-Recommends=false`), or set " +
			"`APT::Install-Recommends \"false\";` in /etc/apt/apt.conf.d/ once, then list what you really need.",
		Bad:  Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n"),
		Good: Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkAptInstallRecommends, History: true}},
	// Unsafe: what is no longer installed may be what the application
	// needed without saying so. `curl` recommends ca-certificates, so
	// `--no-install-recommends curl` leaves an image whose HTTPS fails.
	Fix: UnsafeFix,
}

func checkAptInstallRecommends(p *Pass, in dockerfile.Instruction) {
	if !p.LeftoversShip(in) {
		return
	}
	for _, pc := range pkgCalls(in) {
		if (pc.tool != "apt-get" && pc.tool != "apt") || pc.sub() != "install" {
			continue
		}
		if pc.hasFlag("--no-install-recommends") || aptOptionFalse(pc, "APT::Install-Recommends") || recommendsOffInConfig(p, in) || recommendsOffBefore(in, pc) {
			continue
		}
		p.WithFix(func() *Fix { return noRecommendsFix(p.File, in, pc) }).ReportLinef(pc.cmd.Line, "%s install also installs recommended packages; add --no-install-recommends", pc.tool)
	}
}

// recommendsOffBefore reports whether the same RUN writes
// `APT::Install-Recommends "false"` before the install runs.
func recommendsOffBefore(in dockerfile.Instruction, install *pkgCall) bool {
	s := scriptOf(in)
	if s == nil {
		return false
	}
	for _, c := range s.Commands {
		if c == install.cmd {
			return false
		}
		if writesRecommendsOff(c) {
			return true
		}
	}
	return false
}

// writesRecommendsOff reports an echo, printf, cat or tee whose text turns
// apt's recommends off.
func writesRecommendsOff(c *dockerfile.Command) bool {
	if !c.Is("echo", "printf", "cat", "tee") {
		return false
	}
	text := strings.Join(c.Args, " ") + c.Stdin
	return strings.Contains(text, "Install-Recommends") && (strings.Contains(text, "false") || strings.Contains(text, `"0"`))
}

// recommendsOffInConfig reports whether a RUN before in, in its stage or
// one it builds on, wrote `APT::Install-Recommends "false"` into apt's
// configuration.
func recommendsOffInConfig(p *Pass, in dockerfile.Instruction) bool {
	type key struct{}
	return earlierMatch(p.File, key{}, in, func(prev dockerfile.Instruction) bool {
		s := scriptOf(prev)
		if s == nil {
			return false
		}
		return slices.ContainsFunc(s.Commands, writesRecommendsOff)
	})
}

// noRecommendsFix adds --no-install-recommends after install.
func noRecommendsFix(f *dockerfile.File, in dockerfile.Instruction, pc *pkgCall) *Fix {
	e, ok := afterSub(f, in, pc, " --no-install-recommends")
	if !ok {
		return nil
	}
	return NewFix("add --no-install-recommends", e)
}
