// Named build contexts: `docker buildx build --build-context NAME=VALUE`,
// bake's `contexts` and compose's `build.additional_contexts`. BuildKit resolves `COPY --from=NAME` and `FROM
// NAME` to such a context before it tries a stage or an image, so a name
// that is one is neither a typo nor an image pull.

package rules

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"go.yaml.in/yaml/v3"
)

// bakeFiles are the files `docker buildx bake` reads by default, in its
// order.
var bakeFiles = []string{
	"docker-bake.json", "docker-bake.hcl", "docker-bake.override.json", "docker-bake.override.hcl",
}

// composeFiles are the compose files `docker compose` reads by default;
// their services' `build.additional_contexts` are named contexts.
var composeFiles = []string{
	"compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml",
	"compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml",
}

// maxBakeBytes bounds how much of a bake or compose file is read.
const maxBakeBytes = 1 << 20

// maxBakeLevels is how far above a Dockerfile's directory bake files are
// looked for: a repository keeps its bake file at the root and its
// Dockerfiles in folders below.
const maxBakeLevels = 4

// bakeContextsKey is the File.Memo key of NamedContext's bake names.
type bakeContextsKey struct{ contextDir string }

// NamedContext reports whether name is a named build context of the
// build: given in the settings (--build-context), or listed under
// `contexts` in a bake file (docker-bake.hcl, docker-bake.json) or under a
// service's `build.additional_contexts` in a compose file, in the
// Dockerfile's directory, its build context, or a directory above the
// Dockerfile up to the repository's root.
func (p *Pass) NamedContext(name string) bool {
	if name == "" {
		return false
	}
	if p.Settings != nil {
		for k := range p.Settings.BuildContexts {
			if strings.EqualFold(k, name) {
				return true
			}
		}
	}
	names := p.File.Memo(bakeContextsKey{p.ContextDir}, func() any {
		return bakeContextNames(p.File.Path, p.ContextDir)
	}).(map[string]bool)
	return names[strings.ToLower(name)]
}

// fromNamedContext reports whether a FROM names a named build context
// (`FROM baseapp` with bake's `baseapp = "target:base"`): BuildKit builds
// on that context, and no image of that name is pulled.
func (p *Pass) fromNamedContext(f *dockerfile.From) bool {
	return p.NamedContext(strings.Trim(f.Image, `"'`))
}

// bakeContextNames reads the bake files near a Dockerfile and returns the
// context names they define, lowercased.
func bakeContextNames(dockerfile, contextDir string) map[string]bool {
	names := map[string]bool{}
	if dockerfile == "" || dockerfile == "-" {
		return names
	}
	var dirs []string
	dir, err := filepath.Abs(filepath.Dir(dockerfile))
	if err != nil {
		return names
	}
	// The folders above the Dockerfile's count only up to the
	// repository's root (a folder with .git): outside a repository, or
	// deeper than maxBakeLevels in one, only the Dockerfile's own.
	dirs = append(dirs, dir)
	for up, i := dir, 0; i <= maxBakeLevels; i++ {
		if _, err := os.Stat(filepath.Join(up, ".git")); err == nil {
			for d := dir; d != up; {
				d = filepath.Dir(d)
				dirs = append(dirs, d)
			}
			break
		}
		next := filepath.Dir(up)
		if next == up {
			break
		}
		up = next
	}
	if contextDir != "" {
		if abs, err := filepath.Abs(contextDir); err == nil {
			dirs = append(dirs, abs)
		}
	}
	for _, d := range dirs {
		for _, f := range composeFiles {
			if b, ok := readSmallFile(filepath.Join(d, f), maxBakeBytes); ok {
				for _, n := range composeContexts(b) {
					names[strings.ToLower(n)] = true
				}
			}
		}
		for _, f := range bakeFiles {
			b, ok := readSmallFile(filepath.Join(d, f), maxBakeBytes)
			if !ok {
				continue
			}
			var found []string
			if strings.HasSuffix(f, ".json") {
				found = jsonBakeContexts(b)
			} else {
				found = hclBakeContexts(b)
			}
			for _, n := range found {
				names[strings.ToLower(n)] = true
			}
		}
	}
	return names
}

// jsonBakeContexts returns the context names of a docker-bake.json:
// {"target": {"app": {"contexts": {"src": "../src"}}}}.
func jsonBakeContexts(b []byte) []string {
	var doc struct {
		Target map[string]struct {
			Contexts map[string]json.RawMessage `json:"contexts"`
		} `json:"target"`
	}
	if json.Unmarshal(b, &doc) != nil {
		return nil
	}
	var out []string
	for _, t := range doc.Target {
		for k := range t.Contexts {
			out = append(out, k)
		}
	}
	return out
}

// composeContexts returns the names of a compose file's services'
// `build.additional_contexts`, given as a mapping (`src: ../src`) or a
// list (`- src=../src`).
func composeContexts(b []byte) []string {
	var doc struct {
		Services map[string]struct {
			Build yaml.Node `yaml:"build"`
		} `yaml:"services"`
	}
	if yaml.Unmarshal(b, &doc) != nil {
		return nil
	}
	var out []string
	for _, svc := range doc.Services {
		var build struct {
			AdditionalContexts yaml.Node `yaml:"additional_contexts"`
		}
		if svc.Build.Kind != yaml.MappingNode || svc.Build.Decode(&build) != nil {
			continue
		}
		ac := build.AdditionalContexts
		switch ac.Kind {
		case yaml.MappingNode:
			for i := 0; i+1 < len(ac.Content); i += 2 {
				out = append(out, ac.Content[i].Value)
			}
		case yaml.SequenceNode:
			for _, item := range ac.Content {
				if k, _, ok := strings.Cut(item.Value, "="); ok && k != "" {
					out = append(out, k)
				}
			}
		}
	}
	return out
}

// hclBakeContexts returns the keys of every `contexts = { … }` object of a
// docker-bake.hcl. HCL is scanned, not evaluated: comments and strings are
// skipped, and a key is a bare or quoted word before `=` or `:` at the
// object's top level.
func hclBakeContexts(b []byte) []string {
	s := hclScanner{src: string(b)}
	var out []string
	for {
		tok := s.next()
		if tok == "" {
			return out
		}
		if tok != "contexts" {
			continue
		}
		if s.next() != "=" || s.next() != "{" {
			continue
		}
		out = append(out, s.objectKeys()...)
	}
}

// hclScanner splits HCL into words, quoted strings and punctuation.
type hclScanner struct {
	src string
	pos int
}

// next returns the next token: a word, a string with its quotes, a
// punctuation character, "\n" for a line end, or "" at the end.
func (s *hclScanner) next() string {
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == ' ' || c == '\t' || c == '\r':
			s.pos++
		case c == '\n':
			s.pos++
			return "\n"
		case c == '#' || strings.HasPrefix(s.src[s.pos:], "//"):
			if i := strings.IndexByte(s.src[s.pos:], '\n'); i >= 0 {
				s.pos += i
			} else {
				s.pos = len(s.src)
			}
		case strings.HasPrefix(s.src[s.pos:], "/*"):
			if i := strings.Index(s.src[s.pos+2:], "*/"); i >= 0 {
				s.pos += i + 4
			} else {
				s.pos = len(s.src)
			}
		case c == '"':
			start := s.pos
			s.pos++
			for s.pos < len(s.src) && s.src[s.pos] != '"' && s.src[s.pos] != '\n' {
				if s.src[s.pos] == '\\' {
					s.pos++
				}
				s.pos++
			}
			s.pos = min(s.pos+1, len(s.src))
			return s.src[start:s.pos]
		case isHCLWordByte(c):
			start := s.pos
			for s.pos < len(s.src) && isHCLWordByte(s.src[s.pos]) {
				s.pos++
			}
			return s.src[start:s.pos]
		default:
			s.pos++
			return string(c)
		}
	}
	return ""
}

func isHCLWordByte(c byte) bool {
	return c == '_' || c == '-' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// objectKeys reads an object's body after its `{` up to the matching `}`
// and returns its top-level keys.
func (s *hclScanner) objectKeys() []string {
	var keys []string
	depth := 0
	atKey := true // at the start of an element
	prev := ""
	for {
		tok := s.next()
		switch tok {
		case "":
			return keys
		case "{", "[", "(":
			depth++
		case "}", "]", ")":
			if depth == 0 {
				return keys
			}
			depth--
		case "\n", ",":
			if depth == 0 {
				atKey = true
				prev = ""
				continue
			}
		case "=", ":":
			if depth == 0 && atKey && prev != "" {
				keys = append(keys, strings.Trim(prev, `"`))
				atKey = false
			}
		}
		if atKey && tok != "\n" {
			prev = tok
		}
	}
}
