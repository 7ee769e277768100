// Fixes of compose files: byte edits at the places the YAML nodes were
// read from, so that comments, key order and layout survive.

package rules

import (
	"reflect"
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/fix"
	"go.yaml.in/yaml/v3"
)

// addServiceSetting is a fix that adds key, a list of items, at the end
// of service s's block mapping in the file that names the service. The
// end is found by indentation, then the edit is checked by reading both
// texts as YAML: the fixed one must be the original with that key added
// and nothing else changed (a multi-line scalar can hide where a mapping
// ends). It is not offered, and says why, when that does not hold or the
// service is not written as a block mapping: `web: {image: x}`, an empty
// service, a text the model did not read.
func addServiceSetting(p *ComposePass, s *compose.Service, title, key string, items ...string) *Fix {
	var src []byte
	if p.Source != nil {
		src = p.Source(s.Pos.File)
	}
	if src == nil || s.Pos.Line < 1 {
		return NoFixf("the file that names service %s was not read", s.Name)
	}
	text := string(src)
	starts := lineStarts(text)
	if s.Pos.Line > len(starts) {
		return NoFixf("service %s is not where the file was read", s.Name)
	}
	nameIndent := s.Pos.Col - 1
	indent, last := -1, 0
	for l := s.Pos.Line + 1; l <= len(starts); l++ {
		line := lineText(text, starts, l)
		body := strings.TrimLeft(line, " ")
		if strings.TrimSpace(body) == "" || strings.HasPrefix(body, "#") {
			continue
		}
		in := len(line) - len(body)
		if in <= nameIndent {
			break
		}
		if indent < 0 {
			indent = in
		}
		last = l
	}
	if indent < 0 || strings.Contains(lineText(text, starts, s.Pos.Line), "{") {
		return NoFixf("service %s is not written as a block mapping to add a key to", s.Name)
	}
	nl := "\n"
	if i := strings.IndexByte(text, '\n'); i > 0 && text[i-1] == '\r' {
		nl = "\r\n"
	}
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	b.WriteString(pad + key + ":" + nl)
	for _, it := range items {
		b.WriteString(pad + "  - " + it + nl)
	}
	end := len(text)
	if last < len(starts) {
		end = starts[last] // the start of the line after the service's last
	}
	e := fix.Edit{Start: end, End: end, New: b.String()}
	if end == len(text) && !strings.HasSuffix(text, "\n") {
		e.New = nl + strings.TrimSuffix(b.String(), nl)
	}
	fixed, err := fix.Apply(src, []fix.Edit{e})
	if err != nil || !addsOnly(src, fixed, s.Name, key, items) {
		return NoFixf("cannot tell where service %s ends in the text to add %s to it", s.Name, key)
	}
	return NewFix(title, e)
}

// addsOnly reports whether edited, read as YAML, is src with service's
// key set to items and nothing else changed.
func addsOnly(src, edited []byte, service, key string, items []string) bool {
	var before, after map[string]any
	if yaml.Unmarshal(src, &before) != nil || yaml.Unmarshal(edited, &after) != nil {
		return false
	}
	services, _ := before["services"].(map[string]any)
	svc, _ := services[service].(map[string]any)
	if svc == nil {
		return false
	}
	if _, ok := svc[key]; ok {
		return false
	}
	list := make([]any, len(items))
	for i, it := range items {
		list[i] = it
	}
	svc[key] = list
	return reflect.DeepEqual(before, after)
}

// lineStarts are the offsets where the lines of text start.
func lineStarts(text string) []int {
	starts := []int{0}
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' && i+1 < len(text) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineText is line l (1-based) of text, without its terminator.
func lineText(text string, starts []int, l int) string {
	end := len(text)
	if l < len(starts) {
		end = starts[l]
	}
	return strings.TrimRight(text[starts[l-1]:end], "\r\n")
}
