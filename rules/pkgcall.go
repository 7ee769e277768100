// Package-manager invocations (apt, apk, yum/dnf, zypper, pip, npm, gem,
// go…) in RUN scripts, split the way each tool reads its arguments.

package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// aptOption returns the value of an `-o NAME=value` option.
func aptOption(pc *pkgCall, name string) (string, bool) {
	for i, a := range pc.args {
		opt := ""
		switch {
		case (a == "-o" || a == "--option") && i+1 < len(pc.args):
			opt = pc.args[i+1]
		case strings.HasPrefix(a, "-o") && len(a) > 2:
			opt = strings.TrimPrefix(a[2:], "=")
		case strings.HasPrefix(a, "--option="):
			opt = strings.TrimPrefix(a, "--option=")
		}
		if k, v, ok := strings.Cut(opt, "="); ok && strings.EqualFold(k, name) {
			return v, true
		}
	}
	return "", false
}

// aptOptionFalse reports -o NAME=false (or 0, no, off).
func aptOptionFalse(pc *pkgCall, name string) bool {
	v, ok := aptOption(pc, name)
	return ok && !truthy(v)
}

func subIn(pc *pkgCall, subs ...string) bool { return slices.Contains(subs, pc.sub()) }

// rpmInstalls reports whether a yum/dnf/microdnf invocation downloads
// metadata or packages.
func rpmInstalls(pc *pkgCall) bool {
	switch pc.sub() {
	case "install", "in", "groupinstall", "localinstall", "reinstall", "rei", "update", "up", "upgrade",
		"upgrade-minimal", "up-min", "update-minimal", "downgrade", "distro-sync", "makecache", "swap":
		return true
	case "group", "groups", "module":
		ops := pc.operands()
		return len(ops) > 0 && slices.Contains([]string{"install", "update", "upgrade"}, ops[0])
	}
	return false
}

// truthy reads a boolean environment value the way pip does.
func truthy(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"' `)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
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
	// tonistiigi/xx's cross-compiling wrappers take the tool's arguments.
	"xx-apt-get": "apt-get", "xx-apt": "apt", "xx-apk": "apk",
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

// wrappers run the command in their arguments; xargs adds the words it
// reads (`xargs apt-get install < deps.txt`).
var wrappers = map[string]bool{"sudo": true, "doas": true, "env": true, "nice": true, "nohup": true, "stdbuf": true, "eatmydata": true, "xargs": true}

// wrapperValueFlags are the wrappers' options that take the next word.
var wrapperValueFlags = map[string][]string{
	"sudo":  {"-u", "-g", "-C", "-D", "-p", "-r", "-t", "-U"},
	"xargs": {"-I", "-n", "-L", "-P", "-d", "-a", "-E", "-s", "--arg-file", "--delimiter", "--max-args", "--max-procs", "--max-lines", "--max-chars"},
}

// asPkgCall reads c as a package-manager invocation, or returns nil.
func asPkgCall(c *dockerfile.Command) *pkgCall {
	name, args := c.Base(), c.Args
	for i := 0; i < 3 && wrappers[name]; i++ {
		j := 0
		for j < len(args) && (strings.HasPrefix(args[j], "-") || strings.Contains(args[j], "=")) {
			if slices.Contains(wrapperValueFlags[name], args[j]) {
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
			if !strings.Contains(a, "=") && slices.Contains(vf, a) {
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

// hasAptOption reports whether -o NAME=… is given at all.
func hasAptOption(pc *pkgCall, name string) bool {
	_, ok := aptOption(pc, name)
	return ok
}
