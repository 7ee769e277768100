package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Error is a bad configuration value: it names the file, the line and the
// key, so the user can go straight to it.
type Error struct {
	File string
	Line int
	Key  string
	Msg  string
}

func (e *Error) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Key == "" {
		return fmt.Sprintf("%s: %s", loc, e.Msg)
	}
	return fmt.Sprintf("%s: %s: %s", loc, e.Key, e.Msg)
}

// itemError is a decode error that knows a more precise line (a list item)
// or key (a nested key) than the key it is decoded under.
type itemError struct {
	line int
	key  string
	msg  string
}

func (e *itemError) Error() string { return e.msg }

func wrapItem(err error, line int, key string) error {
	var ie *itemError
	if errors.As(err, &ie) {
		if ie.key == "" {
			ie.key = key
		}
		return ie
	}
	return &itemError{line: line, key: key, msg: err.Error()}
}

// MaxFileBytes caps a configuration file; anything larger is not one.
const MaxFileBytes = 1 << 20

// File names searched for, in order of preference within a directory.
var (
	dockstrideNames = []string{".dockstride.yaml", ".dockstride.yml"}
	hadolintNames   = []string{".hadolint.yaml", ".hadolint.yml"}
)

// Load reads one configuration file. A file named .hadolint.yaml or
// .hadolint.yml is read in hadolint's vocabulary; anything else in
// dockstride's.
func Load(path string) (*Config, error) {
	src, err := readFile(path)
	if err != nil {
		return nil, err
	}
	if isHadolintName(path) {
		return parseHadolint(path, src)
	}
	return Parse(path, src)
}

// isHadolintName reports whether path is named as hadolint names its
// configuration: .hadolint.yaml or .hadolint.yml anywhere, hadolint.yaml
// or hadolint.yml (the global file under XDG_CONFIG_HOME), and
// config.yaml or config.yml in a .hadolint folder.
func isHadolintName(path string) bool {
	base := filepath.Base(path)
	switch {
	case slices.Contains(hadolintNames, base), base == "hadolint.yaml", base == "hadolint.yml":
		return true
	case base == "config.yaml", base == "config.yml":
		return filepath.Base(filepath.Dir(path)) == ".hadolint"
	}
	return false
}

// findGlobalHadolint finds the user's own hadolint configuration where
// hadolint looks after the working directory, in its order:
// $XDG_CONFIG_HOME/hadolint.{yaml,yml} (~/.config when XDG_CONFIG_HOME is
// unset or relative, as the XDG specification says), then
// ~/.hadolint/{hadolint,config}.{yaml,yml}, then ~/.hadolint.{yaml,yml}.
// "" when there is none. The environment is read through getenv so tests
// never see the developer's home.
func findGlobalHadolint(getenv func(string) string) string {
	home := getenv("HOME")
	xdg := getenv("XDG_CONFIG_HOME")
	if !filepath.IsAbs(xdg) {
		xdg = ""
		if home != "" {
			xdg = filepath.Join(home, ".config")
		}
	}
	var candidates []string
	if xdg != "" {
		candidates = append(candidates, filepath.Join(xdg, "hadolint.yaml"), filepath.Join(xdg, "hadolint.yml"))
	}
	if home != "" {
		dir := filepath.Join(home, ".hadolint")
		for _, n := range []string{"hadolint.yaml", "hadolint.yml", "config.yaml", "config.yml"} {
			candidates = append(candidates, filepath.Join(dir, n))
		}
		for _, n := range hadolintNames {
			candidates = append(candidates, filepath.Join(home, n))
		}
	}
	for _, p := range candidates {
		if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
			return p
		}
	}
	return ""
}

func readFile(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", path, err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("config %s: is a directory", path)
	}
	if info.Size() > MaxFileBytes {
		return nil, fmt.Errorf("config %s: larger than 1 MiB", path)
	}
	return os.ReadFile(path)
}

// Parse reads a .dockstride.yaml from memory; name is used in errors and
// its directory anchors relative globs.
func Parse(name string, src []byte) (*Config, error) {
	c := Default()
	c.File, c.Dialect, c.Dir = name, "dockstride", filepath.Dir(name)
	root, err := parseYAML(name, src)
	if err != nil || root == nil {
		if err == nil {
			c.Notes = append(c.Notes, fmt.Sprintf("%s is empty", name))
		}
		return c, err
	}
	if err := decodeMapping(c, name, root, ""); err != nil {
		return nil, err
	}
	if err := c.buildPolicy(); err != nil {
		return nil, &Error{File: name, Key: "secrets", Msg: err.Error()}
	}
	return c, nil
}

// parseYAML returns the document's top mapping, nil for an empty file.
func parseYAML(name string, src []byte) (*yaml.Node, error) {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if err.Error() == "EOF" {
			return nil, nil
		}
		return nil, &Error{File: name, Msg: strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return nil, &Error{File: name, Line: extra.Line, Msg: "holds more than one YAML document"}
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.Tag == "!!null" {
		return nil, nil
	}
	if root.Kind != yaml.MappingNode {
		return nil, &Error{File: name, Line: root.Line, Msg: "must be a mapping of keys to values"}
	}
	return root, nil
}

// decodeMapping walks a mapping against the keys table; prefix is the
// section ("image.") or "".
func decodeMapping(c *Config, file string, n *yaml.Node, prefix string) error {
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		name := prefix + k.Value
		if seen[name] {
			return &Error{File: file, Line: k.Line, Key: name, Msg: "set twice"}
		}
		seen[name] = true
		if v.Kind == yaml.AliasNode {
			v = v.Alias
		}
		if kd := lookupKey(name); kd != nil {
			if err := kd.decode(c, v); err != nil {
				line, key, msg := v.Line, name, err.Error()
				var ie *itemError
				if errors.As(err, &ie) {
					if ie.line > 0 {
						line = ie.line
					}
					if ie.key != "" {
						key = ie.key
					}
					msg = ie.msg
				}
				return &Error{File: file, Line: line, Key: key, Msg: msg}
			}
			c.Origin[name] = fmt.Sprintf("%s:%d", file, k.Line)
			continue
		}
		if isSection(name) {
			if v.Kind != yaml.MappingNode {
				return &Error{File: file, Line: v.Line, Key: name, Msg: "must be a mapping"}
			}
			if err := decodeMapping(c, file, v, name+"."); err != nil {
				return err
			}
			continue
		}
		return &Error{File: file, Line: k.Line, Key: name, Msg: "unknown key" + suggest(name)}
	}
	return nil
}

// suggest names the known key closest to a misspelt one.
func suggest(name string) string {
	best, bestD := "", 3
	for _, k := range keys {
		if d := distance(name, k.name); d < bestD {
			best, bestD = k.name, d
		}
	}
	if best == "" {
		return " (see `dockstride config init` for the keys)"
	}
	return fmt.Sprintf(" (did you mean %s?)", best)
}

// distance is the Levenshtein distance, for short key names.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Find looks for a configuration file in dir and its parents, up to the
// repository root (the first directory holding .git) or, outside a
// repository, the filesystem root. In each directory .dockstride.yaml wins
// over .dockstride.yml, .hadolint.yaml and .hadolint.yml; the nearest
// directory wins over farther ones. "" means none was found.
func Find(dir string) string {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		for _, names := range [][]string{dockstrideNames, hadolintNames} {
			for _, n := range names {
				p := filepath.Join(dir, n)
				if info, err := os.Stat(p); err == nil && info.Mode().IsRegular() {
					return p
				}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// relativeSlash is path relative to dir, slash-separated; path as given
// when it cannot be made relative.
func relativeSlash(dir, path string) string {
	if dir == "" {
		return filepath.ToSlash(path)
	}
	absDir, err1 := filepath.Abs(dir)
	abs, err2 := filepath.Abs(path)
	if err1 != nil || err2 != nil {
		return filepath.ToSlash(path)
	}
	rel, err := filepath.Rel(absDir, abs)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(rel)
}
