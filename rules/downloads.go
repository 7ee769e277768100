// Download commands (curl, wget) and what they fetch: options, output files,
// archives extracted, shells fed.

package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

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

// shells interpret a script from stdin.
var shells = []string{"sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "python", "python3", "perl", "ruby", "node", "php"}
