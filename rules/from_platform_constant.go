package rules

import (
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// FromPlatformConstant: FROM --platform with a literal platform.
var FromPlatformConstant = &Rule{
	ID:       "DKS1020",
	Name:     "from-platform-constant",
	Title:    "FROM --platform uses a constant value",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"FromPlatformFlagConstDisallowed", "DL3029"},
	BuildKit: &linter.RuleFromPlatformFlagConstDisallowed,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "Constant FROM --platform",
		Mitigation:    "Use --platform=$BUILDPLATFORM or drop the flag.",

		Rationale: "`FROM --platform=linux/amd64` pins a stage to one platform whatever the build targets: " +
			"a multi-platform build then ships amd64 binaries in its arm64 image, which fail at run " +
			"time or run under emulation. Use the platform ARGs, or name the stage after the platform " +
			"when pinning is deliberate (BuildKit accepts that).",
		Impact:       "Image ships binaries for the wrong platform",
		Fix:          "Use `--platform=$BUILDPLATFORM` (build stages) or drop the flag; if the pin is intended, put the platform in the stage name (`AS build-amd64`).",
		SeverityNote: "BuildKit's FromPlatformFlagConstDisallowed and hadolint's DL3029 are warnings; a constant platform is often a deliberate single-architecture choice: portability hygiene, info.",
		Bad:          Dockerfiles("FROM --platform=linux/amd64 alpine:3.20\n"),
		Good:         Dockerfiles("FROM --platform=$BUILDPLATFORM alpine:3.20\n", "FROM --platform=linux/amd64 alpine:3.20 AS tools-amd64\n"),
		Refs:         []string{buildKitDoc("from-platform-flag-const-disallowed"), hadolintDoc("DL3029")},
	},
	Checks: []Check{StageCheck{Check: checkFromPlatformConstantStage}},
}

func checkFromPlatformConstantStage(p *Pass, s *dockerfile.Stage) {
	if s.From == nil || s.From.Platform == "" {
		return
	}
	env, _ := globalArgs(p, true)
	res, err := p.File.Lex().ProcessWordWithMatches(s.From.Platform, env)
	if err != nil || len(res.Matched) > 0 || len(res.Unmatched) > 0 {
		return
	}
	os, arch, ok := parsePlatform(res.Result)
	if !ok || strings.Contains(s.Name, os) || (arch != "" && strings.Contains(s.Name, arch)) {
		return
	}
	p.ReportLinef(s.Line(), "FROM --platform flag should not use constant value %q", res.Result)
}

var platformComponentRE = lazyre.New(`^[A-Za-z0-9_.-]+$`)

var knownOS = []string{"aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos"}

var archAliases = map[string]string{"x86_64": "amd64", "x86-64": "amd64", "aarch64": "arm64", "armhf": "arm", "armel": "arm", "i386": "386", "i686": "386"}

var knownArch = []string{"386", "amd64", "arm", "arm64", "loong64", "mips", "mips64", "mips64le", "mipsle", "ppc64", "ppc64le", "riscv64", "s390x", "wasm"}

// parsePlatform reads os[/arch[/variant]] the way containerd's
// platforms.Parse accepts it: a lone component must be a known OS or
// architecture; with two or more, any well-formed os/arch is accepted.
// arch is "" when only an OS was given.
func parsePlatform(s string) (os, arch string, ok bool) {
	parts := strings.Split(s, "/")
	for _, c := range parts {
		if !platformComponentRE().MatchString(c) {
			return "", "", false
		}
	}
	norm := func(a string) string {
		a = strings.ToLower(a)
		if n, ok := archAliases[a]; ok {
			return n
		}
		return a
	}
	switch len(parts) {
	case 1:
		c := strings.ToLower(parts[0])
		if slices.Contains(knownOS, c) {
			return c, "", true
		}
		if a := norm(c); slices.Contains(knownArch, a) {
			return "linux", a, true
		}
		return "", "", false
	case 2, 3:
		return strings.ToLower(parts[0]), norm(parts[1]), true
	}
	return "", "", false
}
