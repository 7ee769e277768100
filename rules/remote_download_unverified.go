package rules

import (
	"fmt"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RemoteDownloadUnverified: ADD of a URL without --checksum.
var RemoteDownloadUnverified = &Rule{
	ID:       "DKS2003",
	Name:     "remote-download-unverified",
	Title:    "Downloaded file used without a checksum or signature check",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1105},
		CIS:      []*t.CISItem{t.CIS4_11, t.CIS4_12},
		CWE:      []*t.CWE{t.CWE494, t.CWE353},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SI7, t.NIST53_SR4},
	},
	Doc: Doc{
		Vulnerability: "Unverified download",
		Mitigation:    "Verify every download's checksum or signature.",

		Rationale: "A file fetched at build time is whatever the server returns that day. Without a checksum " +
			"a compromised mirror, a hijacked domain or a man-in-the-middle puts arbitrary content into the " +
			"image, and the build cannot tell. The rule reports `ADD <url>` without `--checksum`, and files " +
			"fetched with curl or wget that are then executed, made executable, installed (`dpkg -i`, `rpm -i`, " +
			"`install`, moved into a bin directory) or unpacked (`tar x`, `unzip`, `curl … | tar -x`) with no " +
			"`sha256sum`, `gpg --verify`, `cosign verify-blob` or similar check before, in the same RUN or an " +
			"earlier one of the stage. A checksum or signature file clears the file it is named after " +
			"(`sha256sum -c x.tar.gz.sha256` clears x.tar.gz), and every URL a curl saves under its remote name " +
			"(`-O URL -O URL`, `--remote-name-all`) is followed; a curl's `-o` files pair with its URLs in order. " +
			"A digest compared by hand (`[ \"$(openssl sha512 -r x.tar.gz)\" = \"$SUM\" ]`) counts as a check, and " +
			"so does a checksum list filtered into `sha512sum -c` (`awk … SHA.txt | sha512sum -c`). Each " +
			"download is reported once, at its first unverified use: `dpkg -i a.deb b.deb` reports both files.\n\n" +
			"Package managers fetch too: `pip install` of an archive or wheel URL without `#sha256=` (or " +
			"`--require-hashes`), `npm`/`yarn`/`pnpm` install of a tarball URL, and a pip or npm install of a git " +
			"source with no ref or a branch (`git+https://…@main`, `github:user/repo`, `…/archive/refs/heads/master.zip`) " +
			"install code nobody checked, and a branch's code changes under the same Dockerfile. A commit or a " +
			"tag ref pins it. So does it for `git clone`: a clone of the default branch or of `main` in a stage " +
			"whose layers ship, with no later `git checkout <commit or tag>` (or `reset --hard`, or a fetch of a " +
			"commit) in the stage, is reported at info.",
		SeverityNote: "A warning. `git clone` of a branch is info (the issue's policy): git checks what it fetches " +
			"against the commit ids and the server is named; only the ref moves. Two more shapes are info, since nothing unverified runs or the content cannot " +
			"change: a README, LICENSE or similar text file fetched by ADD (only reproducibility is at stake), " +
			"and a URL over HTTPS that names a full git commit on a forge (`https://github.com/o/r/archive/<sha>.tar.gz`, " +
			"`https://raw.githubusercontent.com/o/r/<sha>/f`): the commit fixes the content, and only the forge's TLS " +
			"is trusted for it; a checksum would still guard against the forge.",
		Impact: "Attacker-controlled content built into the image",
		Fix:    "Pin the content: `ADD --checksum=sha256:<digest> https://… /dst` (BuildKit), or download with curl and verify with `sha256sum -c` or a signature before use.",
		Bad: Dockerfiles(
			"FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/\n",
			"FROM debian:12\nRUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl \\\n && chmod +x /usr/local/bin/kubectl\n",
			"FROM debian:12\nRUN curl -fsSL https://get.helm.sh/helm-v3.16.1-linux-amd64.tar.gz | tar -xz -C /usr/local\n",
		),
		Good: Dockerfiles(
			"FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2015d0a0b9e7e0d4 https://example.com/tool.tar.gz /opt/\n",
			"FROM debian:12\nARG KUBECTL_SHA256=7f3c2bcd3bd5d3e7f1e3e4a5b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f\nRUN curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.0/bin/linux/amd64/kubectl \\\n && echo \"${KUBECTL_SHA256}  /usr/local/bin/kubectl\" | sha256sum -c - \\\n && chmod +x /usr/local/bin/kubectl\n",
		),
		Refs: []string{"https://docs.docker.com/reference/dockerfile/#add---checksum"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindAdd}, Check: checkRemoteDownloadUnverified, History: true},
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkUnverifiedInstalls, History: true},
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkGitCloneUnpinned},
		StageCheck{Check: checkUnverifiedDownloads},
	},
}

func checkRemoteDownloadUnverified(p *Pass, in dockerfile.Instruction) {
	add := in.(*dockerfile.Add)
	if add.Cmd.Checksum != "" {
		return
	}
	for _, src := range add.Cmd.SourcePaths {
		src = strings.Trim(src, `"'`)
		if !IsRemoteSource(src) || isGitSource(src) {
			continue
		}
		switch u := expandWord(in, src); {
		case isDocFile(u):
			// A README or LICENSE fetched for the image: nothing in it
			// runs, so only reproducibility is at stake (hygiene).
			p.ReportAtf(Info, in.Range(), nil, "ADD %s downloads without --checksum; it is a text file (%s) nothing runs, but the build is not reproducible", redactURL(src), urlBase(u))
		case pinsCommit(u):
			p.ReportAtf(Info, in.Range(), nil, "ADD %s downloads without --checksum; the URL pins a git commit on %s, so only the forge's TLS vouches for the content", redactURL(src), urlHost(u))
		default:
			p.Reportf(in.Range(), "ADD %s downloads without --checksum", redactURL(src))
		}
	}
}

// download is one fetch whose result has not been verified yet.
type download struct {
	cmd *dockerfile.Command
	// out is the file written, as written in the script ("/tmp/x.tgz",
	// "$TMP/x"); "" when the body goes to standard output.
	out string
	url string
}

// verifiers check a file's integrity or signature. Any of them in the
// script between a download and its use counts as verification: what
// checksum list or key they check against cannot be judged statically.
var verifiers = []string{
	"sha256sum", "sha512sum", "sha384sum", "sha224sum", "sha1sum", "md5sum", "b2sum", "shasum", "cksum",
	"gpg", "gpg2", "gpgv", "gpgv2", "cosign", "minisign", "signify", "signify-openbsd", "slsa-verifier", "sigstore",
}

// opensslDigests are the openssl subcommands that print a digest.
var opensslDigests = map[string]bool{
	"dgst": true, "md5": true, "sha1": true, "sha224": true, "sha256": true, "sha384": true, "sha512": true,
	"sha3-224": true, "sha3-256": true, "sha3-384": true, "sha3-512": true, "blake2b512": true, "blake2s256": true,
}

// isVerifier reports whether c checks a file's integrity or signature.
func isVerifier(c *dockerfile.Command) bool {
	switch {
	case c.Is("gpg", "gpg2"):
		return c.HasFlag("--verify")
	case c.Is("cosign"):
		sub := c.Subcommand()
		return strings.HasPrefix(sub, "verify")
	case c.Is("openssl"):
		// openssl dgst -sha512 FILE, or the digest as the command
		// (openssl sha512 -r FILE, as nginx's images check their
		// downloads).
		return opensslDigests[c.Subcommand()]
	case c.Is("rpm"):
		return c.HasFlag("-K", "--checksig")
	case c.Is("gh"):
		return c.Subcommand() == "attestation"
	}
	return c.Is(verifiers...)
}

// urlValued are curl and wget options whose value may be a URL that is
// not fetched (a proxy, a referer).
var urlValued = map[string]bool{
	"-x": true, "--proxy": true, "--preproxy": true, "-e": true, "--referer": true, "--doh-url": true,
}

// isFetchURL reports whether w is an http, https or ftp URL.
func isFetchURL(w string) bool {
	l := strings.ToLower(w)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "ftp://")
}

// remoteName is the file name curl -O and wget save a URL under.
func remoteName(u string) string {
	return path.Base(strings.SplitN(strings.SplitN(u, "?", 2)[0], "#", 2)[0])
}

// downloadsOf returns the downloads c performs, if c is curl or wget
// fetching URLs: one per URL, each with the file it is saved to. curl
// pairs its -o FILE and -O options with its URLs in order
// (--remote-name-all gives the rest their remote names); wget saves each
// URL under its remote name, or all of them into its -O file.
func downloadsOf(c *dockerfile.Command) []download {
	if !c.Is("curl", "wget") {
		return nil
	}
	outFlag, longOut := "-o", "--output"
	if c.Is("wget") {
		outFlag, longOut = "-O", "--output-document"
	}
	explicitOut, hasOut := shortOrLong(c, outFlag, longOut)
	var urls, byVar []string
	var outs []string // curl's outputs in order; "\x00" stands for a remote name
	const remote = "\x00"
	skip := false
	for i, a := range c.Args {
		if skip {
			skip = false
			continue
		}
		switch {
		case urlValued[a]:
			skip = true
		case isFetchURL(a):
			urls = append(urls, a)
		case strings.HasPrefix(a, "$"):
			if !(hasOut && a == explicitOut) {
				byVar = append(byVar, a)
			}
		case c.Is("curl") && (a == "-o" || a == "--output") && i+1 < len(c.Args):
			outs = append(outs, c.Args[i+1])
			skip = true
		case c.Is("curl") && strings.HasPrefix(a, "--output="):
			outs = append(outs, strings.TrimPrefix(a, "--output="))
		case c.Is("curl") && a == "--remote-name":
			outs = append(outs, remote)
		case c.Is("curl") && len(a) > 1 && a[0] == '-' && a[1] != '-':
			// A cluster of short options ("-fsSLO", "-fsSLo FILE", "-oFILE").
			for j := 1; j < len(a); j++ {
				if a[j] == 'O' {
					outs = append(outs, remote)
				}
				if a[j] == 'o' {
					if rest := a[j+1:]; rest != "" {
						outs = append(outs, rest)
					} else if i+1 < len(c.Args) {
						outs = append(outs, c.Args[i+1])
						skip = true
					}
					break
				}
			}
		}
	}
	// The URL is an argument with a scheme; failing that, a variable that
	// is not the output file ("curl -fsSLo $OUT $URL").
	if len(urls) == 0 && len(byVar) > 0 {
		urls = byVar[:1]
	}
	if len(urls) == 0 {
		return nil
	}
	dir := ""
	if c.Is("curl") {
		dir, _ = c.FlagValue("--output-dir")
	} else {
		dir, _ = shortOrLong(c, "-P", "--directory-prefix")
	}
	inDir := func(name string) string {
		if dir != "" {
			return path.Join(dir, name)
		}
		return name
	}
	var out []download
	switch {
	case c.Is("wget") && hasOut:
		// wget -O FILE writes every URL into FILE, one after another.
		out = append(out, download{cmd: c, url: urls[0], out: explicitOut})
	case c.Is("wget"):
		for _, u := range urls {
			out = append(out, download{cmd: c, url: u, out: inDir(remoteName(u))})
		}
	default:
		all := c.HasFlag("--remote-name-all")
		for i, u := range urls {
			d := download{cmd: c, url: u}
			switch {
			case i < len(outs) && outs[i] == remote, i >= len(outs) && all:
				d.out = inDir(remoteName(u))
			case i < len(outs):
				d.out = outs[i]
			}
			out = append(out, d)
		}
	}
	// Standard output redirected to a file: the (first) download written
	// to standard output lands there.
	for _, r := range c.Redirects {
		if r.Op != ">" && r.Op != ">>" && r.Op != ">|" {
			continue
		}
		for i := range out {
			if out[i].out == "" || out[i].out == "-" {
				out[i].out = r.Target
				break
			}
		}
		break
	}
	for i := range out {
		if out[i].out == "-" {
			out[i].out = ""
		}
	}
	return out
}

// checkLists are the checksum list files a check reads (-c LIST,
// --check LIST, --check=LIST), and, when it reads the list from a pipe,
// the files the command before it reads (`awk … SHA.txt | sha512sum -c`,
// dotnet-docker's shape): the list is the reference, not a file checked.
// Text echoed into the check (`echo "<sum>  file" | sha256sum -c`) names
// the file checked itself.
func checkLists(c *dockerfile.Command) map[string]bool {
	out := map[string]bool{}
	for i, a := range c.Args {
		switch {
		case (a == "-c" || a == "--check") && i+1 < len(c.Args):
			out[c.Args[i+1]] = true
		case strings.HasPrefix(a, "--check="):
			out[strings.TrimPrefix(a, "--check=")] = true
		}
	}
	if from := c.PipedFrom; from != nil && c.HasFlag("-c", "--check") && !from.Is("echo", "printf") {
		for _, a := range from.Positionals() {
			out[a] = true
		}
	}
	return out
}

// checkedFile is the file a checksum or signature file is for:
// x.tar.gz for x.tar.gz.sha256, x.tar.gz.asc or x.tar.gz.sig.
func checkedFile(w string) string {
	for _, ext := range []string{".sha256sum", ".sha512sum", ".sha256", ".sha512", ".sha1", ".md5", ".asc", ".sig", ".sign", ".gpg", ".minisig"} {
		if base, ok := strings.CutSuffix(w, ext); ok {
			return base
		}
	}
	return ""
}

// installers run or unpack a file given as an argument.
var (
	unpackers       = []string{"tar", "bsdtar", "unzip", "7z", "7za", "cpio", "gunzip", "unxz", "bunzip2"}
	packageInstalls = map[string][]string{
		"dpkg": {"-i", "--install"}, "rpm": {"-i", "-U", "--install", "--upgrade", "-ivh", "-Uvh"},
	}
)

// posixShells are the shells whose -n reads a script without running it.
var posixShells = []string{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh"}

// useOf says how c uses file (executes, installs, unpacks), or "".
func useOf(c *dockerfile.Command, file string) string {
	args := c.Positionals()
	has := func() bool {
		for _, a := range c.Args {
			if sameFile(a, file) || sameFile(strings.TrimPrefix(a, "--file="), file) {
				return true
			}
		}
		return false
	}
	switch {
	case c.Name != "" && sameFile(c.Name, file) && (strings.Contains(c.Name, "/")):
		return "executed"
	case c.Is(posixShells...) && c.HasFlag("-n"):
		// sh -n FILE only parses the script (a syntax check).
		return ""
	case c.Is(shells...) && len(args) > 0 && sameFile(args[0], file):
		return "executed by " + c.Base()
	case c.Is("chmod") && has() && executableMode(chmodMode(c)):
		return "made executable"
	case c.Is("install") && has():
		return "installed"
	case (c.Is("mv", "cp")) && has() && len(args) > 1 && strings.Contains(args[len(args)-1], "bin"):
		return "installed into " + args[len(args)-1]
	case c.Is("tar", "bsdtar") && has() && tarExtracts(c):
		return "unpacked by " + c.Base()
	case c.Is(unpackers...) && !c.Is("tar", "bsdtar") && has():
		return "unpacked by " + c.Base()
	case c.Is("apt-get", "apt", "yum", "dnf", "microdnf", "zypper", "pip", "pip3", "gem", "npm") && has():
		return "installed by " + c.Base()
	}
	if flags, ok := packageInstalls[c.Base()]; ok && c.HasFlag(flags...) && has() {
		return "installed by " + c.Base()
	}
	return ""
}

// executableMode reports whether a chmod mode adds execute permission.
func executableMode(mode string) bool {
	if mode == "" {
		return false
	}
	if strings.ContainsAny(mode, "+=") {
		_, perm, _ := cutAny(mode, "+=")
		return strings.Contains(perm, "x")
	}
	for _, d := range mode {
		if d >= '0' && d <= '7' && (d-'0')&1 == 1 {
			return true
		}
	}
	return false
}

// pipedUse says how the standard output of a download is consumed when it
// is unpacked on the fly (`curl … | tar -xz`), looking through
// decompressors. Piping into a shell is remote-script-piped-to-shell's.
func pipedUse(c *dockerfile.Command) string {
	for next := c.PipesTo; next != nil; next = next.PipesTo {
		switch {
		case next.Is("tar", "bsdtar", "cpio"):
			return "unpacked by " + next.Base()
		case next.Is("gunzip", "gzip", "xz", "unxz", "bzip2", "zstd", "zcat"):
			continue
		}
		return ""
	}
	return ""
}

// checkUnverifiedDownloads follows downloads through a stage's RUNs and
// reports those executed, installed or unpacked before any verification,
// each download once (a command that uses several, `dpkg -i a.deb b.deb`,
// reports each). A checksum or signature check clears the downloads it
// names; one that names none of them (`sha256sum -c SHA256SUMS`) clears
// every download of its RUN, since which files a checksum list covers is
// not known statically. Making a file executable or moving it into a bin
// directory runs nothing yet, so those are reported only when no check of
// the file follows in the stage.
func checkUnverifiedDownloads(p *Pass, s *dockerfile.Stage) {
	type item struct {
		d   download
		in  dockerfile.Instruction // the RUN that downloads it
		run int
		use string              // for a prepared file: how
		at  *dockerfile.Command // and where
	}
	var pending, prepared []item
	same := func(it item) func(item) bool {
		return func(x item) bool { return x.d.cmd == it.d.cmd && x.d.out == it.d.out }
	}
	report := func(it item, at *dockerfile.Command, use string) {
		p.reportDownload(it.in, it.d, at.Line, fmt.Sprintf("%s downloaded by %s (line %d) is %s", it.d.out, it.d.cmd.Base(), it.d.cmd.Line, use))
	}
	for run, in := range s.Instructions {
		s := runScript(in)
		if s == nil {
			continue
		}
		for _, c := range s.Commands {
			if isVerifier(c) {
				words := verifiedWords(c)
				lists := checkLists(c)
				named := func(it item) bool {
					for _, w := range words {
						// A checksum list (sha256sum -c LIST) names the files it
						// covers inside; its own name says only which file a
						// per-file list (x.tar.gz.sha256) is for.
						if lists[w] {
							if sameFile(checkedFile(w), it.d.out) {
								return true
							}
							continue
						}
						// gpg --verify x.tar.gz.asc checks x.tar.gz.
						if sameFile(w, it.d.out) || sameFile(checkedFile(w), it.d.out) {
							return true
						}
					}
					return false
				}
				any := slices.ContainsFunc(pending, named) || slices.ContainsFunc(prepared, named)
				drop := func(it item) bool { return named(it) || (!any && it.run == run) }
				pending = slices.DeleteFunc(pending, drop)
				prepared = slices.DeleteFunc(prepared, drop)
				continue
			}
			if ds := downloadsOf(c); ds != nil {
				piped := false
				for _, d := range ds {
					if d.out == "" {
						piped = true
						continue
					}
					// Fetched again to the same file: the earlier copy is gone.
					over := func(x item) bool { return path.Clean(x.d.out) == path.Clean(d.out) }
					pending = slices.DeleteFunc(pending, over)
					prepared = slices.DeleteFunc(prepared, over)
					pending = append(pending, item{d: d, in: in, run: run})
				}
				if use := pipedUse(c); piped && use != "" {
					d := ds[slices.IndexFunc(ds, func(d download) bool { return d.out == "" })]
					p.reportDownload(in, d, c.Line, fmt.Sprintf("%s output is %s", c.Base(), use))
				}
				continue
			}
			pending = slices.DeleteFunc(pending, func(it item) bool {
				use := useOf(c, it.d.out)
				switch {
				case use == "":
					return false
				case use == "made executable" || use == "installed" || strings.HasPrefix(use, "installed into "):
					// Reported at the end unless a check follows; once, at
					// its first preparation.
					if !slices.ContainsFunc(prepared, same(it)) {
						prepared = append(prepared, item{d: it.d, in: it.in, run: it.run, use: use, at: c})
					}
					return false
				}
				report(it, c, use)
				// Reported here; an earlier chmod of it need not be.
				prepared = slices.DeleteFunc(prepared, same(it))
				return true
			})
		}
	}
	for _, it := range prepared {
		report(it, it.at, it.use)
	}
}

// reportDownload reports a use of an unverified download d, fetched by the
// RUN in, at line; what says what happens to it. A URL that pins a git
// commit on a forge over HTTPS names content that cannot change, so the
// finding is hygiene (info): a checksum would still guard against the
// forge.
func (p *Pass) reportDownload(in dockerfile.Instruction, d download, line int, what string) {
	if u := expandWord(in, d.url); pinsCommit(u) {
		p.ReportAtf(Info, dockerfile.LineRange(line, line), nil, "%s without a checksum or signature check; the URL pins a git commit on %s, so only the forge's TLS vouches for the content", what, urlHost(u))
		return
	}
	p.ReportLinef(line, "%s without a checksum or signature check", what)
}

// commitRE matches a full git commit id (SHA-1 or SHA-256) as a URL path
// segment, optionally with an archive extension (…/archive/<sha>.tar.gz).
var commitRE = regexp.MustCompile(`^(?:[0-9a-f]{40}|[0-9a-f]{64})(?:\.tar\.gz|\.tgz|\.zip|\.tar\.bz2|\.tar\.xz)?$`)

// commitForges are the hosts that serve a repository's files and archives
// at a commit under its id.
var commitForges = map[string]bool{
	"github.com": true, "raw.githubusercontent.com": true, "codeload.github.com": true,
	"gitlab.com": true, "bitbucket.org": true, "git.kernel.org": true, "gitee.com": true, "codeberg.org": true,
}

// pinsCommit reports whether u is an HTTPS URL of a forge naming a full
// commit id in its path (https://raw.githubusercontent.com/o/r/<sha>/f,
// https://github.com/o/r/archive/<sha>.tar.gz): what it serves is that
// commit's content.
func pinsCommit(u string) bool {
	rest, ok := strings.CutPrefix(strings.ToLower(u), "https://")
	if !ok {
		return false
	}
	rest, _, _ = strings.Cut(rest, "?")
	rest, _, _ = strings.Cut(rest, "#")
	segs := strings.Split(rest, "/")
	if !commitForges[segs[0]] {
		return false
	}
	for _, seg := range segs[1:] {
		if commitRE.MatchString(seg) {
			return true
		}
	}
	return false
}

// urlHost is the host of a URL, without credentials or port.
func urlHost(u string) string {
	_, rest, _ := strings.Cut(u, "://")
	host, _, _ := strings.Cut(rest, "/")
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = host[at+1:]
	}
	host, _, _ = strings.Cut(host, ":")
	return host
}

// urlBase is the last path element of a URL, query and fragment dropped.
func urlBase(u string) string { return remoteName(u) }

// docNames are files that only document a project: fetched into an image
// they are read, never run.
var docNames = map[string]bool{
	"readme": true, "license": true, "licence": true, "copying": true, "notice": true,
	"authors": true, "changelog": true, "changes": true, "contributing": true,
}

// isDocFile reports whether a URL fetches a README, LICENSE or similar
// text (README.md, LICENSE, COPYING.txt).
func isDocFile(u string) bool {
	name := strings.ToLower(remoteName(u))
	for _, ext := range []string{".md", ".txt", ".rst", ".adoc"} {
		name = strings.TrimSuffix(name, ext)
	}
	return docNames[name]
}

// verifiedWords are the words a check may name its files in: its
// arguments, what is piped into it (`echo "<sha>  file" | sha256sum -c`)
// and its heredoc, split on blanks and a leading '*' (binary mode).
func verifiedWords(c *dockerfile.Command) []string {
	text := strings.Join(c.Args, " ") + " " + c.Stdin
	if c.PipedFrom != nil {
		text += " " + strings.Join(c.PipedFrom.Args, " ")
	}
	var out []string
	for _, w := range strings.Fields(text) {
		out = append(out, strings.TrimPrefix(w, "*"))
		// awk -v file=NAME, --file=NAME: the name after the '='.
		if _, v, ok := strings.Cut(w, "="); ok && v != "" {
			out = append(out, strings.Trim(v, `"'`))
		}
	}
	return out
}

func isGitSource(src string) bool {
	l := strings.ToLower(src)
	// BuildKit's git sources pin a ref with #ref or ?ref=…&keep-git-dir=1.
	repo := strings.SplitN(strings.SplitN(l, "#", 2)[0], "?", 2)[0]
	return strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasSuffix(repo, ".git")
}

// redactURL drops userinfo from a URL so messages never echo credentials.
func redactURL(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok {
		return u
	}
	host, tail, _ := strings.Cut(rest, "/")
	if at := strings.LastIndexByte(host, '@'); at >= 0 {
		host = "***@" + host[at+1:]
	}
	if tail != "" || strings.Contains(rest, "/") {
		return scheme + "://" + host + "/" + tail
	}
	return scheme + "://" + host
}
