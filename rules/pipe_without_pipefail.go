package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PipeWithoutPipefail: a pipeline in RUN without pipefail.
var PipeWithoutPipefail = &Rule{
	ID:       "DKS3107",
	Name:     "pipe-without-pipefail",
	Title:    "RUN pipeline without pipefail",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL4006", "DS-0032"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPipeWithoutPipefail}},
	// Unsafe: every later RUN of the stage (and shell-form CMD) then runs
	// in bash or ash rather than /bin/sh, and fails where a pipe failed.
	Fix: UnsafeFix,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE754},
		Controls: []*t.Control{t.NIST53_SI7},
	},
	Doc: Doc{
		Vulnerability: "Pipeline without pipefail",
		Mitigation:    "Set SHELL with -o pipefail before piped RUNs.",

		Rationale: "A pipeline's status is its last command's, so in `curl -fsSL $URL | tar -xz` a failed " +
			"download still lets the build succeed, with a half-extracted or missing tree, and " +
			"`curl … | sh` runs whatever part of the script arrived. `set -o pipefail` (or a SHELL " +
			"with `-o pipefail`) makes any failing stage fail the RUN. bash, zsh, ksh and busybox ash " +
			"support it; plain `/bin/sh` may be dash, which does not, so it does not count. " +
			"Pipelines fed only by echo, printf, yes or true cannot fail upstream and are not " +
			"reported, nor those headed by a local query (`ls`, `cat`, `find`, `ldd`, `locale`, " +
			"`dpkg --print-architecture`, `dpkg -l`, `apt-mark showmanual`, `go env`, `diff`, `… --version`), whose failure " +
			"leaves no half-fetched tree, nor those ending in a command that fails on an empty or truncated " +
			"input (`sha256sum -c`, `apt-key add -`, `gpg --import`), nor a download only tested by grep " +
			"(`curl -s $URL | grep -q ok`, its output going nowhere): a failed download leaves grep nothing to match. " +
			"A grep whose output is kept (in `$(…)` or a file) is a filter and is reported.",
		Impact: "Build succeeds on a failed or truncated download",
		Fix:    "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or `/bin/ash` on Alpine) before the RUN, or start the RUN with `set -o pipefail &&`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n"),
		Good:   Dockerfiles("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n", "FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz\n"),
		Refs:   []string{hadolintDoc("DL4006")},
	},
}

func checkPipeWithoutPipefail(p *Pass, in dockerfile.Instruction) {
	if c := unguardedPipe(in); c != nil {
		p.WithFix(func() *Fix { return pipefailFix(p.File, in) }).Reportf(dockerfile.LineRange(c.Line, c.EndLine), "pipeline from %s without pipefail: a failure before the last command is ignored", c.Base())
	}
}

// unguardedPipe is the first command of a RUN that pipes into another
// where a failure would go unnoticed, with nothing turning pipefail on;
// nil when there is none.
func unguardedPipe(in dockerfile.Instruction) *dockerfile.Command {
	sc := runScript(in)
	if sc == nil || !sc.HasPipe || hasPipefail(shellAt(in)) {
		return nil
	}
	for _, c := range sc.Find("set") {
		if c.HasArg("pipefail") {
			return nil
		}
	}
	for _, c := range sc.Commands {
		if c.PipesTo != nil && !quietStage(c) && !(c.Is(textFilters...) && fedQuietly(c)) && !failsClosed(c, pipelineTail(c)) {
			return c
		}
	}
	return nil
}

// shellAt is the SHELL argv in force for an instruction: the last SHELL
// before it in its stage or in the stages it builds on.
func shellAt(in dockerfile.Instruction) []string {
	s := in.Stage()
	if s == nil {
		return nil
	}
	var chain []*dockerfile.Stage
	for c := s; c != nil; c = c.Parent {
		chain = append([]*dockerfile.Stage{c}, chain...)
	}
	var sh []string
	for _, c := range chain {
		for _, x := range c.Instructions {
			if x == in {
				return sh
			}
			if y, ok := x.(*dockerfile.Shell); ok {
				sh = y.Cmd.Shell
			}
		}
	}
	return sh
}

// pipefailShells are the shells whose `-o pipefail` works (busybox ash
// included); plain sh may be dash, which rejects it.
var pipefailShells = []string{"bash", "zsh", "ash", "ksh", "mksh"}

// hasPipefail reports whether a SHELL argv turns pipefail on.
func hasPipefail(argv []string) bool {
	if len(argv) == 0 || !slices.Contains(pipefailShells, path.Base(argv[0])) {
		return false
	}
	for i := 1; i+1 < len(argv); i++ {
		a := argv[i]
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.HasSuffix(a, "o") && argv[i+1] == "pipefail" {
			return true
		}
	}
	return slices.Contains(argv, "-opipefail")
}

// trivialProducers are commands that cannot meaningfully fail at the head
// of a pipeline (`echo "$SUM  file" | sha256sum -c`): pipefail would change
// nothing, so such pipelines are not reported (hadolint reports them).
// tee passes on what it is fed: in `echo x | tee a | tee b` nothing
// upstream fetches or builds anything.
var trivialProducers = []string{"echo", "printf", "yes", "true", "tee"}

// localQueries are commands that only read local state (files, the
// package database, the locale list): at the head of a pipeline their
// failure cannot leave a half-fetched or tampered tree, and in practice
// they do not fail (`dpkgArch="$(dpkg --print-architecture | awk …)"`,
// `find … -exec ldd … | xargs apt-mark manual`, `locale -a | grep`).
// diff and cmp exit 1 when the files differ, which is their answer, not
// a failure: pipefail would break `$(diff a b | awk …)`.
var localQueries = []string{"ls", "cat", "find", "scanelf", "ldd", "locale", "uname", "arch", "nproc", "id", "groups", "getent", "dpkg-query", "diff", "cmp"}

// localQuery reports whether c reads local state or prints version or
// environment information, so pipefail would change nothing a reviewer
// cares about.
func localQuery(c *dockerfile.Command) bool {
	if c.Is(localQueries...) || c.HasArg("--version") {
		return true
	}
	sub := c.Subcommand()
	switch {
	case c.Is("md5sum", "sha1sum", "sha256sum", "sha512sum"):
		return !c.HasFlag("-c", "--check")
	case c.Is("dpkg"):
		// dpkg's own queries of the package database (dpkg-query's).
		return c.HasFlag(dpkgQueries...)
	case c.Is("apt-mark"):
		return strings.HasPrefix(sub, "show")
	case c.Is("go"):
		return sub == "env" || sub == "version"
	case c.Is("gcloud"):
		return sub == "info"
	case c.Is("pip", "pip3"):
		return sub == "list" || sub == "freeze" || sub == "show"
	case c.Is("gpg"):
		return c.HasArg("--fingerprint") || c.HasArg("--list-keys")
	}
	return false
}

// dpkgQueries are the dpkg options that only read the package database
// (`dpkg --get-selections | grep libzmq3-dev`).
var dpkgQueries = []string{
	"--print-architecture", "--print-foreign-architectures", "--get-selections", "-l", "--list",
	"-s", "--status", "-L", "--listfiles", "-S", "--search", "-p", "--print-avail",
}

// quietStage reports whether a pipeline stage cannot meaningfully fail.
func quietStage(c *dockerfile.Command) bool {
	return c.Is(trivialProducers...) || localQuery(c)
}

// textFilters reshape the text they are fed; fed by quiet stages they do
// not fail in a way pipefail would catch (`find … | awk … | sort -u |
// xargs -r apt-mark manual`).
var textFilters = []string{"awk", "sed", "sort", "uniq", "cut", "tr", "tac", "head", "tail", "wc", "grep", "xargs"}

// fedQuietly reports whether every stage before c is quiet or a filter.
func fedQuietly(c *dockerfile.Command) bool {
	for x := c.PipedFrom; x != nil; x = x.PipedFrom {
		if !quietStage(x) && !x.Is(textFilters...) {
			return false
		}
	}
	return true
}

// pipelineTail is the last command of the pipeline c is in.
func pipelineTail(c *dockerfile.Command) *dockerfile.Command {
	for c.PipesTo != nil {
		c = c.PipesTo
	}
	return c
}

// failsClosed reports whether the pipeline from c fails anyway when c
// fails, so pipefail would change nothing: its last command fails on an
// empty or truncated input (a checksum check, `apt-key add -`, `gpg
// --import`), or c streams a download into a grep that only tests it
// (`curl -s URL | grep -q ok`): a failed download leaves grep nothing to
// match.
func failsClosed(c, tail *dockerfile.Command) bool {
	switch {
	case checksSums(tail):
		return true
	case tail.Is("apt-key") && tail.Subcommand() == "add":
		return true
	case tail.Is("gpg", "gpg2") && tail.HasFlag("--import") && !tail.HasFlag("--dearmor", "--enarmor"):
		return true
	}
	if !grepTests(tail) {
		return false
	}
	head := c
	for head.PipedFrom != nil {
		head = head.PipedFrom
	}
	if !streamsDownload(head) {
		return false
	}
	for x := head.PipesTo; x != tail; x = x.PipesTo {
		// Filters in between pass an empty stream on as empty (xargs
		// runs its command regardless).
		if !x.Is(textFilters...) || x.Is("xargs") {
			return false
		}
	}
	return true
}

// streamsDownload reports whether c is curl or wget writing a download to
// standard output.
func streamsDownload(c *dockerfile.Command) bool {
	return slices.ContainsFunc(downloadsOf(c), func(d download) bool { return d.out == "" })
}

// grepValued are grep's options that take a value.
var grepValued = []string{"-e", "-f", "-m", "-A", "-B", "-C", "-d", "-D", "--regexp", "--file", "--max-count", "--context"}

// grepTests reports whether c is a grep of its standard input whose output
// nobody reads (-q, the build log, /dev/null): only its status matters,
// and it fails when nothing matches. A grep inside $(…) or writing to a
// file is a filter: a truncated input gives a truncated result.
func grepTests(c *dockerfile.Command) bool {
	if !c.Is("grep", "egrep", "fgrep") || c.InSubst || c.HasFlag("-r", "-R", "--recursive", "--dereference-recursive") {
		return false
	}
	ops := c.Positionals(grepValued...)
	if !c.HasFlag("-e", "--regexp", "-f", "--file") && len(ops) > 0 {
		ops = ops[1:] // the pattern
	}
	if len(ops) > 0 && !slices.Equal(ops, []string{"-"}) {
		return false // reads files, not the pipe
	}
	if c.HasFlag("-q", "--quiet", "--silent") {
		return true
	}
	for _, r := range c.Redirects {
		if (r.Op == ">" || r.Op == ">>" || r.Op == ">|" || r.Op == "&>" || r.Op == "&>>") && r.Target != "/dev/null" {
			return false
		}
	}
	return true
}

// checksSums reports whether c verifies checksums read from its input
// (`grep … SHASUMS256.txt | sha256sum -c -`): on an empty or truncated
// input it fails, so the pipeline fails closed without pipefail.
func checksSums(c *dockerfile.Command) bool {
	return c.Is("md5sum", "sha1sum", "sha256sum", "sha512sum") && c.HasFlag("-c", "--check")
}

// pipefailFix sets a SHELL with pipefail before the stage's first RUN
// that needs it (since the last SHELL), so one SHELL serves every such
// RUN of the stage.
func pipefailFix(f *dockerfile.File, in dockerfile.Instruction) *Fix {
	s := in.Stage()
	if s == nil || in.Parent() != nil {
		return nil
	}
	argv := pipefailShell(stageOS(f, s))
	if argv == nil {
		return NoFixf("cannot tell whether the base image has bash or ash; add a SHELL with pipefail by hand")
	}
	first := in
	for _, x := range s.Instructions {
		if x == in {
			break
		}
		switch {
		case x.Kind() == dockerfile.KindShell:
			first = in
		case first == in && unguardedPipe(x) != nil:
			first = x
		}
	}
	kw := inCaseOf(first.Keyword(), "SHELL")
	e, ok := insertLines(f, first, s, kw+" "+jsonArgs(argv))
	if !ok {
		return nil
	}
	return NewFix("set a SHELL with pipefail", e)
}
