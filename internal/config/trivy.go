package config

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/dockstride/dockstride/rules"
	"go.yaml.in/yaml/v3"
)

// TrivySeverities are trivy's severity names, most severe first.
var TrivySeverities = []string{"CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"}

// trivySeverity maps each trivy severity onto dockstride's. dockstride has
// four levels to trivy's five: CRITICAL and HIGH are both error, so either
// name keeps error findings.
var trivySeverity = map[string]rules.Severity{
	"CRITICAL": rules.Error,
	"HIGH":     rules.Error,
	"MEDIUM":   rules.Warning,
	"LOW":      rules.Info,
	"UNKNOWN":  rules.Style,
}

// ParseTrivySeverities reads trivy's --severity list (CRITICAL,HIGH,…,
// in any case) into the dockstride severities it keeps.
func ParseTrivySeverities(names []string) ([]rules.Severity, error) {
	var out []rules.Severity
	for _, n := range names {
		for _, part := range splitList(n) {
			sev, ok := trivySeverity[strings.ToUpper(part)]
			if !ok {
				return nil, fmt.Errorf("%q is not a trivy severity (want %s)", part, strings.Join(TrivySeverities, ", "))
			}
			if !slices.Contains(out, sev) {
				out = append(out, sev)
			}
		}
	}
	return out, nil
}

// TrivyIgnoreName is the ignore file trivy reads from the working
// directory unless --ignorefile names another.
const TrivyIgnoreName = ".trivyignore"

// IgnoreEntry is one rule a trivy ignore file skips.
type IgnoreEntry struct {
	// ID is as written: DS002, DS-0002, AVD-DS-0002, a dockstride ID…
	ID string
	// Paths, when set, limit the entry to the files they match (globs,
	// relative to the working directory); .trivyignore.yaml only.
	Paths []string
	Line  int
}

// IgnoreFile is what dockstride takes from a trivy ignore file: the
// entries that name a dockstride rule and have not expired.
type IgnoreFile struct {
	Path    string
	Entries []IgnoreEntry
	// Notes say which entries were skipped and why, for --verbose.
	Notes []string
}

// ParseIgnoreFile reads trivy's ignore file: the plain .trivyignore (one
// ID a line, # comments, an optional exp:YYYY-MM-DD field) or, for a name
// ending .yaml or .yml, .trivyignore.yaml (misconfigurations, secrets,
// vulnerabilities and licenses lists of {id, paths, expired_at,
// statement}). As in trivy, an entry stops applying on its expiry date
// (from 00:00 UTC) and a line whose date does not parse is skipped. IDs of
// findings dockstride does not report (CVEs, licenses) are skipped with a
// note.
func ParseIgnoreFile(name string, src []byte, now time.Time) (*IgnoreFile, error) {
	f := &IgnoreFile{Path: name}
	var err error
	if ext := filepath.Ext(name); ext == ".yaml" || ext == ".yml" {
		err = f.parseYAML(src, now)
	} else {
		f.parsePlain(src, now)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (f *IgnoreFile) parsePlain(src []byte, now time.Time) {
	sc := bufio.NewScanner(bytes.NewReader(src))
	sc.Buffer(nil, MaxFileBytes)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		var exp time.Time
		bad := false
		for _, field := range fields[1:] {
			if v, ok := strings.CutPrefix(field, "exp:"); ok {
				var err error
				if exp, err = time.Parse(time.DateOnly, v); err != nil {
					f.note(n, "expiry %q is not a date (YYYY-MM-DD); line skipped, as trivy does", v)
					bad = true
				}
				break
			}
		}
		if !bad {
			f.add(IgnoreEntry{ID: fields[0], Line: n}, exp, now)
		}
	}
}

// trivyIgnoreYAML is .trivyignore.yaml.
type trivyIgnoreYAML struct {
	Misconfigurations []trivyIgnoreItem `yaml:"misconfigurations"`
	Secrets           []trivyIgnoreItem `yaml:"secrets"`
	Vulnerabilities   []trivyIgnoreItem `yaml:"vulnerabilities"`
	Licenses          []trivyIgnoreItem `yaml:"licenses"`
}

type trivyIgnoreItem struct {
	ID        string   `yaml:"id"`
	Paths     []string `yaml:"paths"`
	ExpiredAt string   `yaml:"expired_at"`
	Statement string   `yaml:"statement"`
	line      int
}

// UnmarshalYAML keeps the item's line for messages.
func (it *trivyIgnoreItem) UnmarshalYAML(n *yaml.Node) error {
	type plain trivyIgnoreItem
	var p plain
	if err := n.Decode(&p); err != nil {
		return err
	}
	*it = trivyIgnoreItem(p)
	it.line = n.Line
	return nil
}

func (f *IgnoreFile) parseYAML(src []byte, now time.Time) error {
	var doc trivyIgnoreYAML
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return &Error{File: f.Path, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	for _, list := range [][]trivyIgnoreItem{doc.Misconfigurations, doc.Secrets, doc.Vulnerabilities, doc.Licenses} {
		for _, it := range list {
			line := it.line
			if it.ID == "" {
				return &Error{File: f.Path, Line: line, Key: "id", Msg: "an entry has no id"}
			}
			if err := checkGlobs(it.Paths); err != nil {
				return &Error{File: f.Path, Line: line, Key: "paths", Msg: err.Error()}
			}
			var exp time.Time
			if it.ExpiredAt != "" {
				var err error
				if exp, err = parseExpiry(it.ExpiredAt); err != nil {
					return &Error{File: f.Path, Line: line, Key: "expired_at", Msg: err.Error()}
				}
			}
			f.add(IgnoreEntry{ID: it.ID, Paths: it.Paths, Line: line}, exp, now)
		}
	}
	return nil
}

// parseExpiry reads a YAML date or timestamp.
func parseExpiry(v string) (time.Time, error) {
	for _, layout := range []string{time.DateOnly, time.RFC3339, time.RFC3339Nano} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a date (YYYY-MM-DD)", v)
}

// add keeps an entry that names a dockstride rule and has not expired.
func (f *IgnoreFile) add(e IgnoreEntry, exp time.Time, now time.Time) {
	switch {
	case !exp.IsZero() && !now.Before(exp):
		f.note(e.Line, "%s expired on %s", e.ID, exp.UTC().Format(time.DateOnly))
	case len(rules.Lookup(e.ID)) == 0:
		f.note(e.Line, "no dockstride rule for %s; skipped", e.ID)
	default:
		f.Entries = append(f.Entries, e)
	}
}

func (f *IgnoreFile) note(line int, format string, args ...any) {
	f.Notes = append(f.Notes, fmt.Sprintf("%s:%d: ", f.Path, line)+fmt.Sprintf(format, args...))
}

// LoadIgnoreFile reads a trivy ignore file from disk.
func LoadIgnoreFile(path string, now time.Time) (*IgnoreFile, error) {
	info, err := os.Stat(path)
	switch {
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", path, err)
	case !info.Mode().IsRegular():
		return nil, fmt.Errorf("%s: not a file", path)
	case info.Size() > MaxFileBytes:
		return nil, fmt.Errorf("%s: larger than 1 MiB", path)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseIgnoreFile(path, src, now)
}

// apply adds the file's entries to a configuration: entries without paths
// to Ignore, the others as overrides of the files they match, relative to
// dir (the working directory, as trivy reads them).
func (f *IgnoreFile) apply(c *Config, dir string) {
	var ids []string
	for _, e := range f.Entries {
		if len(e.Paths) == 0 {
			ids = append(ids, e.ID)
			continue
		}
		c.Overrides = append(slices.Clip(c.Overrides), PathOverride{Files: e.Paths, Ignore: []string{e.ID}, Dir: dir})
	}
	if len(ids) > 0 {
		c.Ignore = appendUnique(c.Ignore, ids...)
		origin := f.Path
		if prev, ok := c.Origin["ignore"]; ok {
			origin = prev + " + " + origin
		}
		c.Origin["ignore"] = origin
	}
	c.Notes = append(c.Notes, f.Notes...)
}
