// Package daemon is dockstride's typed model of the Docker daemon's
// configuration file, daemon.json: the settings CIS Docker Benchmark
// section 2 judges, each with the line and column of its key, and every
// other top-level key kept as raw JSON with its place.
//
// The file is read as dockerd reads it (moby's daemon/config): a UTF-8
// byte order mark is dropped and UTF-16 with a mark is decoded, invalid
// UTF-8 is refused, an empty or blank file is an empty configuration, and
// the rest must be one strict JSON object: no comments, no trailing commas,
// nothing after the closing brace. A file that breaks those rules is one
// *Error with its line and column. A setting of the wrong JSON type
// (`"icc": "false"`), which dockerd also refuses, is a Warning and leaves
// that setting unset; a repeated key is a Warning and the last one wins,
// as in dockerd. Keys dockerd does not know are kept, not judged: their
// list changes with every release.
package daemon

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxFileBytes bounds the file Load reads; real ones are a few hundred
// bytes.
const MaxFileBytes = 1 << 20

// Pos is a place in the file: 1-based line and byte column.
type Pos struct {
	Line int
	Col  int
}

// Error is a problem at a place in daemon.json. Msg never quotes a value:
// it names the key, or at most the one character encoding/json stopped at.
type Error struct {
	File string
	Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Line, e.Col, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Bool is a boolean setting. Pos is its key's; Set is false when the file
// does not set it, sets it to null, or to a value of the wrong type.
type Bool struct {
	Pos   Pos
	Set   bool
	Value bool
}

// String is a string setting, or one item of a list.
type String struct {
	Pos   Pos
	Set   bool
	Value string
}

// Strings is a list of strings; each item has its own position.
type Strings struct {
	Pos   Pos
	Set   bool
	Items []String
}

// Entry is one top-level key as written.
type Entry struct {
	Name string
	Pos  Pos             // the key
	Raw  json.RawMessage // the value, exactly as written
}

// Config is a parsed daemon.json. The typed fields are the settings CIS
// Docker Benchmark section 2 (and the runtime checks that depend on the
// daemon) read; Keys holds every top-level key, these included.
type Config struct {
	File string

	ICC                  Bool    // "icc": inter-container communication on the default bridge
	UsernsRemap          String  // "userns-remap"
	LiveRestore          Bool    // "live-restore"
	UserlandProxy        Bool    // "userland-proxy"
	NoNewPrivileges      Bool    // "no-new-privileges"
	LogDriver            String  // "log-driver"
	LogLevel             String  // "log-level"
	InsecureRegistries   Strings // "insecure-registries"
	Hosts                Strings // "hosts": "unix:///var/run/docker.sock", "tcp://0.0.0.0:2376", …
	TLS                  Bool    // "tls"
	TLSVerify            Bool    // "tlsverify"
	TLSCACert            String  // "tlscacert"
	TLSCert              String  // "tlscert"
	TLSKey               String  // "tlskey"
	Experimental         Bool    // "experimental"
	Iptables             Bool    // "iptables"
	IP                   String  // "ip": the default address published ports bind to
	SeccompProfile       String  // "seccomp-profile"
	SelinuxEnabled       Bool    // "selinux-enabled"
	StorageDriver        String  // "storage-driver"
	AuthorizationPlugins Strings // "authorization-plugins"
	CgroupParent         String  // "cgroup-parent"
	DefaultUlimits       Entry   // "default-ulimits", raw: {"nofile": {"Name": …, "Hard": …, "Soft": …}}

	// Keys are every top-level key in file order; a repeated key appears
	// each time it is written.
	Keys []Entry
	// Warnings are what dockerd would refuse the file for that the model
	// tolerated: settings of the wrong type, repeated keys.
	Warnings []*Error
}

// Key returns the last entry written for name.
func (c *Config) Key(name string) (Entry, bool) {
	for i := len(c.Keys) - 1; i >= 0; i-- {
		if c.Keys[i].Name == name {
			return c.Keys[i], true
		}
	}
	return Entry{}, false
}

// Load reads and parses the file at path: a regular file of at most
// MaxFileBytes.
func Load(path string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + pathless(err)}
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		return nil, &Error{File: path, Msg: "cannot read: not a regular file"}
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
	if err != nil {
		return nil, &Error{File: path, Msg: "cannot read: " + pathless(err)}
	}
	if len(src) > MaxFileBytes {
		return nil, &Error{File: path, Msg: fmt.Sprintf("file is larger than %d bytes", MaxFileBytes)}
	}
	return Parse(path, src)
}

func pathless(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse parses daemon.json content; path names it in errors.
func Parse(path string, src []byte) (*Config, error) {
	text, err := decodeText(src)
	if err != nil {
		return nil, &Error{File: path, Pos: Pos{Line: 1, Col: 1}, Msg: err.Error()}
	}
	p := &parser{src: text, cfg: &Config{File: path}}
	if len(bytes.TrimSpace(text)) == 0 {
		return p.cfg, nil // dockerd starts with an empty file
	}
	if err := p.parse(); err != nil {
		return nil, err
	}
	p.fill()
	return p.cfg, nil
}

// decodeText turns the file into UTF-8 as dockerd does: a UTF-8 mark is
// dropped, UTF-16 with a mark is decoded, and anything else must be valid
// UTF-8.
func decodeText(src []byte) ([]byte, error) {
	var big bool
	switch {
	case bytes.HasPrefix(src, []byte{0xEF, 0xBB, 0xBF}):
		src = src[3:]
	case bytes.HasPrefix(src, []byte{0xFE, 0xFF}):
		big = true
		fallthrough
	case bytes.HasPrefix(src, []byte{0xFF, 0xFE}):
		body := src[2:]
		if len(body)%2 != 0 {
			return nil, errors.New("UTF-16 text with an odd number of bytes")
		}
		units := make([]uint16, len(body)/2)
		for i := range units {
			hi, lo := body[2*i], body[2*i+1]
			if !big {
				hi, lo = lo, hi
			}
			units[i] = uint16(hi)<<8 | uint16(lo)
		}
		return []byte(string(utf16.Decode(units))), nil
	}
	if !utf8.Valid(src) {
		return nil, errors.New("not valid UTF-8")
	}
	return src, nil
}

// parser reads the top-level object with encoding/json (dockerd's own
// decoder, so what it accepts is what dockerd accepts) and maps decoder
// offsets to lines.
type parser struct {
	src       []byte
	cfg       *Config
	valueAt   []int // offset of each of cfg.Keys' values
	lineStart []int
}

func (p *parser) pos(offset int) Pos {
	if p.lineStart == nil {
		p.lineStart = []int{0}
		for i, c := range p.src {
			if c == '\n' {
				p.lineStart = append(p.lineStart, i+1)
			}
		}
	}
	offset = min(max(offset, 0), len(p.src))
	line := sort.SearchInts(p.lineStart, offset+1) // lines starting at or before offset
	return Pos{Line: line, Col: offset - p.lineStart[line-1] + 1}
}

func (p *parser) fail(offset int, msg string) *Error {
	return &Error{File: p.cfg.File, Pos: p.pos(offset), Msg: msg}
}

// syntaxError words a decoder error at its offset. encoding/json's
// messages name one character at most, never a value.
func (p *parser) syntaxError(err error, at int) *Error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return p.fail(int(se.Offset), "not valid JSON: "+se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return p.fail(len(p.src), "not valid JSON: unexpected end of file")
	}
	return p.fail(at, "not valid JSON: "+err.Error())
}

// next skips the white space and separators (`,` `:`) encoding/json
// consumes before a token, returning the token's offset in b.
func next(b []byte, from int) int {
	for from < len(b) {
		switch b[from] {
		case ' ', '\t', '\r', '\n', ',', ':':
			from++
		default:
			return from
		}
	}
	return from
}

func (p *parser) parse() *Error {
	dec := json.NewDecoder(bytes.NewReader(p.src))
	tok, err := dec.Token()
	if err != nil {
		return p.syntaxError(err, 0)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return p.fail(next(p.src, 0), "the top level must be a JSON object")
	}
	for dec.More() {
		keyAt := next(p.src, int(dec.InputOffset()))
		tok, err := dec.Token()
		if err != nil {
			return p.syntaxError(err, keyAt)
		}
		name, _ := tok.(string)
		valueAt := next(p.src, int(dec.InputOffset()))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return p.syntaxError(err, valueAt)
		}
		p.cfg.Keys = append(p.cfg.Keys, Entry{Name: name, Pos: p.pos(keyAt), Raw: raw})
		p.valueAt = append(p.valueAt, valueAt)
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return p.syntaxError(err, int(dec.InputOffset()))
	}
	if rest := next(p.src, int(dec.InputOffset())); rest < len(p.src) {
		return p.fail(rest, "not valid JSON: text after the top-level object")
	}
	return nil
}

// fill reads the typed settings from the entries, the last of a repeated
// key winning.
func (p *parser) fill() {
	c := p.cfg
	seen := map[string]Pos{}
	for _, e := range c.Keys {
		if first, ok := seen[e.Name]; ok {
			c.Warnings = append(c.Warnings, &Error{File: c.File, Pos: e.Pos,
				Msg: fmt.Sprintf("%q repeats the key on line %d; dockerd uses the last", e.Name, first.Line)})
		} else {
			seen[e.Name] = e.Pos
		}
	}
	bools := map[string]*Bool{
		"icc": &c.ICC, "live-restore": &c.LiveRestore, "userland-proxy": &c.UserlandProxy,
		"no-new-privileges": &c.NoNewPrivileges, "tls": &c.TLS, "tlsverify": &c.TLSVerify,
		"experimental": &c.Experimental, "iptables": &c.Iptables, "selinux-enabled": &c.SelinuxEnabled,
	}
	strs := map[string]*String{
		"userns-remap": &c.UsernsRemap, "log-driver": &c.LogDriver, "log-level": &c.LogLevel,
		"tlscacert": &c.TLSCACert, "tlscert": &c.TLSCert, "tlskey": &c.TLSKey, "ip": &c.IP,
		"seccomp-profile": &c.SeccompProfile, "storage-driver": &c.StorageDriver, "cgroup-parent": &c.CgroupParent,
	}
	lists := map[string]*Strings{
		"insecure-registries": &c.InsecureRegistries, "hosts": &c.Hosts, "authorization-plugins": &c.AuthorizationPlugins,
	}
	for i, e := range c.Keys {
		switch {
		case bools[e.Name] != nil:
			b := Bool{Pos: e.Pos}
			if p.decode(e, &b.Value, "a boolean") {
				b.Set = true
			}
			*bools[e.Name] = b
		case strs[e.Name] != nil:
			s := String{Pos: e.Pos}
			if p.decode(e, &s.Value, "a string") {
				s.Set = true
			}
			*strs[e.Name] = s
		case lists[e.Name] != nil:
			*lists[e.Name] = p.list(e, p.valueAt[i])
		case e.Name == "default-ulimits":
			c.DefaultUlimits = e
		}
	}
}

// decode unmarshals e's value into v, or warns that it is not want. A
// null leaves the setting unset, as it does in dockerd.
func (p *parser) decode(e Entry, v any, want string) bool {
	if bytes.Equal(e.Raw, []byte("null")) {
		return false
	}
	if err := json.Unmarshal(e.Raw, v); err != nil {
		p.cfg.Warnings = append(p.cfg.Warnings, &Error{File: p.cfg.File, Pos: e.Pos, Msg: strconv.Quote(e.Name) + " must be " + want})
		return false
	}
	return true
}

// list reads a list of strings with each item's position; the value
// starts at offset at.
func (p *parser) list(e Entry, at int) Strings {
	out := Strings{Pos: e.Pos}
	var items []string
	if !p.decode(e, &items, "a list of strings") {
		return out
	}
	out.Set = true
	dec := json.NewDecoder(bytes.NewReader(e.Raw))
	if _, err := dec.Token(); err != nil { // [
		return out
	}
	for _, s := range items {
		itemAt := at + next(e.Raw, int(dec.InputOffset()))
		if dec.Decode(new(string)) != nil { // cannot fail: the list decoded
			break
		}
		out.Items = append(out.Items, String{Pos: p.pos(itemAt), Set: true, Value: s})
	}
	return out
}
