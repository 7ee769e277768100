package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
)

// WgetProgressBar: wget without a progress or quiet option.
var WgetProgressBar = &Rule{
	ID:       "DKS3104",
	Name:     "wget-progress-bar",
	Title:    "wget without --progress or a quiet option",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3047"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkWgetProgressBar}},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "wget progress bar in build logs",
		Mitigation:    "Use wget --progress=dot:giga or -q.",

		Rationale: "Without a terminal, wget's default progress output prints a line for every few " +
			"kilobytes, so one large download can add thousands of lines to the build log and bury " +
			"the output that matters.",
		Impact: "Build logs flooded",
		Fix:    "Use `wget --progress=dot:giga`, `-q`/`--quiet`, `-nv`, or send output to a file with `-o`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN wget https://example.com/app.tar.gz\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n"),
		Refs:   []string{hadolintDoc("DL3047")},
	},
}

func checkWgetProgressBar(p *Pass, in dockerfile.Instruction) {
	for _, c := range runScript(in).Find("wget") {
		if c.HasFlag("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output") {
			continue
		}
		p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "wget without --progress or -q floods the build log")
	}
}
