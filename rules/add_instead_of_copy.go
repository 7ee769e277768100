package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// AddInsteadOfCopy: ADD of local files that COPY handles.
var AddInsteadOfCopy = &Rule{
	ID:       "DKS2002",
	Name:     "add-instead-of-copy",
	Title:    "ADD used where COPY does",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3020", "DS-0005", "CKV_DOCKER_4", "CIS-DI-0009"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1105},
		CIS:      []*t.CISItem{t.CIS4_9},
		CWE:      []*t.CWE{t.CWE829},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST190_4_1_2},
	},
	Doc: Doc{
		Vulnerability: "ADD instead of COPY",
		Mitigation:    "Use COPY for local files.",

		Rationale: "ADD has hidden behaviours COPY lacks: it unpacks local archives and fetches URLs. A file " +
			"that happens to look like an archive is silently expanded (a tar can overwrite any path), and a " +
			"reader cannot tell from `ADD src dst` which behaviour was intended.",
		Impact:       "Unexpected files written into the image",
		Fix:          "Use COPY for local files and directories; keep ADD only to unpack a local archive deliberately, or for a remote source with `--checksum`.",
		SeverityNote: "hadolint's DL3020 is an error; ADD of local files does what COPY does, except that it unpacks local archives: hygiene, info. Remote ADD is judged by DKS2003.",
		Bad:          Dockerfiles("FROM alpine:3.20\nADD app.py /app/\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nCOPY app.py /app/\n", "FROM alpine:3.20\nADD rootfs.tar.gz /\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindAdd}, Check: checkAddInsteadOfCopy, History: true}},
	// COPY does what ADD did for local files that are not archives.
	Fix: SafeFix,
}

func checkAddInsteadOfCopy(p *Pass, in dockerfile.Instruction) {
	add := in.(*dockerfile.Add)
	for _, src := range add.Cmd.SourcePaths {
		src = strings.Trim(src, `"'`)
		if IsRemoteSource(src) || isArchive(src) || strings.Contains(src, "$") || isHistorySource(src) {
			return
		}
	}
	p.WithFix(func() *Fix { return addToCopyFix(p.File, add) }).Reportf(in.Range(), "ADD of local files; use COPY, which neither unpacks archives nor fetches URLs")
}

// isHistorySource recognises the `file:<sha256>` and `multi:<sha256>`
// sources of `docker history` output ("ADD file:… in /"), which people paste
// into Dockerfiles when reconstructing one; they name the layer's content,
// not a local file COPY could take.
func isHistorySource(src string) bool {
	return strings.HasPrefix(src, "file:") || strings.HasPrefix(src, "multi:")
}

// addToCopyFix writes COPY for ADD, when every flag given is one COPY
// takes alike.
func addToCopyFix(f *dockerfile.File, add *dockerfile.Add) *Fix {
	c := add.Cmd
	if c.Checksum != "" || c.KeepGitDir != nil || c.Unpack != nil {
		return NoFixf("ADD's --checksum, --keep-git-dir and --unpack have no COPY equivalent")
	}
	start, end, ok := f.KeywordSpan(add)
	if !ok {
		return nil
	}
	kw := inCaseOf(add.Keyword(), "COPY")
	return NewFix("write "+kw, Replace(start, end, kw))
}
