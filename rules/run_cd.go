package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// RunCd: cd in RUN instead of WORKDIR.
var RunCd = &Rule{
	ID:       "DKS3101",
	Name:     "run-cd",
	Title:    "RUN changes directory with cd instead of WORKDIR",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3003", "DS-0013"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkRunCd}},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "cd instead of WORKDIR",
		Mitigation:    "Use WORKDIR or absolute paths.",

		Rationale: "A `cd` lasts only for its RUN; the next instruction starts again in the WORKDIR. " +
			"Dockerfiles that navigate with cd are easy to misread (which directory does the COPY " +
			"after it use?) and break when a step is moved. WORKDIR states the directory once for " +
			"everything that follows.",
		Impact:       "Commands and files land in a directory the reader does not expect",
		Fix:          "Use `WORKDIR /src` before the RUN, or an absolute path (`make -C /src`).",
		SeverityNote: "hadolint's DL3003 is a warning; cd inside a RUN does what it reads: hygiene, info.",
		Bad:          Dockerfiles("FROM alpine:3.20\nRUN cd /src && make\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nWORKDIR /src\nRUN make\n"),
		Refs:         []string{hadolintDoc("DL3003")},
	},
}

func checkRunCd(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("cd") {
		p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "use WORKDIR instead of cd to switch directories")
		return
	}
}
