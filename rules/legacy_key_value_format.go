package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/linter"
)

// LegacyKeyValueFormat: `ENV key value` / `LABEL key value` without `=`.
var LegacyKeyValueFormat = &Rule{
	ID:       "DKS1006",
	Name:     "legacy-key-value-format",
	Title:    "ENV or LABEL in the legacy `key value` form",
	Severity: Style,
	Since:    "0.1.0",
	Aliases:  []string{"LegacyKeyValueFormat"},
	BuildKit: &linter.RuleLegacyKeyValueFormat,
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindEnv, dockerfile.KindLabel}, Check: checkLegacyKeyValueFormat}},
	Threat:   hygiene(),
	Fix:      SafeFix,
	Doc: Doc{
		Vulnerability: "Legacy key value syntax in ENV or LABEL",
		Mitigation:    "Write ENV and LABEL as key=value.",

		Rationale: "`ENV key value` sets one variable to everything after the first space, so " +
			"`ENV PATH /app/bin MODE prod` sets PATH to `/app/bin MODE prod`. The `key=value` form " +
			"says where each value ends and can set several variables at once.",
		Impact:       "Variables set to values the author did not mean",
		Fix:          "Write `ENV key=value` and `LABEL key=value`, quoting values that contain spaces.",
		SeverityNote: "BuildKit's LegacyKeyValueFormat is a warning; `ENV key value` still builds the same image: style, as legacy syntax is.",
		Bad:          Dockerfiles("FROM alpine:3.20\nENV APP_HOME /app\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nENV APP_HOME=/app\n"),
		Refs:         []string{buildKitDoc("legacy-key-value-format")},
	},
}

func checkLegacyKeyValueFormat(p *Pass, in dockerfile.Instruction) {
	if in.Parent() != nil {
		return
	}
	switch x := in.(type) {
	case *dockerfile.Env:
		for _, kv := range x.Cmd.Env {
			if kv.NoDelim {
				p.WithFix(func() *Fix { return keyValueFix(p.File, in) }).Reportf(in.Range(), "\"ENV key=value\" should be used instead of legacy \"ENV key value\" format")
			}
		}
	case *dockerfile.Label:
		for _, kv := range x.Cmd.Labels {
			if kv.NoDelim {
				p.WithFix(func() *Fix { return keyValueFix(p.File, in) }).Reportf(in.Range(), "\"LABEL key=value\" should be used instead of legacy \"LABEL key value\" format")
			}
		}
	}
}

// keyValueFix rewrites a one-line `KEY name value` as `KEY name=value`,
// quoting the value when it holds blanks, so it keeps the same value.
func keyValueFix(f *dockerfile.File, in dockerfile.Instruction) *Fix {
	start, end, ok := argsSpan(f, in)
	if !ok || in.Range().EndLine != in.Range().StartLine {
		return NoFixf("the instruction spans several lines")
	}
	args := f.Text()[start:end]
	i := strings.IndexAny(args, " \t")
	if i < 0 {
		return nil
	}
	name, value := args[:i], strings.TrimLeft(args[i:], " \t")
	switch {
	case oneWord(value, f.EscapeToken):
		// BuildKit reads one word the same either side of "=".
	case !strings.ContainsAny(value, `"'`) && !strings.ContainsRune(value, f.EscapeToken):
		value = `"` + value + `"`
	default:
		return NoFixf("the value mixes blanks with quotes or escapes; quote it by hand")
	}
	return NewFix("write "+name+"="+"…", Replace(start, end, name+"="+value))
}

// oneWord reports whether s has no blank outside quotes, so BuildKit's
// key=value form reads it as one word.
func oneWord(s string, escape rune) bool {
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			escaped = false
		case r == escape && quote != '\'':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '"' || r == '\'':
			quote = r
		case r == ' ' || r == '\t':
			return false
		}
	}
	return quote == 0 && !escaped
}
