package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CopyRelativeDestWithoutWorkdir: COPY to a relative destination before any WORKDIR.
var CopyRelativeDestWithoutWorkdir = &Rule{
	ID:       "DKS1026",
	Name:     "copy-relative-dest-without-workdir",
	Title:    "COPY to a relative destination with no WORKDIR set",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3045"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "COPY to a relative path without WORKDIR",
		Mitigation:    "Set WORKDIR first, or copy to an absolute path.",

		Rationale: "A relative COPY destination is resolved against the working directory, which, before " +
			"any WORKDIR in the stage, is whatever the base image set (often `/`). Files end up " +
			"somewhere that changes when the base image does.",
		Impact:       "Files land in a directory the base image decides",
		Fix:          "Set `WORKDIR /app` first, or copy to an absolute path.",
		SeverityNote: "hadolint's DL3045 is a warning; the copy lands in the base's working directory, which is hygiene to spell out: info.",
		Bad:          Dockerfiles("FROM node:22\nCOPY package.json app/\n"),
		Good:         Dockerfiles("FROM node:22\nWORKDIR /app\nCOPY package.json ./\n", "FROM node:22\nCOPY package.json /app/\n"),
		Refs:         []string{hadolintDoc("DL3045")},
	},
	Checks: []Check{FileCheck{Check: checkCopyRelativeDestWithoutWorkdirFile}},
}

func checkCopyRelativeDestWithoutWorkdirFile(p *Pass, f *dockerfile.File) {
	// set: a WORKDIR applies at this build; onbuildSet: one applies when
	// ONBUILD triggers run in a child build.
	set := map[*dockerfile.Stage]bool{}
	for _, s := range f.Stages {
		wd := s.Parent != nil && set[s.Parent]
		onbuildWD := wd
		check := func(in dockerfile.Instruction, haveWD bool) {
			c, ok := in.(*dockerfile.Copy)
			if !ok || haveWD {
				return
			}
			raw := c.Cmd.DestPath
			if strings.Contains(raw, "$") {
				return
			}
			_, _, dest, _ := copyArgs(in)
			if dest == "" || isAbsPath(dest) || isAbsPath(strings.Trim(raw, `"'`)) {
				return
			}
			p.Reportf(in.Range(), "COPY to relative destination %q with no WORKDIR set; it resolves against the base image's working directory", dest)
		}
		for _, in := range s.Instructions {
			switch x := in.(type) {
			case *dockerfile.Workdir:
				wd, onbuildWD = true, true
			case *dockerfile.Onbuild:
				if x.Inner == nil {
					continue
				}
				if x.Inner.Kind() == dockerfile.KindWorkdir {
					onbuildWD = true
				}
				check(x.Inner, onbuildWD)
			default:
				check(in, wd)
			}
		}
		set[s] = wd
	}
}
