package rules

import (
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
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		if !leftoversShip(p, in) {
			return
		}
		for _, pc := range pkgCalls(in) {
			if (pc.tool != "apt-get" && pc.tool != "apt") || pc.sub() != "install" {
				continue
			}
			if pc.hasFlag("--no-install-recommends") || aptOptionFalse(pc, "APT::Install-Recommends") || recommendsOffInConfig(p, in) {
				continue
			}
			p.ReportLinef(pc.cmd.Line, "%s install also installs recommended packages; add --no-install-recommends", pc.tool)
		}
	}, History: true}},
}

// aptOption returns the value of an `-o NAME=value` option.
func aptOption(pc *pkgCall, name string) (string, bool) {
	for i, a := range pc.args {
		opt := ""
		switch {
		case (a == "-o" || a == "--option") && i+1 < len(pc.args):
			opt = pc.args[i+1]
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			opt = strings.TrimPrefix(a[2:], "=")
		case strings.HasPrefix(a, "--option="):
			opt = strings.TrimPrefix(a, "--option=")
		}
		if k, v, ok := strings.Cut(opt, "="); ok && strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// aptOptionFalse reports -o NAME=false (or 0, no, off).
func aptOptionFalse(pc *pkgCall, name string) bool {
	v, ok := aptOption(pc, name)
	return ok && !truthy(v)
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
		for _, c := range s.Commands {
			if !c.Is("echo", "printf", "cat", "tee") {
				continue
			}
			text := strings.Join(c.Args, " ") + c.Stdin
			if strings.Contains(text, "Install-Recommends") && (strings.Contains(text, "false") || strings.Contains(text, `"0"`)) {
				return true
			}
		}
		return false
	})
}

// AptCLIInScript: the `apt` front end is for people, not scripts.
var AptCLIInScript = &Rule{
	ID:       "DKS3007",
	Name:     "apt-cli-in-script",
	Title:    "apt used in a RUN instead of apt-get",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3027", "CKV_DOCKER_9"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "`apt` is the interactive front end: its command line and output may change between " +
			"releases and it warns \"apt does not have a stable CLI interface. Use with caution in scripts.\" " +
			"A Dockerfile that works today can break on the next base image.",
		Impact: "Builds that break when the base image changes",
		Fix:    "Use `apt-get` (and `apt-cache` for queries), whose interface is stable.",
		Bad:    Dockerfiles("FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10.4 && rm -rf /var/lib/apt/lists/*\n"),
		Good:   Dockerfiles("FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.4 && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, pc := range pkgCalls(in) {
			if pc.tool == "apt" {
				p.ReportLinef(pc.cmd.Line, "apt %s: apt has no stable command-line interface for scripts; use apt-get", pc.sub())
			}
		}
	}, History: true}},
}
