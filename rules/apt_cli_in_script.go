package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/fix"
	t "github.com/dockstride/dockstride/internal/threat"
)

// AptCLIInScript: the `apt` front end is for people, not scripts.
var AptCLIInScript = &Rule{
	ID:       "DKS3007",
	Name:     "apt-cli-in-script",
	Title:    "apt used in a RUN instead of apt-get",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3027", "CKV_DOCKER_9"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "apt instead of apt-get",
		Mitigation:    "Use apt-get in scripts.",

		Rationale: "`apt` is the interactive front end: its command line and output may change between " +
			"releases and it warns \"apt does not have a stable CLI interface. Use with caution in scripts.\" " +
			"A Dockerfile that works today can break on the next base image.",
		Impact:       "Builds that break when the base image changes",
		Fix:          "Use `apt-get` (and `apt-cache` for queries), whose interface is stable.",
		SeverityNote: "hadolint's DL3027 is a warning; apt works in a script and only warns that its output may change: hygiene, info.",
		Bad:          Dockerfiles("FROM ubuntu:24.04\nRUN apt update && apt install -y --no-install-recommends curl=8.5.0-2ubuntu10.4 && rm -rf /var/lib/apt/lists/*\n"),
		Good:         Dockerfiles("FROM ubuntu:24.04\nRUN apt-get update && apt-get install -y --no-install-recommends curl=8.5.0-2ubuntu10.4 && rm -rf /var/lib/apt/lists/*\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkAptCLIInScript, History: true}},
	// Each apt sub-command is mapped to the apt-get one that does the same.
	Fix: SafeFix,
}

func checkAptCLIInScript(p *Pass, in dockerfile.Instruction) {
	for _, pc := range pkgCalls(in) {
		if pc.tool == "apt" {
			p.WithFix(func() *Fix { return aptGetFix(p.File, in, pc) }).ReportLinef(pc.cmd.Line, "apt %s: apt has no stable command-line interface for scripts; use apt-get", pc.sub())
		}
	}
}

// aptGetEquivalents are the apt sub-commands apt-get runs alike, with
// what apt-get needs added: apt's upgrade also installs new dependencies,
// and apt-get calls full-upgrade dist-upgrade.
var aptGetEquivalents = map[string]struct{ sub, extra string }{
	"install": {}, "reinstall": {}, "remove": {}, "purge": {}, "autoremove": {}, "update": {},
	"clean": {}, "autoclean": {}, "build-dep": {}, "source": {}, "satisfy": {}, "download": {},
	"upgrade":      {extra: " --with-new-pkgs"},
	"full-upgrade": {sub: "dist-upgrade"},
	"dist-upgrade": {},
}

// aptGetFix writes apt-get for apt, and the sub-command apt-get knows.
func aptGetFix(f *dockerfile.File, in dockerfile.Instruction, pc *pkgCall) *Fix {
	eq, ok := aptGetEquivalents[pc.sub()]
	if !ok {
		return NoFixf("apt-get has no %q; apt-cache and dpkg have its equivalents", pc.sub())
	}
	_, toolEnd, ok := pkgWordSpan(f, in, pc, 0)
	if !ok || !strings.HasSuffix(f.Text()[:toolEnd], "apt") {
		return nil
	}
	edits := []fix.Edit{Insert(toolEnd, "-get")}
	if eq.sub != "" || eq.extra != "" {
		i := subIndex(pc)
		start, end, ok := pkgWordSpan(f, in, pc, i+1)
		if i < 0 || !ok {
			return nil
		}
		if eq.sub != "" {
			edits = append(edits, Replace(start, end, eq.sub))
		} else {
			edits = append(edits, Insert(end, eq.extra))
		}
	}
	return NewFix("use apt-get", edits...)
}
