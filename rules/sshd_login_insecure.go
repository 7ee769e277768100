package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SshdLoginInsecure: the build configures sshd to accept root logins,
// passwords or empty passwords.
var SshdLoginInsecure = &Rule{
	ID:       "DKS4010",
	Name:     "sshd-login-insecure",
	Title:    "sshd configured to accept root, password or empty-password logins",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1021_004, t.T1078},
		CWE:      []*t.CWE{t.CWE1188, t.CWE258},
		Controls: []*t.Control{t.NIST53_AC17, t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "sshd accepts root or password logins",
		Mitigation:    "No sshd in the image; else keys only, no root.",

		Rationale: "An sshd in a container is a login path around the orchestrator. Configured with " +
			"`PermitRootLogin yes` it takes root's password over the network; with `PasswordAuthentication " +
			"yes` any account's password, which is guessable or baked into the image (account-password-set); " +
			"with `PermitEmptyPasswords yes` an account without a password logs in with none. The rule reads " +
			"what the build writes into /etc/ssh/sshd_config and its drop-ins: `sed -i` replacements and " +
			"appended lines, `echo`/`printf` redirected or piped into `tee`, heredocs, and a COPY or ADD of a " +
			"file the build context holds. A line sed only matches (`s/PermitRootLogin yes/PermitRootLogin " +
			"no/`) and commented lines are not settings. Reported as info in a stage the image does not ship.",
		Impact: "Remote root or password login into every container",
		Fix: "Leave sshd out of the image (`docker exec`, `kubectl exec` reach a container); if a service " +
			"must speak SSH, set `PermitRootLogin no` (or `prohibit-password`), `PasswordAuthentication no` " +
			"and give it authorized keys at run time.",
		Bad: Dockerfiles(
			"FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server \\\n && sed -i 's/#PermitRootLogin prohibit-password/PermitRootLogin yes/' /etc/ssh/sshd_config\n",
			"FROM debian:12\nRUN echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\n",
		),
		Good: Dockerfiles(
			"FROM debian:12\nRUN sed -i 's/#PasswordAuthentication yes/PasswordAuthentication no/' /etc/ssh/sshd_config\n",
		),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: checkSshdLoginInsecure}},
}

// isSshdConfig reports whether a path is sshd's configuration or a
// drop-in of it.
func isSshdConfig(f string) bool {
	f = strings.Trim(f, `"'`)
	return f == "/etc/ssh/sshd_config" || strings.HasPrefix(f, "/etc/ssh/sshd_config.d/")
}

// sshdInsecure are the settings reported and what each allows.
var sshdInsecure = map[string]string{
	"permitrootlogin":        "root logs in with a password",
	"passwordauthentication": "accounts log in with passwords",
	"permitemptypasswords":   "accounts without a password log in with none",
}

func checkSshdLoginInsecure(p *Pass, in dockerfile.Instruction) {
	sev, where := Warning, ""
	if !p.LeftoversShip(in) {
		sev, where = Info, " (in a stage the image does not ship)"
	}
	for _, w := range fileWrites(p, in, isSshdConfig) {
		for _, l := range configLines(w.text) {
			fields := strings.Fields(strings.ReplaceAll(l, "=", " "))
			if len(fields) < 2 || !strings.EqualFold(strings.Trim(fields[1], `"'`), "yes") {
				continue
			}
			key := fields[0]
			if what, bad := sshdInsecure[strings.ToLower(key)]; bad {
				p.ReportAtf(sev, dockerfile.LineRange(w.line, w.line), nil, "%s sets %s yes in %s: %s%s", w.how, key, strings.Trim(w.file, `"'`), what, where)
			}
		}
	}
}
