package rules

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PrivilegeGranted: the build gives an account a way to root: a sudoers
// rule with NOPASSWD, or membership of a group that administers the
// system (sudo, wheel, admin) or the Docker engine (docker), or of root's
// group.
var PrivilegeGranted = &Rule{
	ID:       "DKS4009",
	Name:     "privilege-granted",
	Title:    "Account granted passwordless sudo or a privileged group",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1098, t.T1078},
		CWE:      []*t.CWE{t.CWE269, t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6},
	},
	Doc: Doc{
		Vulnerability: "Passwordless sudo or admin group",
		Mitigation:    "Do root's work before USER; grant no sudo.",

		Rationale: "A container that runs as an unprivileged user is only as unprivileged as that user's " +
			"rights. A sudoers rule with `NOPASSWD` (written by `echo … >> /etc/sudoers`, `tee`, `sed -i`, a " +
			"heredoc, or a COPY whose file in the build context says so) lets anyone who gets a shell as the " +
			"user become root with no secret at all, undoing `USER`. Membership of `sudo`, `wheel` or " +
			"`admin` (`usermod -aG sudo`, `gpasswd -a`, `adduser u sudo`, `useradd -G wheel`) is the same " +
			"grant through the distribution's sudoers policy. Both are reported as warnings in a stage that " +
			"ships, as info in a builder stage whose layers the image does not carry.\n\n" +
			"Two groups are reported as info: `docker`, which is root on the host only when the Docker " +
			"socket is mounted (docker-socket-volume reports that), and `root`, whose members may write the " +
			"files root's group may write; a primary group of root (`useradd -g 0`) is OpenShift's " +
			"convention for arbitrary UIDs and is not reported. `adm` is not reported: it reads logs and " +
			"grants nothing more.",
		Impact: "Any process running as the user becomes root",
		Fix: "Run the steps that need root before `USER`, as root, and ship no sudoers rule; a service " +
			"that must step down at start uses `gosu`, `su-exec` or `setpriv` in its entrypoint, run as root. " +
			"If one command must run as root later, grant that command alone, with a password.",
		Bad: Dockerfiles(
			"FROM debian:12\nRUN useradd -m app && echo 'app ALL=(ALL) NOPASSWD: ALL' >> /etc/sudoers\nUSER app\n",
			"FROM ubuntu:24.04\nRUN useradd -m dev && usermod -aG sudo dev\nUSER dev\n",
		),
		Good: Dockerfiles(
			"FROM debian:12\nRUN useradd -m app\nUSER app\n",
			"FROM registry.access.redhat.com/ubi9/ubi-minimal:9.4\nRUN useradd -u 1001 -g 0 app\nUSER 1001\n",
		),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkPrivilegeGranted}},
}

// isSudoersFile reports whether a path is the sudoers policy or a drop-in.
func isSudoersFile(f string) bool {
	f = strings.Trim(f, `"'`)
	return f == "/etc/sudoers" || strings.HasPrefix(f, "/etc/sudoers.d/")
}

// nopasswdRE finds a NOPASSWD tag and the commands it covers.
var nopasswdRE = lazyre.New(`NOPASSWD\s*:\s*(.*)$`)

func checkPrivilegeGranted(p *Pass, in dockerfile.Instruction) {
	shipped := p.LeftoversShip(in)
	sev := Warning
	where := ""
	if !shipped {
		sev, where = Info, " (in a stage the image does not ship)"
	}
	for _, w := range fileWrites(p, in, isSudoersFile) {
		for _, l := range configLines(w.text) {
			m := nopasswdRE().FindStringSubmatch(l)
			if m == nil {
				continue
			}
			who, _, _ := strings.Cut(l, " ")
			switch {
			case who == "ALL":
				who = "every user"
			case strings.HasPrefix(who, "%"):
				who = "members of group " + who[1:]
			}
			cmds := strings.TrimSpace(m[1])
			if cmds == "ALL" || cmds == "" {
				cmds = "every command"
			}
			p.ReportAtf(sev, dockerfile.LineRange(w.line, w.line), nil,
				"%s writes a NOPASSWD rule into %s: %s may run %s as root with no password%s", w.how, strings.Trim(w.file, `"'`), who, cmds, where)
			break
		}
	}
	s := scriptOf(in)
	if s == nil {
		return
	}
	for _, c := range s.Commands {
		for _, g := range groupsJoined(c) {
			gsev, what := privilegedGroup(g.group)
			if what == "" {
				continue
			}
			if sev > gsev { // a builder stage lowers a warning to info
				gsev = sev
			}
			p.ReportAtf(gsev, dockerfile.LineRange(c.Line, c.Line), nil, "%s adds %s to the %s group, %s%s", c.Base(), g.user, g.group, what, where)
		}
	}
}

// privilegedGroup says how much a group grants: the severity to report
// membership at and why; "" for a group that grants nothing to report.
func privilegedGroup(g string) (Severity, string) {
	switch g {
	case "sudo", "wheel", "admin":
		return Warning, "whose members may run any command as root through sudo, given their password"
	case "docker":
		return Info, "which is root on the host wherever the Docker socket is mounted"
	case "root", "0":
		return Info, "whose members may change the files root's group may write"
	}
	return 0, ""
}

// groupJoin is one account put into one group.
type groupJoin struct{ user, group string }

// groupsJoined lists the groups c puts an account into: usermod and
// useradd -G (supplementary) and -g (primary, except root's group, the
// OpenShift convention), gpasswd -a, Debian's `adduser USER GROUP` and
// --ingroup, BusyBox's `addgroup USER GROUP` and `adduser -G GROUP`.
func groupsJoined(c *dockerfile.Command) []groupJoin {
	var out []groupJoin
	split := func(user, list string) {
		for g := range strings.SplitSeq(strings.Trim(list, `"'`), ",") {
			if g = strings.TrimSpace(g); g != "" {
				out = append(out, groupJoin{user: user, group: g})
			}
		}
	}
	last := func(valued ...string) string {
		pos := c.Positionals(valued...)
		if len(pos) == 0 {
			return "an account"
		}
		return pos[len(pos)-1]
	}
	switch {
	case c.Is("usermod", "useradd"):
		valued := []string{"-G", "--groups", "-g", "--gid", "-u", "--uid", "-d", "--home", "--home-dir", "-s", "--shell", "-c", "--comment", "-p", "--password", "-e", "--expiredate", "-f", "--inactive", "-k", "--skel", "-K", "--key", "-l", "--login", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user", "-b", "--base-dir"}
		user := last(valued...)
		if v, ok := shortOrLong(c, "-G", "--groups"); ok {
			split(user, v)
		}
		if v, ok := c.FlagValue("-g", "--gid"); ok && v != "root" && v != "0" {
			split(user, v)
		}
	case c.Is("gpasswd"):
		if v, ok := shortOrLong(c, "-a", "--add"); ok {
			out = append(out, groupJoin{user: v, group: last("-a", "--add", "-d", "--delete", "-M", "--members", "-A", "--administrators", "-Q", "--root")})
		}
	case c.Is("adduser", "addgroup"):
		valued := []string{"-h", "--home", "-g", "--gecos", "-s", "--shell", "-G", "--ingroup", "-u", "--uid", "--gid", "-k", "--conf", "--firstuid", "--lastuid", "--comment", "--add_extra_groups", "--add-extra-groups"}
		pos := c.Positionals(valued...)
		if len(pos) == 2 {
			out = append(out, groupJoin{user: pos[0], group: pos[1]})
			break
		}
		if c.Is("adduser") && len(pos) == 1 {
			if v, ok := c.FlagValue("--ingroup", "-G"); ok && v != "root" && v != "0" {
				out = append(out, groupJoin{user: pos[0], group: v})
			}
		}
	}
	return slices.DeleteFunc(out, func(g groupJoin) bool { return strings.ContainsAny(g.group, "$`") })
}
