package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/fix"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
)

// PackageCacheLeft: a package manager's index or download cache written in
// a RUN and not removed in the same RUN stays in that layer for good.
var PackageCacheLeft = &Rule{
	ID:                "DKS3004",
	Name:              "package-cache-left",
	Title:             "Package manager cache left in the image",
	Severity:          Info,
	Since:             "0.1.0",
	Aliases:           []string{"DL3009", "DL3019", "DL3032", "DL3036", "DL3040", "DL3042", "DL3060", "DS-0015", "DS-0019", "DS-0020", "DS-0025", "DS-0027", "DKL-DI-0004", "DKL-DI-0005"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CIS:      []*t.CISItem{t.CIS4_3},
		CWE:      []*t.CWE{t.CWE538},
		Controls: []*t.Control{t.NIST53_CM7},
	},
	Doc: Doc{
		Vulnerability: "Package cache left in the image",
		Mitigation:    "Clean the package cache in the installing RUN.",

		Rationale: "`apt-get update`, `apk add`, `yum`/`dnf`/`zypper install`, `pip install`, `yarn install` and " +
			"`npm ci` write package indexes and downloaded archives to disk. A later RUN cannot shrink the " +
			"layer that holds them, so unless the same RUN removes them they ship with the image: tens to " +
			"hundreds of megabytes to pull, store and scan, and a record of every repository and package " +
			"version the build saw.\n\n" +
			"Only the stage that ships (the last one, or `--target`) and the stages it builds FROM are judged; " +
			"a builder stage's cache never reaches the image. ONBUILD triggers are always judged, since they run " +
			"in whatever image builds on this one. A BuildKit cache or tmpfs mount over the cache directory " +
			"(`RUN --mount=type=cache,target=/var/cache/apt …`) keeps it out of the layer and satisfies the rule.\n\n" +
			"hadolint rates the yum, zypper, dnf and pip cases (DL3032, DL3036, DL3040, DL3042) warnings and the " +
			"others info; the risk is the same for every manager, so this rule is info throughout. Raise it with " +
			"a severity override, per peer ID if you like (`DL3042: warning`).\n\n" +
			"In a built image the rule reports each package cache directory that holds files (apt lists and " +
			"archives, apk, yum, dnf, zypper, pip, npm and yarn caches), once per layer, even when a later layer " +
			"deletes it: the layer that wrote it still carries its bytes.",
		Impact: "Larger image that discloses the build's package sources",
		Fix: "Clean up in the RUN that installs: `apt-get update && apt-get install … && rm -rf /var/lib/apt/lists/*`, " +
			"`apk add --no-cache …`, `yum install … && yum clean all`, `dnf install … && dnf clean all`, " +
			"`zypper install … && zypper clean --all`, `pip install --no-cache-dir …`, `yarn install && yarn cache clean`, " +
			"`npm ci && npm cache clean --force`; or mount a BuildKit cache over the cache directory.",
		SeverityNote: "hadolint rates DL3032, DL3036, DL3040 and DL3042 warnings and DL3009, DL3019 and DL3060 info; a cache left in a layer only costs size: hygiene, info for every package manager.",
		Bad: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n",
			"FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n",
			"FROM python:3.12-slim\nRUN pip install requests==2.32.3\n",
		),
		Good: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\n",
			"FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
			"FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install requests==2.32.3\n",
			"FROM python:3.12 AS build\nRUN pip install requests==2.32.3\nFROM python:3.12-slim\nCOPY --from=build /usr/local/lib/python3.12 /usr/local/lib/python3.12\n",
		),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkPackageCacheLeft, History: true},
		LayerFileCheck{Check: checkPackageCacheLeftLayer},
	},
	// The fixes remove only caches: the same packages are installed.
	Fix: SafeFix,
}

func checkPackageCacheLeft(p *Pass, in dockerfile.Instruction) {
	if !p.LeftoversShip(in) {
		return
	}
	s := scriptOf(in)
	if s == nil {
		return
	}
	var calls []*pkgCall
	for _, c := range s.Commands {
		calls = append(calls, asPkgCall(c))
	}
	for _, cs := range cacheSpecs {
		last := -1
		for i, pc := range calls {
			if pc != nil && cs.produces(p, in, s, pc) {
				last = i
			}
		}
		if last < 0 || cacheMounted(in, cs.dirs, cs.homeDirs...) {
			continue
		}
		cleaned := false
		for i := last + 1; i < len(s.Commands); i++ {
			if removesPath(s.Commands[i], cs.dirs...) || removesHome(s.Commands[i], cs.homeDirs) ||
				(calls[i] != nil && cs.cleans != nil && cs.cleans(calls[i], calls[last])) {
				cleaned = true
			}
		}
		if !cleaned {
			pc := calls[last]
			p.WithFix(func() *Fix { return cacheFix(p, in, &cs, calls) }).ReportAliasedf(dockerfile.LineRange(pc.cmd.Line, pc.cmd.EndLine), cs.peers(pc), "%s %s", strings.TrimSpace(pc.tool+" "+pc.sub()), cs.message)
		}
	}
}

// packageCache is a package manager's cache directory as it appears in a
// layer, and the peer IDs of the image-side check for it.
type packageCache struct {
	dir, what string
	peers     []string
}

// packageCaches are the download and index caches DKS3004 looks for.
// Home-relative ones match under /root and /home/USER.
var packageCaches = []packageCache{
	{"/var/lib/apt/lists", "apt package lists", []string{"DKL-DI-0005"}},
	{"/var/cache/apt/archives", "apt download cache", []string{"DKL-DI-0005"}},
	{"/var/cache/apk", "apk index cache", []string{"DKL-DI-0004"}},
	{"/var/cache/yum", "yum cache", nil},
	{"/var/cache/dnf", "dnf cache", nil},
	{"/var/cache/zypp", "zypper cache", nil},
	{"~/.cache/pip", "pip cache", nil},
	{"~/.npm/_cacache", "npm cache", nil},
	{"~/.cache/yarn", "yarn cache", nil},
	{"/usr/local/share/.cache/yarn", "yarn cache", nil},
}

// cacheOf returns the cache directory p lies in, and which cache it is.
func cacheOf(p string) (string, *packageCache) {
	for i := range packageCaches {
		c := &packageCaches[i]
		dir := c.dir
		if rest, ok := strings.CutPrefix(dir, "~"); ok {
			home := ""
			switch {
			case strings.HasPrefix(p, "/root/"):
				home = "/root"
			case strings.HasPrefix(p, "/home/"):
				user, _, _ := strings.Cut(strings.TrimPrefix(p, "/home/"), "/")
				home = "/home/" + user
			default:
				continue
			}
			dir = home + rest
		}
		if strings.HasPrefix(p, dir+"/") {
			return dir, c
		}
	}
	return "", nil
}

// checkPackageCacheLeftLayer: DKS3004's image side. A regular file in a package
// manager's cache (lock files and empty partial/ directories are what a
// cleaned cache keeps) is reported once per cache and layer. A cache a later
// layer removes still takes its space in the layer that wrote it.
func checkPackageCacheLeftLayer(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() {
		return
	}
	dir, c := cacheOf(f.Path)
	if c == nil || path.Base(f.Path) == "lock" || strings.HasSuffix(f.Path, "/partial/.keep") {
		return
	}
	if !p.Seen(f.LayerDigest + dir) {
		d := *f
		d.Path = dir
		p.ReportFileAliasedf(&d, c.peers, "%s: the %s ships in the image", dir, c.what)
	}
}

// cacheSpec describes one kind of package-manager leftover.
type cacheSpec struct {
	// produces reports whether an invocation writes the cache.
	produces func(p *Pass, in dockerfile.Instruction, s *dockerfile.Script, pc *pkgCall) bool
	// cleans reports whether a later invocation removes what producer left.
	cleans func(pc, producer *pkgCall) bool
	// dirs are the cache directories; homeDirs are per-user ones, as
	// suffixes of the home directory.
	dirs     []string
	homeDirs []string
	peers    func(pc *pkgCall) []string
	message  string
}

func peers(ids ...string) func(*pkgCall) []string {
	return func(*pkgCall) []string { return ids }
}

// cleansAll matches `<same tool> clean all`.
func cleansAll(pc, producer *pkgCall) bool {
	return pc.tool == producer.tool && pc.sub() == "clean" && slices.Contains(pc.operands(), "all")
}

var cacheSpecs = []cacheSpec{
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			return isApt(pc) && pc.sub() == "update"
		},
		// apt 2.7's dist-clean removes the lists as well as the archives.
		cleans: func(pc, _ *pkgCall) bool {
			return isApt(pc) && pc.sub() == "dist-clean"
		},
		dirs:    []string{"/var/lib/apt/lists"},
		peers:   peers("DL3009", "DKL-DI-0005"),
		message: "leaves the package lists in /var/lib/apt/lists; end the RUN with `rm -rf /var/lib/apt/lists/*` or mount a cache there",
	},
	{
		// Debian and Ubuntu images delete downloaded .debs through
		// /etc/apt/apt.conf.d/docker-clean; once that is disabled they stay.
		produces: func(p *Pass, in dockerfile.Instruction, s *dockerfile.Script, pc *pkgCall) bool {
			return isApt(pc) && subIn(pc, "install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall", "build-dep") &&
				aptKeepsDownloads(p, in, s)
		},
		cleans: func(pc, _ *pkgCall) bool {
			return isApt(pc) && (pc.sub() == "clean" || pc.sub() == "autoclean" || pc.sub() == "dist-clean")
		},
		dirs:    []string{"/var/cache/apt/archives"},
		peers:   peers("DL3009"),
		message: "keeps the downloaded .deb files in /var/cache/apt/archives (docker-clean is disabled); end the RUN with `apt-get clean` or mount a cache at /var/cache/apt",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, s *dockerfile.Script, pc *pkgCall) bool {
			// --no-network installs local .apk files without fetching an
			// index, so nothing is cached.
			if pc.tool != "apk" || pc.hasFlag("--no-cache") || pc.hasFlag("--no-network") {
				return false
			}
			// A lone `apk update` is package-update-alone's finding.
			return subIn(pc, "add", "upgrade") || (pc.sub() == "update" && len(s.Find("apk")) > 1)
		},
		dirs:    []string{"/var/cache/apk", "/etc/apk/cache"},
		peers:   peers("DL3019", "DS-0025", "DKL-DI-0004"),
		message: "without --no-cache leaves the package index in /var/cache/apk; add --no-cache or mount a cache there",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			return pc.tool == "yum" && rpmInstalls(pc)
		},
		cleans:  cleansAll,
		dirs:    []string{"/var/cache/yum"},
		peers:   peers("DL3032", "DS-0015"),
		message: "leaves its cache in /var/cache/yum; end the RUN with `yum clean all` or mount a cache there",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			return (pc.tool == "dnf" || pc.tool == "microdnf") && rpmInstalls(pc)
		},
		cleans: cleansAll,
		dirs:   []string{"/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"},
		peers: func(pc *pkgCall) []string {
			if pc.tool == "microdnf" {
				return []string{"DL3040", "DS-0027"}
			}
			return []string{"DL3040", "DS-0019"}
		},
		message: "leaves its cache in /var/cache (dnf, libdnf5 or yum); end the RUN with `clean all` of the same tool or mount a cache there",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			return pc.tool == "zypper" && subIn(pc, "install", "in", "update", "up", "patch", "dist-upgrade", "dup", "remove", "rm", "source-install", "si")
		},
		cleans: func(pc, _ *pkgCall) bool {
			return pc.tool == "zypper" && (pc.sub() == "clean" || pc.sub() == "cc")
		},
		dirs:    []string{"/var/cache/zypp"},
		peers:   peers("DL3036", "DS-0020"),
		message: "leaves its cache in /var/cache/zypp; end the RUN with `zypper clean --all` or mount a cache there",
	},
	{
		produces: func(_ *Pass, in dockerfile.Instruction, s *dockerfile.Script, pc *pkgCall) bool {
			return pc.tool == "pip" && pc.sub() == "install" && !pc.hasFlag("--no-cache-dir") && !pipCacheOff(in, s, pc)
		},
		cleans: func(pc, _ *pkgCall) bool {
			return pc.tool == "pip" && pc.sub() == "cache" && slices.Contains(pc.operands(), "purge")
		},
		dirs:     []string{"/root/.cache/pip"},
		homeDirs: []string{"/.cache/pip"},
		peers:    peers("DL3042"),
		message:  "without --no-cache-dir leaves its cache in ~/.cache/pip; add --no-cache-dir, set PIP_NO_CACHE_DIR=1 or mount a cache there",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			if pc.tool != "yarn" {
				return false
			}
			ops := pc.operands()
			return pc.sub() == "" || subIn(pc, "install", "add") || (pc.sub() == "global" && len(ops) > 0 && ops[0] == "add")
		},
		cleans: func(pc, _ *pkgCall) bool {
			return pc.tool == "yarn" && pc.sub() == "cache" && slices.Contains(pc.operands(), "clean")
		},
		dirs:     []string{"/usr/local/share/.cache/yarn", "/root/.cache/yarn"},
		homeDirs: []string{"/.cache/yarn", "/.yarn/berry/cache"},
		peers:    peers("DL3060"),
		message:  "leaves its cache in /usr/local/share/.cache/yarn; end the RUN with `yarn cache clean` or mount a cache there",
	},
	{
		produces: func(_ *Pass, _ dockerfile.Instruction, _ *dockerfile.Script, pc *pkgCall) bool {
			return pc.tool == "npm" && subIn(pc, "install", "i", "ci", "add")
		},
		cleans: func(pc, _ *pkgCall) bool {
			return pc.tool == "npm" && pc.sub() == "cache" && slices.Contains(pc.operands(), "clean")
		},
		dirs:     []string{"/root/.npm"},
		homeDirs: []string{"/.npm"},
		peers:    peers(),
		message:  "leaves its cache in ~/.npm; end the RUN with `npm cache clean --force` or mount a cache at /root/.npm",
	},
}

func isApt(pc *pkgCall) bool {
	return pc.tool == "apt-get" || pc.tool == "apt" || pc.tool == "aptitude"
}

// removesHome reports whether c removes a per-user cache directory
// (`rm -rf ~/.cache/pip`, `rm -rf /home/app/.npm`).
func removesHome(c *dockerfile.Command, homeDirs []string) bool {
	if !c.Is("rm") || len(homeDirs) == 0 {
		return false
	}
	for _, a := range c.Positionals() {
		a = strings.TrimRight(strings.TrimSuffix(a, "*"), "/")
		for _, h := range homeDirs {
			// Removing ~/.cache removes ~/.cache/pip.
			if strings.HasSuffix(a, h) || (strings.Count(h, "/") > 1 && strings.HasSuffix(a, h[:strings.LastIndexByte(h, '/')])) {
				return true
			}
		}
	}
	return false
}

// aptKeepsDownloads reports whether the image keeps downloaded .debs: the
// RUN, or an earlier one in this stage or a stage it builds on, removed
// /etc/apt/apt.conf.d/docker-clean or set Keep-Downloaded-Packages.
func aptKeepsDownloads(p *Pass, in dockerfile.Instruction, s *dockerfile.Script) bool {
	if disablesDockerClean(s) {
		return true
	}
	type key struct{}
	return earlierMatch(p.File, key{}, in, func(prev dockerfile.Instruction) bool {
		if ob, ok := prev.(*dockerfile.Onbuild); ok {
			prev = ob.Inner
		}
		return prev != nil && disablesDockerClean(scriptOf(prev))
	})
}

func disablesDockerClean(s *dockerfile.Script) bool {
	if s == nil {
		return false
	}
	for _, c := range s.Commands {
		switch {
		case c.Is("rm", "mv", "unlink") && strings.Contains(strings.Join(c.Args, " "), "/etc/apt/apt.conf.d/docker-clean"):
			return true
		case c.Is("echo", "printf") && strings.Contains(strings.Join(c.Args, " "), "Keep-Downloaded-Packages") &&
			strings.Contains(strings.Join(c.Args, " "), "true"):
			return true
		}
	}
	return false
}

// pipCacheOff reports whether PIP_NO_CACHE_DIR switches pip's cache off
// for this invocation: set by ENV or ARG, as a prefix assignment, or
// exported earlier in the script.
func pipCacheOff(in dockerfile.Instruction, s *dockerfile.Script, pc *pkgCall) bool {
	const name = "PIP_NO_CACHE_DIR"
	off := false
	if v, ok := in.Scope().Lookup(name); ok && v.Known {
		off = truthy(v.Value)
	}
	for _, a := range pc.cmd.Assigns {
		if k, v, _ := strings.Cut(a, "="); k == name {
			return truthy(v)
		}
	}
	for _, d := range walkDecls(s) {
		if d.name == name {
			off = truthy(wordText(d.value))
		}
	}
	return off
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

// cacheFixes say how each cache is kept out of the layer, by the cache's
// first directory: a flag for every call that writes it, or a command
// that ends the RUN.
var cacheFixes = map[string]struct{ flag, cleanup string }{
	"/var/lib/apt/lists":           {cleanup: "rm -rf /var/lib/apt/lists/*"},
	"/var/cache/apt/archives":      {cleanup: "apt-get clean"},
	"/var/cache/apk":               {flag: " --no-cache"},
	"/var/cache/yum":               {cleanup: "yum clean all"},
	"/var/cache/zypp":              {cleanup: "zypper clean --all"},
	"/root/.cache/pip":             {flag: " --no-cache-dir"},
	"/usr/local/share/.cache/yarn": {cleanup: "yarn cache clean"},
	"/root/.npm":                   {cleanup: "npm cache clean --force"},
}

// cacheFix keeps cs's cache out of the layer: the flag after each call
// that writes it, or the clean-up at the end of the RUN.
func cacheFix(p *Pass, in dockerfile.Instruction, cs *cacheSpec, calls []*pkgCall) *Fix {
	s := shellRun(in)
	if s == nil {
		return nil
	}
	how, ok := cacheFixes[cs.dirs[0]]
	if cs.dirs[0] == "/var/cache/dnf" {
		// dnf, dnf5 or microdnf: clean with the tool that installed.
		for _, pc := range calls {
			if pc != nil && cs.produces(p, in, s, pc) {
				how, ok = struct{ flag, cleanup string }{cleanup: pc.cmd.Name + " clean all"}, true
			}
		}
	}
	if !ok {
		return nil
	}
	if how.cleanup != "" {
		if how.cleanup == cacheFixes["/var/lib/apt/lists"].cleanup && laterRunNeedsAptLists(p, in) {
			return NoFixf("a later RUN installs with apt without updating: it needs the lists this RUN leaves")
		}
		e, ok := appendCommand(p.File, in, how.cleanup)
		if !ok {
			return nil
		}
		return NewFix("end the RUN with `"+how.cleanup+"`", e)
	}
	var edits []fix.Edit
	for _, pc := range calls {
		if pc == nil || !cs.produces(p, in, s, pc) {
			continue
		}
		if pc.tool == "apk" && pc.sub() == "update" {
			return NoFixf("`apk update` writes the index; drop it, since `apk add --no-cache` fetches a fresh one")
		}
		e, ok := afterSub(p.File, in, pc, how.flag)
		if !ok {
			return nil
		}
		edits = append(edits, e)
	}
	return NewFix("add"+how.flag, edits...)
}

// laterRunNeedsAptLists reports whether a RUN after in, in its stage or a
// stage built on it, installs with apt without `apt-get update` first: it
// would fail once in removes the lists.
func laterRunNeedsAptLists(p *Pass, in dockerfile.Instruction) bool {
	after := false
	for _, x := range p.File.Instructions {
		if x == in {
			after = true
			continue
		}
		if !after || !inStageChain(x.Stage(), in.Stage()) {
			continue
		}
		updated := false
		for _, pc := range pkgCalls(x) {
			if isApt(pc) && pc.sub() == "update" {
				updated = true
			}
			if isApt(pc) && subIn(pc, "install", "upgrade", "dist-upgrade", "full-upgrade", "reinstall", "build-dep", "source") && !updated {
				return true
			}
		}
	}
	return false
}

// inStageChain reports whether s is base or built FROM it.
func inStageChain(s, base *dockerfile.Stage) bool {
	for c := s; c != nil; c = c.Parent {
		if c == base {
			return true
		}
	}
	return false
}
