package config

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/rules"
	"go.yaml.in/yaml/v3"
)

// hadolintIgnoredKeys are hadolint settings that have no meaning for
// dockstride; they are accepted so a hadolint configuration never fails to
// load, and --verbose says so.
var hadolintIgnoredKeys = []string{"verbose", "output-file"}

// hadolintFormats maps hadolint's output format names to dockstride's;
// "" marks a format dockstride does not write.
var hadolintFormats = map[string]string{
	"tty": "text", "json": "json", "checkstyle": "checkstyle", "codeclimate": "codeclimate",
	"gitlab_codeclimate": "gitlab", "gnu": "gnu", "sarif": "sarif", "junit": "junit",
	"codacy": "", "sonarqube": "",
}

// hadolintFormat is dockstride's name for a hadolint format name; ok is
// false for a name hadolint does not have, format "" for one dockstride
// does not write.
func hadolintFormat(name string) (format string, ok bool) {
	format, ok = hadolintFormats[strings.ToLower(strings.TrimSpace(name))]
	return format, ok
}

// parseHadolint reads a .hadolint.yaml: ignored, override,
// trustedRegistries, label-schema, strict-labels, failure-threshold,
// no-fail, disable-ignore-pragma, format and no-color. DL codes are kept as written: rule
// keys match them through the rules' aliases; codes no dockstride rule
// carries are dropped with a note, because hadolint checks dockstride does
// not have are not an error in the user's file.
func parseHadolint(name string, src []byte) (*Config, error) {
	c := Default()
	c.File, c.Dialect, c.Dir = name, "hadolint", filepath.Dir(name)
	c.Notes = append(c.Notes, fmt.Sprintf("no .dockstride.yaml; reading hadolint's %s (DL codes map to dockstride rules through their aliases)", name))
	root, err := parseYAML(name, src)
	if err != nil || root == nil {
		return c, err
	}
	noFail := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		origin := fmt.Sprintf("%s:%d", name, k.Line)
		fail := func(line int, msg string) error {
			return &Error{File: name, Line: line, Key: k.Value, Msg: msg}
		}
		switch k.Value {
		case "ignored":
			var list []string
			if err := stringList(v, &list); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Ignore = c.mapHadolintCodes(list, "ignored")
			c.Origin["ignore"] = origin
		case "override":
			if v.Kind != yaml.MappingNode {
				return nil, fail(v.Line, "must be a mapping of error, warning, info, style to rule lists")
			}
			for j := 0; j+1 < len(v.Content); j += 2 {
				lk, lv := v.Content[j], v.Content[j+1]
				sev, err := rules.ParseSeverity(lk.Value)
				if err != nil {
					return nil, &Error{File: name, Line: lk.Line, Key: "override." + lk.Value, Msg: "unknown level (want error, warning, info or style)"}
				}
				var list []string
				if err := stringList(lv, &list); err != nil {
					return nil, &Error{File: name, Line: lv.Line, Key: "override." + lk.Value, Msg: err.Error()}
				}
				for _, code := range c.mapHadolintCodes(list, "override."+lk.Value) {
					c.Severity = append(c.Severity, SeverityOverride{Key: code, Severity: sev})
				}
			}
			c.Origin["severity"] = origin
		case "trustedRegistries":
			if err := registries(v, &c.TrustedRegistries); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Origin["trusted-registries"] = origin
		case "label-schema":
			if err := decodeLabelSchema(c, v); err != nil {
				line := v.Line
				if ie, ok := err.(*itemError); ok {
					line = ie.line
				}
				return nil, fail(line, err.Error())
			}
			c.Origin["label-schema"] = origin
		case "strict-labels":
			if err := boolean(v, &c.StrictLabels); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Origin["strict-labels"] = origin
		case "failure-threshold":
			var s string
			if err := scalar(v, &s); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			if err := setFailLevel(c, s); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Origin["fail-level"] = origin
		case "no-fail":
			if err := boolean(v, &noFail); err != nil {
				return nil, fail(v.Line, err.Error())
			}
		case "disable-ignore-pragma":
			if err := boolean(v, &c.DisableInlineIgnores); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Origin["disable-inline-ignores"] = origin
		case "format":
			var s string
			if err := scalar(v, &s); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			format, known := hadolintFormat(s)
			switch {
			case !known:
				return nil, fail(v.Line, fmt.Sprintf("%q is not a hadolint format", s))
			case format == "":
				c.Notes = append(c.Notes, fmt.Sprintf("%s: format %s has no dockstride equivalent; the default format is used", origin, s))
			default:
				c.Format = format
				c.Origin["format"] = origin
			}
		case "no-color":
			if err := boolean(v, &c.NoColor); err != nil {
				return nil, fail(v.Line, err.Error())
			}
			c.Origin["no-color"] = origin
		default:
			if slices.Contains(hadolintIgnoredKeys, k.Value) {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: %s is a hadolint output option; dockstride ignores it", origin, k.Value))
				continue
			}
			return nil, &Error{File: name, Line: k.Line, Key: k.Value, Msg: "unknown hadolint key (want ignored, override, trustedRegistries, label-schema, strict-labels, failure-threshold, no-fail, disable-ignore-pragma, format, no-color)"}
		}
	}
	if noFail {
		// hadolint's no-fail wins over failure-threshold: it never fails.
		c.FailLevel = "none"
		c.Origin["fail-level"] = name
	}
	return c, nil
}

// mapHadolintCodes keeps the codes some dockstride rule answers to and
// notes the others.
func (c *Config) mapHadolintCodes(codes []string, where string) []string {
	var out, unknown []string
	for _, code := range codes {
		rs := rules.Lookup(code)
		if len(rs) == 0 {
			unknown = append(unknown, code)
			continue
		}
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.ID
			if r.AliasesPerFinding && !r.IsNamed(code) {
				// A rule that merges several peer rules: only the findings
				// that stand for this code are affected.
				ids[i] += " (its " + code + " findings only)"
			}
		}
		c.Notes = append(c.Notes, fmt.Sprintf("%s: %s is dockstride's %s", where, code, strings.Join(ids, ", ")))
		out = append(out, code)
	}
	if len(unknown) > 0 {
		c.Notes = append(c.Notes, fmt.Sprintf("%s: no dockstride rule for %s; skipped", where, strings.Join(unknown, ", ")))
	}
	return out
}
