// Switches that turn off TLS verification or package signature checks
// (flags, environment variables, config files written), shared by
// tls-verification-disabled and package-signature-disabled.

package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// insecureKind says which rule an insecure switch belongs to.
type insecureKind int

const (
	tlsOff insecureKind = iota
	sigOff
)

// insecureVar is an environment variable that switches a check off.
type insecureVar struct {
	kind  insecureKind
	peers []string
	// off reports whether the value switches the check off.
	off  func(v string) bool
	what string
}

func equalFold(want string) func(string) bool {
	return func(v string) bool { return strings.EqualFold(strings.Trim(v, `"' `), want) }
}

func nonEmpty(v string) bool { return strings.Trim(v, `"' `) != "" }

// insecureVars are read in ENV, ARG defaults, RUN prefixes and exports.
var insecureVars = map[string]insecureVar{
	"NODE_TLS_REJECT_UNAUTHORIZED": {tlsOff, []string{"CKV2_DOCKER_6"}, equalFold("0"), "makes Node.js accept any TLS certificate"},
	"PYTHONHTTPSVERIFY":            {tlsOff, []string{"CKV2_DOCKER_5"}, equalFold("0"), "makes Python's HTTPS clients accept any certificate"},
	"NPM_CONFIG_STRICT_SSL":        {tlsOff, []string{"CKV2_DOCKER_12"}, equalFold("false"), "makes npm accept any registry certificate"},
	"npm_config_strict_ssl":        {tlsOff, []string{"CKV2_DOCKER_12"}, equalFold("false"), "makes npm accept any registry certificate"},
	"YARN_ENABLE_STRICT_SSL":       {tlsOff, nil, equalFold("false"), "makes yarn accept any registry certificate"},
	"GIT_SSL_NO_VERIFY":            {tlsOff, []string{"CKV2_DOCKER_14"}, nonEmpty, "makes git accept any server certificate"},
	"PIP_TRUSTED_HOST":             {tlsOff, []string{"CKV2_DOCKER_16"}, nonEmpty, "makes pip skip certificate checks for the hosts it names"},
	"GOINSECURE":                   {tlsOff, []string{"CKV2_DOCKER_18"}, nonEmpty, "lets go fetch the modules it names without TLS verification or checksum-database checks"},
	"GOSUMDB":                      {sigOff, nil, equalFold("off"), "switches off go's checksum-database verification of modules"},
}

// configPatterns are settings written into configuration files (echo,
// printf, sed, heredocs) that switch a check off.
var configPatterns = []struct {
	kind  insecureKind
	re    func() *regexp.Regexp
	peers []string
	what  string
	// need are lower-case literals of which the text must hold one
	// (ignoring case) for re to match: a cheap test before the regexp,
	// as nearly every echo, sed and cat writes something else.
	need []string
}{
	{tlsOff, lazyre.New(`(?i)\bsslverify\s*=\s*["']?(0|false|no)\b`), []string{"CKV2_DOCKER_15"}, "writes sslverify=0: yum and dnf then accept any repository certificate", []string{"sslverify"}},
	{tlsOff, lazyre.New(`(?i)Acquire::https::Verify-(Peer|Host)\s*"?(false|0)`), nil, "writes Acquire::https::Verify-Peer false: apt then accepts any repository certificate", []string{"acquire::https::verify-"}},
	{tlsOff, lazyre.New(`(?i)\bcheck_certificate\s*=\s*off\b`), []string{"CKV2_DOCKER_3"}, "writes check_certificate=off: wget then accepts any certificate", []string{"check_certificate"}},
	{tlsOff, lazyre.New(`(?i)\bstrict-ssl\s*=\s*false\b`), []string{"CKV2_DOCKER_13"}, "writes strict-ssl=false: npm then accepts any registry certificate", []string{"strict-ssl"}},
	{sigOff, lazyre.New(`(?i)(^|[^_a-z])gpgcheck\s*=\s*["']?(0|false|no)\b`), []string{"CKV2_DOCKER_9"}, "writes gpgcheck=0: yum and dnf then install unsigned packages", []string{"gpgcheck"}},
	// A local repository (file:, copy:) holds packages built in the same
	// build; there is no download to authenticate.
	{sigOff, lazyre.New(`\[[^\]]*\b(trusted|allow-insecure)=yes\b[^\]]*\]\s*(https?|ftp|tor\+https?|mirror\+https?)://`), []string{"CKV2_DOCKER_8"}, "writes a [trusted=yes] source: apt then installs its packages unsigned", []string{"=yes"}},
	{sigOff, lazyre.New(`(?i)APT::Get::AllowUnauthenticated\s*"?(true|1)|Acquire::AllowInsecureRepositories\s*"?(true|1)`), []string{"CKV2_DOCKER_8"}, "writes AllowUnauthenticated: apt then installs unsigned packages", []string{"apt::get::allowunauthenticated", "acquire::allowinsecurerepositories"}},
}

// containsAnyFold reports whether s holds one of the lower-case ASCII
// literals, ignoring case, without the copy strings.ToLower makes.
func containsAnyFold(s string, lits []string) bool {
	for _, lit := range lits {
		for i := 0; i+len(lit) <= len(s); i++ {
			if s[i]|0x20 == lit[0]|0x20 && strings.EqualFold(s[i:i+len(lit)], lit) {
				return true
			}
		}
	}
	return false
}

// checkInsecure reports the switches of one kind in an instruction.
func checkInsecure(p *Pass, in dockerfile.Instruction, kind insecureKind) {
	report := func(line int, peers []string, format string, args ...any) {
		p.ReportAliasedf(dockerfile.LineRange(line, line), peers, "%s", fmt.Sprintf(format, args...))
	}
	switch x := in.(type) {
	case *dockerfile.Env:
		for _, kv := range x.Cmd.Env {
			if v, ok := insecureVars[kv.Key]; ok && v.kind == kind && v.off(kv.Value) {
				report(in.Range().StartLine, v.peers, "ENV %s=%s %s, in the build and in every container of the image", kv.Key, kv.Value, v.what)
			}
		}
	case *dockerfile.Arg:
		for _, kv := range x.Cmd.Args {
			if v, ok := insecureVars[kv.Key]; ok && v.kind == kind && kv.Value != nil && v.off(*kv.Value) {
				report(in.Range().StartLine, v.peers, "ARG %s=%s %s in every RUN of the build", kv.Key, *kv.Value, v.what)
			}
		}
	case *dockerfile.Run:
		s := scriptOf(in)
		if s == nil {
			return
		}
		for _, c := range s.Commands {
			for _, a := range c.Assigns {
				name, val, _ := strings.Cut(a, "=")
				if v, ok := insecureVars[name]; ok && v.kind == kind && v.off(val) {
					report(c.Line, v.peers, "%s=%s %s", name, val, v.what)
				}
			}
			if f := insecureSwitch(c, pkgCallOf(s, c), kind); f != nil {
				report(c.Line, f.peers, "%s", f.msg)
				continue
			}
			if text, ok := writtenText(c); ok {
				for _, cp := range configPatterns {
					if cp.kind == kind && containsAnyFold(text, cp.need) && cp.re().MatchString(text) {
						report(c.Line, cp.peers, "%s %s", c.Base(), cp.what)
						break
					}
				}
			}
		}
		for _, d := range declAssigns(p.File, in, s) {
			if v, ok := insecureVars[d.name]; ok && v.kind == kind {
				if val := wordText(d.value); v.off(val) {
					p.ReportAliasedf(in.Range(), v.peers, "export %s=%s %s", d.name, val, v.what)
				}
			}
		}
	}
}

// switchFinding is one insecure command-line switch.
type switchFinding struct {
	peers []string
	msg   string
}

// insecureSwitch returns the switch of the given kind a command uses; pc
// is the command read as a package-manager call, nil if it is not one.
func insecureSwitch(c *dockerfile.Command, pc *pkgCall, kind insecureKind) *switchFinding {
	hit := func(peers []string, format string, args ...any) *switchFinding {
		return &switchFinding{peers, fmt.Sprintf(format, args...)}
	}
	if kind == tlsOff {
		switch {
		case c.Is("curl") && c.HasFlag("-k", "--insecure", "--proxy-insecure", "--doh-insecure"):
			return hit([]string{"CKV2_DOCKER_2"}, "curl -k accepts any TLS certificate; drop it (use --cacert for a private CA)")
		case c.Is("wget") && c.HasFlag("--no-check-certificate"):
			return hit([]string{"CKV2_DOCKER_3"}, "wget --no-check-certificate accepts any TLS certificate; drop it (use --ca-certificate for a private CA)")
		case c.Is("git") && gitSSLVerifyOff(c):
			return hit(nil, "git http.sslVerify false accepts any server certificate; drop it (set http.sslCAInfo for a private CA)")
		case c.Is("yum-config-manager", "dnf-config-manager") || (c.Is("dnf", "yum") && c.Subcommand() == "config-manager") || c.Is("dnf", "yum", "microdnf"):
			if v, ok := setopt(c, "sslverify"); ok && !truthy(v) {
				return hit([]string{"CKV2_DOCKER_15"}, "%s --setopt sslverify=%s accepts any repository certificate; drop it", c.Base(), v)
			}
		}
	}
	if pc == nil {
		return nil
	}
	if kind == tlsOff {
		switch pc.tool {
		case "pip", "pipx":
			if pc.hasFlag("--trusted-host") {
				return hit([]string{"CKV2_DOCKER_4"}, "pip --trusted-host skips certificate checks for that host; drop it (use --cert for a private CA)")
			}
			if pc.sub() == "config" && len(pc.operands()) >= 2 && strings.HasSuffix(pc.operands()[1], "trusted-host") {
				return hit([]string{"CKV2_DOCKER_4"}, "pip config %s trusted-host skips certificate checks for that host; drop it", pc.operands()[0])
			}
		case "npm", "yarn", "pnpm":
			if npmStrictSSLOff(pc) {
				return hit([]string{"CKV2_DOCKER_13"}, "%s strict-ssl false accepts any registry certificate; drop it (set cafile for a private CA)", pc.tool)
			}
		case "apt-get", "apt", "aptitude":
			for _, o := range []string{"Acquire::https::Verify-Peer", "Acquire::https::Verify-Host"} {
				if aptOptionFalse(pc, o) {
					return hit(nil, "%s -o %s=false accepts any repository certificate; drop it", pc.tool, o)
				}
			}
		}
		return nil
	}
	switch pc.tool {
	case "apk":
		if pc.hasFlag("--allow-untrusted") {
			return hit([]string{"CKV2_DOCKER_7"}, "apk --allow-untrusted installs packages without a valid signature; drop it and add the signing key to /etc/apk/keys")
		}
	case "apt-get", "apt", "aptitude":
		switch {
		case pc.hasFlag("--force-yes"):
			return hit([]string{"CKV2_DOCKER_8", "CKV2_DOCKER_11"}, "%s --force-yes also installs unauthenticated packages; use -y", pc.tool)
		case pc.hasFlag("--allow-unauthenticated", "--allow-insecure-repositories"):
			return hit([]string{"CKV2_DOCKER_8"}, "%s --allow-unauthenticated installs unsigned packages; drop it and add the repository's key (signed-by=)", pc.tool)
		case !aptOptionFalse(pc, "APT::Get::AllowUnauthenticated") && hasAptOption(pc, "APT::Get::AllowUnauthenticated"):
			return hit([]string{"CKV2_DOCKER_8"}, "%s -o APT::Get::AllowUnauthenticated=true installs unsigned packages; drop it", pc.tool)
		}
	case "yum", "dnf", "microdnf", "rpm":
		if pc.hasFlag("--nogpgcheck") {
			return hit([]string{"CKV2_DOCKER_9"}, "%s --nogpgcheck installs packages without checking their signatures; drop it and import the key with rpm --import", pc.tool)
		}
		if v, ok := setopt(pc.cmd, "gpgcheck"); ok && !truthy(v) {
			return hit([]string{"CKV2_DOCKER_9"}, "%s --setopt gpgcheck=%s installs unsigned packages; drop it", pc.tool, v)
		}
		installs := pc.hasFlag("-i", "-U", "-F", "--install", "--upgrade", "--freshen", "--reinstall")
		if pc.tool == "rpm" && installs && pc.hasFlag("--nosignature", "--nodigest", "--nofiledigest", "--noverify") {
			return hit([]string{"CKV2_DOCKER_10"}, "rpm --nosignature/--nodigest installs packages without checking signatures or digests; drop it")
		}
	case "zypper":
		if pc.hasFlag("--no-gpg-checks", "--no-gpgcheck", "-G") {
			return hit(nil, "zypper --no-gpg-checks installs unsigned packages; drop it and import the repository key")
		}
	}
	return nil
}

// setopt returns the value of a yum/dnf `--setopt=[repo.]NAME=value`.
func setopt(c *dockerfile.Command, name string) (string, bool) {
	for i, a := range c.Args {
		opt := ""
		switch {
		case strings.HasPrefix(a, "--setopt="):
			opt = strings.TrimPrefix(a, "--setopt=")
		case a == "--setopt" && i+1 < len(c.Args):
			opt = c.Args[i+1]
		default:
			continue
		}
		k, v, ok := strings.Cut(opt, "=")
		if ok && (strings.EqualFold(k, name) || strings.HasSuffix(strings.ToLower(k), "."+name)) {
			return strings.Trim(v, `"'`), true
		}
	}
	return "", false
}

// gitSSLVerifyOff: `git config [--global] http.sslVerify false` or
// `git -c http.sslVerify=false …`.
func gitSSLVerifyOff(c *dockerfile.Command) bool {
	for i, a := range c.Args {
		k, v, hasEq := strings.Cut(a, "=")
		if !strings.EqualFold(k, "http.sslverify") && !strings.HasSuffix(strings.ToLower(k), ".sslverify") {
			continue
		}
		if !hasEq && i+1 < len(c.Args) {
			v = c.Args[i+1]
		}
		if hasEq || i+1 < len(c.Args) {
			return !truthy(v)
		}
	}
	return false
}

// npmStrictSSLOff: `npm config set strict-ssl false` (or `=false`), `npm
// set …`, `yarn config set …`, or `--strict-ssl=false` on any command.
func npmStrictSSLOff(pc *pkgCall) bool {
	if v, ok := pc.flagValue("--strict-ssl"); ok && !truthy(v) {
		return true
	}
	w := pc.words
	switch {
	case len(w) >= 3 && (w[0] == "config" || w[0] == "c") && w[1] == "set":
		w = w[2:]
	case len(w) >= 2 && w[0] == "set":
		w = w[1:]
	default:
		return false
	}
	k, v, hasEq := strings.Cut(w[0], "=")
	if k != "strict-ssl" && k != "strictSsl" && k != "enableStrictSsl" {
		return false
	}
	if !hasEq {
		if len(w) < 2 {
			return false
		}
		v = w[1]
	}
	return !truthy(v)
}

// writtenText returns the text a command writes into a file: echo or
// printf redirected (or piped into tee), a heredoc fed to cat or tee, or a
// sed edit in place. Text merely printed is not configuration.
func writtenText(c *dockerfile.Command) (string, bool) {
	toFile := func(c *dockerfile.Command) bool {
		for _, r := range c.Redirects {
			if (r.Op == ">" || r.Op == ">>" || r.Op == ">|") && !strings.HasPrefix(r.Target, "/dev/") {
				return true
			}
		}
		return c.PipesTo != nil && c.PipesTo.Is("tee") && len(c.PipesTo.Positionals()) > 0
	}
	switch {
	case c.Is("echo", "printf"):
		return strings.Join(c.Args, " "), toFile(c)
	case c.Is("cat"):
		return c.Stdin, c.Stdin != "" && toFile(c)
	case c.Is("tee"):
		return c.Stdin, c.Stdin != "" && len(c.Positionals()) > 0
	case c.Is("sed"):
		return strings.Join(c.Args, " "), c.HasFlag("-i", "--in-place")
	}
	return "", false
}
