package rules

import (
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// WorldWritablePermissions: chmod 777 / o+w, and files or directories
// created world-writable (install -m, mkdir -m, COPY/ADD --chmod).
var WorldWritablePermissions = &Rule{
	ID:       "DKS4003",
	Name:     "world-writable-permissions",
	Title:    "Files made world-writable",
	Severity: Warning,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1222},
		CWE:      []*t.CWE{t.CWE732},
		Controls: []*t.Control{t.NIST53_AC3, t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "World-writable files",
		Mitigation:    "Give ownership to the writer; use 755/644.",

		Rationale: "A world-writable file or directory (mode 777, o+w) can be replaced by any user in the " +
			"container. If it is a binary, a script or a config read by a more privileged process, that is " +
			"a path to code execution as that process. The rule reads `chmod`, the mode `install -m` and " +
			"`mkdir -m` create with, and `COPY`/`ADD --chmod`. Left alone, as nothing world-writable ships: sticky " +
			"directories (1777, like /tmp, also when a later `chmod +t` of the same RUN makes them so), files in the " +
			"temporary directories, and a directory the same RUN removes again (mktemp's build directory).",
		SeverityNote: "A warning where the image ships the file. Info in a development container (a file under " +
			"`.devcontainer/`, a stage named dev, development or dev-envs), in a stage whose layers are not the image's " +
			"and that starts no process of its own (a builder or test stage; a COPY --from still takes the modes of " +
			"what it copies), and for a COPY/ADD --chmod whose " +
			"mode a later RUN reads back with `stat -c %a` (a builder's own test of --chmod, on dummy files).",
		Impact: "Any process can alter the application's files",
		Fix:    "Give ownership to the user that needs to write (`COPY --chown=app`, `chown app`) and use 755/644 (or 775/664 with a shared group).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN chmod -R 777 /app\n", "FROM alpine:3.20\nCOPY --chmod=777 app /app\n", "FROM debian:12\nRUN install -d -m 0777 /app/uploads\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN chmod -R 755 /app\n", "FROM alpine:3.20\nRUN chmod 1777 /tmp/cache\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkWorldWritablePermissions, History: true},
		LayerFileCheck{Check: checkWorldWritablePermissionsLayer, LiveOnly: true},
	},
}

func checkWorldWritablePermissions(p *Pass, in dockerfile.Instruction) {
	// report lowers a finding to info when the stage is not one anyone
	// deploys: its files are writable by users that never exist.
	report := func(line int, format string, args ...any) {
		rng := dockerfile.LineRange(line, line)
		if why := worldWritableHarmless(p, in); why != "" {
			p.ReportAtf(Info, rng, nil, format+"; "+why, args...)
			return
		}
		p.Reportf(rng, format, args...)
	}
	switch x := in.(type) {
	case *dockerfile.Copy:
		checkCopyChmod(p, in, "COPY", x.Cmd.Chmod, x.Cmd.DestPath, report)
	case *dockerfile.Add:
		checkCopyChmod(p, in, "ADD", x.Cmd.Chmod, x.Cmd.DestPath, report)
	case *dockerfile.Run:
		if x.Script == nil {
			return
		}
		cmds := x.Script.Commands
		for i, c := range cmds {
			var mode string
			switch {
			case c.Is("chmod"):
				mode = chmodMode(c)
			case c.Is("install", "mkdir"):
				mode, _ = createMode(c)
			default:
				continue
			}
			if !worldWritableMode(mode, false) || madeSafeLater(modeTargets(c, mode), cmds[i+1:]) {
				continue
			}
			if c.Is("chmod") {
				report(c.Line, "chmod %s makes files world-writable", mode)
			} else {
				report(c.Line, "%s -m %s makes files world-writable", c.Base(), mode)
			}
		}
	}
}

// checkCopyChmod: COPY or ADD --chmod=mode into dest. A file copied into
// a temporary directory is as the layer check sees it: expected to be
// writable by anyone. A mode that a later RUN of the stage reads back
// (`stat -c %a dest`) is a builder's test of --chmod (kaniko's and
// buildah's suites), whose file is a dummy: reported at info.
func checkCopyChmod(p *Pass, in dockerfile.Instruction, kw, mode, dest string, report func(int, string, ...any)) {
	if !worldWritableMode(mode, false) || inTempDir(path.Clean(dest)) {
		return
	}
	line := in.Range().StartLine
	if modeReadBack(in, dest) {
		p.ReportAtf(Info, dockerfile.LineRange(line, in.Range().EndLine), nil,
			"%s --chmod=%s makes files world-writable; a later RUN reads the mode back with stat, as a builder's test of --chmod does", kw, mode)
		return
	}
	report(line, "%s --chmod=%s makes files world-writable", kw, mode)
}

// worldWritableHarmless says why the stage of in is one whose
// world-writable files matter less ("" when they matter): a development
// container's, or a builder or test stage: one whose layers are not the
// image's and that starts no process of its own. (A stage with its own
// CMD or ENTRYPOINT is an image too, built with --target: hadolint's
// Dockerfile ships three.)
func worldWritableHarmless(p *Pass, in dockerfile.Instruction) string {
	s := in.Stage()
	if why := devEnvironment(p, s); why != "" {
		return why
	}
	if s == nil || p.History || p.LeftoversShip(in) {
		return ""
	}
	if _, ok := finalProcess(s); ok {
		return ""
	}
	return "stage " + s.Ref() + " is a builder or test stage, not the image (a COPY --from still takes the modes of what it copies)"
}

// modeTargets are the files mode applies to in c: chmod's operands after
// the mode, the directories mkdir and install -d create, the destination
// install copies to.
func modeTargets(c *dockerfile.Command, mode string) []string {
	switch {
	case c.Is("chmod"):
		var out []string
		seen := false
		for _, a := range c.Args {
			switch {
			case !seen:
				seen = a == mode
			case !strings.HasPrefix(a, "-"):
				out = append(out, a)
			}
		}
		return out
	case c.Is("mkdir"):
		return c.Positionals("-m", "--mode")
	case c.Is("install"):
		ps := c.Positionals("-m", "--mode", "-o", "--owner", "-g", "--group", "-t", "--target-directory", "-S", "--suffix")
		if c.HasFlag("-d", "--directory") || len(ps) == 0 {
			return ps
		}
		return ps[len(ps)-1:]
	}
	return nil
}

// madeSafeLater reports whether every target is, by the commands that
// follow in the same RUN, either made sticky (chmod +t, o+t, 1777: a
// shared directory like /tmp), or removed (rm of it or a directory above
// it: a build directory that never reaches the layer); or is a file in a
// temporary directory. No targets (a mode for words that are not paths) is
// not safe.
func madeSafeLater(targets []string, later []*dockerfile.Command) bool {
	if len(targets) == 0 {
		return false
	}
	for _, t := range targets {
		t = strings.TrimRight(t, "/")
		if t == "" {
			return false
		}
		// A file in a temporary directory, not the directory itself:
		// chmod 777 /tmp drops its sticky bit (openfaas' templates).
		if c := path.Clean(t); strings.HasPrefix(t, "/") && inTempDir(c) && !slices.Contains(tempDirs, c) {
			continue
		}
		safe := false
		for _, c := range later {
			switch {
			case c.Is("chmod"):
				mode := chmodMode(c)
				safe = stickyMode(mode) && slices.ContainsFunc(modeTargets(c, mode), func(a string) bool { return strings.TrimRight(a, "/") == t })
			case c.Is("rm"):
				safe = slices.ContainsFunc(c.Positionals(), func(a string) bool {
					a = strings.TrimRight(a, "/")
					return a != "" && (a == t || strings.HasPrefix(t, a+"/"))
				})
			}
			if safe {
				break
			}
		}
		if !safe {
			return false
		}
	}
	return true
}

// stickyMode reports a chmod mode that sets the sticky bit: +t, o+t, a
// numeric mode with 01000.
func stickyMode(mode string) bool {
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 4 {
		return n&0o1000 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		if _, perm, ok := cutAny(clause, "+="); ok && strings.Contains(perm, "t") {
			return true
		}
	}
	return false
}

// modeReadBack reports whether a RUN after in, in its stage, runs stat with
// a format that prints the mode (%a, %A) of dest or of a path under it.
func modeReadBack(in dockerfile.Instruction, dest string) bool {
	dest = strings.TrimRight(dest, "/")
	if dest == "" {
		return false
	}
	for _, x := range laterInStage(in) {
		r, ok := x.(*dockerfile.Run)
		if !ok || r.Script == nil {
			continue
		}
		for _, c := range r.Script.Find("stat") {
			f, ok := c.FlagValue("-c", "--format", "--printf")
			if !ok || !strings.Contains(f, "%a") && !strings.Contains(f, "%A") {
				continue
			}
			if slices.ContainsFunc(c.Positionals("-c", "--format", "--printf"), func(a string) bool {
				return a == dest || strings.HasPrefix(a, dest+"/")
			}) {
				return true
			}
		}
	}
	return false
}

// tempDirs are where world-writable files are expected.
var tempDirs = []string{"/tmp", "/var/tmp", "/dev/shm", "/run/lock", "/var/lock"}

func inTempDir(p string) bool {
	for _, d := range tempDirs {
		if p == d || strings.HasPrefix(p, d+"/") {
			return true
		}
	}
	return false
}

// checkWorldWritablePermissionsLayer: a file or directory anyone may write, outside the
// temporary directories. Sticky directories (1777) are safe, as on the
// Dockerfile side; links have no permissions of their own.
func checkWorldWritablePermissionsLayer(p *ImagePass, f *image.Entry) {
	if !(f.IsRegular() || f.IsDir()) || f.Header.Mode&0o002 == 0 || inTempDir(f.Path) {
		return
	}
	if f.IsDir() && f.Header.Mode&0o1000 != 0 {
		return
	}
	what := "file"
	if f.IsDir() {
		what = "directory"
	}
	p.ReportFilef(f, "%s is a world-writable %s (mode %s)", f.Path, what, modeString(f.Header.Mode))
}

// worldWritableMode reports whether a chmod mode grants write to others,
// leaving out sticky directories (1777, like /tmp), which are safe.
func worldWritableMode(mode string, _ bool) bool {
	if mode == "" {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 3 {
		if n&0o1000 != 0 {
			return false
		}
		return n&0o002 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		who, perm, ok := cutAny(clause, "+=")
		if !ok || strings.Contains(perm, "t") {
			continue
		}
		if (who == "" || strings.ContainsAny(who, "oa")) && strings.Contains(perm, "w") {
			return true
		}
	}
	return false
}
