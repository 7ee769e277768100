package rules

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// Labels (DKS10xx): the image metadata teams rely on for ownership,
// provenance and licence tracking. The schema-driven rules stay silent until
// a label schema is configured (`label-schema` in .dockstride.yaml or
// .hadolint.yaml).

// provenance is the threat mapping of the label rules: metadata that says
// who built an image from what, whose absence or corruption weakens
// traceability.
func provenance() t.Ref {
	return t.Ref{
		STRIDE:   []t.STRIDE{t.Repudiation},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_SR4, t.NIST53_CM2},
	}
}

// label is one key=value of a LABEL instruction, variables expanded.
type label struct {
	key, value string
	rawKey     string
	// known is false when the key or value uses a variable with no known
	// value, which the rules cannot judge.
	known bool
}

// labels returns a LABEL's pairs.
func labels(in dockerfile.Instruction) []label {
	l, ok := in.(*dockerfile.Label)
	if !ok {
		return nil
	}
	var out []label
	for _, kv := range l.Cmd.Labels {
		lb := label{key: kv.Key, value: kv.Value, rawKey: kv.Key, known: true}
		if sc := in.Scope(); sc != nil {
			k, v := sc.Expand(kv.Key), sc.Expand(kv.Value)
			lb.key, lb.value = k.Value, v.Value
			lb.known = (k.Resolved || !strings.Contains(kv.Key, "$")) && (v.Resolved || !strings.Contains(kv.Value, "$"))
		}
		out = append(out, lb)
	}
	return out
}

var labelKeyRE = regexp.MustCompile(`^[a-z]([a-z0-9.-]*[a-z0-9])?$`)

// reservedLabelNamespaces are reserved for Docker's own use.
var reservedLabelNamespaces = []string{"com.docker.", "io.docker.", "org.dockerproject."}

// LabelKeyInvalid: a label key outside Docker's key format.
var LabelKeyInvalid = &Rule{
	ID:       "DKS1029",
	Name:     "label-key-invalid",
	Title:    "Label key is malformed or in a reserved namespace",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"DL3048"},
	Threat:   provenance(),
	Doc: Doc{
		Rationale: "Docker's label guidelines: keys start with a lower-case letter, contain only lower-case " +
			"letters, digits, `.` and `-`, never two separators in a row, and stay out of the " +
			"`com.docker.*`, `io.docker.*` and `org.dockerproject.*` namespaces reserved for Docker. " +
			"Tools that select images by label (registries, scanners, inventory) expect that form.",
		Impact: "Image metadata that tools cannot rely on",
		Fix:    "Use reverse-DNS, lower-case keys: `LABEL org.opencontainers.image.source=…`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nLABEL com.docker.version=1\n", "FROM alpine:3.20\nLABEL build..date=2024\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.version=1.0 maintainer=team@example.com\n"),
		Refs:   []string{hadolintDoc("DL3048"), "https://docs.docker.com/engine/manage-resources/labels/"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, lb := range labels(in) {
			k := lb.key
			if !lb.known {
				// An unset variable in a key is most likely a stray '$'.
				k = lb.rawKey
			}
			switch {
			case slices.ContainsFunc(reservedLabelNamespaces, func(ns string) bool { return strings.HasPrefix(k, ns) }):
				p.Reportf(in.Range(), "label %q is in a namespace reserved for Docker", k)
			case !labelKeyRE.MatchString(k) || strings.Contains(k, "..") || strings.Contains(k, "--"):
				p.Reportf(in.Range(), "label key %q should be lower-case letters, digits, '.' and '-', starting with a letter, without repeated separators", k)
			}
		}
	}}},
}

// labelsOf reports whether stage s (or a stage it builds on) sets label key.
func labelsOf(s *dockerfile.Stage, key string) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if slices.ContainsFunc(labels(in), func(l label) bool { return l.key == key }) {
				return true
			}
		}
	}
	return false
}

// dependents returns the stages that build on s or copy from it.
func dependents(f *dockerfile.File, s *dockerfile.Stage) []*dockerfile.Stage {
	var out []*dockerfile.Stage
	real := 0
	index := -1
	for _, x := range f.Stages {
		if x == s {
			index = real
		}
		if !x.Implicit {
			real++
		}
	}
	for _, x := range f.Stages {
		if x == s {
			continue
		}
		if x.Parent == s {
			out = append(out, x)
			continue
		}
		for _, in := range x.Instructions {
			c, ok := in.(*dockerfile.Copy)
			if !ok || in.Parent() != nil {
				continue
			}
			from := strings.ToLower(copyFrom(c))
			if from != "" && ((s.Name != "" && from == s.Name) || (!s.Implicit && from == strconv.Itoa(index))) {
				out = append(out, x)
				break
			}
		}
	}
	return out
}

// LabelMissing: a stage lacks a label the schema requires.
var LabelMissing = &Rule{
	ID:       "DKS1030",
	Name:     "label-missing",
	Title:    "Label required by the label schema is missing",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3049"},
	Threat:   provenance(),
	Doc: Doc{
		Rationale: "When a team's label schema requires labels (owner, source, revision, licence), an image " +
			"without them cannot be traced to its source or owner by inventory and incident tooling. " +
			"A stage is judged when it can become an image: a stage another stage builds on or copies " +
			"from is fine as long as that stage carries the label. Silent until `label-schema` is " +
			"configured.",
		Impact:   "Image cannot be traced to its owner or source",
		Fix:      "Add the label: `LABEL org.opencontainers.image.source=https://…`.",
		Bad:      Dockerfiles("FROM alpine:3.20\nLABEL other=x\n"),
		Good:     Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app\n"),
		Refs:     []string{hadolintDoc("DL3049")},
		Settings: &Settings{LabelSchema: map[string]string{"org.opencontainers.image.source": "url"}},
	},
	Checks: []Check{FileCheck{Check: func(p *Pass, f *dockerfile.File) {
		if p.Settings == nil {
			return
		}
		keys := make([]string, 0, len(p.Settings.LabelSchema))
		for k := range p.Settings.LabelSchema {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, key := range keys {
			memo := map[*dockerfile.Stage]bool{}
			var covered func(s *dockerfile.Stage) bool
			covered = func(s *dockerfile.Stage) bool {
				if v, ok := memo[s]; ok {
					return v
				}
				memo[s] = false // breaks cycles, which BuildKit refuses anyway
				v := labelsOf(s, key) || slices.ContainsFunc(dependents(f, s), covered)
				memo[s] = v
				return v
			}
			for _, s := range f.Stages {
				if !covered(s) {
					p.ReportLinef(s.Line(), "stage %s has no label %q, which the label schema requires", s.Ref(), key)
				}
			}
		}
	}}},
}

// LabelNotInSchema: with strict labels, a label the schema does not list.
var LabelNotInSchema = &Rule{
	ID:       "DKS1031",
	Name:     "label-not-in-schema",
	Title:    "Label not defined in the label schema (strict labels)",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3050"},
	Threat:   provenance(),
	Doc: Doc{
		Rationale: "With `strict-labels`, a team allows only the labels its schema defines, so that " +
			"misspelt keys (`org.opencontainers.image.soruce`) and ad-hoc metadata are caught. " +
			"Silent unless `strict-labels` is on and a `label-schema` is configured.",
		Impact:   "Misspelt or unexpected image metadata",
		Fix:      "Use a label the schema defines, or add it to the schema.",
		Bad:      Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.soruce=https://example.com/app\n"),
		Good:     Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app\n"),
		Refs:     []string{hadolintDoc("DL3050")},
		Settings: &Settings{LabelSchema: map[string]string{"org.opencontainers.image.source": "url"}, StrictLabels: true},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: func(p *Pass, in dockerfile.Instruction) {
		if p.Settings == nil || !p.Settings.StrictLabels || len(p.Settings.LabelSchema) == 0 {
			return
		}
		for _, lb := range labels(in) {
			if _, ok := p.Settings.LabelSchema[lb.key]; !ok && lb.known {
				p.Reportf(in.Range(), "label %q is not in the label schema", lb.key)
			}
		}
	}}},
}

// labelTypePeer maps a label-schema type to hadolint's rule for it.
var labelTypePeer = map[string]string{
	"url": "DL3052", "rfc3339": "DL3053", "spdx": "DL3054", "hash": "DL3055", "semver": "DL3056", "email": "DL3058",
}

var (
	gitHashRE = regexp.MustCompile(`^[0-9a-fA-F]{7,64}$`)
	semverRE  = regexp.MustCompile(`^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$`)
	emailRE   = regexp.MustCompile(`^[^@\s<>]+@[^@\s<>]+\.[^@\s<>.]+$`)
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

func isSPDX(v string) bool {
	words := strings.Fields(strings.NewReplacer("(", " ", ")", " ").Replace(v))
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
		return gitHashRE.MatchString(v)
	case "semver":
		return semverRE.MatchString(v)
	case "email":
		return emailRE.MatchString(v)
	}
	return true
}

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
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindLabel}, Check: func(p *Pass, in dockerfile.Instruction) {
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
	}}},
}
