package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// CopyMultiSourceDestNotDir: several sources into a destination without a
// trailing slash.
var CopyMultiSourceDestNotDir = &Rule{
	ID:       "DKS1025",
	Name:     "copy-multi-source-dest-not-dir",
	Title:    "COPY of several sources to a destination without a trailing /",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3021", "DS-0011"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkCopyMultiSourceDestNotDir}},
	Threat:   hygiene(),
	Doc: Doc{
		Vulnerability: "COPY of several files to a non-directory",
		Mitigation:    "End the COPY destination with a slash.",

		Rationale: "With more than one source, the destination must be a directory and must end with `/`; " +
			"the builder refuses the instruction otherwise.",
		Impact:       "Dockerfile does not build",
		Fix:          "End the destination with a slash: `COPY package.json yarn.lock /app/`.",
		SeverityNote: "hadolint's DL3021 and trivy's DS-0011 are errors; a build that fails is a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM node:22\nCOPY package.json yarn.lock /app\n"),
		Good:         Dockerfiles("FROM node:22\nCOPY package.json yarn.lock /app/\n"),
		Refs:         []string{hadolintDoc("DL3021")},
	},
}

func checkCopyMultiSourceDestNotDir(p *Pass, in dockerfile.Instruction) {
	kw, srcs, dest, _ := copyArgs(in)
	n := len(srcs)
	switch x := in.(type) {
	case *dockerfile.Copy:
		n += len(x.Cmd.SourceContents)
	case *dockerfile.Add:
		n += len(x.Cmd.SourceContents)
	}
	if n < 2 || strings.HasSuffix(dest, "/") || strings.HasSuffix(dest, `\`) || historyCopy(srcs) {
		return
	}
	p.Reportf(in.Range(), "%s with %d sources needs a destination directory ending in /, not %q", kw, n, dest)
}

// historyCopy recognises the `COPY file:<digest> in <dest>` form image
// history records (and Dockerfiles rebuilt from history repeat): one
// source, not two.
func historyCopy(srcs []string) bool {
	return len(srcs) == 2 && srcs[1] == "in" && (strings.HasPrefix(srcs[0], "file:") || strings.HasPrefix(srcs[0], "multi:") || strings.HasPrefix(srcs[0], "dir:"))
}
