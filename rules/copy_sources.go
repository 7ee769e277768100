// COPY and ADD sources and destinations: arguments with variables expanded,
// stage sources, archives, remote URLs, absolute paths.

package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
)

// copyArgs returns a COPY's or ADD's keyword, sources and destination,
// expanded with the instruction's scope (quotes removed); ok is false for
// other instructions.
func copyArgs(in dockerfile.Instruction) (kw string, srcs []string, dest string, ok bool) {
	switch x := in.(type) {
	case *dockerfile.Copy:
		kw, srcs, dest = "COPY", x.Cmd.SourcePaths, x.Cmd.DestPath
	case *dockerfile.Add:
		kw, srcs, dest = "ADD", x.Cmd.SourcePaths, x.Cmd.DestPath
	default:
		return "", nil, "", false
	}
	out := make([]string, len(srcs))
	for i, s := range srcs {
		out[i] = scopeExpand(in, s)
	}
	return kw, out, scopeExpand(in, dest), true
}

// scopeExpand expands a word with the instruction's scope; variables with no
// known value expand to nothing, as in BuildKit.
func scopeExpand(in dockerfile.Instruction, w string) string {
	if in.Scope() == nil {
		return w
	}
	return in.Scope().Expand(w).Value
}

func hasAnySuffix(w string, suffixes ...string) bool {
	lw := strings.ToLower(w)
	for _, s := range suffixes {
		if strings.HasSuffix(lw, s) {
			return true
		}
	}
	return false
}

// copyFrom returns the --from value of a COPY, unquoted; "" when absent.
func copyFrom(c *dockerfile.Copy) string {
	return strings.Trim(c.Cmd.From, `"'`)
}

// archiveExts are the sources ADD unpacks, the one thing COPY cannot do.
var archiveExts = []string{".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma"}

func isArchive(src string) bool { return hasAnySuffix(src, archiveExts...) }

// IsRemoteSource reports whether an ADD source is fetched over the network.
func IsRemoteSource(src string) bool {
	l := strings.ToLower(src)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "git@") || strings.HasPrefix(l, "git://") || strings.HasPrefix(l, "ssh://")
}

var windowsAbsRE = lazyre.New(`^[A-Za-z]:([\\/]|$)`)

func isAbsPath(p string) bool {
	return strings.HasPrefix(p, "/") || strings.HasPrefix(p, `\`) || windowsAbsRE().MatchString(p)
}
