// Packages installed straight from a URL or a git branch: pip and npm
// fetch the code and install it with nothing checking what came back.

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// checkUnverifiedInstalls: DKS2003's package-manager side. A pip install
// of an archive URL without a #sha256= hash (or --require-hashes), an npm
// install of a tarball URL, and a pip or npm install of a git source with
// no ref or a branch (a commit or a tag pins it) install code nobody
// verified.
func checkUnverifiedInstalls(p *Pass, in dockerfile.Instruction) {
	for _, pc := range pkgCalls(in) {
		switch pc.tool {
		case "pip", "pipx":
			if pc.sub() != "install" || pc.hasFlag("--require-hashes") {
				continue
			}
			for _, op := range pc.operands() {
				op = strings.Trim(op, `"'`)
				if isVCSSpec(op) {
					if ref, ok := movingRef(vcsRef(op, "@")); ok {
						p.ReportLinef(pc.cmd.Line, "%s install of %s follows %s: the code installed is whatever the branch holds that day; pin a commit or a tag", pc.tool, redactURL(op), ref)
					}
					continue
				}
				if isArchiveURL(op) && !strings.Contains(op, "#sha256=") && !strings.Contains(op, "#sha384=") && !strings.Contains(op, "#sha512=") {
					p.ReportLinef(pc.cmd.Line, "%s install of %s downloads an archive%s and installs it without a hash; add #sha256=<digest> or use --require-hashes", pc.tool, redactURL(op), archiveBranch(op))
				}
			}
		case "npm", "yarn", "pnpm":
			if sub := pc.sub(); sub != "install" && sub != "i" && sub != "add" {
				continue
			}
			for _, op := range pc.operands() {
				op = strings.Trim(op, `"'`)
				switch {
				case npmGitish(op) && !isLocalPath(op) && !strings.Contains(op, "$"):
					_, frag, _ := strings.Cut(op, "#")
					if ref, ok := movingRef(strings.TrimPrefix(frag, "semver:")); ok {
						p.ReportLinef(pc.cmd.Line, "%s %s of %s follows %s: the code installed is whatever the branch holds that day; pin a commit or a tag (#<commit>)", pc.tool, pc.sub(), redactURL(op), ref)
					}
				case isArchiveURL(op):
					p.ReportLinef(pc.cmd.Line, "%s %s of %s downloads a tarball%s and installs it with no integrity check; publish it to a registry or verify it with sha256sum first", pc.tool, pc.sub(), redactURL(op), archiveBranch(op))
				}
			}
		}
	}
}

// isVCSSpec reports whether a pip requirement is a VCS URL (git+https://…).
func isVCSSpec(w string) bool {
	for _, v := range vcsPrefixes {
		if strings.HasPrefix(w, v) {
			return true
		}
	}
	return false
}

// isArchiveURL reports whether w is an http(s) URL of an archive or a
// wheel (an index URL given to --index-url is not one).
func isArchiveURL(w string) bool {
	l := strings.ToLower(w)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return false
	}
	l, _, _ = strings.Cut(l, "#")
	l, _, _ = strings.Cut(l, "?")
	return hasAnySuffix(l, ".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".tar")
}

// vcsRef is the revision a VCS URL names after its path (…repo.git@v1.0),
// "" when none (user@host is not one).
func vcsRef(u, sep string) string {
	u, _, _ = strings.Cut(u, "#")
	if _, rest, ok := strings.Cut(u, "://"); ok {
		u = rest
	}
	_, p, ok := strings.Cut(u, "/")
	if !ok {
		return ""
	}
	if i := strings.LastIndex(p, sep); i >= 0 {
		return p[i+len(sep):]
	}
	return ""
}

// branchNames are the refs that name a branch everywhere; any other ref
// (a commit, a tag, a release branch) is taken as pinned.
var branchNames = map[string]bool{
	"main": true, "master": true, "develop": true, "development": true, "dev": true, "trunk": true,
	"head": true, "latest": true, "stable": true, "nightly": true, "next": true, "canary": true,
}

// movingRef says whether a ref moves: none at all, or a branch name. The
// text to report comes second.
func movingRef(ref string) (string, bool) {
	switch {
	case ref == "":
		return "the default branch (no ref)", true
	case strings.Contains(ref, "$"):
		return "", false
	case branchNames[strings.ToLower(ref)] || strings.HasPrefix(ref, "refs/heads/"):
		return "the branch " + ref, true
	}
	return "", false
}

// archiveRE matches a forge's archive of a ref (GitHub, GitLab, Gitea):
// …/archive/<ref>.zip, …/archive/refs/heads/<ref>.tar.gz.
var archiveRE = lazyre.New(`/archive/(?:refs/heads/)?([^/]+?)\.(?:zip|tar\.gz|tgz|tar\.bz2)$`)

// archiveBranch names the branch a forge archive URL follows, for the
// message: " of the branch main", or "".
func archiveBranch(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	m := archiveRE().FindStringSubmatch(u)
	if m == nil {
		return ""
	}
	if ref, ok := movingRef(path.Base(m[1])); ok && (strings.Contains(u, "/refs/heads/") || ref != "the default branch (no ref)") {
		return " of " + ref
	}
	return ""
}
