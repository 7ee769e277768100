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
		// made holds the directories the script has created so far: a
		// chmod of those alone changes directories' modes.
		made := map[string]bool{}
		for _, c := range x.Script.Find("chmod", "install", "mkdir") {
			if c.Is("chmod") {
				if mode := chmodMode(c); bad(mode, chmodsMadeDirs(c, mode, made)) {
					p.ReportLinef(c.Line, "chmod %s %s", mode, what)
				}
				continue
			}
			dir := c.Is("mkdir") || c.HasFlag("-d", "--directory")
			if dir {
				addMadeDirs(c, made)
			}
			mode, ok := createMode(c)
			if !ok {
				continue
			}
			if bad(mode, dir) {
				p.ReportLinef(c.Line, "%s -m %s %s", c.Base(), mode, what)
			}
		}
	}
}

// addMadeDirs records the directories mkdir or install -d c creates, and
// for mkdir -p their parents too, as the script writes them.
func addMadeDirs(c *dockerfile.Command, made map[string]bool) {
	parents := c.Is("mkdir") && c.HasFlag("-p", "--parents", "-pv", "-vp")
	skip := false
	for _, a := range c.Args {
		switch {
		case skip:
			skip = false
		case a == "-m" || a == "--mode" || (c.Is("install") && (a == "-o" || a == "-g" || a == "--owner" || a == "--group")):
			skip = true // the option's value follows
		case strings.HasPrefix(a, "-") || a == "":
		default:
			for d := strings.TrimRight(a, "/"); d != "" && !made[d]; {
				made[d] = true
				i := strings.LastIndexByte(d, '/')
				if !parents || i <= 0 {
					break
				}
				d = d[:i]
			}
		}
	}
}

// chmodsMadeDirs reports whether every file chmod c changes (the words
// after mode) is a directory the script created before it.
func chmodsMadeDirs(c *dockerfile.Command, mode string, made map[string]bool) bool {
	seen, any := false, false
	for _, a := range c.Args {
		switch {
		case !seen:
			seen = a == mode
		case strings.HasPrefix(a, "-"):
		case !made[strings.TrimRight(a, "/")]:
			return false
		default:
			any = true
		}
	}
	return any
}

// createMode is the mode install or mkdir creates with: "-m 0777",
// "-m0777", "-Dm755", "--mode 0777", "--mode=0777".
func createMode(c *dockerfile.Command) (string, bool) {
	return shortOrLong(c, "-m", "--mode")
}
