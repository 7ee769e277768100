package threat

import "strings"

// ATT&CK tactic names, spelled as attack.mitre.org spells them. They are
// constants so that a rule or a threat-model row cannot cite a tactic that
// does not exist; the order is the matrix (kill-chain) order.
const (
	TacticInitialAccess       = "Initial Access"
	TacticExecution           = "Execution"
	TacticPersistence         = "Persistence"
	TacticPrivilegeEscalation = "Privilege Escalation"
	TacticDefenseEvasion      = "Defense Evasion"
	TacticCredentialAccess    = "Credential Access"
	TacticDiscovery           = "Discovery"
	TacticLateralMovement     = "Lateral Movement"
	TacticCollection          = "Collection"
	TacticCommandAndControl   = "Command and Control"
	TacticImpact              = "Impact"
)

// Techniques of MITRE ATT&CK (Enterprise, including the Containers matrix)
// that dockstride findings cite. Names are the official ones, with
// sub-techniques written "Parent: Sub" as ATT&CK does. Tactic is the first
// tactic in matrix order where ATT&CK lists several, except where the
// project's threat model files the technique under another of its tactics
// (Valid Accounts under Persistence: an account baked into an image
// persists in every container), so every output files it the same way.
var (
	// T1006: a host block device passed into a container is read raw, around file permissions.
	T1006 = &Technique{ID: "T1006", Name: "Direct Volume Access", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1021_004: an sshd in the image is a remote-login path that bypasses the orchestrator.
	T1021_004 = &Technique{ID: "T1021.004", Name: "Remote Services: SSH", Tactic: TacticLateralMovement, Tactics: []string{TacticLateralMovement}}
	// T1036: files and binaries that pose as something else in an image.
	T1036 = &Technique{ID: "T1036", Name: "Masquerading", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1040: a container on the host's network stack sees the host's traffic.
	T1040 = &Technique{ID: "T1040", Name: "Network Sniffing", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess, TacticDiscovery}}
	// T1046: exposed services let an attacker map what the container listens on.
	T1046 = &Technique{ID: "T1046", Name: "Network Service Discovery", Tactic: TacticDiscovery, Tactics: []string{TacticDiscovery}}
	// T1057: a container in the host's process namespace lists (and signals) the host's processes.
	T1057 = &Technique{ID: "T1057", Name: "Process Discovery", Tactic: TacticDiscovery, Tactics: []string{TacticDiscovery}}
	// T1059: interpreters left in an image are what an attacker runs code with.
	T1059 = &Technique{ID: "T1059", Name: "Command and Scripting Interpreter", Tactic: TacticExecution, Tactics: []string{TacticExecution}}
	// T1059_004: a shell in the final image turns any command injection into full execution.
	T1059_004 = &Technique{ID: "T1059.004", Name: "Command and Scripting Interpreter: Unix Shell", Tactic: TacticExecution, Tactics: []string{TacticExecution}}
	// T1059_006: eval or exec in the service runs Python an attacker sends.
	T1059_006 = &Technique{ID: "T1059.006", Name: "Command and Scripting Interpreter: Python", Tactic: TacticExecution, Tactics: []string{TacticExecution}}
	// T1068: known-vulnerable packages and kernels in an image are exploited to gain root.
	T1068 = &Technique{ID: "T1068", Name: "Exploitation for Privilege Escalation", Tactic: TacticPrivilegeEscalation, Tactics: []string{TacticPrivilegeEscalation}}
	// T1070: missing or local-only logs let an attacker erase their traces.
	T1070 = &Technique{ID: "T1070", Name: "Indicator Removal", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1078: accounts and passwords shipped in an image are valid for every container started from it.
	T1078 = &Technique{ID: "T1078", Name: "Valid Accounts", Tactic: TacticPersistence, Tactics: []string{TacticInitialAccess, TacticPersistence, TacticPrivilegeEscalation, TacticDefenseEvasion}}
	// T1098: changes to users, groups or sudoers at build time persist into every container.
	T1098 = &Technique{ID: "T1098", Name: "Account Manipulation", Tactic: TacticPersistence, Tactics: []string{TacticPersistence, TacticPrivilegeEscalation}}
	// T1105: download tools in an image let an attacker fetch further payloads.
	T1105 = &Technique{ID: "T1105", Name: "Ingress Tool Transfer", Tactic: TacticCommandAndControl, Tactics: []string{TacticCommandAndControl}}
	// T1133: remote services exposed by the container are an entry point.
	T1133 = &Technique{ID: "T1133", Name: "External Remote Services", Tactic: TacticInitialAccess, Tactics: []string{TacticInitialAccess, TacticPersistence}}
	// T1136: accounts created at build time exist in every container.
	T1136 = &Technique{ID: "T1136", Name: "Create Account", Tactic: TacticPersistence, Tactics: []string{TacticPersistence}}
	// T1190: a service reachable from outside is the usual first foothold.
	T1190 = &Technique{ID: "T1190", Name: "Exploit Public-Facing Application", Tactic: TacticInitialAccess, Tactics: []string{TacticInitialAccess}}
	// T1195_002: unpinned or unverified base images and packages let a compromised upstream into the build.
	T1195_002 = &Technique{ID: "T1195.002", Name: "Supply Chain Compromise: Compromise Software Supply Chain", Tactic: TacticInitialAccess, Tactics: []string{TacticInitialAccess}}
	// T1210: containers that reach each other freely let one compromised service attack the next.
	T1210 = &Technique{ID: "T1210", Name: "Exploitation of Remote Services", Tactic: TacticLateralMovement, Tactics: []string{TacticLateralMovement}}
	// T1212: vulnerable software is exploited to read credentials.
	T1212 = &Technique{ID: "T1212", Name: "Exploitation for Credential Access", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess}}
	// T1222: world-writable or chmod-777 paths let an attacker change what runs.
	T1222 = &Technique{ID: "T1222", Name: "File and Directory Permissions Modification", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1499: a container without resource limits or with needless exposure can be made unavailable.
	T1499 = &Technique{ID: "T1499", Name: "Endpoint Denial of Service", Tactic: TacticImpact, Tactics: []string{TacticImpact}}
	// T1525: a backdoored image persists in every container started from it.
	T1525 = &Technique{ID: "T1525", Name: "Implant Internal Image", Tactic: TacticPersistence, Tactics: []string{TacticPersistence}}
	// T1548_001: setuid and setgid binaries left in an image are a path to root.
	T1548_001 = &Technique{ID: "T1548.001", Name: "Abuse Elevation Control Mechanism: Setuid and Setgid", Tactic: TacticPrivilegeEscalation, Tactics: []string{TacticPrivilegeEscalation, TacticDefenseEvasion}}
	// T1552: credentials stored in an image or its history are readable by anyone who pulls it.
	T1552 = &Technique{ID: "T1552", Name: "Unsecured Credentials", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess}}
	// T1552_001: secrets copied into layers or written to files stay in the image.
	T1552_001 = &Technique{ID: "T1552.001", Name: "Unsecured Credentials: Credentials In Files", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess}}
	// T1552_007: a mounted Docker socket or exposed API leaks credentials and control.
	T1552_007 = &Technique{ID: "T1552.007", Name: "Unsecured Credentials: Container API", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess}}
	// T1557: plain-HTTP downloads and disabled TLS verification let an attacker change what the build fetches.
	T1557 = &Technique{ID: "T1557", Name: "Adversary-in-the-Middle", Tactic: TacticCredentialAccess, Tactics: []string{TacticCredentialAccess, TacticCollection}}
	// T1562_001: disabled signature checks, SELinux or security tools at build time weaken every container.
	T1562_001 = &Technique{ID: "T1562.001", Name: "Impair Defenses: Disable or Modify Tools", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1564: files hidden in layers, or deleted in a later layer, still ship in the image.
	T1564 = &Technique{ID: "T1564", Name: "Hide Artifacts", Tactic: TacticDefenseEvasion, Tactics: []string{TacticDefenseEvasion}}
	// T1574_007: a program started by bare name runs whatever an earlier PATH directory holds.
	T1574_007 = &Technique{ID: "T1574.007", Name: "Hijack Execution Flow: Path Interception by PATH Environment Variable", Tactic: TacticPersistence, Tactics: []string{TacticPersistence, TacticPrivilegeEscalation, TacticDefenseEvasion}}
	// T1609: exec into a container, or a Docker socket inside one, runs commands as the container's user.
	T1609 = &Technique{ID: "T1609", Name: "Container Administration Command", Tactic: TacticExecution, Tactics: []string{TacticExecution}}
	// T1610: access to the container API lets an attacker start their own containers.
	T1610 = &Technique{ID: "T1610", Name: "Deploy Container", Tactic: TacticExecution, Tactics: []string{TacticExecution, TacticDefenseEvasion}}
	// T1611: a root or privileged container is one kernel bug away from the host.
	T1611 = &Technique{ID: "T1611", Name: "Escape to Host", Tactic: TacticPrivilegeEscalation, Tactics: []string{TacticPrivilegeEscalation}}
	// T1613: access to the container API reveals the other containers and images on the host.
	T1613 = &Technique{ID: "T1613", Name: "Container and Resource Discovery", Tactic: TacticDiscovery, Tactics: []string{TacticDiscovery}}
)

// techniques is the catalogue, sorted by ID. A meta-test checks that every
// *Technique var above is listed here exactly once.
var techniques = []*Technique{
	T1006,
	T1021_004,
	T1036,
	T1040,
	T1046,
	T1057,
	T1059,
	T1059_004,
	T1059_006,
	T1068,
	T1070,
	T1078,
	T1098,
	T1105,
	T1133,
	T1136,
	T1190,
	T1195_002,
	T1210,
	T1212,
	T1222,
	T1499,
	T1525,
	T1548_001,
	T1552,
	T1552_001,
	T1552_007,
	T1557,
	T1562_001,
	T1564,
	T1574_007,
	T1609,
	T1610,
	T1611,
	T1613,
}

// String returns the technique's ID, the form JSON output's "attack" list
// carries and users write in configuration.
func (t *Technique) String() string { return t.ID }

// Techniques returns every technique of the catalogue, sorted by ID. The slice
// is a copy; the pointers are the catalogue's own, so identity comparisons
// against the package vars hold.
func Techniques() []*Technique { return append([]*Technique(nil), techniques...) }

// TechniqueByID looks a technique up by its ATT&CK ID ("T1552.001", case and
// surrounding space ignored, since IDs come from user configuration). It
// returns nil when the catalogue does not hold the ID.
func TechniqueByID(id string) *Technique {
	id = strings.ToUpper(strings.TrimSpace(id))
	return find(techniques, func(t *Technique) bool { return t.ID == id })
}
