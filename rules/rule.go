// Package rules is dockstride's catalogue: every rule is one declared value
// holding its ID, name, severity, threat metadata, documentation and check.
//
// Rules only detect. They report through a Pass; the engine (internal/lint)
// owns traversal, suppressions, severity overrides and sorting, and the
// formatters own output.
package rules

import (
	"archive/tar"
	"fmt"
	"regexp"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/internal/threat"
)

// Severity ranks findings. Lower values are more severe.
type Severity int

// Severities, most severe first.
const (
	Error Severity = iota + 1
	Warning
	Info
	Style
)

var severityNames = map[Severity]string{Error: "error", Warning: "warning", Info: "info", Style: "style"}

// String returns the lower-case name ("warning").
func (s Severity) String() string {
	if n, ok := severityNames[s]; ok {
		return n
	}
	return "unknown"
}

// MarshalText renders the severity's name in JSON and YAML.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText parses a severity name.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// ParseSeverity parses "error", "warning", "info" or "style" (any case;
// "warn" is accepted for "warning").
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "error":
		return Error, nil
	case "warning", "warn":
		return Warning, nil
	case "info":
		return Info, nil
	case "style":
		return Style, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning, info or style)", s)
}

// AtLeast reports whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s != 0 && s <= min }

// Doc is a rule's documentation. Everything a user reads about a rule
// (`dockstride explain`, docs/rules, SARIF help) is rendered from it, and
// its examples are executed by the tests: Bad must fire, Good must not.
type Doc struct {
	// Rationale says why the pattern is a problem, in Markdown.
	Rationale string
	// Impact is the threat in a few words, as the threat-model report's
	// Impact column reads ("Unauthorized system-level access").
	Impact string
	// Fix says how to remove the problem.
	Fix string
	// Bad and Good are complete Dockerfiles.
	Bad  []string
	Good []string
	// Refs are URLs for further reading.
	Refs []string
	// Settings, when set, are the settings the examples are linted with,
	// for rules that stay silent until configured (trusted registries).
	Settings *Settings
	// Dockerignore, when set, is the .dockerignore the examples are linted
	// with (for rules that read the build context).
	Dockerignore string
}

// Rule is one threat-bearing concept and its checks.
type Rule struct {
	// ID is "DKS" plus four digits, stable forever and never reused.
	ID string
	// Name is kebab-case and names the bad pattern ("runs-as-root").
	Name string
	// Title is one line, at most 70 characters, no trailing period.
	Title    string
	Severity Severity
	// Optional rules are off unless enabled by configuration.
	Optional bool
	// Aliases are the IDs of peer tools for the same concept (hadolint
	// DLxxxx, BuildKit rule names, trivy DS-xxxx, checkov CKV_DOCKER_n,
	// dockle CIS-DI-xxxx); suppressions and configuration accept them.
	Aliases []string
	// AliasesPerFinding marks a rule that stands for several peer rules
	// split by tool (hadolint's DL3008 for apt, DL3013 for pip … are one
	// "package version unpinned" rule here). Each finding then names in
	// Finding.Aliases only the peer IDs it corresponds to, and a peer ID
	// given to --ignore, a severity override or an ignore pragma reaches
	// only the findings that carry it, so `# hadolint ignore=DL3013` never
	// silences an apt finding.
	AliasesPerFinding bool
	// AliasPattern matches further peer IDs the rule's findings may carry
	// that are too many to list (ShellCheck's SCnnnn codes); Matches
	// accepts them like Aliases.
	AliasPattern *regexp.Regexp
	Threat       threat.Ref
	Doc          Doc

	// Visit lists the instruction kinds Check is called for.
	Visit []dockerfile.Kind
	// Check inspects one instruction of a visited kind.
	Check func(p *Pass, in dockerfile.Instruction)
	// CheckStage inspects a whole stage (e.g. "last USER is root").
	CheckStage func(p *Pass, s *dockerfile.Stage)
	// CheckFile inspects the whole file (e.g. duplicate stage names).
	CheckFile func(p *Pass, f *dockerfile.File)
	// HistoryFile runs CheckFile on an image's history replayed as a
	// Dockerfile too, for a file check that reads only its RUN
	// instructions (ShellCheck checks them all in one process).
	HistoryFile bool
	// Engine marks a rule the lint engine reports itself, from what no
	// single check can see (suppressions that silenced nothing).
	Engine bool
	// DockerfileOnly marks a rule about how a Dockerfile is written: its
	// instruction checks do not run on an image's replayed history, which
	// records what ran, not how the author wrote it.
	DockerfileOnly bool

	// CheckImage inspects a built image's config (user, environment,
	// exposed ports, entrypoint, health check, volumes, labels). The
	// instruction checks above also run on the image's history, replayed
	// as Dockerfile instructions, so a rule needs no image-specific code
	// for what a RUN, COPY, ADD, ARG or ENV in the history shows.
	CheckImage func(p *ImagePass, img *ImageInfo)
	// WantFile selects the layer files whose content WalkFile needs to
	// read (up to a cap); nil means metadata (header, mode, size) is enough.
	// The engine walks the layers once for all rules and reads a file's
	// content when any rule wants it.
	WantFile func(path string, hdr *tar.Header) bool
	// WalkFile inspects one entry (file, directory, link) of the image's
	// layers, bottom layer first. Whiteout markers are the engine's.
	WalkFile func(p *ImagePass, f *ImageFile)
	// LiveFilesOnly says WalkFile findings are about the running
	// container's filesystem (a setuid binary, an account database):
	// findings about a file that a later layer deleted or replaced are
	// dropped. Otherwise (secrets) they stay, saying which layer still
	// ships the file.
	LiveFilesOnly bool
}

// Targets lists what the rule checks: TargetDockerfile when it has a
// Dockerfile check, TargetImage when it checks images (their config, their
// layers, or their history through an instruction check), so `dockstride
// rules --target` and the docs stay right.
func (r *Rule) Targets() []string {
	var out []string
	if r.Check != nil || r.CheckStage != nil || r.CheckFile != nil {
		out = append(out, TargetDockerfile)
	}
	if checksImages(r) {
		out = append(out, TargetImage)
	}
	return out
}

// Matches reports whether key names this rule: its ID, its name or one of
// its aliases (case-insensitive; trivy's DS002 / AVD-DS-0002 spellings of
// DS-0002 included).
func (r *Rule) Matches(key string) bool {
	k := normalizeKey(key)
	if k == "" {
		return false
	}
	if k == normalizeKey(r.ID) || k == normalizeKey(r.Name) {
		return true
	}
	for _, a := range r.Aliases {
		if k == normalizeKey(a) {
			return true
		}
	}
	return r.AliasPattern != nil && r.AliasPattern.MatchString(strings.TrimSpace(key))
}

// IsNamed reports whether key is the rule's own ID or name (not a peer
// alias).
func (r *Rule) IsNamed(key string) bool {
	k := normalizeKey(key)
	return k != "" && (k == normalizeKey(r.ID) || k == normalizeKey(r.Name))
}

// normalizeKey folds case and trivy's spellings (DS002, DS-002, AVD-DS-0002
// all become ds0002).
func normalizeKey(s string) string {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.TrimPrefix(k, "avd-")
	if strings.HasPrefix(k, "ds") {
		digits := strings.TrimPrefix(strings.TrimPrefix(k, "ds"), "-")
		if digits != "" && strings.Trim(digits, "0123456789") == "" {
			for len(digits) < 4 {
				digits = "0" + digits
			}
			return "ds" + digits
		}
	}
	return k
}

// Settings are the rule options a configuration may set.
type Settings struct {
	// Target is the stage that ships (docker build --target); "" means the
	// last stage.
	Target string
	// TrustedRegistries, when non-empty, lists the registries base images
	// may come from (wildcards allowed).
	TrustedRegistries []string
	// LabelSchema maps required label names to their value type.
	LabelSchema map[string]string
	// StrictLabels rejects labels not in LabelSchema.
	StrictLabels bool
	// AllowedPorts are exposed ports the port rules accept.
	AllowedPorts []int
	// Secrets is the team's secret-detection policy (allow-lists, extra
	// patterns); nil means the built-in detection.
	Secrets *secret.Policy
	// BuildArgs are --build-arg values. Rules judge the Dockerfile's own
	// defaults; BUILDKIT_DOCKERFILE_CHECK overrides the `# check=` directive
	// as it does in BuildKit.
	BuildArgs map[string]string
	// ContextDir is the build context (docker build's PATH argument); ""
	// means the Dockerfile's directory. Its .dockerignore is read from there.
	ContextDir string
	// ShellCheck is the shellcheck binary the ShellCheck rule runs on RUN
	// scripts; "" leaves that rule silent. The CLI finds it on PATH.
	ShellCheck string
}

// Finding is one problem found by a rule.
type Finding struct {
	Rule     *Rule
	Severity Severity
	Message  string
	// Target is "dockerfile" or "image".
	Target string
	// File and the 1-based line range locate a Dockerfile finding; a finding
	// about a whole stage points at its FROM line.
	File    string
	Line    int
	EndLine int
	Column  int
	// Image fields locate an image finding.
	Image  string
	Digest string
	Layer  string
	Path   string
	// Origin says where an image finding came from ("config", "history",
	// "layer").
	Origin string
	// History is, for Origin "history", the 0-based index of the entry in
	// the image config's history that the finding is about.
	History int
	// SourceHash identifies the source text the finding is about, so a
	// report can fingerprint a finding across runs without its line number
	// (which shifts whenever lines are added above). It is a hash, never the
	// text, because the text may hold the very secret a rule reports; the
	// engine sets it (lint.SourceHash).
	SourceHash string
	// Aliases are the peer IDs this finding stands for; set only by rules
	// with AliasesPerFinding.
	Aliases []string
}

// PeerIDs are the peer rule IDs the finding answers to: its own Aliases
// for a rule with AliasesPerFinding, else all of its rule's aliases.
func (f *Finding) PeerIDs() []string {
	if f.Rule != nil && f.Rule.AliasesPerFinding {
		return f.Aliases
	}
	if f.Rule == nil {
		return nil
	}
	return f.Rule.Aliases
}

// Matches reports whether key names this finding: its rule's ID or name,
// or one of its PeerIDs.
func (f *Finding) Matches(key string) bool {
	if f.Rule == nil {
		return false
	}
	if !f.Rule.AliasesPerFinding {
		return f.Rule.Matches(key)
	}
	if f.Rule.IsNamed(key) {
		return true
	}
	k := normalizeKey(key)
	for _, a := range f.Aliases {
		if k == normalizeKey(a) {
			return true
		}
	}
	return false
}

// Target kinds of a finding.
const (
	TargetDockerfile = "dockerfile"
	TargetImage      = "image"
)

// Pass is what a check receives: the file, the settings and the means to
// report. A Pass belongs to one rule and one file.
type Pass struct {
	Rule     *Rule
	File     *dockerfile.File
	Settings *Settings
	// Dockerignore is the build context's .dockerignore, nil when there is
	// none; set by the engine.
	Dockerignore *Dockerignore
	// Report receives each finding; set by the engine.
	Report func(Finding)

	// shipChain caches ShipsLayers' answer: rules ask it per instruction,
	// and walking the FROM chain each time is quadratic in a long chain.
	shipChain map[*dockerfile.Stage]bool
}

// Reportf reports a finding at rng.
func (p *Pass) Reportf(rng dockerfile.Range, format string, args ...any) {
	p.Report(p.finding(rng, fmt.Sprintf(format, args...)))
}

// ReportAliasedf reports a finding of a rule with AliasesPerFinding that
// stands for the given peer IDs (some of the rule's Aliases, or IDs its
// AliasPattern matches); none means it corresponds to no peer rule.
func (p *Pass) ReportAliasedf(rng dockerfile.Range, aliases []string, format string, args ...any) {
	f := p.finding(rng, fmt.Sprintf(format, args...))
	f.Aliases = aliases
	p.Report(f)
}

func (p *Pass) finding(rng dockerfile.Range, msg string) Finding {
	end := rng.EndLine
	if end < rng.StartLine {
		end = rng.StartLine
	}
	return Finding{
		Rule:     p.Rule,
		Severity: p.Rule.Severity,
		Message:  msg,
		Target:   TargetDockerfile,
		File:     p.File.Path,
		Line:     rng.StartLine,
		EndLine:  end,
		Column:   rng.StartCol,
	}
}

// ReportLinef reports a finding on a single line.
func (p *Pass) ReportLinef(line int, format string, args ...any) {
	p.Reportf(dockerfile.LineRange(line, line), format, args...)
}

// Secrets is the secret-detection policy to judge names and values with;
// never nil-unsafe (a nil *secret.Policy is the built-in detection).
func (p *Pass) Secrets() *secret.Policy {
	if p.Settings == nil {
		return nil
	}
	return p.Settings.Secrets
}

// ShipStage is the stage that becomes the image: the --target stage when
// set and present, else the last stage.
func (p *Pass) ShipStage() *dockerfile.Stage {
	if p.Settings != nil && p.Settings.Target != "" {
		if s := p.File.StageByName(p.Settings.Target); s != nil {
			return s
		}
	}
	return p.File.FinalStage()
}

// IsShipped reports whether s is the stage that becomes the image.
func (p *Pass) IsShipped(s *dockerfile.Stage) bool { return s != nil && s == p.ShipStage() }

// ShipsLayers reports whether s's layers end up in the image: s is the
// shipped stage or a stage it is built FROM, directly or not. (Files
// copied out of a builder with COPY --from carry none of its layers.)
func (p *Pass) ShipsLayers(s *dockerfile.Stage) bool {
	if p.shipChain == nil {
		p.shipChain = map[*dockerfile.Stage]bool{}
		for c := p.ShipStage(); c != nil && !p.shipChain[c]; c = c.Parent {
			p.shipChain[c] = true
		}
	}
	return s != nil && p.shipChain[s]
}

// Dockerignore is the .dockerignore that applies to a Dockerfile's build.
type Dockerignore struct {
	// Path is the file it was read from.
	Path string
	// Patterns are its patterns, comments and blank lines removed, as
	// BuildKit reads them.
	Patterns []string
}
