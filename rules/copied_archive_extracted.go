package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CopiedArchiveExtracted: COPY of an archive that a later RUN extracts.
var CopiedArchiveExtracted = &Rule{
	ID:       "DKS1033",
	Name:     "copied-archive-extracted",
	Title:    "Archive COPYed into the image, then extracted by RUN",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3010"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Archive copied, then extracted",
		Mitigation:    "Extract with ADD or from a bind mount in one step.",

		Rationale: "COPY puts the archive in a layer and the RUN that extracts it adds the contents in " +
			"another, so the image carries both, even if the RUN deletes the archive. ADD extracts a " +
			"local tar archive in one step, and a bind mount (`RUN --mount=type=bind,source=app.tar,…`) " +
			"extracts it without ever storing it.",
		Impact: "Image keeps the archive and its contents",
		Fix:    "`ADD app.tar /opt/app/`, or `RUN --mount=type=bind,source=app.tar,target=/tmp/app.tar tar -xf /tmp/app.tar -C /opt/app`.",
		Bad:    Dockerfiles("FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -xf /tmp/app.tar -C /opt\n"),
		Good:   Dockerfiles("FROM debian:12\nADD app.tar /opt/\n"),
		Refs:   []string{hadolintDoc("DL3010")},
	},
	Checks: []Check{StageCheck{Check: checkCopiedArchiveExtractedStage}},
}

func checkCopiedArchiveExtractedStage(p *Pass, s *dockerfile.Stage) {
	copied := map[string]int{} // archive file name → COPY line
	for _, in := range s.Instructions {
		switch x := in.(type) {
		case *dockerfile.Copy:
			if x.Cmd.From != "" || in.Parent() != nil {
				continue
			}
			for _, src := range x.Cmd.SourcePaths {
				if isArchive(src) {
					copied[baseName(src)] = in.Range().StartLine
				}
			}
			if dest := baseName(x.Cmd.DestPath); isArchive(dest) {
				copied[dest] = in.Range().StartLine
			}
		case *dockerfile.Run:
			for _, c := range runScript(in).Find("tar") {
				if !tarExtracts(c) {
					continue
				}
				for _, a := range c.Args {
					if line, ok := copied[baseName(a)]; ok && !strings.HasPrefix(a, "-") {
						p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "tar extracts %s, copied at line %d; ADD or a bind mount would not keep the archive in a layer", baseName(a), line)
					}
				}
			}
		}
	}
}

// baseName is the last element of a Linux or Windows path.
func baseName(p string) string {
	p = strings.Trim(p, `"'`)
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}
