package rules

import (
	"strconv"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// NewPrivilegesAllowed: a compose service without
// `security_opt: [no-new-privileges:true]`, or a daemon.json that does not
// make it the default.
var NewPrivilegesAllowed = &Rule{
	ID:       "DKS4214",
	Name:     "new-privileges-allowed",
	Title:    "Processes may gain privileges (no-new-privileges not set)",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases: []string{
		"27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "no-new-privileges-not-set",
		"610e266e-6c12-4bca-9925-1ed0cd29742b", "security-opt-not-set",
	},
	// KICS's Security Opt Not Set is the case of a service with no
	// security_opt at all.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1548_001, t.T1068},
		CIS:      []*t.CISItem{t.CIS5_26, t.CIS2_14},
		CWE:      []*t.CWE{t.CWE269},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "no-new-privileges not set",
		Mitigation:    "Set security_opt no-new-privileges:true.",

		Rationale: "Without the kernel's no_new_privs flag a process that runs a setuid or setgid binary, " +
			"or one with file capabilities, gains those privileges: an attacker who gets code execution as " +
			"the service's unprivileged user climbs back to root through `su`, `ping`'s capabilities or any " +
			"setuid binary left in the image. `no-new-privileges:true` closes that path for the service; " +
			"`\"no-new-privileges\": true` in daemon.json makes it every container's default.",
		Impact: "Privilege escalation through setuid binaries inside the container",
		Fix:    "Add `security_opt: [\"no-new-privileges:true\"]` to each service, or set `\"no-new-privileges\": true` in daemon.json.",
		Bad: append(ComposeFiles("services:\n  web:\n    image: nginx:1.27\n"),
			DaemonConfigs("{\n  \"no-new-privileges\": false\n}\n")...),
		Good: append(ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n"),
			DaemonConfigs("{\n  \"no-new-privileges\": true\n}\n")...),
		Refs: []string{"https://docs.docker.com/reference/cli/docker/container/run/#security-opt", "https://www.kernel.org/doc/html/latest/userspace-api/no_new_privs.html"},
	},
	// Safe for a compose service; the daemon.json fix is marked unsafe
	// (Fix.Unsafe): it changes every container's default.
	Fix: SafeFix,
	Checks: []Check{
		ComposeServiceCheck{Check: checkNewPrivilegesAllowed},
		DaemonCheck{Check: checkNewPrivilegesAllowedDaemon},
	},
}

var (
	kicsNoNewPrivileges = []string{"27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "no-new-privileges-not-set"}
	kicsNoSecurityOpt   = []string{"27fcc7d6-c49b-46e0-98f1-6c082a6a2750", "no-new-privileges-not-set", "610e266e-6c12-4bca-9925-1ed0cd29742b", "security-opt-not-set"}
)

func checkNewPrivilegesAllowed(p *ComposePass, s *compose.Service) {
	if s.Privileged.Set && s.Privileged.Value {
		return // PrivilegedContainer's finding covers it
	}
	for _, o := range securityOpts(s) {
		if o.key != "no-new-privileges" {
			continue
		}
		if v, err := strconv.ParseBool(o.value); err == nil && v {
			return
		}
		fd := p.Finding(s, s.SecurityOpt.Pos, "sets no-new-privileges to something other than true (%s)", strconv.Quote(o.raw))
		fd.Aliases = kicsNoNewPrivileges
		p.Report(fd)
		return
	}
	fd := p.Finding(s, s.SecurityOpt.Pos, "does not set no-new-privileges:true in security_opt")
	fd.Aliases = kicsNoNewPrivileges
	if !s.SecurityOpt.Set {
		fd.Aliases = kicsNoSecurityOpt
	}
	if p.Fixes {
		fd.Fix = noNewPrivilegesFix(p, s)
	}
	p.Report(fd)
}

// noNewPrivilegesFix adds `security_opt: [no-new-privileges:true]` to a
// service that has no security_opt, or appends the item to the list it
// has. Safe: a service that relies on a setuid binary to gain privileges
// is what the setting exists to stop, and nothing else changes.
func noNewPrivilegesFix(p *ComposePass, s *compose.Service) *Fix {
	if s.SecurityOpt.Set {
		return appendToList(p, s, s.SecurityOpt.Key, "add no-new-privileges:true to security_opt", "security_opt", "no-new-privileges:true")
	}
	return addServiceSetting(p, s, "add security_opt: [no-new-privileges:true]", "security_opt", "no-new-privileges:true")
}

// checkNewPrivilegesAllowedDaemon: the daemon's default is false, written
// or not. Not writing it is advice (info): services can set it one by one,
// which the compose check asks for.
func checkNewPrivilegesAllowedDaemon(p *DaemonPass, c *daemon.Config) {
	switch nnp := c.NoNewPrivileges; {
	case nnp.Set && !nnp.Value:
		p.WithFix(func() *Fix { return unsafeFix(daemonSettingFix(p, "no-new-privileges", "true")) }).Reportf(nnp.Pos, "no-new-privileges is false: containers may gain privileges through setuid binaries unless each sets it")
	case !nnp.Set:
		p.WithFix(func() *Fix { return unsafeFix(daemonSettingFix(p, "no-new-privileges", "true")) }).ReportSeverityf(Info, nnp.Pos, "no-new-privileges is not set, so containers may gain privileges unless each sets it")
	}
}
