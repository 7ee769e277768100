package rules

import (
	"path"
	"regexp"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// BaseImageLatest: FROM without a tag, or with :latest.
var BaseImageLatest = &Rule{
	ID:       "DKS2001",
	Name:     "base-image-latest",
	Title:    "Base image is untagged or uses :latest",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3006", "DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
	// hadolint splits the concept: DL3006 for no tag, DL3007 for :latest.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1525},
		CIS:      []*t.CISItem{t.CIS4_2},
		CWE:      []*t.CWE{t.CWE1357, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_CM2, t.NIST53_SR3, t.NIST190_4_1_5},
	},
	Doc: Doc{
		Rationale: "`latest` (which an untagged FROM means) is whatever was pushed last: the same Dockerfile " +
			"builds different images on different days, a compromised or broken push flows straight into " +
			"your build, and you cannot tell which base a running image was built on.",
		Impact: "Unreviewed base image changes reach production",
		Fix:    "Name a version tag (`debian:12.7-slim`), and for full reproducibility pin the digest too (`debian:12.7-slim@sha256:…`), updated by a bot such as Renovate or Dependabot.",
		Bad:    Dockerfiles("FROM ubuntu\nRUN echo hi\n", "FROM node:latest\n", "ARG TAG=latest\nFROM alpine:${TAG}\n"),
		Good:   Dockerfiles("FROM ubuntu:24.04\n", "FROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n", "FROM golang:1.23 AS build\nFROM build\n", "FROM scratch\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindFrom}, Check: func(p *Pass, in dockerfile.Instruction) {
		f := in.(*dockerfile.From)
		if f.BaseStage != nil || f.IsScratch() || mayNameStage(p.File, f) {
			return
		}
		img, shown := baseImage(p.File, f)
		if img == "" || strings.HasSuffix(img, ":") {
			// The whole reference, or its tag, comes from a build argument
			// with no default: the builder supplies it, so it is not latest.
			return
		}
		ref := ParseImageRef(img)
		switch {
		case ref.Digest != "":
		case ref.Tag == "":
			p.ReportAliasedf(in.Range(), []string{"DL3006", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
				"base image %s has no tag, so it means :latest; pin a version", shown)
		case ref.Tag == "latest":
			p.ReportAliasedf(in.Range(), []string{"DL3007", "DS-0001", "CKV_DOCKER_7", "DKL-DI-0006"},
				"base image %s uses the mutable :latest tag; pin a version", shown)
		}
	}}},
}

// baseImage is the image a FROM builds on as the builder would see it with
// no --build-arg: unset arguments expand to nothing. It also returns the
// text to show in messages (the expanded value when every variable was
// known, else the reference as written).
//
// A variable that is not a global ARG but is given a default by an ARG
// inside an earlier stage (which FROM cannot see) takes that default: the
// author's evident intent, judged here while UndefinedArgInFrom reports the
// scoping mistake.
func baseImage(file *dockerfile.File, f *dockerfile.From) (img, shown string) {
	if f.Resolved {
		return f.Expanded, f.Expanded
	}
	sc := f.Scope()
	if sc == nil {
		return f.Expanded, f.Image
	}
	// The builder always sets the platform ARGs in FROM; any value will do
	// to see what a reference like busybox${TARGETARCH:+@sha256:…} becomes.
	for name, v := range platformArgValues {
		if pv, ok := sc.Lookup(name); !ok || !pv.Known {
			sc = sc.With(dockerfile.Var{Name: name, Value: v, Known: true})
		}
	}
	exp := sc.Expand(f.Image)
	if len(exp.Unmatched) == 0 {
		return exp.Value, f.Image
	}
	for _, name := range exp.Unmatched {
		if v, ok := stageArgDefault(file, f, name); ok {
			sc = sc.With(dockerfile.Var{Name: name, Value: v, Known: true})
		}
	}
	return sc.Expand(f.Image).Value, f.Image
}

// platformArgValues stand in for the platform ARGs BuildKit sets.
var platformArgValues = map[string]string{
	"BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64",
	"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
}

// mayNameStage reports whether a FROM whose value depends on variables
// could name an earlier stage (`FROM binaries-$TARGETOS` with stages
// binaries-linux and binaries-windows): variables are read as wildcards.
func mayNameStage(file *dockerfile.File, f *dockerfile.From) bool {
	if f.Resolved || !strings.Contains(f.Image, "$") {
		return false
	}
	pattern := varRefRE().ReplaceAllString(strings.ToLower(f.Image), "*")
	for _, s := range file.Stages {
		if s == f.Stage() {
			break
		}
		if ok, err := path.Match(pattern, s.Name); err == nil && ok && s.Name != "" {
			return true
		}
	}
	return false
}

// varRefRE matches $VAR and ${VAR…} references.
var varRefRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`\$\{[^}]*\}|\$[A-Za-z_][A-Za-z0-9_]*`)
})

// stageArgDefault finds the default of an ARG named name declared inside a
// stage before the FROM at.
func stageArgDefault(file *dockerfile.File, at *dockerfile.From, name string) (string, bool) {
	val, found := "", false
	for _, in := range file.Instructions {
		if in == dockerfile.Instruction(at) {
			break
		}
		a, ok := in.(*dockerfile.Arg)
		if !ok || in.Stage() == nil {
			continue
		}
		for _, kv := range a.Cmd.Args {
			if kv.Key == name && kv.Value != nil {
				val, found = *kv.Value, true
			}
		}
	}
	return val, found
}

// ImageRef is a parsed image reference.
type ImageRef struct {
	// Registry is the host part ("" for Docker Hub short names).
	Registry string
	// Repository is the path without registry ("library/alpine" → "alpine"
	// as written).
	Repository string
	Tag        string
	Digest     string
}

// ParseImageRef splits "host:5000/repo/name:tag@sha256:…" leniently; it
// never fails, since rules must judge whatever the author wrote.
func ParseImageRef(s string) ImageRef {
	var r ImageRef
	s, r.Digest, _ = strings.Cut(s, "@")
	name := s
	slash := strings.LastIndexByte(s, '/')
	if colon := strings.LastIndexByte(s, ':'); colon > slash {
		name, r.Tag = s[:colon], s[colon+1:]
	}
	if first, rest, ok := strings.Cut(name, "/"); ok && (strings.ContainsAny(first, ".:") || first == "localhost") {
		r.Registry, r.Repository = first, rest
	} else {
		r.Repository = name
	}
	return r
}

// archiveExts are the sources ADD unpacks, the one thing COPY cannot do.
var archiveExts = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"}

func isArchive(src string) bool { return hasAnySuffix(src, archiveExts...) }

// isHistorySource recognises the `file:<sha256>` and `multi:<sha256>`
// sources of `docker history` output ("ADD file:… in /"), which people paste
// into Dockerfiles when reconstructing one; they name the layer's content,
// not a local file COPY could take.
func isHistorySource(src string) bool {
	return strings.HasPrefix(src, "file:") || strings.HasPrefix(src, "multi:")
}

// IsRemoteSource reports whether an ADD source is fetched over the network.
func IsRemoteSource(src string) bool {
	l := strings.ToLower(src)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasPrefix(l, "ssh://")
}

func isGitSource(src string) bool {
	l := strings.ToLower(src)
	// BuildKit's git sources pin a ref with #ref or ?ref=…&keep-git-dir=1.
	repo := strings.SplitN(strings.SplitN(l, "#", 2)[0], "?", 2)[0]
	return strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasSuffix(repo, ".git")
}

// AddInsteadOfCopy: ADD of local files that COPY handles.
var AddInsteadOfCopy = &Rule{
	ID:       "DKS2002",
	Name:     "add-instead-of-copy",
	Title:    "ADD used where COPY does",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3020", "DS-0005", "CKV_DOCKER_4", "CIS-DI-0009"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1105},
		CIS:      []*t.CISItem{t.CIS4_9},
		CWE:      []*t.CWE{t.CWE829},
		Controls: []*t.Control{t.NIST53_CM7, t.NIST190_4_1_2},
	},
	Doc: Doc{
		Rationale: "ADD has hidden behaviours COPY lacks: it unpacks local archives and fetches URLs. A file " +
			"that happens to look like an archive is silently expanded (a tar can overwrite any path), and a " +
			"reader cannot tell from `ADD src dst` which behaviour was intended.",
		Impact: "Unexpected files written into the image",
		Fix:    "Use COPY for local files and directories; keep ADD only to unpack a local archive deliberately, or for a remote source with `--checksum`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nADD app.py /app/\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nCOPY app.py /app/\n", "FROM alpine:3.20\nADD rootfs.tar.gz /\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
		add := in.(*dockerfile.Add)
		for _, src := range add.Cmd.SourcePaths {
			src = strings.Trim(src, `"'`)
			if IsRemoteSource(src) || isArchive(src) || strings.Contains(src, "$") || isHistorySource(src) {
				return
			}
		}
		p.Reportf(in.Range(), "ADD of local files; use COPY, which neither unpacks archives nor fetches URLs")
	}, History: true}},
}

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
		Rationale: "A file fetched at build time is whatever the server returns that day. Without a checksum " +
			"a compromised mirror, a hijacked domain or a man-in-the-middle puts arbitrary content into the " +
			"image, and the build cannot tell. The rule reports `ADD <url>` without `--checksum`, and files " +
			"fetched with curl or wget that are then executed, made executable, installed (`dpkg -i`, `rpm -i`, " +
			"`install`, moved into a bin directory) or unpacked (`tar x`, `unzip`, `curl … | tar -x`) with no " +
			"`sha256sum`, `gpg --verify`, `cosign verify-blob` or similar check before, in the same RUN or an " +
			"earlier one of the stage.",
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
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
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
		}, History: true},
		StageCheck{Check: checkUnverifiedDownloads},
	},
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

// downloaders fetch URLs to stdout.
var downloaders = []string{"curl", "wget", "fetch"}

// shells interpret a script from stdin.
var shells = []string{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "python", "python3", "perl", "ruby", "node", "php"}

// RemoteScriptPipedToShell: curl … | sh and friends.
var RemoteScriptPipedToShell = &Rule{
	ID:       "DKS2004",
	Name:     "remote-script-piped-to-shell",
	Title:    "Remote script piped into a shell",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1105, t.T1059_004},
		CIS:      []*t.CISItem{t.CIS4_11},
		CWE:      []*t.CWE{t.CWE494, t.CWE829},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SI7, t.NIST190_4_1_3},
	},
	Doc: Doc{
		Rationale: "`curl … | sh` runs whatever the server sends, as root, during the build, with no chance " +
			"to review or verify it. A truncated download runs half a script; a compromised host or CDN runs " +
			"its own.",
		Impact: "Arbitrary code runs as root in the build",
		Fix:    "Download to a file, verify its checksum or signature, then run it: `curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh install.sh`. Better, install from a package repository with signed metadata.",
		Bad:    Dockerfiles("FROM debian:12\nRUN curl -fsSL https://get.example.com | sh\n", "FROM debian:12\nRUN wget -qO- https://get.example.com/install.sh | bash -s -- --yes\n", "FROM debian:12\nRUN sh -c \"$(curl -fsSL https://get.example.com/install.sh)\"\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh \\\n && echo \"0123abcd  /tmp/install.sh\" | sha256sum -c - \\\n && sh /tmp/install.sh\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		s := runScript(in)
		if s == nil {
			return
		}
		for _, c := range s.Commands {
			if c.Is(downloaders...) && c.PipesTo != nil {
				if sh := interpreterOf(c.PipesTo); sh != "" {
					p.ReportLinef(c.PipesTo.Line, "output of %s is piped into %s without verification", c.Base(), sh)
				}
				continue
			}
			if c.Is(shells...) {
				for _, a := range c.Args {
					if substRunsDownload(a) {
						p.ReportLinef(c.Line, "%s runs a script downloaded in the same command without verification", c.Base())
						break
					}
				}
			}
		}
	}, History: true}},
}

// interpreterOf returns the interpreter a piped-into command is, looking
// through sudo and env.
func interpreterOf(c *dockerfile.Command) string {
	if c.Is(shells...) {
		return c.Base()
	}
	if c.Is("sudo", "env", "doas") {
		for _, a := range c.Positionals() {
			if strings.Contains(a, "=") {
				continue
			}
			b := path.Base(a)
			for _, s := range shells {
				if b == s {
					return b
				}
			}
			return ""
		}
	}
	return ""
}

func substRunsDownload(arg string) bool {
	for _, d := range downloaders {
		if strings.Contains(arg, "$("+d+" ") || strings.Contains(arg, "<("+d+" ") || strings.Contains(arg, "`"+d+" ") {
			return true
		}
	}
	return false
}
