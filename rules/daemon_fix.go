// Fixes of daemon.json: set a top-level key, keeping the file's layout.

package rules

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"

	"github.com/dockstride/dockstride/internal/daemon"
	"github.com/dockstride/dockstride/internal/fix"
)

// daemonSettingFix is a fix that sets daemon.json's top-level key name to
// value (JSON text: `false`, `"default"`): it replaces the value the file
// writes, or adds the key after the last one, on a line of its own
// indented like it (or inline in a one-line object). The edit is checked
// by reading both texts: the fixed one must parse as dockerd reads it and
// be the original with that key set and nothing else changed.
//
// Every daemon.json fix is unsafe: the settings change how the daemon
// runs every container once it restarts (icc: false cuts links on the
// default bridge, userns-remap moves images and volumes' ownership,
// live-restore does not work with Swarm), which the host's operator must
// plan.
func daemonSettingFix(p *DaemonPass, name, value string) *Fix {
	text := p.Text
	if text == nil {
		return NoFixf("daemon.json is not UTF-8 text to edit")
	}
	title := "set \"" + name + "\": " + value
	member := jsonString(name) + ": " + value
	var e fix.Edit
	if entry, ok := p.Config.Key(name); ok {
		start, ok := daemonValueAt(text, entry)
		if !ok {
			return NoFixf("cannot tell where the value of %q is written", name)
		}
		e = Replace(start, start+len(entry.Raw), value)
	} else if ed, ok := daemonAddEdit(text, p.Config.Keys, member); ok {
		e = ed
	} else {
		return NoFixf("cannot tell where daemon.json's object ends to add %q", name)
	}
	edited, err := fix.Apply(text, []fix.Edit{e})
	if err != nil || !daemonSetsOnly(text, edited, name, value) {
		return NoFixf("cannot set %q in this daemon.json without changing more", name)
	}
	return NewFix(title, e)
}

// unsafeFix marks fx unsafe (Fix.Unsafe).
func unsafeFix(fx *Fix) *Fix {
	fx.Unsafe = true
	return fx
}

// jsonString is s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}

// offsetOf is the byte offset of a line and byte column in text.
func offsetOf(text []byte, pos daemon.Pos) int {
	off := 0
	for l := 1; l < pos.Line; l++ {
		i := bytes.IndexByte(text[off:], '\n')
		if i < 0 {
			return -1
		}
		off += i + 1
	}
	off += pos.Col - 1
	if off < 0 || off > len(text) {
		return -1
	}
	return off
}

// daemonValueAt is the offset of entry's value: past its key, the blanks
// and the colon.
func daemonValueAt(text []byte, entry daemon.Entry) (int, bool) {
	i := offsetOf(text, entry.Pos)
	if i < 0 || i >= len(text) || text[i] != '"' {
		return 0, false
	}
	for i++; i < len(text) && text[i] != '"'; i++ {
		if text[i] == '\\' {
			i++
		}
	}
	i++
	i = skipJSONSpace(text, i)
	if i >= len(text) || text[i] != ':' {
		return 0, false
	}
	i = skipJSONSpace(text, i+1)
	if !bytes.HasPrefix(text[i:], entry.Raw) {
		return 0, false
	}
	return i, true
}

func skipJSONSpace(text []byte, i int) int {
	for i < len(text) && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
		i++
	}
	return i
}

// daemonAddEdit is the edit adding member to the top-level object: after
// the last key's value, or inside an empty object, or as the whole of a
// blank file.
func daemonAddEdit(text []byte, keys []daemon.Entry, member string) (fix.Edit, bool) {
	nl := "\n"
	if bytes.Contains(text, []byte("\r\n")) {
		nl = "\r\n"
	}
	if len(bytes.TrimSpace(text)) == 0 {
		return Replace(0, len(text), "{"+nl+"  "+member+nl+"}"+nl), true
	}
	open := bytes.IndexByte(text, '{')
	if open < 0 {
		return fix.Edit{}, false
	}
	if len(keys) == 0 {
		end := skipJSONSpace(text, open+1)
		if end >= len(text) || text[end] != '}' {
			return fix.Edit{}, false
		}
		return Replace(open+1, end, nl+"  "+member+nl), true
	}
	last := keys[len(keys)-1]
	for _, k := range keys {
		if k.Pos.Line > last.Pos.Line || k.Pos.Line == last.Pos.Line && k.Pos.Col > last.Pos.Col {
			last = k
		}
	}
	start, ok := daemonValueAt(text, last)
	if !ok {
		return fix.Edit{}, false
	}
	end := start + len(last.Raw)
	lineStart := bytes.LastIndexByte(text[:offsetOf(text, last.Pos)], '\n') + 1
	if lineStart <= open {
		return Insert(end, ", "+member), true // a one-line object
	}
	line := string(text[lineStart:offsetOf(text, last.Pos)])
	indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
	return Insert(end, ","+nl+indent+member), true
}

// daemonSetsOnly reports whether edited parses as daemon.json and, read
// as JSON, is src with name set to value and nothing else changed.
func daemonSetsOnly(src, edited []byte, name, value string) bool {
	if _, err := daemon.Parse("daemon.json", edited); err != nil {
		return false
	}
	var before, after map[string]any
	if len(bytes.TrimSpace(src)) == 0 {
		before = map[string]any{}
	} else if json.Unmarshal(src, &before) != nil {
		return false
	}
	var v any
	if json.Unmarshal(edited, &after) != nil || json.Unmarshal([]byte(value), &v) != nil {
		return false
	}
	before[name] = v
	return reflect.DeepEqual(before, after)
}
