package rules

import (
	"archive/tar"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// LayerEntryEscapesRoot: a layer's tar names a path, or a link target,
// outside the image's root.
var LayerEntryEscapesRoot = &Rule{
	ID:       "DKS2008",
	Name:     "layer-entry-escapes-root",
	Title:    "Layer entry or link target escapes the image root",
	Severity: Warning,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1525, t.T1611},
		CWE:      []*t.CWE{t.CWE22},
		Controls: []*t.Control{t.NIST53_SI7, t.NIST53_SI10, t.NIST190_4_1_3},
	},
	Doc: Doc{
		Vulnerability: "Layer entry escapes the image root",
		Mitigation:    "Rebuild the image with a standard builder.",

		Rationale: "No build tool writes a layer entry named `../../etc/cron.d/job` or `/etc/passwd`, nor a " +
			"hard link to a file above the root: such an entry was crafted. The container runtimes confine it, " +
			"but every other tool that unpacks the layer (a `docker save` archive extracted with `tar`, a " +
			"scanner, a CI step that copies files out of the image) may write it where the name says, " +
			"outside its target directory, or follow the link to a host file (CWE-22, the \"zip slip\"). A " +
			"relative symbolic link that climbs above `/` is the same trap for extractors that resolve links " +
			"on the host.",
		Impact: "Files written or read outside the extraction directory",
		Fix: "Rebuild the image with a standard builder (`docker build`, BuildKit, buildah, ko) rather than " +
			"hand-made layer tars, and do not use an image whose layers contain such entries: find out who " +
			"produced it.",
		Bad: Images(
			"-- layer0/../../etc/cron.d/job --\n* * * * * root sh /tmp/x\n",
			"-- layer0/usr/lib/shadow hardlink=../../etc/shadow --\n",
			"-- layer0/usr/lib/host link=../../../../etc --\n",
		),
		Good: Images(
			"-- layer0/etc/cron.d/job --\n* * * * * root true\n-- layer0/usr/lib/os-release link=../../etc/os-release --\n" +
				"-- layer0/bin/sh link=/bin/busybox --\n",
		),
		Refs: []string{"https://cwe.mitre.org/data/definitions/22.html", "https://security.snyk.io/research/zip-slip-vulnerability"},
	},
	Checks: []Check{
		// Not LiveOnly: an extractor writes the entry whatever later layers
		// do to its path.
		LayerFileCheck{Check: checkLayerEntryEscapesRoot},
	},
}

// checkLayerEntryEscapesRoot reports an entry whose raw name is absolute or
// climbs above the root, and a link whose raw target leaves it, quoting
// the raw strings since the entry's Path is already confined.
func checkLayerEntryEscapesRoot(p *ImagePass, f *image.Entry) {
	var why []string
	if f.Escaped {
		how := "climbs above the root"
		if strings.HasPrefix(f.Header.Name, "/") {
			how = "is an absolute path"
		}
		why = append(why, "its name "+quoteRaw(f.Header.Name)+" "+how)
	}
	if f.LinkEscaped {
		kind := "symbolic link"
		if f.Header.Typeflag == tar.TypeLink {
			kind = "hard link"
		}
		why = append(why, "it is a "+kind+" to "+quoteRaw(f.Header.Linkname)+", outside the root")
	}
	if len(why) == 0 {
		return
	}
	p.ReportFilef(f, "layer entry %s escapes the image root: %s; an extractor that trusts it writes or reads outside its target", f.Path, strings.Join(why, " and "))
}

// quoteRaw quotes an untrusted tar name for a message, shortened so a
// crafted name of megabytes cannot swell the report.
func quoteRaw(s string) string {
	const maxRunes = 200
	if r := []rune(s); len(r) > maxRunes {
		s = string(r[:maxRunes]) + "…"
	}
	return strconv.Quote(s)
}
