// Package rules is dockstride's catalogue: every rule is one declared value
// holding its ID, name, severity, threat metadata, documentation and the
// checks it runs, each for one kind of target (see Check).
//
// Rules only detect. They report through a Pass; the engine (internal/lint)
// owns traversal, suppressions, severity overrides and sorting, and the
// formatters own output.
package rules

import (
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/threat"
)

// Rule is one threat-bearing concept and its checks.
type Rule struct {
	// ID is "DKS" plus four digits, stable forever and never reused (see
	// Retired).
	ID string
	// Name is kebab-case and names the bad pattern ("runs-as-root"); the
	// rule's Go variable is the same name in CamelCase (RunsAsRoot).
	Name string
	// Title is one line, at most 70 characters, no trailing period.
	Title    string
	Severity Severity
	// Status says whether the rule runs by default.
	Status Status
	// Since is the release that introduced the rule ("0.1.0").
	Since string
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
	// BuildKit is the `docker build --check` check the rule mirrors (with
	// its name among the Aliases), or nil: see BuildKitRules.
	BuildKit linter.LinterRuleI
	Threat   threat.Ref
	Doc      Doc
	// Fix says whether the rule's findings carry fixes, and whether
	// --fix applies them or only --unsafe-fixes does.
	Fix FixSafety
	// Checks are the rule's detections, each for one kind of target: a
	// Dockerfile's instructions, stages or whole file, an image's config,
	// history or layer files.
	Checks []Check
}

// Status says whether a rule runs without being asked for.
type Status int

// Statuses. A retired rule is not a Rule any more: see Retired.
const (
	// Stable rules run by default.
	Stable Status = iota
	// Optional rules run only when enabled (--enable, `enable:`), for
	// checks that many teams do not want (BuildKit's experimental ones,
	// organisation policies).
	Optional
)

// Doc is a rule's documentation. Everything a user reads about a rule
// (`dockstride explain`, docs/rules, SARIF help) is rendered from it, and
// its examples are executed by the tests: Bad must fire, Good must not.
type Doc struct {
	// Vulnerability names the weakness as a reviewer writes it in a threat
	// model ("Container runs as root", "Hardcoded password"): at most 45
	// characters, no reference in parentheses (the report adds the peer ID
	// or CIS item the findings carry). Rules that name the same
	// vulnerability are one row of the threat model, so they share one
	// Mitigation.
	Vulnerability string
	// Mitigation is the fix in one sentence of at most 80 characters, for
	// the threat model's Mitigation column; Fix is the whole of it.
	Mitigation string
	// Rationale says why the pattern is a problem, in Markdown.
	Rationale string
	// Impact is the threat in a few words, as the threat-model report's
	// Impact column reads ("Unauthorized system-level access").
	Impact string
	// Fix says how to remove the problem.
	Fix string
	// SeverityNote says why the rule has its severity under the severity
	// policy (SeverityPolicy), where it differs from a peer's (hadolint's
	// DL3020 is an error, ADD of local files is info here) or where some
	// findings are reported lower than the rule. Rendered on the rule's
	// page; required when the severity differs from a peer's.
	SeverityNote string
	// Bad and Good are complete inputs: each must, and must not, fire the
	// rule. Every kind of input the rule checks has a Bad example.
	Bad  []Example
	Good []Example
	// Refs are URLs for further reading.
	Refs []string
	// Settings, when set, are the settings the examples are linted with,
	// for rules that stay silent until configured (trusted registries).
	Settings *Settings
	// Dockerignore, when set, is the .dockerignore the examples are linted
	// with (for rules that read the build context).
	Dockerignore string
}

// Example is one documented input: its kind and its complete text.
type Example struct {
	Input Input
	Text  string
}

// Dockerfiles makes Dockerfile examples.
func Dockerfiles(texts ...string) []Example { return examples(InputDockerfile, texts) }

// Images makes image examples: txtar archives in the format of the image
// fixtures (a config.json, then each layer's files; see
// internal/image/imagetest.FromTxtar).
func Images(txtars ...string) []Example { return examples(InputImage, txtars) }

// examples makes one Example of kind in per text.
func examples(in Input, texts []string) []Example {
	out := make([]Example, len(texts))
	for i, t := range texts {
		out[i] = Example{Input: in, Text: t}
	}
	return out
}

// Targets lists the kinds of target the rule's checks read, in Target
// order, each once.
func (r *Rule) Targets() []Target {
	var seen [numTargets]bool
	for _, c := range r.Checks {
		for _, t := range c.Targets() {
			seen[t] = true
		}
	}
	var out []Target
	for t := Target(1); t < numTargets; t++ {
		if seen[t] {
			out = append(out, t)
		}
	}
	return out
}

// Inputs lists the kinds of input the rule checks (a Dockerfile, an
// image), in Input order, each once.
func (r *Rule) Inputs() []Input {
	var out []Input
	for _, t := range r.Targets() {
		if in := t.Input(); len(out) == 0 || out[len(out)-1] != in {
			out = append(out, in)
		}
	}
	return out
}

// ChecksInput reports whether the rule checks that kind of input.
func (r *Rule) ChecksInput(in Input) bool {
	for _, t := range r.Targets() {
		if t.Input() == in {
			return true
		}
	}
	return false
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
