package config

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Show renders the effective configuration as YAML that could be saved as
// a .dockstride.yaml, each set key commented with where its value came
// from. Keys at their default are listed too, commented "default".
func (c *Config) Show() ([]byte, error) {
	root := &yaml.Node{Kind: yaml.MappingNode}
	sections := map[string]*yaml.Node{}
	section := func(name string) *yaml.Node {
		parent := root
		path := ""
		for _, part := range strings.Split(name, ".") {
			if path != "" {
				path += "."
			}
			path += part
			n, ok := sections[path]
			if !ok {
				n = &yaml.Node{Kind: yaml.MappingNode}
				parent.Content = append(parent.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: part}, n)
				sections[path] = n
			}
			parent = n
		}
		return parent
	}
	for _, k := range keys {
		parent, leaf := root, k.name
		if i := strings.LastIndex(k.name, "."); i >= 0 {
			parent, leaf = section(k.name[:i]), k.name[i+1:]
		}
		v := k.value(c)
		val := &yaml.Node{}
		if isEmpty(v) {
			val = emptyNode(v)
		} else if err := val.Encode(v); err != nil {
			return nil, fmt.Errorf("%s: %v", k.name, err)
		}
		origin := c.Origin[k.name]
		if origin == "" {
			origin = "default"
		}
		keyNode := &yaml.Node{Kind: yaml.ScalarNode, Value: leaf, LineComment: "# " + origin}
		if val.Kind != yaml.ScalarNode && val.Style != yaml.FlowStyle {
			// A comment after a block value would land on its last line.
			keyNode.LineComment = ""
			keyNode.HeadComment = origin
		}
		parent.Content = append(parent.Content, keyNode, val)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Effective dockstride configuration.\n")
	switch c.File {
	case "":
		fmt.Fprintf(&b, "# No configuration file: defaults, environment and flags only.\n")
	default:
		fmt.Fprintf(&b, "# File: %s (%s format)\n", c.File, c.Dialect)
	}
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return nil, err
	}
	return b.Bytes(), enc.Close()
}

func isEmpty(v any) bool {
	if v == nil {
		return true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Slice, reflect.Map:
		return rv.Len() == 0
	case reflect.String:
		return rv.Len() == 0
	}
	return false
}

// emptyNode renders an unset value as YAML's flow [] / {} / "" so the output
// still loads.
func emptyNode(v any) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: ""}
	switch reflect.ValueOf(v).Kind() {
	case reflect.Slice:
		n = &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	case reflect.Map:
		n = &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
	}
	return n
}

// Template is the commented starting configuration `dockstride config
// init` writes. It loads as it is (a test checks), and mentions every key.
const Template = `# dockstride configuration. dockstride reads the nearest .dockstride.yaml
# from the linted file's directory up to the repository root; flags beat
# DOCKSTRIDE_* environment variables, which beat this file.
# Rules are named by ID (DKS4001), name (runs-as-root) or a peer's ID
# (DL3002, JSONArgsRecommended, DS-0002): see "dockstride rules".

# Lowest severity that makes the exit code 1: error, warning, info, style
# or none.
fail-level: warning

# Default output format (--format).
format: text

# Rules to skip everywhere.
ignore: []
#  - DL3008                      # hadolint IDs work through aliases

# Optional rules to turn on.
enable: []

# When not empty, run only these rules.
only: []

# Severity changes per rule.
severity: {}
#  runs-as-root: error

# Changes for some files, globs relative to this file's directory.
# A glob without "/" matches a file name at any depth; ** spans directories.
overrides: []
#  - files: ["legacy/**", "*.dev.Dockerfile"]
#    ignore: [DKS6003]
#    severity: {DKS4001: info}

# No colour in the text format, even on a terminal (also NO_COLOR, --no-color).
no-color: false

# Ignore every "# dockstride ignore=" / "# hadolint ignore=" pragma (audits).
disable-inline-ignores: false

# The stage that ships (as docker build --target); default: the last stage.
target: ""

# Application code checked: shipped (the source files the Dockerfiles
# COPY into the image), all (every source file of the build context) or
# none.
code: shipped

# Registries base images may come from; empty means any.
trusted-registries: []
#  - docker.io
#  - "*.corp.example.com"

# Labels every image must carry, and their value type: text, url, spdx,
# hash, rfc3339, semver or email.
label-schema: {}
#  org.opencontainers.image.source: url
# Reject labels that are not in label-schema.
strict-labels: false

# Exposed ports the port rules accept.
allowed-ports: []

# Read base images' configs from their registries (cached under
# $XDG_CACHE_HOME/dockstride), so the rules know the user, shell, health
# check and platform a stage inherits; off: only well-known bases are known.
resolve-base: false

# The day base images' end of support is judged on: YYYY-MM-DD or today.
# Empty: the date dockstride's end-of-support table was checked, so findings
# do not change from one day to the next until dockstride is updated.
eol-date: ""

# What the unsafe compose fixes (lint --fix --unsafe-fixes) write for a
# service with no memory or PIDs limit.
fix:
  mem-limit: 512m   # above a typical web process's peak; a leak stops here
  pids-limit: 200   # room for thread pools (threads count); stops a fork bomb

secrets:
  allow:
    # Variable names that are not secrets (wildcards, case-insensitive).
    names: []
    # Values that are not secrets, e.g. documented example keys.
    values: []
    # Paths (in images, or COPY sources) that are not secrets; ** spans dirs.
    paths: []
  # Extra credential formats (RE2 regular expressions).
  patterns: []
  #  - name: Acme API token
  #    regex: 'acme_[0-9a-f]{32}'

# Options of "dockstride image".
image:
  platform: ""            # os/arch[/variant] of a multi-arch image
  insecure: false         # plain HTTP to registries not on loopback
  timeout: 5m             # time limit for one image
  max-file-bytes: 262144  # bytes read from each file in a layer
  # Findings of the history entries guessed to be the base image's (up to
  # the last CMD/ENTRYPOINT before the image's own steps): info lists them
  # at severity info, keep at the rule's, skip leaves them out.
  base-history: info
`

// WriteTemplate writes Template to path, refusing to replace an existing
// file unless force is set.
func WriteTemplate(path string, force bool) error {
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(path, flags, 0o644)
	if err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%s already exists; use --force to replace it", path)
		}
		return err
	}
	if _, err := f.WriteString(Template); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
