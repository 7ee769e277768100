// git clone of a moving ref: the code built into the image is whatever the
// branch holds on the day of the build.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// cloneValued are git clone's options that take a value.
var cloneValued = []string{
	"-b", "--branch", "--depth", "-o", "--origin", "-c", "--config", "--reference", "--reference-if-able",
	"--separate-git-dir", "-j", "--jobs", "--filter", "-u", "--upload-pack", "--template",
	"--shallow-since", "--shallow-exclude", "--server-option", "--bundle-uri",
}

// checkGitCloneUnpinned: DKS2003's git side, at info. A `git clone` of the
// default branch or of a branch such as main, in a stage whose layers ship
// (or an ONBUILD trigger), with no later checkout of a commit or tag in the
// stage, builds unreviewed code that changes under the same Dockerfile. It
// is info: git checks what it fetches against the commit ids, and the
// server is named; only the ref moves.
func checkGitCloneUnpinned(p *Pass, in dockerfile.Instruction) {
	if !p.LeftoversShip(in) {
		return
	}
	sc := runScript(in)
	if sc == nil {
		return
	}
	for i, c := range sc.Commands {
		if !c.Is("git") || gitSubcommand(c) != "clone" {
			continue
		}
		ops := c.Positionals(cloneValued...)
		if len(ops) < 2 { // "clone" and the repository
			continue
		}
		repo := expandWord(in, ops[1])
		ref, _ := c.FlagValue("-b", "--branch")
		ref = expandWord(in, ref)
		what, moving := movingRef(ref)
		if !moving || checksOutLater(p, in, sc.Commands[i+1:]) {
			continue
		}
		p.ReportAtf(Info, dockerfile.LineRange(c.Line, c.EndLine), nil,
			"git clone of %s follows %s: the code in the image is whatever the branch holds on the day of the build; clone a tag (--branch v1.2.3) or check out a commit", redactURL(repo), what)
	}
}

// gitSubcommand is git's subcommand, after its global options (-C DIR,
// -c KEY=VALUE).
func gitSubcommand(c *dockerfile.Command) string {
	for i := 0; i < len(c.Args); i++ {
		switch a := c.Args[i]; {
		case a == "-C" || a == "-c" || a == "--git-dir" || a == "--work-tree":
			i++
		case strings.HasPrefix(a, "-"):
		default:
			return a
		}
	}
	return ""
}

// checksOutLater reports whether a git checkout, switch --detach or reset
// --hard of a ref that does not move follows, in the rest of the RUN (cmds)
// or a later RUN of the stage.
func checksOutLater(p *Pass, in dockerfile.Instruction, cmds []*dockerfile.Command) bool {
	if pinsCheckout(in, cmds) {
		return true
	}
	for _, x := range laterInStage(in) {
		if sc := runScript(x); sc != nil && pinsCheckout(x, sc.Commands) {
			return true
		}
	}
	return false
}

// pinsCheckout reports whether one of cmds checks out a commit or a tag.
func pinsCheckout(in dockerfile.Instruction, cmds []*dockerfile.Command) bool {
	for _, c := range cmds {
		if !c.Is("git") {
			continue
		}
		sub := gitSubcommand(c)
		if sub != "checkout" && sub != "switch" && sub != "reset" && sub != "fetch" {
			continue
		}
		if sub == "reset" && !c.HasFlag("--hard") {
			continue
		}
		ops := c.Positionals("-C", "-c", "-b", "-B", "--depth", "--git-dir", "--work-tree")
		// ops[0] is the subcommand; git fetch names the remote first
		// (git fetch --depth 1 origin <sha>).
		refs := ops[min(1, len(ops)):]
		if sub == "fetch" && len(refs) > 0 {
			refs = refs[1:]
		}
		for _, r := range refs {
			if r == "FETCH_HEAD" || r == "-" || r == "." {
				continue
			}
			if _, moving := movingRef(expandWord(in, r)); !moving {
				return true
			}
		}
	}
	return false
}
