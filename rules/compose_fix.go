// Fixes of compose files: byte edits at the places the YAML nodes were
// read from, so that comments, key order and layout survive.

package rules

import (
	"maps"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/fix"
	"go.yaml.in/yaml/v3"
)

// composeText is one compose file's text with the YAML nodes of one of
// its services, for fixes that edit the service.
type composeText struct {
	*composeDoc
	// name and svc are the service's key and mapping in this file.
	name, svc *yaml.Node
}

// composeDoc is one compose file's text and its YAML nodes, read once per
// project (see ComposeTexts). Fixes only read the nodes.
type composeDoc struct {
	file   string
	text   string
	starts []int
	// root is the document's top-level mapping; nil when the text does not
	// read as one YAML document with a mapping at the top.
	root *yaml.Node
	// services indexes the services mapping by name (key and value nodes;
	// of a name written twice, the last, as mappingPair finds it), built
	// on first use: searching it once per finding made a file of a
	// thousand services quadratic.
	services map[string][2]*yaml.Node
	// mini is the small document changesOnly last read, of service
	// miniOf, and whole the whole text: each is decoded once for the fixes
	// that ask in a row rather than once per fix (see decodedText). One
	// service's is kept, not every service's: the checks go service by
	// service, and a thousand decoded services kept to the end of the
	// pass made the CLI, whose heap is capped near the input's size,
	// collect garbage more than the decoding saved.
	mini   *miniDoc
	miniOf *yaml.Node
	whole  *decodedText
}

// service is the key and value nodes of service name in the services
// mapping (nil when there is none).
func (d *composeDoc) service(name string) (k, v *yaml.Node) {
	if d.services == nil {
		d.services = map[string][2]*yaml.Node{}
		_, services := mappingPair(d.root, "services")
		if services != nil && services.Kind == yaml.MappingNode {
			for i := 0; i+1 < len(services.Content); i += 2 {
				if c := services.Content[i]; c.Kind == yaml.ScalarNode {
					d.services[c.Value] = [2]*yaml.Node{c, services.Content[i+1]}
				}
			}
		}
	}
	n := d.services[name]
	return n[0], n[1]
}

// composeDoc is file's text read as YAML, nil when the file was not read.
func (p *ComposePass) composeDoc(file string) *composeDoc {
	if p.Texts == nil {
		p.Texts = &ComposeTexts{}
	}
	if d, ok := p.Texts.docs[file]; ok {
		return d
	}
	var src []byte
	if p.Source != nil && file != "" {
		src = p.Source(file)
	}
	var d *composeDoc
	if src != nil {
		text := string(src)
		d = &composeDoc{file: file, text: text, starts: lineStarts(text)}
		var doc yaml.Node
		if yaml.Unmarshal(src, &doc) == nil && doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
			d.root = doc.Content[0]
		}
	}
	if p.Texts.docs == nil {
		p.Texts.docs = map[string]*composeDoc{}
	}
	p.Texts.docs[file] = d
	return d
}

// serviceText reads the file that holds pos and finds service s's mapping
// in it (services.<name>). why says what stopped it: the file was not
// read, or the service is not written there as a mapping of its own.
func serviceText(p *ComposePass, s *compose.Service, pos compose.Pos) (ct *composeText, why string) {
	d := p.composeDoc(pos.File)
	if d == nil {
		return nil, "the file that names service " + s.Name + " was not read"
	}
	if d.root == nil {
		return nil, "the file that names service " + s.Name + " does not read as one YAML document"
	}
	name, svc := d.service(s.Name)
	if svc == nil || svc.Kind != yaml.MappingNode {
		return nil, "service " + s.Name + " is not written as a mapping in " + pos.File
	}
	return &composeText{composeDoc: d, name: name, svc: svc}, ""
}

// mappingPair is the key and value nodes of key in mapping m (nil when m
// is not a mapping or has no such key of its own: one a merge key brings
// in is not where the file can be edited).
func mappingPair(m *yaml.Node, key string) (k, v *yaml.Node) {
	if m == nil || m.Kind != yaml.MappingNode {
		return nil, nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if c := m.Content[i]; c.Kind == yaml.ScalarNode && c.Value == key {
			k, v = c, m.Content[i+1]
		}
	}
	return k, v
}

// offset is the byte offset of a node's line and column (columns count
// characters, as yaml.v3 does); -1 when it is not in the text.
func (ct *composeText) offset(line, col int) int {
	if line < 1 || line > len(ct.starts) || col < 1 {
		return -1
	}
	off := ct.starts[line-1]
	for c := 1; c < col; c++ {
		if off >= len(ct.text) || ct.text[off] == '\n' {
			return -1
		}
		_, size := utf8.DecodeRuneInString(ct.text[off:])
		off += size
	}
	return off
}

// line is line l (1-based) without its terminator.
func (ct *composeText) line(l int) string { return lineText(ct.text, ct.starts, l) }

// newline is the file's line terminator.
func (ct *composeText) newline() string {
	if i := strings.IndexByte(ct.text, '\n'); i > 0 && ct.text[i-1] == '\r' {
		return "\r\n"
	}
	return "\n"
}

// insertAfterLine is an edit inserting whole lines (each ending with nl)
// after line l; at the end of a file with no final newline it starts with
// one instead.
func (ct *composeText) insertAfterLine(l int, lines string) fix.Edit {
	if l < len(ct.starts) {
		return Insert(ct.starts[l], lines)
	}
	if strings.HasSuffix(ct.text, "\n") {
		return Insert(len(ct.text), lines)
	}
	nl := ct.newline()
	return Insert(len(ct.text), nl+strings.TrimSuffix(lines, nl))
}

// serviceEnd is the last line of the service's block and the indentation
// of its keys; ok is false when the service is written in flow style
// (`web: {image: x}`) or is empty.
func (ct *composeText) serviceEnd() (last, indent int, ok bool) {
	if ct.svc.Style&yaml.FlowStyle != 0 || len(ct.svc.Content) == 0 {
		return 0, 0, false
	}
	nameIndent := ct.name.Column - 1
	indent = ct.svc.Content[0].Column - 1
	if indent <= nameIndent {
		return 0, 0, false
	}
	for l := ct.name.Line + 1; l <= len(ct.starts); l++ {
		line := ct.line(l)
		body := strings.TrimLeft(line, " ")
		if strings.TrimSpace(body) == "" || strings.HasPrefix(body, "#") {
			continue
		}
		if len(line)-len(body) <= nameIndent {
			break
		}
		last = l
	}
	return last, indent, last > 0
}

// addServiceLines is a fix that adds keys (lines written relative to the
// service's key indentation: "read_only: true", "tmpfs:", "  - /tmp") at
// the end of service s's block mapping, plus any other edits of the same
// file. The end is found by indentation, then the edit is checked by
// reading both texts as YAML: the fixed one must be the original changed
// as want changes the service's decoded mapping and in nothing else (a
// multi-line scalar can hide where a mapping ends). It is not offered,
// and says why, when that does not hold or the service is not written as
// a block mapping: `web: {image: x}`, an empty service, a text the model
// did not read.
func addServiceLines(p *ComposePass, s *compose.Service, title string, lines []string, want func(svc map[string]any) bool, more ...fix.Edit) *Fix {
	ct, why := serviceText(p, s, s.Pos)
	if ct == nil {
		return NoFixf("%s", why)
	}
	last, indent, ok := ct.serviceEnd()
	if !ok {
		return NoFixf("service %s is not written as a block mapping to add a key to", s.Name)
	}
	nl := ct.newline()
	pad := strings.Repeat(" ", indent)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(pad + l + nl)
	}
	add := ct.insertAfterLine(last, b.String())
	edits := []fix.Edit{}
	for _, e := range more {
		if e.Start == add.Start && e.End == e.Start {
			// An item appended to the service's last list goes where the
			// keys go: one insertion, the item first.
			add.New = e.New + add.New
			continue
		}
		edits = append(edits, e)
	}
	edits = append(edits, add)
	if !ct.changesOnly(edits, s.Name, want) {
		return NoFixf("cannot tell where service %s ends in the text to add %s to it", s.Name, keyOf(lines[0]))
	}
	return NewFix(title, edits...)
}

func keyOf(line string) string {
	k, _, _ := strings.Cut(line, ":")
	return k
}

// addServiceSetting is a fix that adds key, a list of items, at the end of
// service s (see addServiceLines).
func addServiceSetting(p *ComposePass, s *compose.Service, title, key string, items ...string) *Fix {
	lines := []string{key + ":"}
	for _, it := range items {
		lines = append(lines, "  - "+it)
	}
	return addServiceLines(p, s, title, lines, func(svc map[string]any) bool {
		if _, ok := svc[key]; ok {
			return false
		}
		svc[key] = stringList(items)
		return true
	})
}

func stringList(items []string) []any {
	list := make([]any, len(items))
	for i, it := range items {
		list[i] = it
	}
	return list
}

// appendToList is a fix that appends item to the list service s writes
// for key (where list says it is), block or flow style, in the list's
// own layout and quoting. It is not offered, and says why, when the list
// is not a list of the service's own in that file (a merge key's, an
// `extends` base's), or the edit would change more than that.
func appendToList(p *ComposePass, s *compose.Service, list compose.Key, title, key, item string) *Fix {
	ct, why := serviceText(p, s, list.Pos)
	if ct == nil {
		return NoFixf("%s", why)
	}
	e, ok := ct.appendEdit(key, item)
	if !ok {
		return NoFixf("%s of service %s is not a list written in the service to add %s to", key, s.Name, item)
	}
	want := func(svc map[string]any) bool {
		l, ok := svc[key].([]any)
		if !ok {
			return false
		}
		svc[key] = append(l, item)
		return true
	}
	if !ct.changesOnly([]fix.Edit{e}, s.Name, want) {
		return NoFixf("cannot tell where the %s list of service %s ends to add %s to it", key, s.Name, item)
	}
	return NewFix(title, e)
}

// appendEdit is the edit appending item to the service's list key.
func (ct *composeText) appendEdit(key, item string) (fix.Edit, bool) {
	k, v := mappingPair(ct.svc, key)
	if k == nil || v == nil || v.Kind != yaml.SequenceNode {
		return fix.Edit{}, false
	}
	if v.Style&yaml.FlowStyle != 0 {
		return ct.appendFlow(v, item)
	}
	if len(v.Content) == 0 {
		return fix.Edit{}, false
	}
	lastItem := v.Content[len(v.Content)-1]
	if lastItem.Kind != yaml.ScalarNode {
		return fix.Edit{}, false
	}
	// The item's line up to its scalar is its indentation and "- ".
	line := ct.line(lastItem.Line)
	at := ct.offset(lastItem.Line, lastItem.Column)
	if at < 0 {
		return fix.Edit{}, false
	}
	prefix := line[:at-ct.starts[lastItem.Line-1]]
	if t := strings.TrimLeft(prefix, " "); len(t) < 2 || t[0] != '-' || strings.TrimSpace(t[1:]) != "" {
		return fix.Edit{}, false
	}
	return ct.insertAfterLine(lastItem.Line, prefix+quoteLike(lastItem, item, false)+ct.newline()), true
}

// appendFlow appends item before the closing bracket of a flow sequence.
func (ct *composeText) appendFlow(v *yaml.Node, item string) (fix.Edit, bool) {
	open := ct.offset(v.Line, v.Column)
	if open < 0 || ct.text[open] != '[' {
		return fix.Edit{}, false
	}
	end := flowEnd(ct.text, open)
	if end < 0 {
		return fix.Edit{}, false
	}
	var like *yaml.Node
	if len(v.Content) > 0 {
		like = v.Content[len(v.Content)-1]
	}
	text := quoteLike(like, item, true)
	before := strings.TrimRight(ct.text[open+1:end], " \t\r\n")
	at := open + 1 + len(before)
	switch {
	case before == "":
	case strings.HasSuffix(before, ","):
		text = " " + text
	default:
		text = ", " + text
	}
	if strings.Contains(before, "#") {
		return fix.Edit{}, false // a comment could swallow the item
	}
	return Insert(at, text), true
}

// flowEnd is the offset of the bracket closing the flow collection that
// opens at open, skipping quoted scalars and nested collections; -1 when
// there is none.
func flowEnd(text string, open int) int {
	depth := 0
	for i := open; i < len(text); i++ {
		switch c := text[i]; c {
		case '[', '{':
			depth++
		case ']', '}':
			depth--
			if depth == 0 {
				return i
			}
		case '\'':
			for i++; i < len(text); i++ {
				if text[i] == '\'' {
					if i+1 < len(text) && text[i+1] == '\'' {
						i++
						continue
					}
					break
				}
			}
		case '"':
			for i++; i < len(text) && text[i] != '"'; i++ {
				if text[i] == '\\' {
					i++
				}
			}
		}
	}
	return -1
}

// quoteLike writes item quoted as like, the list's last item, is: in
// double or single quotes, or plain when it can be (in a flow sequence an
// item with a colon is quoted: `[a:b]` reads as a mapping in some
// parsers).
func quoteLike(like *yaml.Node, item string, flow bool) string {
	style := yaml.Style(0)
	if like != nil {
		style = like.Style
	}
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		return strconv.Quote(item)
	case style&yaml.SingleQuotedStyle != 0:
		return "'" + strings.ReplaceAll(item, "'", "''") + "'"
	case flow && strings.ContainsAny(item, ":,[]{}#"):
		return strconv.Quote(item)
	}
	return item
}

// changesOnly reports whether the text with edits made, read as YAML, is
// the text read as YAML with service's mapping changed by want and
// nothing else changed.
//
// Reading the whole file twice per fix made a file of a thousand services
// quadratic, so when the edits stay inside the service's block the check
// reads a small document instead: the file's other top-level keys that
// define anchors (which the service may merge or alias), the services key
// and this service's block alone. It falls back to the whole file when the service
// defines an anchor (an edit would also change the services that use it)
// or the small document does not read as YAML. The text before the edits
// is not read again for each fix: the small document's is decoded from
// the nodes the file was read into (the same keys and values its text
// reads as), the whole file's once per pass.
func (ct *composeText) changesOnly(edits []fix.Edit, service string, want func(svc map[string]any) bool) bool {
	if m := ct.small(); m != nil && m.holds(edits) {
		shifted := make([]fix.Edit, len(edits))
		for i, e := range edits {
			e.Start += m.offset
			e.End += m.offset
			shifted[i] = e
		}
		// An edited document that does not read (it aliases an anchor of
		// another service, which it leaves out) is judged whole.
		if same, read := m.doc.changesOnly(shifted, service, want); read {
			return same
		}
	}
	if ct.whole == nil {
		ct.whole = &decodedText{src: []byte(ct.text)}
	}
	same, _ := ct.whole.changesOnly(edits, service, want)
	return same
}

// changesOnly is composeText.changesOnly on src; read is false when src
// itself does not read as YAML.
func changesOnly(src []byte, edits []fix.Edit, service string, want func(svc map[string]any) bool) (same, read bool) {
	return (&decodedText{src: src}).changesOnly(edits, service, want)
}

// decodedText is a YAML text and, once a fix has asked, the text decoded:
// the fixes of one pass compare their edited texts with it.
type decodedText struct {
	src []byte
	// nodes, when set, decodes to what src reads as, without reading src.
	nodes   *yaml.Node
	decoded bool
	// before is src decoded; nil when it does not read as YAML. Fixes
	// never change it: want gets a copy of the service's part.
	before map[string]any
}

// changesOnly is composeText.changesOnly on d's text. With nodes set,
// read is also false when the edited text does not read as YAML.
func (d *decodedText) changesOnly(edits []fix.Edit, service string, want func(svc map[string]any) bool) (same, read bool) {
	if !d.decoded {
		d.decoded = true
		var before map[string]any
		var err error
		if d.nodes != nil {
			err = d.nodes.Decode(&before)
		} else {
			err = yaml.Unmarshal(d.src, &before)
		}
		if err == nil {
			d.before = before
		}
	}
	if d.before == nil {
		return false, false
	}
	var after map[string]any
	edited, err := fix.Apply(d.src, edits)
	if err != nil {
		return false, true
	}
	if yaml.Unmarshal(edited, &after) != nil {
		return false, d.nodes == nil
	}
	before, svc := withServiceCopy(d.before, service)
	if svc == nil || !want(svc) {
		return false, true
	}
	return reflect.DeepEqual(before, after), true
}

// withServiceCopy is doc with the mapping of service (returned too)
// copied all the way down, so that want can change it without changing
// doc; what else doc holds is shared. svc is nil when doc has no such
// service mapping.
func withServiceCopy(doc map[string]any, service string) (out, svc map[string]any) {
	services, _ := doc["services"].(map[string]any)
	orig, _ := services[service].(map[string]any)
	if orig == nil {
		return doc, nil
	}
	svc = copyYAML(orig).(map[string]any)
	services = maps.Clone(services)
	services[service] = svc
	out = maps.Clone(doc)
	out["services"] = services
	return out, svc
}

// copyYAML copies a value yaml.v3 decoded into any: its mappings and
// sequences are new, its scalars (strings, numbers, booleans, times:
// values, not references) are shared.
func copyYAML(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = copyYAML(x)
		}
		return out
	case map[any]any:
		out := make(map[any]any, len(v))
		for k, x := range v {
			out[k] = copyYAML(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = copyYAML(x)
		}
		return out
	}
	return v
}

// miniDoc is the small document changesOnly reads for one service (see
// there): doc, and where the service's block lies in the file (start,
// end) and how far it moved in doc (offset).
type miniDoc struct {
	doc                *decodedText
	offset, start, end int
}

// holds reports whether the edits stay inside the service's block.
func (m *miniDoc) holds(edits []fix.Edit) bool {
	for _, e := range edits {
		if e.Start < m.start || e.End > m.end {
			return false
		}
	}
	return true
}

// small is the small document of ct's service (see composeDoc.mini);
// nil when the whole file must be read instead.
func (ct *composeText) small() *miniDoc {
	if ct.miniOf == ct.svc {
		return ct.mini
	}
	var m *miniDoc
	if doc, nodes, offset, start, end, ok := ct.serviceDocument(); ok {
		m = &miniDoc{doc: &decodedText{src: doc, nodes: nodes}, offset: offset, start: start, end: end}
	}
	ct.mini, ct.miniOf = m, ct.svc
	return m
}

// serviceDocument is the small document changesOnly reads (see there),
// the nodes it reads as (a mapping of the file's nodes: the same keys in
// the same order), how far the service's block moved in it (added to an
// offset in the file it gives the offset in the document) and where the
// block lies in the file; ok is false when the whole file must be read
// instead.
func (ct *composeText) serviceDocument() (doc []byte, nodes *yaml.Node, offset, start, end int, ok bool) {
	root := ct.root
	if root.Kind != yaml.MappingNode || root.Style&yaml.FlowStyle != 0 || definesAnchor(ct.svc) {
		return nil, nil, 0, 0, 0, false
	}
	servicesKey, services := mappingPair(root, "services")
	// An anchor on the services mapping or the document would let another
	// key alias the service, which the small document leaves out.
	if services == nil || services.Kind != yaml.MappingNode || services.Style&yaml.FlowStyle != 0 ||
		services.Anchor != "" || root.Anchor != "" {
		return nil, nil, 0, 0, 0, false
	}
	last, _, ok := ct.serviceEnd()
	if !ok {
		return nil, nil, 0, 0, 0, false
	}
	start, end = ct.starts[ct.name.Line-1], len(ct.text)
	if last < len(ct.starts) {
		end = ct.starts[last]
	}
	// The lines before the first key (a %YAML directive, ---), then each
	// other top-level key that defines an anchor, with its lines up to the
	// next key.
	var b []byte
	nodes = &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	keys := root.Content
	if len(keys) == 0 || keys[0].Line < 1 || keys[0].Line > len(ct.starts) {
		return nil, nil, 0, 0, 0, false
	}
	b = append(b, ct.text[:ct.starts[keys[0].Line-1]]...)
	for i := 0; i+1 < len(keys); i += 2 {
		if keys[i] == servicesKey || !definesAnchor(keys[i+1]) {
			continue // nothing the service could merge or alias
		}
		from, to := ct.starts[keys[i].Line-1], len(ct.text)
		if i+2 < len(keys) {
			to = ct.starts[keys[i+2].Line-1]
		}
		if from > to || keys[i].Column != 1 {
			return nil, nil, 0, 0, 0, false
		}
		b = append(b, ct.text[from:to]...)
		nodes.Content = append(nodes.Content, keys[i], keys[i+1])
		if len(b) > 0 && b[len(b)-1] != '\n' {
			b = append(b, '\n')
		}
	}
	b = append(b, ct.line(servicesKey.Line)...)
	b = append(b, '\n')
	offset = len(b) - start
	b = append(b, ct.text[start:end]...)
	one := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Content: []*yaml.Node{ct.name, ct.svc}}
	nodes.Content = append(nodes.Content, servicesKey, one)
	return b, nodes, offset, start, end, true
}

// definesAnchor reports whether n or a node under it is anchored: other
// parts of the file may then merge or alias it.
func definesAnchor(n *yaml.Node) bool {
	if n.Anchor != "" {
		return true
	}
	for _, c := range n.Content {
		if definesAnchor(c) {
			return true
		}
	}
	return false
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

// envNameRE is a name compose interpolates as ${NAME}.
var envNameRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// dotEnvPlainRE is a value `.env` holds unquoted as written.
var dotEnvPlainRE = regexp.MustCompile(`^[A-Za-z0-9_./:@+,%=-]*$`)

// DotEnvLine is the line of `.env` that sets name to value so that
// compose-go's dotenv parser reads it back unchanged; ok is false when
// no line does (see dotEnvValue).
func DotEnvLine(name, value string) (string, bool) {
	v, ok := dotEnvValue(value)
	return name + "=" + v, ok
}

// dotEnvValue is value as a line of `.env` writes it for compose-go's
// dotenv parser to read it back unchanged: as is, or in single quotes
// (no escapes, no interpolation); ok is false when neither reads back.
func dotEnvValue(value string) (string, bool) {
	if dotEnvPlainRE.MatchString(value) {
		return value, true
	}
	if strings.ContainsAny(value, "'\n\r") {
		return "", false
	}
	return "'" + value + "'", true
}

// secretToDotEnvFix replaces a literal secret in a service's environment
// with ${NAME} and moves the value to the `.env` beside the compose file,
// which docker compose reads to interpolate it (the engine writes `.env`:
// see Fix.DotEnv). Unsafe: the service now needs that `.env` (or NAME in
// the environment) wherever it is deployed.
func secretToDotEnvFix(p *ComposePass, s *compose.Service, v compose.Var) *Fix {
	if !envNameRE.MatchString(v.Name) {
		return NoFixf("%s is not a name compose can interpolate as ${%s}", v.Name, v.Name)
	}
	if strings.Contains(v.Raw, "$") {
		return NoFixf("the value holds $, which compose and .env read differently; move it by hand")
	}
	if _, ok := dotEnvValue(v.Raw); !ok {
		return NoFixf("the value cannot be written to .env so that it reads back unchanged; move it by hand")
	}
	ct, why := serviceText(p, s, v.Pos)
	if ct == nil {
		return NoFixf("%s", why)
	}
	_, env := mappingPair(ct.svc, "environment")
	ref := "${" + v.Name + "}"
	var node *yaml.Node
	var text string
	var want func(svc map[string]any) bool
	switch {
	case env != nil && env.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(env.Content); i += 2 {
			if k := env.Content[i]; k.Value == v.Name && k.Line == v.Pos.Line {
				node = env.Content[i+1]
			}
		}
		text = ref
		want = func(svc map[string]any) bool {
			m, ok := svc["environment"].(map[string]any)
			if ok {
				m[v.Name] = ref
			}
			return ok
		}
	case env != nil && env.Kind == yaml.SequenceNode:
		index := -1
		for i, it := range env.Content {
			if it.Kind == yaml.ScalarNode && it.Line == v.Pos.Line {
				node, index = it, i
			}
		}
		text = v.Name + "=" + ref
		want = func(svc map[string]any) bool {
			l, ok := svc["environment"].([]any)
			if ok && index < len(l) {
				l[index] = text
			}
			return ok && index < len(l)
		}
	}
	if node == nil || node.Kind != yaml.ScalarNode {
		return NoFixf("the variable is not written in the environment of service %s in %s", s.Name, v.Pos.File)
	}
	start, end, ok := ct.scalarSpan(node)
	if !ok {
		return NoFixf("the value is not written on one line to replace")
	}
	if node.Style&yaml.DoubleQuotedStyle != 0 {
		text = `"` + text + `"`
	} else if node.Style&yaml.SingleQuotedStyle != 0 {
		text = "'" + text + "'"
	}
	e := Replace(start, end, text)
	if !ct.changesOnly([]fix.Edit{e}, s.Name, want) {
		return NoFixf("cannot tell where the value of %s is written to replace it", v.Name)
	}
	fx := NewFix("move the value of "+v.Name+" to .env and refer to ${"+v.Name+"}", e)
	fx.DotEnv = &DotEnv{Name: v.Name, Value: v.Raw}
	return fx
}

// scalarSpan is where a scalar written on one line lies: plain, or in
// double or single quotes (the quotes included).
func (ct *composeText) scalarSpan(n *yaml.Node) (start, end int, ok bool) {
	start = ct.offset(n.Line, n.Column)
	if start < 0 {
		return 0, 0, false
	}
	lineEnd := strings.IndexAny(ct.text[start:], "\r\n")
	if lineEnd < 0 {
		lineEnd = len(ct.text) - start
	}
	line := ct.text[start : start+lineEnd]
	switch {
	case n.Style == 0:
		if !strings.HasPrefix(line, n.Value) || n.Value == "" {
			return 0, 0, false
		}
		return start, start + len(n.Value), true
	case n.Style&yaml.DoubleQuotedStyle != 0:
		for i := 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '"':
				return start, start + i + 1, true
			}
		}
	case n.Style&yaml.SingleQuotedStyle != 0:
		for i := 1; i < len(line); i++ {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				return start, start + i + 1, true
			}
		}
	}
	return 0, 0, false
}
