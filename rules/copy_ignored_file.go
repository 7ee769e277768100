package rules

import (
	"path"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/patternmatcher"
)

// CopyIgnoredFile: COPY or ADD of a path .dockerignore excludes.
var CopyIgnoredFile = &Rule{
	ID:       "DKS1024",
	Name:     "copy-ignored-file",
	Title:    "COPY or ADD of a file excluded by .dockerignore",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"CopyIgnoredFile"},
	BuildKit: &linter.RuleCopyIgnoredFile,
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkCopyIgnoredFile}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "COPY of an ignored file",
		Mitigation:    "Copy only files the build context provides.",

		Rationale: "Files excluded by .dockerignore are not sent to the builder, so a COPY of one fails, " +
			"or with a wildcard silently copies less than the author expects. Usually one of the two " +
			"files is wrong: either the .dockerignore hides something the image needs, or the COPY " +
			"reaches for something that was deliberately kept out (a secret, a local config). " +
			"As in BuildKit, a .dockerignore with `!` exceptions is not judged.",
		Impact: "Build fails or ships without files it needs",
		Fix:    "Copy only what the context provides, or adjust .dockerignore if the file is meant to be in the image.",
		Bad:    Dockerfiles("FROM alpine:3.20\nCOPY config/local.env /etc/app.env\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nCOPY config/app.yaml /etc/app.yaml\n"),
		Refs:   []string{buildKitDoc("copy-ignored-file")},
		// The examples are linted with this .dockerignore beside them.
		Dockerignore: "**/*.env\n",
	},
}

func checkCopyIgnoredFile(p *Pass, in dockerfile.Instruction) {
	if p.Dockerignore == nil || len(p.Dockerignore.Patterns) == 0 || in.Parent() != nil {
		return
	}
	if c, ok := in.(*dockerfile.Copy); ok && c.Cmd.From != "" {
		return
	}
	m, err := patternmatcher.New(p.Dockerignore.Patterns)
	if err != nil || m.Exclusions() {
		return
	}
	kw, srcs, _, _ := copyArgs(in)
	verb := "Copy"
	if kw == "ADD" {
		verb = "Add"
	}
	for _, src := range srcs {
		if strings.Contains(src, "://") || strings.HasPrefix(src, "git@") {
			continue
		}
		src = path.Clean(strings.ReplaceAll(src, `\`, "/"))
		if (src == "." || src == "/") && !rootIgnored(m) {
			continue
		}
		if hit, err := m.MatchesOrParentMatches(src); err == nil && hit {
			p.Reportf(in.Range(), "Attempting to %s file %q that is excluded by .dockerignore", verb, src)
		}
	}
}

// rootIgnored reports whether the patterns exclude every entry of the
// context root, the only case in which copying "." is reported.
func rootIgnored(m *patternmatcher.PatternMatcher) bool {
	for _, p := range m.Patterns() {
		if p.Exclusion() {
			continue
		}
		switch p.String() {
		case "*", "**", "**/*":
			return true
		}
	}
	return false
}
