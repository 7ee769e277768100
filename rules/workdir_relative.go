package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// WorkdirRelative: the first WORKDIR of a stage chain is relative.
var WorkdirRelative = &Rule{
	ID:       "DKS1023",
	Name:     "workdir-relative",
	Title:    "Relative WORKDIR with no absolute WORKDIR before it",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"WorkdirRelativePath", "DL3000", "DS-0009", "CKV_DOCKER_10"},
	BuildKit: &linter.RuleWorkdirRelativePath,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Relative WORKDIR",
		Mitigation:    "Use an absolute WORKDIR.",

		Rationale: "A relative WORKDIR is resolved against the base image's working directory, which the " +
			"Dockerfile does not control: when the base image changes it, files land elsewhere and " +
			"commands run in another directory. Once the stage (or a stage it builds on) has set an " +
			"absolute WORKDIR, later relative ones are fine; only the first is reported, as BuildKit does.",
		Impact:       "Files and commands land in a directory the base image decides",
		Fix:          "Use an absolute path: `WORKDIR /app`.",
		SeverityNote: "hadolint's DL3000 is an error and BuildKit's WorkdirRelativePath a warning; a relative WORKDIR only depends on the base's working directory, like a relative COPY destination: hygiene, info.",
		Bad:          Dockerfiles("FROM node:22\nWORKDIR app\n"),
		Good:         Dockerfiles("FROM node:22\nWORKDIR /app\n", "FROM node:22\nWORKDIR /srv\nWORKDIR app\n"),
		Refs:         []string{buildKitDoc("workdir-relative-path"), hadolintDoc("DL3000")},
	},
	Checks: []Check{FileCheck{Check: checkWorkdirRelativeFile}},
}

func checkWorkdirRelativeFile(p *Pass, f *dockerfile.File) {
	set := map[*dockerfile.Stage]bool{}
	for _, s := range f.Stages {
		done := s.Parent != nil && set[s.Parent]
		for _, in := range s.Instructions {
			wd, ok := in.(*dockerfile.Workdir)
			if !ok || in.Parent() != nil {
				continue
			}
			if !done {
				if path, known := workdirPath(wd); known && !isAbsPath(path) && !isAbsPath(strings.Trim(wd.Cmd.Path, `"'`)) {
					p.Reportf(in.Range(), "Relative workdir %q can have unexpected results if the base image changes", path)
				}
			}
			done = true
		}
		set[s] = done
	}
}

// workdirPath expands a WORKDIR's path; known is false when it depends on
// a variable without a known value.
func workdirPath(wd *dockerfile.Workdir) (path string, known bool) {
	raw := wd.Cmd.Path
	exp := wd.Scope().Expand(raw)
	switch {
	case strings.Contains(raw, "$") && !exp.Resolved:
		return "", false
	case exp.Value == raw && strings.ContainsAny(raw, `"'`):
		// The lexer refused the word (in `"C:\"` the backslash escapes the
		// quote); judge it with the quotes removed.
		return strings.Trim(raw, `"'`), true
	}
	return exp.Value, true
}
