package rules

import (
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// LabelValueInvalid: a schema label whose value is empty or of the wrong
// type.
var LabelValueInvalid = &Rule{
	ID:       "DKS1032",
	Name:     "label-value-invalid",
	Title:    "Label value does not match its type in the label schema",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3051", "DL3052", "DL3053", "DL3054", "DL3055", "DL3056", "DL3058"},
	// hadolint has one rule per schema type.
	AliasesPerFinding: true,
	Threat:            provenance(),
	Doc: Doc{
		Vulnerability: "Invalid label value",
		Mitigation:    "Give the label a value of its type.",

		Rationale: "A label schema gives each required label a type (`text`, `url`, `rfc3339`, `spdx`, " +
			"`hash`, `semver`, `email`). An empty value, a source that is not a URL or a revision that " +
			"is not a commit hash defeats the point of requiring the label: the image still cannot be " +
			"traced. SPDX values are checked against the licences images commonly carry, " +
			"LicenseRef-… identifiers and AND/OR/WITH expressions of them. Silent until `label-schema` " +
			"is configured.",
		Impact:   "Image metadata present but useless for tracing",
		Fix:      "Give the label a value of its type: `LABEL org.opencontainers.image.revision=2dbfae9`.",
		Bad:      Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=\"\"\n"),
		Good:     Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app\n"),
		Refs:     []string{hadolintDoc("DL3051"), hadolintDoc("DL3052"), hadolintDoc("DL3053"), hadolintDoc("DL3054"), hadolintDoc("DL3055"), hadolintDoc("DL3056"), hadolintDoc("DL3058")},
		Settings: &Settings{LabelSchema: map[string]string{"org.opencontainers.image.source": "url"}},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: checkLabelValueInvalid}},
}

func checkLabelValueInvalid(p *Pass, in dockerfile.Instruction) {
	if p.Settings == nil {
		return
	}
	for _, lb := range labels(in) {
		typ, ok := p.Settings.LabelSchema[lb.key]
		if !ok || !lb.known {
			continue
		}
		switch {
		case strings.TrimSpace(lb.value) == "":
			p.ReportAliasedf(in.Range(), []string{"DL3051"}, "label %q is empty", lb.key)
		case !validLabelValue(typ, lb.value):
			p.ReportAliasedf(in.Range(), []string{labelTypePeer[typ]}, "label %q is not a valid %s", lb.key, typ)
		}
	}
}

// labelTypePeer maps a label-schema type to hadolint's rule for it.
var labelTypePeer = map[string]string{
	"url": "DL3052", "rfc3339": "DL3053", "spdx": "DL3054", "hash": "DL3055", "semver": "DL3056", "email": "DL3058",
}

var (
	gitHashRE = lazyre.New(`^[0-9a-fA-F]{7,64}$`)
	semverRE  = lazyre.New(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
	emailRE   = lazyre.New(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$`)
)

// spdxLicenses are the SPDX identifiers accepted for `spdx` labels: the
// licences container images commonly carry. LicenseRef-… identifiers and
// AND/OR/WITH expressions of listed ones are accepted too.
var spdxLicenses = []string{
	"0BSD", "AFL-3.0", "AGPL-3.0", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.1", "Apache-2.0",
	"APSL-2.0", "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent",
	"BSD-3-Clause", "BSD-3-Clause-Clear", "BSD-4-Clause", "BSL-1.0", "BUSL-1.1", "CC-BY-4.0", "CC-BY-SA-4.0",
	"CC0-1.0", "CDDL-1.0", "CDDL-1.1", "CPL-1.0", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2",
	"GPL-1.0", "GPL-2.0", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0", "GPL-3.0-only", "GPL-3.0-or-later",
	"ISC", "LGPL-2.0", "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1", "LGPL-2.1-only", "LGPL-2.1-or-later",
	"LGPL-3.0", "LGPL-3.0-only", "LGPL-3.0-or-later", "LPL-1.02", "MIT", "MIT-0", "MPL-1.1", "MPL-2.0",
	"MS-PL", "MS-RL", "NCSA", "ODbL-1.0", "OFL-1.1", "OpenSSL", "OSL-3.0", "PHP-3.01", "PostgreSQL",
	"PSF-2.0", "Python-2.0", "Ruby", "SSPL-1.0", "Unicode-DFS-2016", "Unlicense", "UPL-1.0", "Vim",
	"W3C", "WTFPL", "X11", "Zlib", "ZPL-2.1", "Classpath-exception-2.0", "LLVM-exception", "GCC-exception-3.1",
}

// spdxParens blanks the parentheses of an SPDX expression, made once (a
// Replacer per call rebuilt its tables for every label).
var spdxParens = strings.NewReplacer("(", " ", ")", " ")

func isSPDX(v string) bool {
	words := strings.Fields(spdxParens.Replace(v))
	if len(words) == 0 {
		return false
	}
	for i, w := range words {
		if i%2 == 1 {
			if w != "AND" && w != "OR" && w != "WITH" {
				return false
			}
			continue
		}
		w = strings.TrimSuffix(w, "+")
		if !strings.HasPrefix(w, "LicenseRef-") && !slices.ContainsFunc(spdxLicenses, func(id string) bool { return strings.EqualFold(id, w) }) {
			return false
		}
	}
	return len(words)%2 == 1
}

func isURL(v string) bool {
	u, err := url.Parse(v)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Opaque != "")
}

// validLabelValue reports whether v has the schema type typ; unknown types
// accept anything.
func validLabelValue(typ, v string) bool {
	switch typ {
	case "url":
		return isURL(v)
	case "rfc3339":
		_, err := time.Parse(time.RFC3339Nano, v)
		return err == nil
	case "spdx":
		return isSPDX(v)
	case "hash":
		return gitHashRE().MatchString(v)
	case "semver":
		return semverRE().MatchString(v)
	case "email":
		return emailRE().MatchString(v)
	}
	return true
}
