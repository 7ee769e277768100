// Text an instruction writes into a configuration file: echo and printf
// redirected into it, tee, cat with a heredoc, sed -i's replacement and
// appended text, and COPY/ADD of a heredoc or of a build-context file.

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// fileWrite is text one command or COPY writes into a file.
type fileWrite struct {
	file string // the destination as written
	text string // what is written; for sed, the replacement and added text
	line int    // the Dockerfile line of the command or instruction
	how  string // "echo", "sed -i", "COPY"…
}

// fileWrites returns what in writes into files for which want is true.
// Only literal text is judged: a COPY whose source the build context does
// not hold (or that copies a directory) writes nothing known.
func fileWrites(p *Pass, in dockerfile.Instruction, want func(file string) bool) []fileWrite {
	var out []fileWrite
	switch x := in.(type) {
	case *dockerfile.Run:
		if s := scriptOf(in); s != nil {
			for _, c := range s.Commands {
				out = append(out, commandWrites(c, want)...)
			}
		}
	case *dockerfile.Copy:
		if x.Cmd.From == "" {
			out = append(out, copyWrites(p, in, "COPY", x.Cmd.SourcePaths, x.Cmd.SourceContents, x.Cmd.DestPath, want)...)
		}
	case *dockerfile.Add:
		out = append(out, copyWrites(p, in, "ADD", x.Cmd.SourcePaths, x.Cmd.SourceContents, x.Cmd.DestPath, want)...)
	}
	return out
}

// copyWrites: a heredoc's body, or the context file a source names, lands
// in dest (a directory when it ends in / or there are several sources).
func copyWrites(p *Pass, in dockerfile.Instruction, kw string, srcs []string, heredocs []instructions.SourceContent, dest string, want func(string) bool) []fileWrite {
	dir := strings.HasSuffix(dest, "/") || len(srcs)+len(heredocs) > 1
	target := func(src string) string {
		if dir {
			return path.Join(dest, path.Base(src))
		}
		return dest
	}
	var out []fileWrite
	line := in.Range().StartLine
	for _, h := range heredocs {
		if f := target(h.Path); want(f) {
			out = append(out, fileWrite{file: f, text: h.Data, line: line, how: kw + " <<" + h.Path})
		}
	}
	for _, src := range srcs {
		src = strings.Trim(src, `"'`)
		f := target(src)
		if IsRemoteSource(src) || !want(f) {
			continue
		}
		if b, ok := p.ContextFile(src); ok {
			out = append(out, fileWrite{file: f, text: string(b), line: line, how: kw + " " + src})
		}
	}
	return out
}

// commandWrites is what one shell command writes into wanted files.
func commandWrites(c *dockerfile.Command, want func(string) bool) []fileWrite {
	var out []fileWrite
	add := func(file, text, how string) {
		if want(file) {
			out = append(out, fileWrite{file: file, text: text, line: c.Line, how: how})
		}
	}
	piped := func() string {
		if c.Stdin != "" {
			return c.Stdin
		}
		if c.PipedFrom != nil && c.PipedFrom.Is("echo", "printf") {
			return echoText(c.PipedFrom)
		}
		return ""
	}
	redirected := func(text, how string) {
		for _, r := range c.Redirects {
			if r.Op == ">" || r.Op == ">>" || r.Op == ">|" {
				add(r.Target, text, how)
			}
		}
	}
	switch {
	case c.Is("echo", "printf"):
		redirected(echoText(c), c.Base())
	case c.Is("cat"):
		if c.Stdin != "" {
			redirected(c.Stdin, "cat")
		}
	case c.Is("tee"):
		if text := piped(); text != "" {
			for _, f := range c.Positionals() {
				add(f, text, "tee")
			}
		}
	case c.Is("sed"):
		if !sedInPlace(c) {
			break
		}
		scripts, files := sedArgs(c)
		var text []string
		for _, s := range scripts {
			text = append(text, sedAddedText(s)...)
		}
		for _, f := range files {
			add(f, strings.Join(text, "\n"), "sed -i")
		}
	}
	return out
}

// echoText is what echo or printf prints, escapes (\n, \t) expanded, the
// options left out. printf's arguments after a format of %s conversions
// are printed one to a line, as `printf '%s\n' a b` does.
func echoText(c *dockerfile.Command) string {
	args := c.Args
	for len(args) > 0 && c.Is("echo") && len(args[0]) > 1 && args[0][0] == '-' && strings.Trim(args[0][1:], "neE") == "" {
		args = args[1:]
	}
	sep := " "
	if c.Is("printf") && len(args) > 1 && strings.Contains(args[0], "%s") {
		args, sep = args[1:], "\n"
	}
	return echoEscapes.Replace(strings.Join(args, sep))
}

// echoEscapes and sedEscapes turn the escapes echo -e, printf and sed's
// a/i/c text expand into the characters they stand for. A Replacer is
// safe for concurrent use and builds its tables on first use; one made
// per call rebuilt them for every echo of every RUN.
var (
	echoEscapes = strings.NewReplacer(`\n`, "\n", `\t`, "\t")
	sedEscapes  = strings.NewReplacer(`\n`, "\n", `\t`, "\t", `\ `, " ")
)

// sedInPlace reports whether sed edits its files in place (-i, -i.bak,
// --in-place, -ri).
func sedInPlace(c *dockerfile.Command) bool {
	for _, a := range c.Args {
		if a == "--" {
			break
		}
		if strings.HasPrefix(a, "--in-place") || (len(a) > 1 && a[0] == '-' && a[1] != '-' && strings.ContainsRune(a, 'i') && !strings.HasPrefix(a, "-e")) {
			return true
		}
	}
	return false
}

// sedArgs splits sed's arguments into its scripts (-e S, --expression=S,
// or the first operand) and the files it edits.
func sedArgs(c *dockerfile.Command) (scripts, files []string) {
	explicit := false
	var operands []string
	for i := 0; i < len(c.Args); i++ {
		a := c.Args[i]
		switch {
		case (a == "-e" || a == "--expression") && i+1 < len(c.Args):
			scripts = append(scripts, c.Args[i+1])
			explicit = true
			i++
		case strings.HasPrefix(a, "--expression="):
			scripts = append(scripts, strings.TrimPrefix(a, "--expression="))
			explicit = true
		case a == "-f" || a == "--file":
			i++ // a script file: its text is not known
			explicit = true
		case strings.HasPrefix(a, "-") && len(a) > 1:
		default:
			operands = append(operands, a)
		}
	}
	if !explicit && len(operands) > 0 {
		scripts, operands = append(scripts, operands[0]), operands[1:]
	}
	return scripts, operands
}

// sedAddedText returns the text a sed script puts into the file: the
// replacement of each s command and the text of a, i and c commands.
// What s replaces is not written, so `s/PermitRootLogin yes/…no/` adds no
// "PermitRootLogin yes".
func sedAddedText(script string) []string {
	var out []string
	s := script
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t\n;")
		// Skip the address: line numbers, $, /regex/, and a range.
		for len(s) > 0 {
			switch {
			case s[0] >= '0' && s[0] <= '9' || s[0] == '$' || s[0] == ',' || s[0] == '!' || s[0] == ' ':
				s = s[1:]
				continue
			case s[0] == '/':
				end := sedDelimited(s[1:], '/')
				if end < 0 {
					return out
				}
				s = s[end+2:]
				continue
			}
			break
		}
		if s == "" {
			break
		}
		cmd := s[0]
		s = s[1:]
		switch cmd {
		case 's':
			if s == "" {
				return out
			}
			d := s[0]
			pat := sedDelimited(s[1:], d)
			if pat < 0 {
				return out
			}
			rest := s[1+pat+1:]
			repl := sedDelimited(rest, d)
			if repl < 0 {
				return out
			}
			out = append(out, strings.ReplaceAll(rest[:repl], `\`+string(d), string(d)))
			s = rest[repl+1:]
			if i := strings.IndexAny(s, ";\n"); i >= 0 {
				s = s[i:]
			} else {
				s = ""
			}
		case 'a', 'i', 'c':
			s = strings.TrimLeft(s, " \t")
			s = strings.TrimPrefix(s, "\\\n") // a\ with the text on the next line
			text, next, _ := strings.Cut(s, "\n")
			text = strings.TrimPrefix(strings.TrimLeft(text, " \t"), `\`)
			out = append(out, strings.TrimLeft(text, " \t"))
			s = next
		default:
			if i := strings.IndexAny(s, ";\n"); i >= 0 {
				s = s[i:]
			} else {
				s = ""
			}
		}
	}
	for i, t := range out {
		out[i] = sedEscapes.Replace(t)
	}
	return out
}

// sedDelimited returns the index in s of the first d not escaped by a
// backslash, or -1.
func sedDelimited(s string, d byte) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case d:
			return i
		}
	}
	return -1
}

// configLines returns the lines of text that are not blank or comments,
// trimmed.
func configLines(text string) []string {
	var out []string
	for l := range strings.SplitSeq(text, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}
