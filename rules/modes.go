// File modes as chmod and COPY --chmod set them, and as tar headers show
// them.

package rules

import (
	"fmt"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// modeString renders a tar mode as the octal permission bits with the
// setuid, setgid and sticky bits ("4755").
func modeString(mode int64) string { return fmt.Sprintf("%04o", mode&0o7777) }

// chmodMode is the mode argument of a chmod command.
func chmodMode(c *dockerfile.Command) string {
	for _, a := range c.Args {
		if strings.HasPrefix(a, "--") || a == "-R" || a == "-v" || a == "-f" || a == "-c" || a == "-Rf" || a == "-fR" {
			continue
		}
		return a
	}
	return ""
}

func cutAny(s, seps string) (before, after string, ok bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// checkModes reports the file modes matching bad that a COPY/ADD --chmod,
// a chmod in RUN, or the mode `install -m` and `mkdir -m` create files and
// directories with, sets. bad is told whether the mode is known to be a
// directory's (install -d, mkdir), where a setgid bit is harmless.
func checkModes(p *Pass, in dockerfile.Instruction, bad func(mode string, dir bool) bool, what string) {
	switch x := in.(type) {
	case *dockerfile.Copy:
		if bad(x.Cmd.Chmod, false) {
			p.Reportf(in.Range(), "COPY --chmod=%s %s", x.Cmd.Chmod, what)
		}
	case *dockerfile.Add:
		if bad(x.Cmd.Chmod, false) {
			p.Reportf(in.Range(), "ADD --chmod=%s %s", x.Cmd.Chmod, what)
		}
	case *dockerfile.Run:
		for _, c := range x.Script.Find("chmod", "install", "mkdir") {
			if c.Is("chmod") {
				if mode := chmodMode(c); bad(mode, false) {
					p.ReportLinef(c.Line, "chmod %s %s", mode, what)
				}
				continue
			}
			mode, ok := createMode(c)
			if !ok {
				continue
			}
			if dir := c.Is("mkdir") || c.HasFlag("-d", "--directory"); bad(mode, dir) {
				p.ReportLinef(c.Line, "%s -m %s %s", c.Base(), mode, what)
			}
		}
	}
}

// createMode is the mode install or mkdir creates with: "-m 0777",
// "-m0777", "-Dm755", "--mode 0777", "--mode=0777".
func createMode(c *dockerfile.Command) (string, bool) {
	return shortOrLong(c, "-m", "--mode")
}
