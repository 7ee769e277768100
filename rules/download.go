package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// This file holds the RUN side of remote-download-unverified (DKS2003): a
// file fetched with curl or wget, then executed or installed, with no
// checksum or signature check in between.

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
		case c.HasFlag("-O", "--remote-name"):
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

// shortOrLong reads a flag's value written "-o F", "-oF", "-qO F",
// "--output F" or "--output=F".
func shortOrLong(c *dockerfile.Command, short, long string) (string, bool) {
	if v, ok := c.FlagValue(long); ok {
		return v, true
	}
	for i, a := range c.Args {
		if a == "--" {
			break
		}
		if len(a) < 2 || a[0] != '-' || a[1] == '-' {
			continue
		}
		j := strings.IndexByte(a[1:], short[1])
		if j < 0 {
			continue
		}
		// The flag letter ends a cluster ("-fsSLo F") or carries its value
		// attached ("-oF", "-qO-").
		if rest := a[j+2:]; rest != "" {
			return rest, true
		}
		if i+1 < len(c.Args) {
			return c.Args[i+1], true
		}
	}
	return "", false
}

// sameFile reports whether two words name the same downloaded file: the
// same text, or the same base name when one of them is relative (the
// script may have changed directory).
func sameFile(a, b string) bool {
	a, b = strings.Trim(a, `"'`), strings.Trim(b, `"'`)
	if a == "" || b == "" {
		return false
	}
	if a == b {
		return true
	}
	if strings.HasPrefix(a, "/") && strings.HasPrefix(b, "/") {
		return path.Clean(a) == path.Clean(b)
	}
	return path.Base(a) == path.Base(b)
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

// tarExtracts reports whether a tar command extracts ("-xzf", "xf",
// "--extract"), as opposed to creating or listing.
func tarExtracts(c *dockerfile.Command) bool {
	if c.HasFlag("-x", "--extract", "--get") {
		return true
	}
	if len(c.Args) > 0 && !strings.HasPrefix(c.Args[0], "-") {
		return strings.Contains(c.Args[0], "x")
	}
	return false
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
// Verification anywhere after a download (in the same RUN or a later one)
// clears every pending download: which file a checksum list covers is not
// known statically, so the rule gives the benefit of the doubt.
func checkUnverifiedDownloads(p *Pass, s *dockerfile.Stage) {
	var pending []download
	for _, in := range s.Instructions {
		s := runScript(in)
		if s == nil {
			continue
		}
		for _, c := range s.Commands {
			if isVerifier(c) {
				pending = nil
				continue
			}
			if d, ok := downloadOf(c); ok {
				if d.out == "" {
					if use := pipedUse(c); use != "" {
						p.ReportLinef(c.Line, "%s output is %s without a checksum or signature check", c.Base(), use)
					}
					continue
				}
				pending = append(pending, d)
				continue
			}
			for i, d := range pending {
				if use := useOf(c, d.out); use != "" {
					p.ReportLinef(c.Line, "%s downloaded by %s (line %d) is %s without a checksum or signature check", d.out, d.cmd.Base(), d.cmd.Line, use)
					pending = append(pending[:i:i], pending[i+1:]...)
					break
				}
			}
		}
	}
}
