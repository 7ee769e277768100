package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PipeWithoutPipefail: a pipeline in RUN without pipefail.
var PipeWithoutPipefail = &Rule{
	ID:       "DKS3107",
	Name:     "pipe-without-pipefail",
	Title:    "RUN pipeline without pipefail",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL4006", "DS-0032"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPipeWithoutPipefail}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE754},
		Controls: []*t.Control{t.NIST53_SI7},
	},
	Doc: Doc{
		Vulnerability: "Pipeline without pipefail",
		Mitigation:    "Set SHELL with -o pipefail before piped RUNs.",

		Rationale: "A pipeline's status is its last command's, so in `curl -fsSL $URL | tar -xz` a failed " +
			"download still lets the build succeed, with a half-extracted or missing tree, and " +
			"`curl … | sh` runs whatever part of the script arrived. `set -o pipefail` (or a SHELL " +
			"with `-o pipefail`) makes any failing stage fail the RUN. bash, zsh, ksh and busybox ash " +
			"support it; plain `/bin/sh` may be dash, which does not, so it does not count. " +
			"Pipelines fed only by echo, printf, yes or true cannot fail upstream and are not " +
			"reported.",
		Impact: "Build succeeds on a failed or truncated download",
		Fix:    "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or `/bin/ash` on Alpine) before the RUN, or start the RUN with `set -o pipefail &&`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n"),
		Good:   Dockerfiles("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n", "FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz\n"),
		Refs:   []string{hadolintDoc("DL4006")},
	},
}

func checkPipeWithoutPipefail(p *Pass, in dockerfile.Instruction) {
	sc := runScript(in)
	if sc == nil || !sc.HasPipe || hasPipefail(shellAt(in)) {
		return
	}
	for _, c := range sc.Find("set") {
		if c.HasArg("pipefail") {
			return
		}
	}
	for _, c := range sc.Commands {
		if c.PipesTo != nil && !c.Is(trivialProducers...) {
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "pipeline from %s without pipefail: a failure before the last command is ignored", c.Base())
			return
		}
	}
}

// shellAt is the SHELL argv in force for an instruction: the last SHELL
// before it in its stage or in the stages it builds on.
func shellAt(in dockerfile.Instruction) []string {
	s := in.Stage()
	if s == nil {
		return nil
	}
	var chain []*dockerfile.Stage
	for c := s; c != nil; c = c.Parent {
		chain = append([]*dockerfile.Stage{c}, chain...)
	}
	var sh []string
	for _, c := range chain {
		for _, x := range c.Instructions {
			if x == in {
				return sh
			}
			if y, ok := x.(*dockerfile.Shell); ok {
				sh = y.Cmd.Shell
			}
		}
	}
	return sh
}

// pipefailShells are the shells whose `-o pipefail` works (busybox ash
// included); plain sh may be dash, which rejects it.
var pipefailShells = []string{"bash", "zsh", "ash", "ksh", "mksh"}

// hasPipefail reports whether a SHELL argv turns pipefail on.
func hasPipefail(argv []string) bool {
	if len(argv) == 0 || !slices.Contains(pipefailShells, path.Base(argv[0])) {
		return false
	}
	for i := 1; i+1 < len(argv); i++ {
		a := argv[i]
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.HasSuffix(a, "o") && argv[i+1] == "pipefail" {
			return true
		}
	}
	return slices.Contains(argv, "-opipefail")
}

// trivialProducers are commands that cannot meaningfully fail at the head
// of a pipeline (`echo "$SUM  file" | sha256sum -c`): pipefail would change
// nothing, so such pipelines are not reported (hadolint reports them).
var trivialProducers = []string{"echo", "printf", "yes", "true"}
