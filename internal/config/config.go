// Package config reads dockstride's configuration: a .dockstride.yaml (or
// a hadolint .hadolint.yaml when there is none), DOCKSTRIDE_* environment
// variables and command-line flags, merged with flags > environment > file,
// and turns the result into engine options.
//
// Every key is declared once in the keys table below: the YAML decoder, the
// environment reader, `config show` and the tests all walk it, so a key
// cannot be documented in one place and forgotten in another.
package config

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/glob"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/secret"
	"github.com/dockstride/dockstride/rules"
)

// Config is an effective configuration: what applies to the files of one
// directory once the file, the environment and the flags are merged.
type Config struct {
	// Format is the default output format name ("text", "json", …).
	Format string
	// FailLevel is "error", "warning", "info", "style" or "none".
	FailLevel string
	// Ignore disables rules, by ID, name or peer alias.
	Ignore []string
	// Enable turns on optional rules.
	Enable []string
	// Only, when not empty, is the allow-list of rules that run.
	Only []string
	// Severity changes rules' severities, in the order written.
	Severity []SeverityOverride
	// Overrides apply to the files their globs match.
	Overrides []PathOverride
	// DisableInlineIgnores makes the engine ignore every pragma.
	DisableInlineIgnores bool
	// NoColor turns colour off in the text format (hadolint's no-color).
	NoColor bool

	// Rule settings.
	TrustedRegistries []string
	LabelSchema       map[string]string
	StrictLabels      bool
	AllowedPorts      []int
	Target            string
	// ResolveBase lets rules read base images' configs from their
	// registries (Resolver.SetBaseConfigs gives them the means).
	ResolveBase bool
	// EOLDate is the day base images' end of support is judged on: ""
	// (the table's own date), "today", or YYYY-MM-DD.
	EOLDate string
	// Code says which application code is checked (the code key).
	Code lint.CodeMode

	Secrets Secrets
	Image   Image
	Fix     Fix

	// File is the configuration file read ("" when none), Dialect its kind
	// ("dockstride" or "hadolint"), Dir the directory its relative globs
	// are resolved against.
	File    string
	Dialect string
	Dir     string
	// Origin says where each top-level key's value came from: "FILE:LINE",
	// "env DOCKSTRIDE_…", "flag --…"; keys left at their default are absent.
	Origin map[string]string
	// Notes are things --verbose should tell the user (a hadolint key with
	// no dockstride equivalent, the dialect that was read).
	Notes []string

	policy *secret.Policy
}

// SeverityOverride sets the severity of the rules a key names.
type SeverityOverride struct {
	Key      string
	Severity rules.Severity
}

// PathOverride changes ignores and severities for the files its globs
// match, relative to the configuration file's directory.
type PathOverride struct {
	Files    []string
	Ignore   []string
	Severity []SeverityOverride
	// Dir, when set, is the directory Files are relative to instead of the
	// configuration file's (a trivy ignore file's entries are relative to
	// the working directory).
	Dir string
}

// Secrets configures secret detection.
type Secrets struct {
	Allow    secret.Allow
	Patterns []secret.Pattern
}

// Fix holds what the compose fixes of `lint --fix --unsafe-fixes` write.
type Fix struct {
	// MemLimit is the mem_limit a service without one gets ("512m"); ""
	// means rules.DefaultFixMemLimit.
	MemLimit string
	// PidsLimit is the pids_limit a service without one gets; 0 means
	// rules.DefaultFixPidsLimit.
	PidsLimit int64
}

// Image holds the options of `dockstride image`.
type Image struct {
	// Platform picks an image of a multi-arch index, "os/arch[/variant]".
	Platform string
	// Insecure allows plain HTTP to registries that are not on loopback.
	Insecure bool
	// Timeout bounds one image scan; 0 means the command's default.
	Timeout time.Duration
	// MaxFileBytes caps the bytes read from each file in a layer.
	MaxFileBytes int64
	// BaseHistory is what becomes of findings of the history entries
	// guessed to be the base image's: info (the zero value), keep, skip.
	BaseHistory lint.BaseHistory
}

// Default is the configuration with nothing set.
func Default() *Config {
	return &Config{Format: "text", FailLevel: "warning", Dialect: "none", Origin: map[string]string{}}
}

// FailThreshold returns the failing severity; ok is false for "none".
func (c *Config) FailThreshold() (sev rules.Severity, ok bool) {
	if c.FailLevel == "none" {
		return 0, false
	}
	sev, err := rules.ParseSeverity(c.FailLevel)
	return sev, err == nil
}

// buildPolicy validates the secrets section once, at load time.
func (c *Config) buildPolicy() error {
	s := c.Secrets
	if len(s.Allow.Names)+len(s.Allow.Values)+len(s.Allow.Paths)+len(s.Patterns) == 0 {
		c.policy = nil
		return nil
	}
	p, err := secret.NewPolicy(s.Allow, s.Patterns)
	if err != nil {
		return err
	}
	c.policy = p
	return nil
}

// LintOptions turns the configuration into engine options. now is the
// clock for suppression expiry.
func (c *Config) LintOptions(now func() time.Time) lint.Options {
	opts := lint.Options{
		Ignore:               slices.Clone(c.Ignore),
		Enable:               slices.Clone(c.Enable),
		Only:                 slices.Clone(c.Only),
		Severity:             severityMap(c.Severity),
		NoInlineSuppressions: c.DisableInlineIgnores,
		Now:                  now,
		Code:                 c.Code,
		Settings: rules.Settings{
			Target:            c.Target,
			TrustedRegistries: slices.Clone(c.TrustedRegistries),
			LabelSchema:       c.LabelSchema,
			StrictLabels:      c.StrictLabels,
			AllowedPorts:      slices.Clone(c.AllowedPorts),
			Secrets:           c.policy,
			EOLDate:           eolDay(c.EOLDate, now),
			FixMemLimit:       c.Fix.MemLimit,
			FixPidsLimit:      c.Fix.PidsLimit,
		},
	}
	for _, o := range c.Overrides {
		globs, dir := o.Files, cmp.Or(o.Dir, c.Dir)
		opts.Overrides = append(opts.Overrides, lint.Override{
			Match:    func(path string) bool { return matchFile(globs, dir, path) },
			Ignore:   o.Ignore,
			Severity: severityMap(o.Severity),
		})
	}
	return opts
}

// severityMap keeps the last setting for a key, as YAML maps would.
func severityMap(list []SeverityOverride) map[string]rules.Severity {
	if len(list) == 0 {
		return nil
	}
	m := map[string]rules.Severity{}
	for _, s := range list {
		m[s.Key] = s.Severity
	}
	return m
}

// matchFile matches a linted path against override globs written relative
// to the configuration's directory.
func matchFile(globs []string, dir, path string) bool {
	rel := relativeSlash(dir, path)
	for _, g := range globs {
		if glob.Match(g, rel) {
			return true
		}
	}
	return false
}

// checkRuleKeys fails on keys that name no rule, so a typo in an ignore
// list does not silently ignore nothing. In a file (inFile), a peer tool's
// ID that no rule carries yet (a hadolint DL code kept from an old config)
// is accepted: it is not a typo, and it starts working when a rule gains
// the alias. On the command line and in the environment every key must
// name a rule.
func checkRuleKeys(keys []string, inFile bool) error {
	for _, k := range keys {
		if len(rules.Lookup(k)) > 0 || (inFile && peerIDRE().MatchString(k)) {
			continue
		}
		if r, ok := rules.LookupRetired(k); ok {
			// A file naming a retired rule still means what it meant;
			// on the command line, the user wants to hear it.
			if inFile {
				continue
			}
			return fmt.Errorf("%s", r.Describe())
		}
		return fmt.Errorf("no rule has the ID, name or alias %q", k)
	}
	return nil
}

// peerIDRE matches the ID shapes of the peers dockstride aliases: hadolint
// DL/SC codes, trivy DS and AVD-DS IDs, checkov CKV_DOCKER/CKV2_DOCKER,
// dockle CIS-DI/DKL-…
var peerIDRE = lazyre.New(`(?i)^(?:DL\d{4}|SC\d{4}|(?:AVD-)?DS-?\d{3,4}|CKV2?_DOCKER_\d+|CIS-DI-\d{4}|DKL-[A-Z]{2}-\d{4})$`)

// parseFailLevel normalizes a fail level; "ignore" is hadolint's "none".
func parseFailLevel(s string) (string, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "none", "ignore":
		return "none", nil
	default:
		sev, err := rules.ParseSeverity(v)
		if err != nil {
			return "", fmt.Errorf("%q is not a level (want error, warning, info, style or none)", s)
		}
		return sev.String(), nil
	}
}

// labelTypes are hadolint's label-schema value types.
var labelTypes = []string{"text", "url", "spdx", "hash", "rfc3339", "semver", "email"}

func checkLabelType(t string) error {
	if !slices.Contains(labelTypes, t) {
		return fmt.Errorf("label type %q is not one of %s", t, strings.Join(labelTypes, ", "))
	}
	return nil
}

// eolDay is the day an eol-date value names; zero for "" (the table's
// own date). The value was checked by parseEOLDate.
func eolDay(v string, now func() time.Time) time.Time {
	if v == "" {
		return time.Time{}
	}
	if v == "today" {
		if now == nil {
			now = time.Now
		}
		y, m, d := now().UTC().Date()
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	}
	t, _ := time.Parse(time.DateOnly, v)
	return t
}

// parseEOLDate checks an eol-date value: "today", a YYYY-MM-DD day, or ""
// for the table's own date.
func parseEOLDate(v string, dst *string) error {
	v = strings.TrimSpace(v)
	if v != "today" && v != "" {
		if _, err := time.Parse(time.DateOnly, v); err != nil {
			return fmt.Errorf("%q is not a day: use YYYY-MM-DD (2025-06-30) or today", v)
		}
	}
	*dst = v
	return nil
}
