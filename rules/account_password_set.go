package rules

import (
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lazyre"
	t "github.com/dockstride/dockstride/internal/threat"
)

// AccountPasswordSet: a RUN gives an account a password (or removes it),
// which every container of the image then shares.
var AccountPasswordSet = &Rule{
	ID:       "DKS3011",
	Name:     "account-password-set",
	Title:    "Account password set or removed during the build",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"CKV2_DOCKER_17", "DKL-LI-0001"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE798, t.CWE259, t.CWE258},
		Controls: []*t.Control{t.Top10_A07, t.NIST53_IA5},
	},
	Doc: Doc{
		Vulnerability: "Account password in the image",
		Mitigation:    "Lock accounts; give passwords at run time.",

		Rationale: "`chpasswd`, `passwd --stdin`, `useradd -p` and `usermod -p` bake an account password into " +
			"/etc/shadow: every container started from the image accepts the same password, anyone who pulls the " +
			"image can read the hash and crack it offline, and the password itself usually sits in the Dockerfile " +
			"and the image history (`echo 'root:secret' | chpasswd`). `passwd -d` is worse: the account needs no " +
			"password at all, and so does `useradd -p ''` or `usermod -p ''` (an empty hash is no lock; `!` and " +
			"`*` are). Containers seldom need local passwords; `su`/`sudo` prompts and SSH logins are what " +
			"they enable. In a built image the rule reads /etc/shadow (and a shadowless /etc/passwd): an empty " +
			"password field, or a password hash, in the file the container runs with.",
		Impact: "Shared, recoverable credentials valid in every container",
		SeverityNote: "A warning; an error when root gets a password written in the Dockerfile " +
			"(`echo 'root:root' | chpasswd`, `chpasswd <<< root:pass`, `usermod -p '<hash>' root`) or loses its " +
			"password (`passwd -d root`, `usermod -p '' root`, `root:` into chpasswd): anyone who reads the Dockerfile or the image " +
			"history, or nobody at all, logs in as root. The password is never printed.",
		Fix: "Drop local passwords: create users with `useradd --no-log-init -r` (locked), switch with `USER`, and " +
			"give a service that really needs a password its secret at run time (a mounted secret file or an " +
			"orchestrator secret), never at build time.",
		Bad:  Dockerfiles("FROM debian:12\nRUN useradd -m app && echo 'app:changeme' | chpasswd\n"),
		Good: Dockerfiles("FROM debian:12\nRUN useradd --no-log-init -r -m app && passwd -l app\nUSER app\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkAccountPasswordSet, History: true},
		LayerFileCheck{Want: accountDatabase, Check: checkAccountPasswordSetLayer, LiveOnly: true},
	},
}

func checkAccountPasswordSet(p *Pass, in dockerfile.Instruction) {
	s := scriptOf(in)
	if s == nil {
		return
	}
	for _, c := range s.Commands {
		name := c.Base()
		if pc := unwrap(c); pc != "" {
			name = pc
		}
		what := ""
		root := false // root gets a literal or an empty password
		switch {
		case name == "chpasswd":
			what = "chpasswd sets account passwords"
			root = rootPasswordLiteral(passwordInput(c))
		case name == "passwd" && c.HasFlag("-d", "--delete"):
			what = "passwd -d removes the password, so the account logs in without one"
			root = passwdAccount(c) == "root"
		case name == "passwd" && (c.HasFlag("--stdin") || c.PipedFrom != nil || c.Stdin != ""):
			what = "passwd sets an account password from its input"
			in := passwordInput(c)
			root = passwdAccount(c) == "root" && in != "" && !strings.ContainsAny(in, "$`")
		case (name == "useradd" || name == "usermod") && lockedPassword(c) == "empty":
			// An empty hash is no lock: the account's shadow field is
			// empty, and it logs in with no password at all.
			what = name + " -p '' empties the password field, so the account logs in without one"
			root = userModAccount(c) == "root"
		case (name == "useradd" || name == "usermod") && lockedPassword(c) == "set":
			what = name + " -p sets an account password hash"
			v, _ := c.FlagValue("-p", "--password")
			root = userModAccount(c) == "root" && (cryptHashRE().MatchString(v) || !strings.ContainsAny(v, "$`"))
		default:
			continue
		}
		if root {
			p.ReportAtf(Error, dockerfile.LineRange(c.Line, c.Line), nil, "%s: root's password is written in the Dockerfile (or is empty), so anyone who reads the Dockerfile or the image history logs in as root", what)
			continue
		}
		literal := ""
		if (c.PipedFrom != nil && c.PipedFrom.Is("echo", "printf") && !strings.Contains(strings.Join(c.PipedFrom.Args, " "), "$")) ||
			(c.Stdin != "" && !strings.Contains(c.Stdin, "$")) {
			literal = "; the password itself is also in the Dockerfile and the image history"
		}
		p.ReportAtf(Warning, dockerfile.LineRange(c.Line, c.Line), nil, "%s: every container of the image shares it and its hash ships in /etc/shadow%s", what, literal)
	}
}

// passwordInput is the text fed to chpasswd or passwd: a heredoc or
// here-string, or what echo or printf pipes in; "" when it comes from
// elsewhere (a file, a secret).
func passwordInput(c *dockerfile.Command) string {
	if c.Stdin != "" {
		return c.Stdin
	}
	for _, r := range c.Redirects {
		if r.Op == "<<<" {
			return r.Target
		}
	}
	if c.PipedFrom != nil && c.PipedFrom.Is("echo", "printf") {
		return echoText(c.PipedFrom)
	}
	return ""
}

// cryptHashRE matches a crypt(3) hash written out ($6$salt$…), which
// usermod -p takes literally: its $ are not expansions.
var cryptHashRE = lazyre.New(`^\$(?:1|2[aby]?|5|6|y|gy|7)\$[./A-Za-z0-9$=]+$`)

// rootPasswordLiteral reports whether chpasswd input gives root a literal
// password, or an empty one: a `root:…` entry with no expansion in it.
func rootPasswordLiteral(input string) bool {
	for _, f := range strings.Fields(input) {
		if user, pw, ok := strings.Cut(strings.Trim(f, `"'`), ":"); ok && user == "root" {
			return !strings.ContainsAny(pw, "$`")
		}
	}
	return false
}

// passwdAccount is the account passwd changes: its operand, or root (the
// build's user) when there is none.
func passwdAccount(c *dockerfile.Command) string {
	pos := c.Positionals()
	if len(pos) > 0 && pos[0] == "passwd" { // sudo/env wrapper: its command's operand
		pos = pos[1:]
	}
	if len(pos) == 0 {
		return "root"
	}
	return pos[len(pos)-1]
}

// checkAccountPasswordSetLayer: DKS3011's image side. An account in /etc/shadow
// (or in a shadowless /etc/passwd) with an empty password field logs in
// with no password; one with a hash has a password set at build time that
// every container shares. Locked fields (*, !, !!, !$6$…) are what a
// container needs.
func checkAccountPasswordSetLayer(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() || (f.Path != "/etc/shadow" && f.Path != "/etc/passwd" && f.Path != "/etc/master.passwd") {
		return
	}
	accountLines(f.Content, func(fields []string) {
		if len(fields) < 2 || fields[0] == "" {
			return
		}
		switch pw := fields[1]; {
		case pw == "":
			p.ReportFilef(f, "%s: account %s has an empty password, so it logs in without one", f.Path, fields[0])
		case pw[0] == '$' && f.Path != "/etc/passwd":
			p.ReportFilef(f, "%s: account %s has a password hash: every container shares the password and anyone who pulls the image can crack it offline", f.Path, fields[0])
		}
	})
}

// unwrap returns the command a sudo/env wrapper runs, or "".
func unwrap(c *dockerfile.Command) string {
	if !wrappers[c.Base()] {
		return ""
	}
	for _, a := range c.Positionals() {
		if !strings.Contains(a, "=") {
			return path.Base(a)
		}
	}
	return ""
}

// lockedPassword classifies useradd/usermod -p: "set" for a real hash,
// "locked" for the lock markers (*, !, !!, x: no hash matches them),
// "empty" for an empty one (no password needed), "" when absent.
func lockedPassword(c *dockerfile.Command) string {
	v, ok := c.FlagValue("-p", "--password")
	if !ok {
		return ""
	}
	switch v {
	case "":
		return "empty"
	case "*", "!", "!!", "x":
		return "locked"
	}
	return "set"
}

// userModAccount is the account useradd or usermod works on: its last
// operand, the flags' values aside.
func userModAccount(c *dockerfile.Command) string {
	pos := c.Positionals("-p", "--password", "-u", "--uid", "-g", "--gid", "-G", "--groups", "-d", "--home", "--home-dir", "-s", "--shell", "-c", "--comment", "-e", "--expiredate", "-f", "--inactive", "-k", "--skel", "-K", "--key", "-l", "--login", "-R", "--root", "-P", "--prefix", "-Z", "--selinux-user", "-b", "--base-dir")
	if len(pos) == 0 {
		return ""
	}
	return pos[len(pos)-1]
}
