package rules

import (
	"path"
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
			"(`-O URL -O URL`, `--remote-name-all`) is followed.\n\n" +
			"Package managers fetch too: `pip install` of an archive or wheel URL without `#sha256=` (or " +
			"`--require-hashes`), `npm`/`yarn`/`pnpm` install of a tarball URL, and a pip or npm install of a git " +
			"source with no ref or a branch (`git+https://…@main`, `github:user/repo`, `…/archive/refs/heads/master.zip`) " +
			"install code nobody checked, and a branch's code changes under the same Dockerfile. A commit or a " +
			"tag ref pins it.",
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
		if IsRemoteSource(src) && !isGitSource(src) {
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

// isVerifier reports whether c checks a file's integrity or signature.
func isVerifier(c *dockerfile.Command) bool {
	switch {
	case c.Is("gpg", "gpg2"):
		return c.HasFlag("--verify")
	case c.Is("cosign"):
		sub := c.Subcommand()
		return strings.HasPrefix(sub, "verify")
	case c.Is("openssl"):
		return c.Subcommand() == "dgst" || c.Subcommand() == "sha256"
	case c.Is("rpm"):
		return c.HasFlag("-K", "--checksig")
	case c.Is("gh"):
		return c.Subcommand() == "attestation"
	}
	return c.Is(verifiers...)
}

// downloadOf returns the download c performs, if c is curl or wget
// fetching a URL.
func downloadOf(c *dockerfile.Command) (download, bool) {
	if !c.Is("curl", "wget") {
		return download{}, false
	}
	d := download{cmd: c}
	outFlag, longOut := "-o", "--output"
	if c.Is("wget") {
		outFlag, longOut = "-O", "--output-document"
	}
	explicitOut, hasOut := shortOrLong(c, outFlag, longOut)
	// The URL is the first argument with a scheme; failing that, a
	// variable that is not the output file ("curl -fsSLo $OUT $URL").
	var byVar string
	for _, a := range c.Args {
		l := strings.ToLower(a)
		if strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "ftp://") {
			d.url = a
			break
		}
		if byVar == "" && strings.HasPrefix(a, "$") && !(hasOut && a == explicitOut) {
			byVar = a
		}
	}
	if d.url == "" {
		d.url = byVar
	}
	if d.url == "" {
		return download{}, false
	}
	remoteName := path.Base(strings.SplitN(strings.SplitN(d.url, "?", 2)[0], "#", 2)[0])
	if c.Is("curl") {
		switch {
		case hasOut:
			d.out = explicitOut
		case c.HasFlag("-O", "--remote-name", "--remote-name-all"):
			d.out = remoteName
			if dir, ok := c.FlagValue("--output-dir"); ok {
				d.out = path.Join(dir, remoteName)
			}
		}
	} else {
		switch {
		case hasOut:
			d.out = explicitOut
		default:
			d.out = remoteName
			if dir, ok := shortOrLong(c, "-P", "--directory-prefix"); ok {
				d.out = path.Join(dir, remoteName)
			}
		}
	}
	if d.out == "-" {
		d.out = ""
	}
	for _, r := range c.Redirects {
		if (r.Op == ">" || r.Op == ">>" || r.Op == ">|") && d.out == "" {
			d.out = r.Target
		}
	}
	return d, true
}

// moreRemoteNames are the downloads of a curl that saves several URLs
// under their remote names (-O URL -O URL, --remote-name-all URL URL)
// after the first, d.
func moreRemoteNames(c *dockerfile.Command, d download) []download {
	if !c.Is("curl") || d.url == "" || !c.HasFlag("-O", "--remote-name", "--remote-name-all") {
		return nil
	}
	var out []download
	seen := false
	for _, a := range c.Args {
		l := strings.ToLower(a)
		if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "ftp://") {
			continue
		}
		if !seen && a == d.url {
			seen = true
			continue
		}
		name := path.Base(strings.SplitN(strings.SplitN(a, "?", 2)[0], "#", 2)[0])
		if dir, ok := c.FlagValue("--output-dir"); ok {
			name = path.Join(dir, name)
		}
		out = append(out, download{cmd: c, out: name, url: a})
	}
	return out
}

// checkLists are the checksum list files a check reads (-c LIST,
// --check LIST, --check=LIST).
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
// reports those executed, installed or unpacked before any verification.
// A checksum or signature check clears the downloads it names; one that
// names none of them (`sha256sum -c SHA256SUMS`) clears every download of
// its RUN, since which files a checksum list covers is not known
// statically. Making a file executable or moving it into a bin directory
// runs nothing yet, so those are reported only when no check of the file
// follows in the stage.
func checkUnverifiedDownloads(p *Pass, s *dockerfile.Stage) {
	type item struct {
		d   download
		run int
		use string              // for a prepared file: how
		at  *dockerfile.Command // and where
	}
	var pending, prepared []item
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
			if d, ok := downloadOf(c); ok {
				if d.out == "" {
					if use := pipedUse(c); use != "" {
						p.ReportLinef(c.Line, "%s output is %s without a checksum or signature check", c.Base(), use)
					}
					continue
				}
				pending = append(pending, item{d: d, run: run})
				for _, more := range moreRemoteNames(c, d) {
					pending = append(pending, item{d: more, run: run})
				}
				continue
			}
			for i, it := range pending {
				use := useOf(c, it.d.out)
				if use == "" {
					continue
				}
				if use == "made executable" || use == "installed" || strings.HasPrefix(use, "installed into ") {
					prepared = append(prepared, item{d: it.d, run: it.run, use: use, at: c})
					break
				}
				p.ReportLinef(c.Line, "%s downloaded by %s (line %d) is %s without a checksum or signature check", it.d.out, it.d.cmd.Base(), it.d.cmd.Line, use)
				pending = append(pending[:i:i], pending[i+1:]...)
				// Reported here; an earlier chmod of it need not be.
				prepared = slices.DeleteFunc(prepared, func(p item) bool { return p.d.cmd == it.d.cmd })
				break
			}
		}
	}
	for _, it := range prepared {
		p.ReportLinef(it.at.Line, "%s downloaded by %s (line %d) is %s without a checksum or signature check", it.d.out, it.d.cmd.Base(), it.d.cmd.Line, it.use)
	}
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
