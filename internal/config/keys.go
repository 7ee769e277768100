package config

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/glob"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
	"go.yaml.in/yaml/v3"
)

// key is one configuration key. Dotted names live in sections
// ("image.platform" is `platform:` under `image:`).
type key struct {
	name string
	// env is the DOCKSTRIDE_* variable that sets it, if any.
	env string
	// doc is one line for people (`config show`, the README table).
	doc string
	// decode reads the YAML value into c.
	decode func(c *Config, n *yaml.Node) error
	// parse reads an environment variable's value into c.
	parse func(c *Config, v string) error
	// merge copies the key's value from src into dst: a higher layer
	// replaces a lower one, except for lists that accumulate.
	merge func(dst, src *Config)
	// value is what `config show` prints.
	value func(c *Config) any
}

// keys is every key of .dockstride.yaml, in the order `config show` prints
// them.
var keys = []key{
	{
		name: "format", env: "DOCKSTRIDE_FORMAT", doc: "default output format (--format)",
		decode: func(c *Config, n *yaml.Node) error { return scalar(n, &c.Format) },
		parse:  func(c *Config, v string) error { c.Format = strings.TrimSpace(v); return nil },
		merge:  func(d, s *Config) { d.Format = s.Format },
		value:  func(c *Config) any { return c.Format },
	},
	{
		name: "fail-level", env: "DOCKSTRIDE_FAIL_LEVEL", doc: "lowest severity that fails the run: error, warning, info, style or none",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			return setFailLevel(c, s)
		},
		parse: setFailLevel,
		merge: func(d, s *Config) { d.FailLevel = s.FailLevel },
		value: func(c *Config) any { return c.FailLevel },
	},
	ruleListKey("ignore", "DOCKSTRIDE_IGNORE", "rules to skip, by ID, name or peer alias (accumulates across file, environment and flags)",
		func(c *Config) *[]string { return &c.Ignore }, true),
	ruleListKey("enable", "DOCKSTRIDE_ENABLE", "optional rules to turn on (accumulates)",
		func(c *Config) *[]string { return &c.Enable }, true),
	ruleListKey("only", "DOCKSTRIDE_ONLY", "when set, run only these rules (the highest layer that sets it wins)",
		func(c *Config) *[]string { return &c.Only }, false),
	{
		name: "severity", env: "DOCKSTRIDE_SEVERITY", doc: "per-rule severity: {RULE: error|warning|info|style}; env: RULE=level,…",
		decode: func(c *Config, n *yaml.Node) error {
			list, err := severityList(n)
			c.Severity = list
			return err
		},
		parse: func(c *Config, v string) error {
			for _, part := range splitList(v) {
				k, lvl, ok := strings.Cut(part, "=")
				if !ok {
					return fmt.Errorf("%q is not RULE=level", part)
				}
				if err := checkRuleKeys([]string{k}, false); err != nil {
					return err
				}
				sev, err := rules.ParseSeverity(lvl)
				if err != nil {
					return err
				}
				c.Severity = append(c.Severity, SeverityOverride{Key: strings.TrimSpace(k), Severity: sev})
			}
			return nil
		},
		merge: func(d, s *Config) { d.Severity = append(slices.Clone(d.Severity), s.Severity...) },
		value: func(c *Config) any { return severityValue(c.Severity) },
	},
	{
		name: "overrides", doc: "per-path changes: [{files: [globs], ignore: [...], severity: {...}}], globs relative to the file's directory",
		decode: decodeOverrides,
		merge:  func(d, s *Config) { d.Overrides = s.Overrides },
		value: func(c *Config) any {
			var out []map[string]any
			for _, o := range c.Overrides {
				m := map[string]any{"files": o.Files}
				if len(o.Ignore) > 0 {
					m["ignore"] = o.Ignore
				}
				if len(o.Severity) > 0 {
					m["severity"] = severityValue(o.Severity)
				}
				out = append(out, m)
			}
			return out
		},
	},
	{
		name: "no-color", doc: "no colour in the text format (also NO_COLOR, --no-color)",
		decode: func(c *Config, n *yaml.Node) error { return boolean(n, &c.NoColor) },
		merge:  func(d, s *Config) { d.NoColor = s.NoColor },
		value:  func(c *Config) any { return c.NoColor },
	},
	{
		name: "disable-inline-ignores", doc: "ignore every pragma in the files (for audits)",
		decode: func(c *Config, n *yaml.Node) error { return boolean(n, &c.DisableInlineIgnores) },
		merge:  func(d, s *Config) { d.DisableInlineIgnores = s.DisableInlineIgnores },
		value:  func(c *Config) any { return c.DisableInlineIgnores },
	},
	{
		name: "target", env: "DOCKSTRIDE_TARGET", doc: "the stage that ships (docker build --target); default the last",
		decode: func(c *Config, n *yaml.Node) error { return scalar(n, &c.Target) },
		parse:  func(c *Config, v string) error { c.Target = strings.TrimSpace(v); return nil },
		merge:  func(d, s *Config) { d.Target = s.Target },
		value:  func(c *Config) any { return c.Target },
	},
	{
		name: "code", env: "DOCKSTRIDE_CODE", doc: "application code checked: shipped (what the Dockerfiles COPY, the default), all (every source file of the context) or none",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			return setCode(c, s)
		},
		parse: setCode,
		merge: func(d, s *Config) { d.Code = s.Code },
		value: func(c *Config) any { return c.Code.String() },
	},
	{
		name: "trusted-registries", env: "DOCKSTRIDE_TRUSTED_REGISTRIES", doc: "registries base images may come from; wildcards such as *.example.com",
		decode: func(c *Config, n *yaml.Node) error { return registries(n, &c.TrustedRegistries) },
		parse: func(c *Config, v string) error {
			c.TrustedRegistries = splitList(v)
			return checkGlobs(c.TrustedRegistries)
		},
		merge: func(d, s *Config) { d.TrustedRegistries = s.TrustedRegistries },
		value: func(c *Config) any { return c.TrustedRegistries },
	},
	{
		name: "label-schema", doc: "required labels: {name: text|url|spdx|hash|rfc3339|semver|email}",
		decode: decodeLabelSchema,
		merge:  func(d, s *Config) { d.LabelSchema = s.LabelSchema },
		value:  func(c *Config) any { return c.LabelSchema },
	},
	{
		name: "strict-labels", env: "DOCKSTRIDE_STRICT_LABELS", doc: "reject labels that are not in label-schema",
		decode: func(c *Config, n *yaml.Node) error { return boolean(n, &c.StrictLabels) },
		parse:  func(c *Config, v string) error { return parseBool(v, &c.StrictLabels) },
		merge:  func(d, s *Config) { d.StrictLabels = s.StrictLabels },
		value:  func(c *Config) any { return c.StrictLabels },
	},
	{
		name: "allowed-ports", env: "DOCKSTRIDE_ALLOWED_PORTS", doc: "exposed ports the port rules accept",
		decode: func(c *Config, n *yaml.Node) error { return ports(n, &c.AllowedPorts) },
		parse: func(c *Config, v string) error {
			c.AllowedPorts = nil
			for _, p := range splitList(v) {
				n, err := parsePort(p)
				if err != nil {
					return err
				}
				c.AllowedPorts = append(c.AllowedPorts, n)
			}
			return nil
		},
		merge: func(d, s *Config) { d.AllowedPorts = s.AllowedPorts },
		value: func(c *Config) any { return c.AllowedPorts },
	},
	{
		name: "resolve-base", env: "DOCKSTRIDE_RESOLVE_BASE", doc: "read base images' configs from their registries (cached) for the rules that judge what a stage inherits",
		decode: func(c *Config, n *yaml.Node) error { return boolean(n, &c.ResolveBase) },
		parse:  func(c *Config, v string) error { return parseBool(v, &c.ResolveBase) },
		merge:  func(d, s *Config) { d.ResolveBase = s.ResolveBase },
		value:  func(c *Config) any { return c.ResolveBase },
	},
	{
		name: "eol-date", env: "DOCKSTRIDE_EOL_DATE", doc: "day base images' end of support is judged on: YYYY-MM-DD or today (default: the date of dockstride's end-of-support table)",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			return parseEOLDate(s, &c.EOLDate)
		},
		parse: func(c *Config, v string) error { return parseEOLDate(v, &c.EOLDate) },
		merge: func(d, s *Config) { d.EOLDate = s.EOLDate },
		value: func(c *Config) any { return c.EOLDate },
	},
	secretListKey("secrets.allow.names", "variable names that are not secrets (wildcards)", func(c *Config) *[]string { return &c.Secrets.Allow.Names }),
	secretListKey("secrets.allow.values", "values that are not secrets, e.g. documented example keys (wildcards)", func(c *Config) *[]string { return &c.Secrets.Allow.Values }),
	secretListKey("secrets.allow.paths", "file paths that are not secrets (globs with **)", func(c *Config) *[]string { return &c.Secrets.Allow.Paths }),
	{
		name: "secrets.patterns", doc: "extra credential formats: [{name: ..., regex: ...}] (RE2)",
		decode: decodePatterns,
		merge:  func(d, s *Config) { d.Secrets.Patterns = s.Secrets.Patterns },
		value: func(c *Config) any {
			var out []map[string]string
			for _, p := range c.Secrets.Patterns {
				out = append(out, map[string]string{"name": p.Name, "regex": p.Regex})
			}
			return out
		},
	},
	{
		name: "image.platform", env: "DOCKSTRIDE_PLATFORM", doc: "platform to pick from a multi-arch image: os/arch[/variant]",
		decode: func(c *Config, n *yaml.Node) error {
			if err := scalar(n, &c.Image.Platform); err != nil {
				return err
			}
			return checkPlatform(c.Image.Platform)
		},
		parse: func(c *Config, v string) error {
			c.Image.Platform = strings.TrimSpace(v)
			return checkPlatform(c.Image.Platform)
		},
		merge: func(d, s *Config) { d.Image.Platform = s.Image.Platform },
		value: func(c *Config) any { return c.Image.Platform },
	},
	{
		name: "image.insecure", env: "DOCKSTRIDE_INSECURE", doc: "allow plain HTTP to registries that are not on loopback",
		decode: func(c *Config, n *yaml.Node) error { return boolean(n, &c.Image.Insecure) },
		parse:  func(c *Config, v string) error { return parseBool(v, &c.Image.Insecure) },
		merge:  func(d, s *Config) { d.Image.Insecure = s.Image.Insecure },
		value:  func(c *Config) any { return c.Image.Insecure },
	},
	{
		name: "image.timeout", env: "DOCKSTRIDE_TIMEOUT", doc: "time limit for one image scan, e.g. 5m",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			return parseDuration(s, &c.Image.Timeout)
		},
		parse: func(c *Config, v string) error { return parseDuration(v, &c.Image.Timeout) },
		merge: func(d, s *Config) { d.Image.Timeout = s.Image.Timeout },
		value: func(c *Config) any { return c.Image.Timeout.String() },
	},
	{
		name: "image.max-file-bytes", doc: "bytes read from each file in a layer for content checks",
		decode: func(c *Config, n *yaml.Node) error {
			var v int64
			if err := n.Decode(&v); err != nil || v < 0 {
				return fmt.Errorf("must be a non-negative number of bytes")
			}
			c.Image.MaxFileBytes = v
			return nil
		},
		merge: func(d, s *Config) { d.Image.MaxFileBytes = s.Image.MaxFileBytes },
		value: func(c *Config) any { return c.Image.MaxFileBytes },
	},
	{
		name: "fix.mem-limit", doc: "mem_limit the unsafe compose fix gives a service without a memory limit (default " + rules.DefaultFixMemLimit + ")",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			if _, err := rules.ParseMemLimit(s); err != nil {
				return err
			}
			c.Fix.MemLimit = strings.TrimSpace(s)
			return nil
		},
		merge: func(d, s *Config) { d.Fix.MemLimit = s.Fix.MemLimit },
		value: func(c *Config) any { return cmp.Or(c.Fix.MemLimit, rules.DefaultFixMemLimit) },
	},
	{
		name: "fix.pids-limit", doc: "pids_limit the unsafe compose fix gives a service without one (default " + strconv.Itoa(rules.DefaultFixPidsLimit) + ")",
		decode: func(c *Config, n *yaml.Node) error {
			var v int64
			if err := n.Decode(&v); err != nil || v <= 0 {
				return fmt.Errorf("must be a positive number of processes")
			}
			c.Fix.PidsLimit = v
			return nil
		},
		merge: func(d, s *Config) { d.Fix.PidsLimit = s.Fix.PidsLimit },
		value: func(c *Config) any { return cmp.Or(c.Fix.PidsLimit, rules.DefaultFixPidsLimit) },
	},
	{
		name: "image.base-history", env: "DOCKSTRIDE_BASE_HISTORY", doc: "findings of the base image's history entries (up to its CMD): info, keep or skip",
		decode: func(c *Config, n *yaml.Node) error {
			var s string
			if err := scalar(n, &s); err != nil {
				return err
			}
			return parseBaseHistory(s, &c.Image.BaseHistory)
		},
		parse: func(c *Config, v string) error { return parseBaseHistory(v, &c.Image.BaseHistory) },
		merge: func(d, s *Config) { d.Image.BaseHistory = s.Image.BaseHistory },
		value: func(c *Config) any { return c.Image.BaseHistory.String() },
	},
}

func lookupKey(name string) *key {
	for i := range keys {
		if keys[i].name == name {
			return &keys[i]
		}
	}
	return nil
}

// isSection reports whether name is a section holding dotted keys.
func isSection(name string) bool {
	for _, k := range keys {
		if strings.HasPrefix(k.name, name+".") {
			return true
		}
	}
	return false
}

func ruleListKey(name, env, doc string, field func(*Config) *[]string, accumulate bool) key {
	return key{
		name: name, env: env, doc: doc,
		decode: func(c *Config, n *yaml.Node) error { return ruleList(n, field(c)) },
		parse: func(c *Config, v string) error {
			*field(c) = splitList(v)
			return checkRuleKeys(*field(c), false)
		},
		merge: func(d, s *Config) {
			if accumulate {
				*field(d) = appendUnique(*field(d), *field(s)...)
			} else {
				*field(d) = *field(s)
			}
		},
		value: func(c *Config) any { return *field(c) },
	}
}

func secretListKey(name, doc string, field func(*Config) *[]string) key {
	return key{
		name: name, doc: doc,
		decode: func(c *Config, n *yaml.Node) error {
			if err := stringList(n, field(c)); err != nil {
				return err
			}
			return checkGlobs(*field(c))
		},
		merge: func(d, s *Config) { *field(d) = *field(s) },
		value: func(c *Config) any { return *field(c) },
	}
}

// setCode reads the code key's value.
func setCode(c *Config, s string) error {
	m, err := lint.ParseCodeMode(s)
	c.Code = m
	return err
}

func setFailLevel(c *Config, s string) error {
	v, err := parseFailLevel(s)
	c.FailLevel = v
	return err
}

// scalar decodes a single value as a string.
func scalar(n *yaml.Node, dst *string) error {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return fmt.Errorf("must be a single value")
	}
	*dst = n.Value
	return nil
}

func boolean(n *yaml.Node, dst *bool) error {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		return fmt.Errorf("must be true or false")
	}
	return n.Decode(dst)
}

// stringList decodes a sequence of scalars.
func stringList(n *yaml.Node, dst *[]string) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("must be a list")
	}
	out := []string{}
	for _, item := range n.Content {
		if item.Kind != yaml.ScalarNode || item.Tag == "!!null" || item.Value == "" {
			return &itemError{line: item.Line, msg: "list items must be non-empty values"}
		}
		out = append(out, item.Value)
	}
	*dst = out
	return nil
}

// ruleList decodes a list of rule keys, each of which must name a rule;
// the error points at the item's own line.
func ruleList(n *yaml.Node, dst *[]string) error {
	if err := stringList(n, dst); err != nil {
		return err
	}
	for i, k := range *dst {
		if err := checkRuleKeys([]string{k}, true); err != nil {
			return &itemError{line: n.Content[i].Line, msg: err.Error()}
		}
	}
	return nil
}

func registries(n *yaml.Node, dst *[]string) error {
	if err := stringList(n, dst); err != nil {
		return err
	}
	return checkGlobs(*dst)
}

func checkGlobs(list []string) error {
	for _, g := range list {
		if !glob.Valid(g) {
			return fmt.Errorf("%q is not a valid wildcard pattern", g)
		}
	}
	return nil
}

// severityList decodes {RULE: level, …} in the order written.
func severityList(n *yaml.Node) ([]SeverityOverride, error) {
	if n.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("must be a mapping of rule to severity")
	}
	var out []SeverityOverride
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if err := checkRuleKeys([]string{k.Value}, true); err != nil {
			return nil, &itemError{line: k.Line, msg: err.Error()}
		}
		sev, err := rules.ParseSeverity(v.Value)
		if err != nil || v.Kind != yaml.ScalarNode {
			return nil, &itemError{line: v.Line, msg: fmt.Sprintf("%s: %q is not a severity (want error, warning, info or style)", k.Value, v.Value)}
		}
		out = append(out, SeverityOverride{Key: k.Value, Severity: sev})
	}
	return out, nil
}

func severityValue(list []SeverityOverride) map[string]string {
	if len(list) == 0 {
		return nil
	}
	m := map[string]string{}
	for _, s := range list {
		m[s.Key] = s.Severity.String()
	}
	return m
}

func decodeOverrides(c *Config, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("must be a list of {files, ignore, severity}")
	}
	for i, item := range n.Content {
		if item.Kind != yaml.MappingNode {
			return &itemError{line: item.Line, msg: fmt.Sprintf("item %d must be a mapping", i+1)}
		}
		var o PathOverride
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			var err error
			switch k.Value {
			case "files":
				if err = stringList(v, &o.Files); err == nil {
					err = checkGlobs(o.Files)
				}
			case "ignore":
				err = ruleList(v, &o.Ignore)
			case "severity":
				o.Severity, err = severityList(v)
			default:
				return &itemError{line: k.Line, key: fmt.Sprintf("overrides[%d].%s", i, k.Value), msg: "unknown key (want files, ignore or severity)"}
			}
			if err != nil {
				return wrapItem(err, v.Line, fmt.Sprintf("overrides[%d].%s", i, k.Value))
			}
		}
		if len(o.Files) == 0 {
			return &itemError{line: item.Line, msg: fmt.Sprintf("item %d needs files", i+1)}
		}
		c.Overrides = append(c.Overrides, o)
	}
	return nil
}

func decodeLabelSchema(c *Config, n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("must be a mapping of label name to type")
	}
	c.LabelSchema = map[string]string{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if err := checkLabelType(v.Value); err != nil || v.Kind != yaml.ScalarNode {
			return &itemError{line: v.Line, msg: fmt.Sprintf("%s: label type %q is not one of %s", k.Value, v.Value, strings.Join(labelTypes, ", "))}
		}
		c.LabelSchema[k.Value] = v.Value
	}
	return nil
}

func decodePatterns(c *Config, n *yaml.Node) error {
	if n.Kind != yaml.SequenceNode {
		return fmt.Errorf("must be a list of {name, regex}")
	}
	for i, item := range n.Content {
		var p secret.Pattern
		if item.Kind != yaml.MappingNode {
			return &itemError{line: item.Line, msg: fmt.Sprintf("item %d must be {name, regex}", i+1)}
		}
		for j := 0; j+1 < len(item.Content); j += 2 {
			k, v := item.Content[j], item.Content[j+1]
			switch k.Value {
			case "name":
				if err := scalar(v, &p.Name); err != nil {
					return wrapItem(err, v.Line, "")
				}
			case "regex":
				if err := scalar(v, &p.Regex); err != nil {
					return wrapItem(err, v.Line, "")
				}
			default:
				return &itemError{line: k.Line, key: fmt.Sprintf("secrets.patterns[%d].%s", i, k.Value), msg: "unknown key (want name or regex)"}
			}
		}
		// Compile now so the error names the pattern's line.
		if _, err := secret.NewPolicy(secret.Allow{}, []secret.Pattern{p}); err != nil {
			return &itemError{line: item.Line, msg: err.Error()}
		}
		c.Secrets.Patterns = append(c.Secrets.Patterns, p)
	}
	return nil
}

func ports(n *yaml.Node, dst *[]int) error {
	var raw []string
	if err := stringList(n, &raw); err != nil {
		return err
	}
	*dst = nil
	for i, r := range raw {
		p, err := parsePort(r)
		if err != nil {
			return &itemError{line: n.Content[i].Line, msg: err.Error()}
		}
		*dst = append(*dst, p)
	}
	return nil
}

func parsePort(s string) (int, error) {
	p, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "/tcp"), "/udp"))
	if err != nil || p < 1 || p > 65535 {
		return 0, fmt.Errorf("%q is not a port (1-65535)", s)
	}
	return p, nil
}

func parseBool(v string, dst *bool) error {
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return fmt.Errorf("%q is not true or false", v)
	}
	*dst = b
	return nil
}

func parseDuration(v string, dst *time.Duration) error {
	d, err := time.ParseDuration(strings.TrimSpace(v))
	if err != nil || d < 0 {
		return fmt.Errorf("%q is not a duration such as 90s or 5m", v)
	}
	*dst = d
	return nil
}

func parseBaseHistory(v string, dst *lint.BaseHistory) error {
	b, err := lint.ParseBaseHistory(v)
	if err != nil {
		return err
	}
	*dst = b
	return nil
}

func checkPlatform(p string) error {
	if p == "" {
		return nil
	}
	parts := strings.Split(p, "/")
	if len(parts) < 2 || len(parts) > 3 || slices.Contains(parts, "") {
		return fmt.Errorf("%q is not a platform (want os/arch[/variant], e.g. linux/arm64)", p)
	}
	return nil
}

// splitList splits a comma-separated environment or flag value.
func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func appendUnique(dst []string, src ...string) []string {
	out := slices.Clone(dst)
	for _, s := range src {
		if !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
