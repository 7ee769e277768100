package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/compose"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CapabilitiesUnrestricted: a compose service adds a capability that opens
// the host, or keeps Docker's default set (no `cap_drop: [ALL]`).
var CapabilitiesUnrestricted = &Rule{
	ID:       "DKS4202",
	Name:     "capabilities-unrestricted",
	Title:    "Service adds dangerous capabilities or keeps the default set",
	Severity: Warning,
	Since:    "0.2.0",
	Aliases:  []string{"ce76b7d0-9e77-464d-b86f-c5c48e03e22d", "container-capabilities-unrestricted"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1068},
		CIS:      []*t.CISItem{t.CIS5_4},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_3},
	},
	Doc: Doc{
		Vulnerability: "Unrestricted kernel capabilities",
		Mitigation:    "Drop ALL capabilities and add back only those needed.",

		Rationale: "Capabilities are root's powers one by one. `ALL` and `SYS_ADMIN` amount to a privileged " +
			"container; `SYS_MODULE`, `SYS_RAWIO`, `DAC_READ_SEARCH` and `BPF` have each been a container " +
			"escape on their own, and `SYS_PTRACE` or `NET_ADMIN` let a compromised service read other " +
			"processes or reroute the network. Adding one is an error or a warning by how close it comes to " +
			"root on the host. Docker's default set (`CHOWN`, `SETUID`, `NET_RAW`, …) is more than most " +
			"services use: dropping it all and adding back what is needed is the hardening advice (info).",
		Impact: "Container escape or host tampering through kernel capabilities",
		Fix:    "Start from `cap_drop: [ALL]` and add back only what the service needs (`cap_add: [NET_BIND_SERVICE]`); never add `ALL` or `SYS_ADMIN`.",
		Bad: ComposeFiles(
			"services:\n  debug:\n    image: alpine:3.20\n    cap_add:\n      - SYS_ADMIN\n    cap_drop: [ALL]\n",
			"services:\n  web:\n    image: nginx:1.27\n",
		),
		Good: ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID]\n"),
		Refs: []string{"https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities", "https://man7.org/linux/man-pages/man7/capabilities.7.html"},
	},
	// Unsafe: dropping every capability can stop a service that needs one.
	Fix:    UnsafeFix,
	Checks: []Check{ComposeServiceCheck{Check: checkCapabilitiesUnrestricted}},
}

// dangerousCaps are the capabilities worth a finding when added: an error
// for those that are a host escape on their own, a warning for the rest.
var dangerousCaps = map[string]Severity{
	"ALL": Error, "SYS_ADMIN": Error, "SYS_MODULE": Error, "SYS_RAWIO": Error, "DAC_READ_SEARCH": Error, "BPF": Error,
	"SYS_PTRACE": Warning, "NET_ADMIN": Warning, "SYS_BOOT": Warning, "SYS_TIME": Warning, "MAC_ADMIN": Warning,
	"MAC_OVERRIDE": Warning, "PERFMON": Warning, "SYSLOG": Warning, "LINUX_IMMUTABLE": Warning, "SYS_RESOURCE": Warning,
}

// capName reads a capability as docker does: any case, with or without
// the CAP_ prefix.
func capName(s string) string {
	return strings.TrimPrefix(strings.ToUpper(strings.TrimSpace(s)), "CAP_")
}

func checkCapabilitiesUnrestricted(p *ComposePass, s *compose.Service) {
	if s.Privileged.Set && s.Privileged.Value {
		return // PrivilegedContainer's finding says more
	}
	for _, c := range s.CapAdd.Items {
		name := capName(c.Value)
		sev, bad := dangerousCaps[name]
		if !bad {
			continue
		}
		fd := p.ItemFinding(s, s.CapAdd.Key, c.Pos, "adds the %s capability", name)
		if name == "ALL" {
			fd.Message = "adds every capability (cap_add: ALL), which amounts to a privileged container"
		}
		fd.Severity = sev
		p.Report(fd)
	}
	for _, c := range s.CapDrop.Items {
		if capName(c.Value) == "ALL" {
			return
		}
	}
	fd := p.Finding(s, missingAt(s, s.CapDrop.Key), "keeps Docker's default capabilities; drop them all (cap_drop: [ALL]) and add back what it needs")
	fd.Severity = Info
	if p.Fixes {
		fd.Fix = capDropAllFix(p, s)
	}
	p.Report(fd)
}

// capDropAllFix adds `cap_drop: [ALL]` to a service that drops nothing,
// or appends ALL to the capabilities it drops. Unsafe: a service that
// needs a default capability (chown, setuid, binding a port below 1024)
// fails until its cap_add lists it. It is offered only for a service
// known to run as non-root (see serviceNonRoot): which capabilities a
// root process needs, nothing in the project says.
func capDropAllFix(p *ComposePass, s *compose.Service) *Fix {
	if ok, why := serviceNonRoot(p, s, true); !ok {
		return NoFixf("%s; which capabilities it needs is not known. Add cap_drop: [ALL] with cap_add listing them "+
			"(an entrypoint that chowns or switches user needs CHOWN, DAC_OVERRIDE, SETUID, SETGID), or run it as a non-root user", why)
	}
	if s.CapDrop.Set {
		return appendToList(p, s, s.CapDrop.Key, "add ALL to cap_drop", "cap_drop", "ALL")
	}
	return addServiceSetting(p, s, "add cap_drop: [ALL]", "cap_drop", "ALL")
}
