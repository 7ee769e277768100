package config

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/rules"
)

// hadolintEnv are the HADOLINT_* variables hadolint reads, each with the
// dockstride key it sets; HADOLINT_VERBOSE is the CLI's (--verbose).
var hadolintEnv = []struct {
	name, key string
	set       func(c *Config, l *layer, v string) error
}{
	{"HADOLINT_FAILURE_THRESHOLD", "fail-level", func(c *Config, _ *layer, v string) error { return setFailLevel(c, v) }},
	{"HADOLINT_FORMAT", "format", func(c *Config, _ *layer, v string) error {
		format, known := hadolintFormat(v)
		switch {
		case !known:
			return fmt.Errorf("%q is not a hadolint format", v)
		case format == "":
			return fmt.Errorf("dockstride does not write hadolint's %s format", v)
		}
		c.Format = format
		return nil
	}},
	{"HADOLINT_OVERRIDE_ERROR", "severity", overrideEnv(rules.Error)},
	{"HADOLINT_OVERRIDE_WARNING", "severity", overrideEnv(rules.Warning)},
	{"HADOLINT_OVERRIDE_INFO", "severity", overrideEnv(rules.Info)},
	{"HADOLINT_OVERRIDE_STYLE", "severity", overrideEnv(rules.Style)},
	{"HADOLINT_IGNORE", "ignore", func(c *Config, l *layer, v string) error {
		codes, err := hadolintCodes(l, "HADOLINT_IGNORE", v)
		c.Ignore = append(c.Ignore, codes...)
		return err
	}},
	{"HADOLINT_TRUSTED_REGISTRIES", "trusted-registries", func(c *Config, _ *layer, v string) error {
		c.TrustedRegistries = splitList(v)
		return checkGlobs(c.TrustedRegistries)
	}},
	{"HADOLINT_REQUIRE_LABELS", "label-schema", func(c *Config, _ *layer, v string) error {
		return parseLabelSchema(c, splitList(v))
	}},
	{"HADOLINT_STRICT_LABELS", "strict-labels", func(c *Config, _ *layer, v string) error {
		c.StrictLabels = Truthy(v)
		return nil
	}},
	{"HADOLINT_DISABLE_IGNORE_PRAGMA", "disable-inline-ignores", func(c *Config, _ *layer, v string) error {
		c.DisableInlineIgnores = Truthy(v)
		return nil
	}},
}

// hadolintEnvLayer reads hadolint's environment variables, as hadolint
// reads them, into a layer below the DOCKSTRIDE_* variables: a team's CI
// that sets HADOLINT_IGNORE keeps working, and DOCKSTRIDE_IGNORE, being
// dockstride's own, wins where both set a key. HADOLINT_NOFAIL, when
// truthy, wins over HADOLINT_FAILURE_THRESHOLD, as in hadolint.
func hadolintEnvLayer(getenv func(string) string) (layer, error) {
	l := layer{c: Default(), set: map[string]string{}}
	for _, e := range hadolintEnv {
		v := getenv(e.name)
		if v == "" {
			continue
		}
		if err := e.set(l.c, &l, v); err != nil {
			return l, fmt.Errorf("%s: %v", e.name, err)
		}
		origin := "env " + e.name
		if prev, ok := l.set[e.key]; ok {
			origin = prev + " + " + origin
		}
		l.set[e.key] = origin
	}
	if v := getenv("HADOLINT_NOFAIL"); v != "" && Truthy(v) {
		l.c.FailLevel = "none"
		l.set["fail-level"] = "env HADOLINT_NOFAIL"
	}
	return l, nil
}

// overrideEnv reads HADOLINT_OVERRIDE_<LEVEL>=DL3008,DL3013.
func overrideEnv(sev rules.Severity) func(c *Config, l *layer, v string) error {
	return func(c *Config, l *layer, v string) error {
		codes, err := hadolintCodes(l, "HADOLINT_OVERRIDE_"+strings.ToUpper(sev.String()), v)
		for _, code := range codes {
			c.Severity = append(c.Severity, SeverityOverride{Key: code, Severity: sev})
		}
		return err
	}
}

// hadolintCodes reads a comma-separated list of rule codes as a
// .hadolint.yaml list is read: a peer code no dockstride rule carries is
// dropped with a note, anything else must name a rule.
func hadolintCodes(l *layer, env, v string) ([]string, error) {
	var out []string
	for _, code := range splitList(v) {
		if err := checkRuleKeys([]string{code}, true); err != nil {
			return nil, err
		}
		if len(rules.Lookup(code)) == 0 {
			l.notes = append(l.notes, fmt.Sprintf("env %s: no dockstride rule for %s; skipped", env, code))
			continue
		}
		out = append(out, code)
	}
	return out, nil
}

// Truthy is hadolint's reading of a boolean variable: 1, y, yes, on and
// true (in any case) are true, anything else false.
func Truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "y", "yes", "on", "true":
		return true
	}
	return false
}

// parseLabelSchema reads NAME:TYPE items (hadolint's --require-label and
// HADOLINT_REQUIRE_LABELS) into the label schema.
func parseLabelSchema(c *Config, items []string) error {
	for _, item := range items {
		name, typ, ok := strings.Cut(item, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return fmt.Errorf("%q is not NAME:TYPE (e.g. maintainer:text)", item)
		}
		if err := checkLabelType(strings.TrimSpace(typ)); err != nil {
			return err
		}
		if c.LabelSchema == nil {
			c.LabelSchema = map[string]string{}
		}
		c.LabelSchema[strings.TrimSpace(name)] = strings.TrimSpace(typ)
	}
	return nil
}
