package report

import (
	"encoding/json"
	"io"
	"math"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/ruledoc"
	"github.com/dockstride/dockstride/internal/threat"
	"github.com/dockstride/dockstride/rules"
)

// The SARIF log is written from hand-written structs rather than a SARIF
// library: with omitempty the output holds only what dockstride knows (no
// "index": -1 or empty arrays), and every field is visible in one file. The
// golden test validates it against the OASIS schema.

const (
	sarifVersion = "2.1.0"
	sarifSchema  = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
	// srcRoot is the uriBaseId of relative paths: the repository root (or,
	// outside a repository, the directory dockstride ran in), which GitHub's
	// upload action maps to the checkout.
	srcRoot = "%SRCROOT%"
	// fingerprintKey versions the partialFingerprints scheme; change it if
	// the inputs to the fingerprint ever change.
	fingerprintKey = "dockstride/v1"
	cweTaxonomy    = "CWE"
)

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool               sarifTool                        `json:"tool"`
	Invocations        []sarifInvocation                `json:"invocations,omitempty"`
	OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
	Taxonomies         []sarifComponent                 `json:"taxonomies,omitempty"`
	Results            []sarifResult                    `json:"results"`
	ColumnKind         string                           `json:"columnKind,omitempty"`
}

type sarifTool struct {
	Driver sarifComponent `json:"driver"`
}

// sarifComponent is a toolComponent: the driver, or the CWE taxonomy.
type sarifComponent struct {
	Name                string              `json:"name"`
	Version             string              `json:"version,omitempty"`
	Organization        string              `json:"organization,omitempty"`
	InformationURI      string              `json:"informationUri,omitempty"`
	ShortDescription    *sarifText          `json:"shortDescription,omitempty"`
	Rules               []sarifDescriptor   `json:"rules,omitempty"`
	Taxa                []sarifDescriptor   `json:"taxa,omitempty"`
	SupportedTaxonomies []sarifComponentRef `json:"supportedTaxonomies,omitempty"`
}

type sarifComponentRef struct {
	Name  string `json:"name"`
	Index int    `json:"index"`
}

// sarifText is a multiformatMessageString (or a message: same fields).
type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

// sarifDescriptor is a reportingDescriptor: a rule, or a CWE taxon.
type sarifDescriptor struct {
	ID                   string              `json:"id"`
	Name                 string              `json:"name,omitempty"`
	ShortDescription     *sarifText          `json:"shortDescription,omitempty"`
	FullDescription      *sarifText          `json:"fullDescription,omitempty"`
	Help                 *sarifText          `json:"help,omitempty"`
	HelpURI              string              `json:"helpUri,omitempty"`
	DefaultConfiguration *sarifConfig        `json:"defaultConfiguration,omitempty"`
	Relationships        []sarifRelationship `json:"relationships,omitempty"`
	Properties           *sarifRuleProps     `json:"properties,omitempty"`
}

type sarifConfig struct {
	Level string `json:"level"`
	// Enabled is a pointer because SARIF's default is true: only optional
	// rules say "enabled": false.
	Enabled *bool `json:"enabled,omitempty"`
}

type sarifRelationship struct {
	Target sarifDescriptorRef `json:"target"`
	Kinds  []string           `json:"kinds"`
}

type sarifDescriptorRef struct {
	ID            string            `json:"id"`
	Index         int               `json:"index"`
	ToolComponent sarifComponentRef `json:"toolComponent"`
}

type sarifRuleProps struct {
	// Tags drive GitHub code scanning's filters; "security" plus a
	// security-severity makes GitHub rank the alert as a vulnerability.
	Tags             []string `json:"tags,omitempty"`
	SecuritySeverity string   `json:"security-severity,omitempty"`
	STRIDE           []string `json:"stride,omitempty"`
	ATTACK           []string `json:"attack,omitempty"`
	CIS              []string `json:"cis,omitempty"`
	Controls         []string `json:"controls,omitempty"`
	Aliases          []string `json:"aliases,omitempty"`
}

type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	StartTimeUTC               string              `json:"startTimeUtc,omitempty"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations,omitempty"`
	PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Fixes               []sarifFix         `json:"fixes,omitempty"`
	Properties          *sarifResultProps  `json:"properties,omitempty"`
}

// sarifFix is a fix: the edits of one file that remove the problem.
type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      *sarifFixProps        `json:"properties,omitempty"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Replacements     []sarifReplacement    `json:"replacements"`
}

// sarifReplacement replaces deletedRegion (empty for an insertion) with
// insertedContent.
type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent *sarifText  `json:"insertedContent,omitempty"`
}

// sarifFixProps says whether lint --fix applies the fix ("safe") or only
// --unsafe-fixes does ("unsafe"): SARIF has no word for it.
type sarifFixProps struct {
	Safety string `json:"safety"`
}

type sarifResultProps struct {
	Target string `json:"target,omitempty"`
	// Service is the compose service a finding belongs to.
	Service string `json:"service,omitempty"`
	Image   string `json:"image,omitempty"`
	Digest  string `json:"digest,omitempty"`
	Layer   string `json:"layer,omitempty"`
	Path    string `json:"path,omitempty"`
	// Line and EndLine locate a finding in a source file of an image,
	// whose physical location can only be the image at line 1.
	Line    int    `json:"line,omitempty"`
	EndLine int    `json:"endLine,omitempty"`
	Origin  string `json:"origin,omitempty"`
}

type sarifLocation struct {
	PhysicalLocation *sarifPhysical `json:"physicalLocation,omitempty"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
	Region           *sarifRegion          `json:"region,omitempty"`
}

type sarifArtifactLocation struct {
	URI         string     `json:"uri,omitempty"`
	URIBaseID   string     `json:"uriBaseId,omitempty"`
	Description *sarifText `json:"description,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifLogical struct {
	Name               string `json:"name,omitempty"`
	FullyQualifiedName string `json:"fullyQualifiedName,omitempty"`
	Kind               string `json:"kind,omitempty"`
}

type sarifSuppression struct {
	Kind          string `json:"kind"`
	Justification string `json:"justification,omitempty"`
}

// SARIF writes a SARIF 2.1.0 log with one run. tool.driver.rules holds every
// rule that ran (or that the findings cite), with its documentation and
// threat metadata; results carry 1-based regions for Dockerfiles and a
// logical location for images; suppressed findings appear with an
// inSource suppression, as the spec asks, so viewers can show them greyed.
func SARIF(w io.Writer, r *Report, m Meta) error {
	uris := newURIMaker(m)
	rl := reportRules(r)
	index := map[string]int{}
	for i, x := range rl {
		index[x.ID] = i
	}
	taxa, taxonIndex := cweTaxa(rl)

	driver := sarifComponent{
		Name:           m.toolName(),
		Version:        m.ToolVersion,
		InformationURI: "https://github.com/dockstride/dockstride",
		Rules:          make([]sarifDescriptor, 0, len(rl)),
	}
	if len(taxa) > 0 {
		driver.SupportedTaxonomies = []sarifComponentRef{{Name: cweTaxonomy, Index: 0}}
	}
	for _, x := range rl {
		driver.Rules = append(driver.Rules, sarifRule(x, taxonIndex))
	}

	run := sarifRun{
		Tool:               sarifTool{Driver: driver},
		Results:            make([]sarifResult, 0, len(r.Findings)+len(r.Suppressed)),
		ColumnKind:         "unicodeCodePoints",
		OriginalURIBaseIDs: map[string]sarifArtifactLocation{srcRoot: uris.base()},
	}
	if len(taxa) > 0 {
		run.Taxonomies = []sarifComponent{{
			Name:             cweTaxonomy,
			Organization:     "MITRE",
			InformationURI:   "https://cwe.mitre.org/",
			ShortDescription: &sarifText{Text: "The MITRE Common Weakness Enumeration"},
			Taxa:             taxa,
		}}
	}

	// An input that could not be read or scanned leaves the run
	// incomplete: code scanning must not take the missing results as fixed.
	inv := sarifInvocation{ExecutionSuccessful: len(r.Problems) == 0}
	if m.Now != nil {
		inv.StartTimeUTC = m.Now().UTC().Format(time.RFC3339)
	}
	for _, p := range r.Problems {
		n := sarifNotification{Level: "error", Message: sarifText{Text: p.Message}}
		if p.File != "" {
			loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: uris.problem(p.File)}}
			if p.Line > 0 {
				loc.PhysicalLocation.Region = &sarifRegion{StartLine: p.Line}
			}
			n.Locations = []sarifLocation{loc}
		}
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, n)
	}
	run.Invocations = []sarifInvocation{inv}

	fp := lint.NewFingerprinter()
	for _, f := range r.Findings {
		run.Results = append(run.Results, sarifFinding(f, index, fp, uris))
	}
	for _, s := range r.Suppressed {
		res := sarifFinding(s.Finding, index, fp, uris)
		res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: s.By.Reason}}
		run.Results = append(run.Results, res)
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: sarifVersion, Runs: []sarifRun{run}})
}

func sarifRule(x *rules.Rule, taxonIndex map[*threat.CWE]int) sarifDescriptor {
	d := sarifDescriptor{
		ID:                   x.ID,
		Name:                 x.Name,
		ShortDescription:     &sarifText{Text: x.Title},
		FullDescription:      &sarifText{Text: x.Doc.Rationale},
		Help:                 &sarifText{Text: ruledoc.Text(x), Markdown: ruledoc.Markdown(x)},
		HelpURI:              RuleURL(x),
		DefaultConfiguration: &sarifConfig{Level: sarifLevel(x.Severity)},
		Properties: &sarifRuleProps{
			Tags:             []string{"security"},
			SecuritySeverity: securitySeverity(x),
			Aliases:          x.Aliases,
		},
	}
	if x.Status == rules.Optional {
		off := false
		d.DefaultConfiguration.Enabled = &off
	}
	p := d.Properties
	t := Threats(x)
	p.STRIDE, p.ATTACK, p.CIS, p.Controls = t.STRIDE, t.ATTACK, t.CIS, t.Controls
	for _, s := range x.Threat.STRIDE {
		p.Tags = append(p.Tags, "stride/"+ruledoc.STRIDESlug(s))
	}
	for _, c := range x.Threat.CWE {
		// GitHub's spelling of a CWE tag, shared with CodeQL.
		p.Tags = append(p.Tags, "external/cwe/cwe-"+strconv.Itoa(c.ID))
		d.Relationships = append(d.Relationships, sarifRelationship{
			Target: sarifDescriptorRef{ID: strconv.Itoa(c.ID), Index: taxonIndex[c], ToolComponent: sarifComponentRef{Name: cweTaxonomy, Index: 0}},
			Kinds:  []string{"relevant"},
		})
	}
	for _, a := range x.Threat.ATTACK {
		p.Tags = append(p.Tags, "external/mitre-attack/"+a.ID)
	}
	return d
}

// cweTaxa lists the CWEs the rules cite, in catalogue (ID) order, and each
// one's index in that list for the rules' relationships.
func cweTaxa(rl []*rules.Rule) ([]sarifDescriptor, map[*threat.CWE]int) {
	cited := map[*threat.CWE]bool{}
	for _, x := range rl {
		for _, c := range x.Threat.CWE {
			cited[c] = true
		}
	}
	var taxa []sarifDescriptor
	index := map[*threat.CWE]int{}
	for _, c := range threat.CWEs() {
		if cited[c] {
			index[c] = len(taxa)
			taxa = append(taxa, sarifDescriptor{ID: strconv.Itoa(c.ID), Name: c.Name, HelpURI: c.URL()})
		}
	}
	return taxa, index
}

func sarifFinding(f rules.Finding, index map[string]int, fp *lint.Fingerprinter, uris uriMaker) sarifResult {
	res := sarifResult{
		RuleID:    f.Rule.ID,
		RuleIndex: index[f.Rule.ID],
		Level:     sarifLevel(f.Severity),
		Message:   sarifText{Text: Message(f)},
	}
	fpf := f
	if !f.InImage() {
		fpf.File = uris.rel(f.File)
	}
	res.PartialFingerprints = map[string]string{fingerprintKey: fp.Next(fpf)}
	if f.InImage() {
		// GitHub code scanning refuses a result without a physical
		// location ("expected at least one location"); an image has no
		// file in the repository, so its name stands in, at line 1, and the
		// logical location says where in the image the finding is.
		res.Locations = []sarifLocation{{
			PhysicalLocation: &sarifPhysical{ArtifactLocation: imageArtifact(f.Image), Region: &sarifRegion{StartLine: 1}},
			LogicalLocations: []sarifLogical{imageLogical(f)},
		}}
		res.Properties = &sarifResultProps{Target: f.Target.Input().String(), Image: f.Image, Digest: f.Digest, Layer: f.Layer, Path: f.Path, Line: f.Line, EndLine: f.EndLine, Origin: f.Target.Origin()}
		return res
	}
	loc := sarifLocation{PhysicalLocation: &sarifPhysical{ArtifactLocation: uris.file(f.File)}}
	if f.Line > 0 {
		reg := &sarifRegion{StartLine: f.Line, StartColumn: f.Column}
		if f.EndLine > f.Line {
			reg.EndLine = f.EndLine
		}
		loc.PhysicalLocation.Region = reg
	}
	res.Locations = []sarifLocation{loc}
	if f.Service != "" || f.Target.Input() != rules.InputDockerfile {
		res.Properties = &sarifResultProps{Target: f.Target.Input().String(), Service: f.Service}
	}
	res.Fixes = sarifFixes(f, loc.PhysicalLocation.ArtifactLocation)
	return res
}

// sarifFixes is the fix of a finding whose run built one, as SARIF's
// fixes: one change of the finding's file, at, named as its location is.
func sarifFixes(f rules.Finding, at sarifArtifactLocation) []sarifFix {
	fx := shownFix(f)
	if !fx.Offered() {
		return nil
	}
	change := sarifArtifactChange{ArtifactLocation: at}
	for i, e := range fx.Edits {
		sp := fx.Spans[i]
		r := sarifReplacement{DeletedRegion: sarifRegion{StartLine: sp.Line, StartColumn: sp.Column, EndLine: sp.EndLine, EndColumn: sp.EndColumn}}
		if e.New != "" {
			r.InsertedContent = &sarifText{Text: e.New}
		}
		change.Replacements = append(change.Replacements, r)
	}
	return []sarifFix{{
		Description:     sarifText{Text: fx.Title},
		ArtifactChanges: []sarifArtifactChange{change},
		Properties:      &sarifFixProps{Safety: f.FixSafety().String()},
	}}
}

// imageLogical names where in an image a finding is: the file path inside
// the image, or the image itself for config and history findings.
func imageLogical(f rules.Finding) sarifLogical {
	ref := f.Image
	if f.Digest != "" && !strings.Contains(ref, "@") {
		ref += "@" + f.Digest
	}
	if f.Path == "" {
		return sarifLogical{Name: f.Image, FullyQualifiedName: ref, Kind: "module"}
	}
	return sarifLogical{Name: f.Path, FullyQualifiedName: ref + ":" + imagePathLine(f), Kind: "resource"}
}

// imageArtifact is the relative path an image's findings are filed under:
// a registry reference without its tag or digest (ghcr.io/acme/app), or
// the file or folder name of an archive or layout (app.tar).
func imageArtifact(image string) sarifArtifactLocation {
	name := image
	for _, transport := range []string{"docker-archive:", "oci-archive:", "oci-dir:", "docker-daemon:"} {
		if rest, ok := strings.CutPrefix(image, transport); ok {
			name = path.Base(strings.TrimRight(filepath.ToSlash(rest), "/"))
			if transport == "docker-daemon:" {
				name = registryName(rest)
			}
		}
	}
	if name == image {
		name = registryName(image)
	}
	if name == "" || name == "." || name == "/" {
		name = "image"
	}
	return artifactLocation(name)
}

// registryName drops a reference's digest and tag.
func registryName(ref string) string {
	ref, _, _ = strings.Cut(ref, "@")
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		ref = ref[:i]
	}
	return strings.TrimLeft(ref, "/")
}

// artifactLocation turns a file path into a URI reference: relative paths
// stay relative to %SRCROOT% (what GitHub expects), absolute ones become
// file: URIs, and every segment is percent-encoded.
func artifactLocation(file string) sarifArtifactLocation {
	p := filepath.ToSlash(file)
	abs := path.IsAbs(p) || filepath.IsAbs(file)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	u := strings.Join(segs, "/")
	if abs {
		if !strings.HasPrefix(u, "/") {
			u = "/" + u // a Windows drive path
		}
		return sarifArtifactLocation{URI: "file://" + u}
	}
	// A colon in a relative reference's first segment would read as a
	// URI scheme ("host:5000/repo"); percent-encoded it is just a path.
	return sarifArtifactLocation{URI: strings.ReplaceAll(u, ":", "%3A"), URIBaseID: srcRoot}
}

func sarifLevel(s rules.Severity) string {
	switch s {
	case rules.Error:
		return "error"
	case rules.Warning:
		return "warning"
	}
	return "note"
}

// securitySeverity is the rule's GitHub code scanning score, 0.0 to 10.0
// (GitHub files 9.0 and up as critical, 7.0-8.9 high, 4.0-6.9 medium,
// 0.1-3.9 low), derived from its threat rather than its severity alone:
//
//	impact      the worst STRIDE category it opens: Elevation of Privilege
//	            8.5, Information Disclosure 8.0, Tampering 7.5, Spoofing 7.0,
//	            Denial of Service 6.0, Repudiation 4.5
//	× severity  the rule's own: error 1.0, warning 0.75, info 0.4, style 0.1
//	× 0.4       when the rule cites no ATT&CK technique: hygiene, a weakness
//	            no attacker technique is known to use
//
// so every hygiene, info and style rule is low, a warning an attacker
// technique uses is medium (low for repudiation), and an error such as a
// secret baked into an image is high. No rule reaches critical: a
// Dockerfile finding opens a threat but is not by itself an exploit.
func securitySeverity(x *rules.Rule) string {
	impact := 0.0
	for _, s := range x.Threat.STRIDE {
		impact = max(impact, strideImpact[s])
	}
	score := impact * severityWeight[x.Severity]
	if len(x.Threat.ATTACK) == 0 {
		score *= hygieneWeight
	}
	return strconv.FormatFloat(math.Round(score*10)/10, 'f', 1, 64)
}

// strideImpact is how much harm each STRIDE category does when exploited.
var strideImpact = map[threat.STRIDE]float64{
	threat.ElevationOfPrivilege:  8.5,
	threat.InformationDisclosure: 8.0,
	threat.Tampering:             7.5,
	threat.Spoofing:              7.0,
	threat.DenialOfService:       6.0,
	threat.Repudiation:           4.5,
}

// severityWeight scales impact by how directly the rule's pattern opens it.
var severityWeight = map[rules.Severity]float64{rules.Error: 1.0, rules.Warning: 0.75, rules.Info: 0.4, rules.Style: 0.1}

// hygieneWeight lowers rules no ATT&CK technique stands behind.
const hygieneWeight = 0.4
