package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PackageVersionUnpinned: a package manager installs whatever version its
// index offers that day. One concept across managers; hadolint splits it
// into one rule per manager, and each finding carries that manager's ID.
var PackageVersionUnpinned = &Rule{
	ID:                "DKS3003",
	Name:              "package-version-unpinned",
	Title:             "Package installed without a pinned version",
	Severity:          Warning,
	Since:             "0.1.0",
	Aliases:           []string{"DL3008", "DL3013", "DL3016", "DL3018", "DL3028", "DL3033", "DL3037", "DL3041", "DL3062"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE1357, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_CM2, t.NIST53_SR3},
	},
	Doc: Doc{
		Vulnerability: "Unpinned package versions",
		Mitigation:    "Pin package versions; let a bot update them.",

		Rationale: "Without a version, `apt-get install curl`, `pip install requests`, `npm install -g x`, " +
			"`go install mod@latest` and the like take whatever the index serves at build time. Two builds of " +
			"the same Dockerfile then ship different code, a malicious or broken release published upstream " +
			"flows straight into the image, and nobody can say which version a running image holds.\n\n" +
			"A version passed in through ARG or ENV (`curl=${CURL_VERSION}`, `pkg-$VER`) counts as pinned, and " +
			"packages named only by a variable with no known value (`apt-get install $PKGS`) are not judged. " +
			"Requirement, constraint and lock files, local paths and archives are pinned by what they contain.",
		Impact: "Unreviewed upstream releases built into the image",
		Fix: "Pin each package the way its manager spells it: `apt-get install curl=7.88.1-10+deb12u8`, " +
			"`apk add curl=8.9.1-r0`, `pip install requests==2.32.3` (or `-r requirements.txt` with hashes), " +
			"`npm install -g express@4.19.2`, `gem install rails:7.1.3`, `yum install httpd-2.4.62`, " +
			"`zypper install curl=8.6.0`, `go install golang.org/x/tools/gopls@v0.16.1`. Let a bot such as " +
			"Renovate bump the pins.",
		SeverityNote: "hadolint's DL3008, DL3018, DL3033, DL3037 and DL3041 (OS packages) are warnings; a distribution's " +
			"repository carries only the release's current patch level, so pinning an OS package is hygiene and " +
			"those findings are info. A language index (pip, npm, gem, go) serves any release ever published, " +
			"including a malicious one pushed today: those stay warnings, except that upgrading pip's own toolchain " +
			"(`pip install --upgrade pip setuptools wheel`, nothing else) is hygiene, info: the application's " +
			"dependencies are what a pin protects. `go install mod@latest` is among the warnings: " +
			"Go's checksum database makes each version's content fixed once published, so what it guards against " +
			"is a changed release, not a new one, and @latest takes the newest release on the day of the build, " +
			"as an unpinned `pip install` does; it stays a warning like pip, npm and gem rather than info.",
		Bad: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n",
			"FROM python:3.12-slim\nRUN pip install --no-cache-dir requests\n",
			"FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@latest\n",
		),
		Good: Dockerfiles(
			"FROM debian:12\nARG CURL_VERSION=7.88.1-10+deb12u8\nRUN apt-get update && apt-get install -y --no-install-recommends curl=${CURL_VERSION} && rm -rf /var/lib/apt/lists/*\n",
			"FROM python:3.12-slim\nRUN pip install --no-cache-dir -r requirements.txt requests==2.32.3\n",
			"FROM golang:1.23\nRUN go install golang.org/x/tools/gopls@v0.16.1\n",
			"FROM debian:12\nARG PKGS\nRUN apt-get install -y --no-install-recommends $PKGS\n",
		),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageVersionUnpinned, History: true}},
}

func checkPackageVersionUnpinned(p *Pass, in dockerfile.Instruction) {
	for _, pc := range pkgCalls(in) {
		j := pinJudgeOf(pc)
		if j == nil {
			continue
		}
		words, stray := pkgWords(p, in, j.pkgs)
		var loose []string
		for _, w := range words {
			if !j.pinned(w.value) {
				loose = append(loose, w.raw)
			}
		}
		if len(loose) == 0 {
			continue
		}
		sev := Warning
		if j.os || j.tooling != nil && !slices.ContainsFunc(loose, func(w string) bool { return !j.tooling(w) }) {
			sev = Info
		}
		if len(stray) > 0 {
			p.ReportAtf(sev, dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), j.peers,
				"%s %s without a pinned version: %s; %s is declared in another stage and is empty here (ARG and ENV do not cross FROM): declare it in this stage",
				pc.tool, j.verb, listWords(loose), stray[0])
			continue
		}
		p.ReportAtf(sev, dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), j.peers,
			"%s %s without a pinned version: %s; pin it, e.g. %s", pc.tool, j.verb, listWords(loose), j.fix(loose[0]))
	}
}

// pinJudge says which words of one invocation are packages and when a
// package counts as pinned.
type pinJudge struct {
	verb   string   // "install", "add", "module install"
	pkgs   []string // the package words as written
	peers  []string // the peer rule IDs
	pinned func(string) bool
	fix    func(string) string
	// os marks an operating-system package manager: its repositories
	// carry only the release's current patch level, so pinning is
	// hygiene (info), while a language index serves any release ever
	// published (warning).
	os bool
	// tooling, when set, says whether a package is the manager's own
	// toolchain (pip, setuptools, wheel): upgrading it is hygiene (info)
	// when nothing else is unpinned, since the application's dependencies
	// are what a pin protects.
	tooling func(string) bool
}

// pipToolchain are the packages that build and install Python packages.
var pipToolchain = map[string]bool{"pip": true, "setuptools": true, "wheel": true}

// pipTooling reports whether a pip requirement names pip's own toolchain
// (`pip install --upgrade pip setuptools wheel`).
func pipTooling(w string) bool {
	w = strings.ToLower(strings.Trim(w, `"'`))
	if i := strings.IndexAny(w, "[<>=!~;"); i >= 0 {
		w = w[:i]
	}
	return pipToolchain[w]
}

// pinJudgeOf returns the judge for an installing invocation, or nil.
func pinJudgeOf(pc *pkgCall) *pinJudge {
	sub, ops := pc.sub(), pc.operands()
	switch pc.tool {
	case "apt-get", "apt", "aptitude":
		if sub == "install" {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3008"}, pinned: aptPinned, fix: suffixFix("=<version>"), os: true}
		}
	case "apk":
		if sub == "add" {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3018"}, pinned: apkPinned, fix: suffixFix("=<version>"), os: true}
		}
	case "pip", "pipx":
		if sub == "install" && !pc.hasFlag("-c", "--constraint") {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3013"}, pinned: pipPinned, fix: pipFix, tooling: pipTooling}
		}
	case "npm":
		if sub == "install" || sub == "i" || sub == "add" {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3016"}, pinned: npmPinned, fix: npmFix}
		}
	case "yarn", "pnpm":
		if len(ops) > 0 && sub == "global" && ops[0] == "add" {
			return &pinJudge{verb: "global add", pkgs: ops[1:], pinned: npmPinned, fix: npmFix}
		}
		if sub == "add" {
			return &pinJudge{verb: sub, pkgs: ops, pinned: npmPinned, fix: npmFix}
		}
	case "gem":
		if (sub == "install" || sub == "i") && !pc.hasFlag("-v", "--version") {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3028"}, pinned: gemPinned, fix: suffixFix(":<version>")}
		}
	case "yum", "dnf", "microdnf":
		peers := []string{"DL3041"}
		if pc.tool == "yum" {
			peers = []string{"DL3033"}
		}
		if sub == "module" && len(ops) > 0 && ops[0] == "install" {
			return &pinJudge{verb: "module install", pkgs: ops[1:], peers: peers, pinned: modulePinned, fix: suffixFix(":<stream>"), os: true}
		}
		if sub == "install" || sub == "in" {
			return &pinJudge{verb: sub, pkgs: ops, peers: peers, pinned: rpmPinned, fix: suffixFix("-<version>"), os: true}
		}
	case "zypper":
		if typ, ok := pc.flagValue("-t", "--type"); ok && typ != "package" {
			return nil // patterns, patches and products have no versions to pin
		}
		if sub == "install" || sub == "in" {
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3037"}, pinned: zypperPinned, fix: suffixFix("=<version>"), os: true}
		}
	case "go":
		switch sub {
		case "install", "get":
			pinned := goPinned
			if sub == "install" && slices.Contains(ops, "tool") {
				// Go 1.24's `go install tool pkg…` builds the tools the
				// main module's go.mod declares: with the tool pattern the
				// command runs in module mode, where a package without
				// @version is built at the version go.mod requires.
				pinned = func(w string) bool { return !strings.Contains(w, "@") || goPinned(w) }
			}
			return &pinJudge{verb: sub, pkgs: ops, peers: []string{"DL3062"}, pinned: pinned, fix: goFix}
		case "run":
			// Only the first operand is the package; the rest are its arguments.
			if len(ops) > 0 {
				return &pinJudge{verb: sub, pkgs: ops[:1], peers: []string{"DL3062"}, pinned: goPinned, fix: goFix}
			}
		}
	}
	return nil
}

func suffixFix(suffix string) func(string) string {
	return func(pkg string) string { return pkg + suffix }
}

// isLocalPath reports whether a word names a file or directory rather
// than an index package: what it contains is what gets installed.
func isLocalPath(w string) bool {
	return strings.HasPrefix(w, "/") || strings.HasPrefix(w, ".") || strings.HasPrefix(w, "~")
}

// aptPinned: pkg=version, pkg/release, or a local .deb.
func aptPinned(w string) bool {
	return strings.ContainsAny(w, "=/") || hasAnySuffix(w, ".deb")
}

// apkPinned: pkg=1.2, pkg~1.2, pkg>=1.2 …, or a local .apk.
func apkPinned(w string) bool {
	return strings.ContainsAny(w, "=<>~/") || hasAnySuffix(w, ".apk")
}

// vcsPrefixes start pip's version-control requirement URLs.
var vcsPrefixes = []string{"git+", "hg+", "svn+", "bzr+"}

// pipPinned: any version specifier (==, ~=, >=, !=, <…), a PEP 508 direct
// reference, a path, an archive or URL, or a VCS URL with @ref.
func pipPinned(w string) bool {
	for _, v := range vcsPrefixes {
		if strings.HasPrefix(w, v) {
			return vcsHasRef(w, "@")
		}
	}
	return strings.ContainsAny(w, "=<>!~@/") || isLocalPath(w) ||
		hasAnySuffix(w, ".whl", ".tar.gz", ".tgz", ".zip", ".tar.bz2", ".tar.xz")
}

// vcsHasRef reports whether a VCS URL names a revision after its path
// (git+https://host/repo.git@v1.0#egg=x), ignoring user@host.
func vcsHasRef(u, sep string) bool {
	u, _, _ = strings.Cut(u, "#")
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	_, p, ok := strings.Cut(u, "/")
	if !ok {
		return false
	}
	return strings.Contains(p, sep)
}

func pipFix(pkg string) string {
	for _, v := range vcsPrefixes {
		if strings.HasPrefix(pkg, v) {
			base, frag, _ := strings.Cut(pkg, "#")
			if frag != "" {
				frag = "#" + frag
			}
			return base + "@<tag-or-commit>" + frag
		}
	}
	return pkg + "==<version>"
}

// npmGitish reports whether an npm package spec is a git source, which
// pins only with #ref.
func npmGitish(w string) bool {
	lw := strings.ToLower(w)
	if strings.HasPrefix(lw, "git+") || strings.HasPrefix(lw, "git://") || strings.HasPrefix(lw, "github:") ||
		strings.HasPrefix(lw, "gitlab:") || strings.HasPrefix(lw, "bitbucket:") || strings.HasSuffix(strings.SplitN(lw, "#", 2)[0], ".git") {
		return true
	}
	// user/repo is GitHub shorthand.
	return !strings.HasPrefix(w, "@") && strings.Contains(w, "/") && !strings.Contains(w, "://")
}

// npmPinned: name@version (not @latest), a local path or tarball, an
// archive URL, or a git source with #ref.
func npmPinned(w string) bool {
	if isLocalPath(w) || hasAnySuffix(w, ".tgz", ".tar.gz", ".tar") {
		return true
	}
	if npmGitish(w) {
		return strings.Contains(w, "#")
	}
	if strings.Contains(w, "://") {
		return true // a tarball URL
	}
	at := strings.LastIndexByte(w, '@')
	if at <= 0 {
		return false // no version, or only a @scope
	}
	return !strings.EqualFold(w[at+1:], "latest") && w[at+1:] != ""
}

func npmFix(pkg string) string {
	if npmGitish(pkg) {
		return pkg + "#<tag-or-commit>"
	}
	if at := strings.LastIndexByte(pkg, '@'); at > 0 {
		pkg = pkg[:at]
	}
	return pkg + "@<version>"
}

// gemPinned: gem:version or a local .gem.
func gemPinned(w string) bool { return strings.Contains(w, ":") || hasAnySuffix(w, ".gem") }

// rpmPinned: name-version (a dash followed by a digit), an epoch, a local
// or remote .rpm, a group (@group) or a capability (perl(Foo)).
func rpmPinned(w string) bool {
	if strings.ContainsAny(w, ":/(@") || hasAnySuffix(w, ".rpm") {
		return true
	}
	for i := 0; i+1 < len(w); i++ {
		if w[i] == '-' && w[i+1] >= '0' && w[i+1] <= '9' {
			return true
		}
	}
	return false
}

// modulePinned: module:stream.
func modulePinned(w string) bool { return strings.Contains(w, ":") || strings.HasPrefix(w, "@") }

// zypperPinned: pkg=1.2, pkg>=1.2 …, or a local or remote .rpm.
func zypperPinned(w string) bool {
	return strings.ContainsAny(w, "=<>/") || hasAnySuffix(w, ".rpm")
}

// floatingGoVersions are module queries that resolve to whatever is newest.
var floatingGoVersions = map[string]bool{"latest": true, "upgrade": true, "patch": true, "master": true, "main": true, "head": true}

// goPinned: a module path with @version that is not a moving query, a
// local package, or a package pattern of the main module.
func goPinned(w string) bool {
	if isLocalPath(w) || strings.HasSuffix(w, ".go") || w == "all" || w == "std" || w == "cmd" {
		return true
	}
	// The go command fetches only paths whose first element has a dot
	// (a host name); app/server is a package of the main module or GOPATH,
	// built from what the build context copied in.
	if first, rest, nested := strings.Cut(w, "/"); nested && rest != "" && !strings.ContainsAny(first, ".$") && !strings.Contains(w, "@") {
		return true
	}
	at := strings.LastIndexByte(w, '@')
	if at < 0 {
		return false
	}
	return !floatingGoVersions[strings.ToLower(w[at+1:])]
}

func goFix(pkg string) string {
	if at := strings.LastIndexByte(pkg, '@'); at >= 0 {
		pkg = pkg[:at]
	}
	return pkg + "@v<version>"
}

// varRef matches one shell expansion inside a word: ${NAME…}, $NAME,
// $(…) or `…`.
var varRef = lazyre.New(`\$\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|\$([A-Za-z_][A-Za-z0-9_]*)|\$\([^)]*\)|` + "`[^`]*`")

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
		whole := varRef().FindStringIndex(w)
		if whole != nil && whole[0] == 0 && whole[1] == len(w) {
			if v, ok := lookupKnown(sc, w); ok {
				for _, f := range strings.Fields(v) {
					out = append(out, pkgWord{f, f})
				}
			}
			continue
		}
		expanded := varRef().ReplaceAllStringFunc(w, func(ref string) string {
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
	m := varRef().FindStringSubmatch(ref)
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

// listWords renders up to four words for a message.
func listWords(ws []string) string {
	if len(ws) > 4 {
		return strings.Join(ws[:4], ", ") + ", …"
	}
	return strings.Join(ws, ", ")
}
