package rules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// LabelMissing: a stage lacks a label the schema requires.
var LabelMissing = &Rule{
	ID:       "DKS1030",
	Name:     "label-missing",
	Title:    "Label required by the label schema is missing",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3049"},
	Threat:   provenance(),
	Doc: Doc{
		Vulnerability: "Required label missing",
		Mitigation:    "Add the label the schema requires.",

		Rationale: "When a team's label schema requires labels (owner, source, revision, licence), an image " +
			"without them cannot be traced to its source or owner by inventory and incident tooling. " +
			"A stage is judged when it can become an image: a stage another stage builds on or copies " +
			"from is fine as long as that stage carries the label. Silent until `label-schema` is " +
			"configured.",
		Impact:   "Image cannot be traced to its owner or source",
		Fix:      "Add the label: `LABEL org.opencontainers.image.source=https://…`.",
		Bad:      Dockerfiles("FROM alpine:3.20\nLABEL other=x\n"),
		Good:     Dockerfiles("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://example.com/app\n"),
		Refs:     []string{hadolintDoc("DL3049")},
		Settings: &Settings{LabelSchema: map[string]string{"org.opencontainers.image.source": "url"}},
	},
	Checks: []Check{FileCheck{Check: checkLabelMissingFile}},
}

func checkLabelMissingFile(p *Pass, f *dockerfile.File) {
	if p.Settings == nil {
		return
	}
	keys := make([]string, 0, len(p.Settings.LabelSchema))
	for k := range p.Settings.LabelSchema {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, key := range keys {
		memo := map[*dockerfile.Stage]bool{}
		var covered func(s *dockerfile.Stage) bool
		covered = func(s *dockerfile.Stage) bool {
			if v, ok := memo[s]; ok {
				return v
			}
			memo[s] = false // breaks cycles, which BuildKit refuses anyway
			v := labelsOf(s, key) || slices.ContainsFunc(dependents(f, s), covered)
			memo[s] = v
			return v
		}
		for _, s := range f.Stages {
			if !covered(s) {
				p.ReportLinef(s.Line(), "stage %s has no label %q, which the label schema requires", s.Ref(), key)
			}
		}
	}
}

// labelsOf reports whether stage s (or a stage it builds on) sets label key.
func labelsOf(s *dockerfile.Stage, key string) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if slices.ContainsFunc(labels(in), func(l label) bool { return l.key == key }) {
				return true
			}
		}
	}
	return false
}

// dependents returns the stages that build on s or copy from it.
func dependents(f *dockerfile.File, s *dockerfile.Stage) []*dockerfile.Stage {
	var out []*dockerfile.Stage
	real := 0
	index := -1
	for _, x := range f.Stages {
		if x == s {
			index = real
		}
		if !x.Implicit {
			real++
		}
	}
	for _, x := range f.Stages {
		if x == s {
			continue
		}
		if x.Parent == s {
			out = append(out, x)
			continue
		}
		for _, in := range x.Instructions {
			c, ok := in.(*dockerfile.Copy)
			if !ok || in.Parent() != nil {
				continue
			}
			from := strings.ToLower(copyFrom(c))
			if from != "" && ((s.Name != "" && from == s.Name) || (!s.Implicit && from == strconv.Itoa(index))) {
				out = append(out, x)
				break
			}
		}
	}
	return out
}
