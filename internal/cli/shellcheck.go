package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// shellCheck finds the shellcheck binary the ShellCheck rule (DKS3900)
// runs: DOCKSTRIDE_SHELLCHECK names it (or switches it off with "off"),
// else it is looked up on the PATH of the command's environment. Without
// it the rule stays silent, and --verbose says so once.
func (g *globals) shellCheck() string {
	getenv := g.io.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	switch v := strings.TrimSpace(getenv("DOCKSTRIDE_SHELLCHECK")); strings.ToLower(v) {
	case "off", "false", "0", "no":
		g.sayf("ShellCheck switched off by DOCKSTRIDE_SHELLCHECK; DKS3900 is skipped")
		return ""
	case "":
	default:
		if isExecutable(v) {
			return v
		}
		g.sayf("DOCKSTRIDE_SHELLCHECK=%s is not an executable file; DKS3900 is skipped", v)
		return ""
	}
	for _, dir := range filepath.SplitList(getenv("PATH")) {
		if dir == "" {
			continue
		}
		if p := filepath.Join(dir, "shellcheck"); isExecutable(p) {
			return p
		}
	}
	g.sayf("shellcheck not found on PATH; ShellCheck diagnostics (DKS3900) are skipped")
	return ""
}

func isExecutable(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// sayf prints a note on stderr with --verbose.
func (g *globals) sayf(format string, args ...any) {
	if g.isVerbose() {
		fmt.Fprintf(g.io.Err, "dockstride: "+format+"\n", args...)
	}
}
