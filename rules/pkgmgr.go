package rules

import (
	"path"
	"regexp"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// This file holds what the package-manager rules share: reading one
// invocation of a package manager out of a RUN (exec form, `sudo`, `python
// -m pip` included), ARG/ENV-aware package words, cache mounts and the
// multi-stage question "do this RUN's leftovers ship?".

// scriptOf returns the commands a RUN runs: its parsed shell script, or for
// the exec form (`RUN ["apt-get", "install", "x"]`) the argv as one command
// (a `["sh", "-c", "…"]` argv is parsed like any shell string).
func scriptOf(in dockerfile.Instruction) *dockerfile.Script {
	r, ok := in.(*dockerfile.Run)
	if !ok {
		return nil
	}
	if r.Script != nil || !r.ExecForm() {
		return r.Script
	}
	return r.ExecScript()
}

// pkgCall is one package-manager invocation with its arguments split the
// way the tool reads them.
type pkgCall struct {
	cmd *dockerfile.Command
	// tool is the manager's name: "apt-get", "pip", "npm", "go" …; `python
	// -m pip` and `pip3` are "pip", `sudo apt-get` is "apt-get".
	tool string
	// args are the words after the tool name.
	args []string
	// words are the positional arguments (sub-commands and operands), with
	// the values of value-taking flags left out.
	words []string
	// afterDashes are the words after a "--".
	afterDashes []string
}

// sub is the first positional argument ("install"), or "".
func (c *pkgCall) sub() string {
	if len(c.words) == 0 {
		return ""
	}
	return c.words[0]
}

// operands are the positional arguments after the sub-command.
func (c *pkgCall) operands() []string {
	if len(c.words) < 2 {
		return nil
	}
	return c.words[1:]
}

// hasFlag reports whether any of the flags is given (see Command.HasFlag).
func (c *pkgCall) hasFlag(flags ...string) bool {
	sub := &dockerfile.Command{Args: c.args}
	return sub.HasFlag(flags...)
}

// flagValue returns a flag's value (see Command.FlagValue).
func (c *pkgCall) flagValue(flags ...string) (string, bool) {
	sub := &dockerfile.Command{Args: c.args}
	return sub.FlagValue(flags...)
}

// toolNames maps command names to the tool they are.
var toolNames = map[string]string{
	"apt-get": "apt-get", "apt": "apt", "aptitude": "aptitude",
	"apk": "apk",
	"pip": "pip", "pip2": "pip", "pip3": "pip", "pipx": "pipx",
	"npm": "npm", "yarn": "yarn", "pnpm": "pnpm",
	"gem": "gem",
	"yum": "yum", "dnf": "dnf", "dnf5": "dnf", "microdnf": "microdnf", "tdnf": "dnf",
	"zypper": "zypper",
	"go":     "go",
	"rpm":    "rpm",
}

// valueFlags are each tool's options that take their value as the next
// word, so that word is not mistaken for a package.
var valueFlags = map[string][]string{
	"apt-get": {"-t", "--target-release", "--default-release", "-o", "--option", "-c", "--config-file"},
	"apk":     {"-X", "--repository", "-t", "--virtual", "-p", "--root", "--repositories-file", "--arch", "--cache-dir", "--keys-dir", "--cache-max-age", "--timeout"},
	"pip":     {"-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "--trusted-host", "-t", "--target", "--prefix", "--root", "-b", "--build", "-f", "--find-links", "--root-user-action", "--platform", "--python-version", "--implementation", "--abi", "--src", "--upgrade-strategy", "--progress-bar", "--log", "--cache-dir", "--proxy", "--retries", "--timeout", "--exists-action", "--cert", "--client-cert", "--global-option", "--install-option", "-C", "--config-settings", "--no-binary", "--only-binary", "--report", "--python"},
	"pipx":    {"--python", "--pip-args", "--suffix", "--index-url", "-i", "--preinstall"},
	"npm":     {"--registry", "--loglevel", "--prefix", "--cache", "--userconfig", "--tag", "-w", "--workspace", "--omit", "--include", "--install-strategy"},
	"yarn":    {"--registry", "--cache-folder", "--modules-folder", "--network-timeout", "--mutex", "--cwd"},
	"pnpm":    {"--registry", "--filter", "-C", "--dir", "--store-dir"},
	"gem":     {"-v", "--version", "-s", "--source", "-i", "--install-dir", "-n", "--bindir", "--platform", "-P", "--trust-policy", "-g", "--file", "--build-root", "--document"},
	"yum":     {"--enablerepo", "--disablerepo", "-c", "--config", "--installroot", "--releasever", "--repo", "--repoid", "-x", "--exclude", "--downloaddir", "--destdir", "--forcearch", "-d", "--debuglevel", "-e", "--errorlevel", "--setopt"},
	"zypper":  {"-t", "--type", "-r", "--repo", "--from", "-R", "--root", "--installroot", "-D", "--reposd-dir", "-C", "--cache-dir", "--raw-cache-dir", "--solv-cache-dir", "--pkg-cache-dir", "-c", "--config"},
	"go":      {"-o", "-p", "-ldflags", "-gcflags", "-asmflags", "-gccgoflags", "-tags", "-mod", "-modfile", "-pkgdir", "-buildmode", "-compiler", "-installsuffix", "-overlay", "-pgo", "-toolexec", "-exec", "-C", "-coverpkg", "-covermode"},
	"rpm":     {"--root", "--dbpath", "--define", "-D", "--excludepath", "--relocate", "--prefix"},
}

// flagsOf returns a tool's value-taking flags; dnf and microdnf read
// yum's options, apt and aptitude apt-get's.
func flagsOf(tool string) []string {
	switch tool {
	case "dnf", "microdnf":
		return valueFlags["yum"]
	case "apt", "aptitude":
		return valueFlags["apt-get"]
	}
	return valueFlags[tool]
}

// wrappers run the command in their arguments.
var wrappers = map[string]bool{"sudo": true, "doas": true, "env": true, "nice": true, "nohup": true, "stdbuf": true, "eatmydata": true}

// asPkgCall reads c as a package-manager invocation, or returns nil.
func asPkgCall(c *dockerfile.Command) *pkgCall {
	name, args := c.Base(), c.Args
	for i := 0; i < 3 && wrappers[name]; i++ {
		j := 0
		for j < len(args) && (strings.HasPrefix(args[j], "-") || strings.Contains(args[j], "=")) {
			if name == "sudo" && (args[j] == "-u" || args[j] == "-g") {
				j++
			}
			j++
		}
		if j >= len(args) {
			return nil
		}
		name, args = path.Base(args[j]), args[j+1:]
	}
	if strings.HasPrefix(name, "python") && len(args) >= 2 && args[0] == "-m" && (args[1] == "pip" || args[1] == "pip3") {
		name, args = "pip", args[2:]
	}
	tool, ok := toolNames[name]
	if !ok {
		// pip3.12, python3.12 -m pip handled above; versioned pip names:
		if strings.HasPrefix(name, "pip3.") || strings.HasPrefix(name, "pip2.") {
			tool = "pip"
		} else {
			return nil
		}
	}
	pc := &pkgCall{cmd: c, tool: tool, args: args}
	vf := flagsOf(tool)
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pc.afterDashes = args[i+1:]
			break
		}
		if strings.HasPrefix(a, "-") && len(a) > 1 {
			if !strings.Contains(a, "=") && contains(vf, a) {
				i++
			} else if strings.HasPrefix(a, "--") && !strings.Contains(a, "=") && i+1 < len(args) && isBoolWord(args[i+1]) {
				// `--use-system-libraries true`: the value of an option
				// we do not know, not a package named "true".
				i++
			}
			continue
		}
		pc.words = append(pc.words, a)
	}
	return pc
}

func isBoolWord(s string) bool {
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off":
		return true
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// pkgCalls returns the package-manager invocations of a RUN.
func pkgCalls(in dockerfile.Instruction) []*pkgCall {
	s := scriptOf(in)
	if s == nil {
		return nil
	}
	return readPkgCalls(s).list
}

// scriptPkgCalls are the package-manager calls of a script, in order and
// by command.
type scriptPkgCalls struct {
	list  []*pkgCall
	byCmd map[*dockerfile.Command]*pkgCall
}

// readPkgCalls reads a script's commands as package-manager calls once:
// six rules ask for every RUN, and the TLS and signature rules for every
// command. The calls are shared and must not be modified.
func readPkgCalls(s *dockerfile.Script) *scriptPkgCalls {
	type key struct{}
	return s.Memo(key{}, func() any {
		out := &scriptPkgCalls{}
		for _, c := range s.Commands {
			if pc := asPkgCall(c); pc != nil {
				out.list = append(out.list, pc)
				if out.byCmd == nil {
					out.byCmd = map[*dockerfile.Command]*pkgCall{}
				}
				out.byCmd[c] = pc
			}
		}
		return out
	}).(*scriptPkgCalls)
}

// pkgCallOf is asPkgCall(c) for a command of s, read once per script.
func pkgCallOf(s *dockerfile.Script, c *dockerfile.Command) *pkgCall {
	return readPkgCalls(s).byCmd[c]
}

// varRef matches one shell expansion inside a word: ${NAME…}, $NAME,
// $(…) or `…`.
var varRef = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\([^)]*\)|` + "`[^`]*`")

// versionPlaceholder stands in for a variable whose value is not known
// when it is part of a package word: `curl=${CURL_VERSION}` and `pkg-$VER`
// pin a version the build passes in, so they count as pinned.
const versionPlaceholder = "0"

// pkgWords expands the variables of package words with the ARG/ENV values
// in force. A word that is only a variable with no known value (`apt-get
// install $PKGS`) names unknown packages and is dropped; a known one is
// split into its words. The second result names variables used in a word
// that are not declared in this stage but are in another one, which
// BuildKit expands to nothing.
func pkgWords(p *Pass, in dockerfile.Instruction, words []string) (out []pkgWord, strayVars []string) {
	sc := in.Scope()
	for _, w := range words {
		if !strings.Contains(w, "$") && !strings.Contains(w, "`") {
			out = append(out, pkgWord{w, w})
			continue
		}
		whole := varRef.FindStringIndex(w)
		if whole != nil && whole[0] == 0 && whole[1] == len(w) {
			if v, ok := lookupKnown(sc, w); ok {
				for _, f := range strings.Fields(v) {
					out = append(out, pkgWord{f, f})
				}
			}
			continue
		}
		expanded := varRef.ReplaceAllStringFunc(w, func(ref string) string {
			if v, ok := lookupKnown(sc, ref); ok {
				return v
			}
			name := refName(ref)
			if name != "" && sc != nil {
				if _, declared := sc.Lookup(name); !declared && declaredInOtherStage(p.File, in.Stage(), name) {
					strayVars = append(strayVars, name)
					return ""
				}
			}
			return versionPlaceholder
		})
		out = append(out, pkgWord{w, expanded})
	}
	return out, strayVars
}

// pkgWord is a package argument as written and as judged.
type pkgWord struct {
	raw, value string
}

func refName(ref string) string {
	m := varRef.FindStringSubmatch(ref)
	if m == nil {
		return ""
	}
	if m[1] != "" {
		return m[1]
	}
	return m[2]
}

// lookupKnown returns the value of a ${VAR} / $VAR reference when the
// scope knows it.
func lookupKnown(sc *dockerfile.Scope, ref string) (string, bool) {
	if sc == nil || refName(ref) == "" {
		return "", false
	}
	exp := sc.Expand(ref)
	if !exp.Resolved {
		return "", false
	}
	return exp.Value, true
}

// declaredInOtherStage reports whether an ARG or ENV named name is declared
// in some stage other than s and the stages s builds on: a variable that
// does not cross a FROM.
func declaredInOtherStage(f *dockerfile.File, s *dockerfile.Stage, name string) bool {
	for _, st := range stageDeclarations(f)[name] {
		if !buildsOn(s, st) {
			return true
		}
	}
	for _, a := range f.MetaArgs {
		for _, kv := range a.Cmd.Args {
			if kv.Key == name {
				return true
			}
		}
	}
	return false
}

// stageDeclarations maps each ARG and ENV name to the stages whose own
// instructions declare it, computed once per file. (Looking the name up in
// every stage's scope, for every unknown variable, was quadratic in the
// number of stages.) A stage that only inherits an ENV is covered by the
// ancestor that declares it.
func stageDeclarations(f *dockerfile.File) map[string][]*dockerfile.Stage {
	type key struct{}
	return f.Memo(key{}, func() any {
		decl := map[string][]*dockerfile.Stage{}
		add := func(name string, st *dockerfile.Stage) {
			if l := decl[name]; len(l) == 0 || l[len(l)-1] != st {
				decl[name] = append(l, st)
			}
		}
		for _, st := range f.Stages {
			for _, in := range st.Instructions {
				switch x := in.(type) {
				case *dockerfile.Arg:
					for _, kv := range x.Cmd.Args {
						add(kv.Key, st)
					}
				case *dockerfile.Env:
					for _, kv := range x.Cmd.Env {
						add(kv.Key, st)
					}
				}
			}
		}
		return decl
	}).(map[string][]*dockerfile.Stage)
}

// buildsOn reports whether s is st or built FROM it, directly or not.
// A FROM names an earlier stage, so the walk stops below st's index.
func buildsOn(s, st *dockerfile.Stage) bool {
	for t := s; t != nil && t.Index >= st.Index; t = t.Parent {
		if t == st {
			return true
		}
	}
	return false
}

// cacheMounted reports whether a RUN mounts a BuildKit cache or tmpfs at
// dir or a directory above it, so nothing written there stays in the
// layer. Targets ending in one of homeSuffixes (/.cache/pip) match
// whatever the home directory is.
func cacheMounted(in dockerfile.Instruction, dirs []string, homeSuffixes ...string) bool {
	r, ok := in.(*dockerfile.Run)
	if !ok {
		return false
	}
	for _, m := range r.Mounts {
		if m.Type != instructions.MountTypeCache && m.Type != instructions.MountTypeTmpfs {
			continue
		}
		target := path.Clean(m.Target)
		for _, d := range dirs {
			if d == target || strings.HasPrefix(d, target+"/") {
				return true
			}
		}
		for _, suf := range homeSuffixes {
			if strings.HasSuffix(target, suf) || strings.HasSuffix(target+"/", suf+"/") {
				return true
			}
			// A mount of the whole ~/.cache covers ~/.cache/pip.
			if parent := path.Dir(suf); parent != "/" && strings.HasSuffix(target, parent) {
				return true
			}
		}
	}
	return false
}

// shipsLayers reports whether stage s's layers end up in the image that
// ships: s is the shipped stage or a stage it builds FROM. Files copied out
// of a builder with COPY --from carry none of its layers.
func shipsLayers(p *Pass, s *dockerfile.Stage) bool { return p.ShipsLayers(s) }

// leftoversShip reports whether what a RUN leaves behind matters: always
// for an ONBUILD trigger, which runs in whatever image builds on this one,
// otherwise when its stage's layers ship.
func leftoversShip(p *Pass, in dockerfile.Instruction) bool {
	return in.Parent() != nil || shipsLayers(p, in.Stage())
}

// removesPath reports whether c is an `rm` that empties one of dirs
// (`rm -rf /var/lib/apt/lists/*`) or removes a directory above it.
func removesPath(c *dockerfile.Command, dirs ...string) bool {
	if !c.Is("rm") {
		return false
	}
	for _, a := range c.Positionals() {
		a = strings.TrimRight(strings.TrimSuffix(a, "*"), "/")
		if strings.Count(a, "/") < 2 {
			continue // never credit `rm -rf /var` or a relative path
		}
		for _, d := range dirs {
			if a == d || strings.HasPrefix(d, a+"/") {
				return true
			}
		}
	}
	return false
}

// listWords renders up to four words for a message.
func listWords(ws []string) string {
	if len(ws) > 4 {
		return strings.Join(ws[:4], ", ") + ", …"
	}
	return strings.Join(ws, ", ")
}
