package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// PackageSignatureDisabled: a package manager told to install packages
// whose signature it cannot verify.
var PackageSignatureDisabled = &Rule{
	ID:                "DKS3010",
	Name:              "package-signature-disabled",
	Title:             "Package signature verification switched off",
	Severity:          Error,
	Since:             "0.1.0",
	Aliases:           []string{"CKV2_DOCKER_7", "CKV2_DOCKER_8", "CKV2_DOCKER_9", "CKV2_DOCKER_10", "CKV2_DOCKER_11"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002, t.T1562_001},
		CIS:      []*t.CISItem{t.CIS4_11},
		CWE:      []*t.CWE{t.CWE347, t.CWE494},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SI7, t.NIST53_SR11},
	},
	Doc: Doc{
		Vulnerability: "Package signature checks disabled",
		Mitigation:    "Keep signature checks; import the repository's key.",

		Rationale: "Package managers verify every package and repository index against the distribution's signing " +
			"keys, which is what makes a mirror, a proxy or a CDN harmless. `apk --allow-untrusted`, " +
			"`apt-get --allow-unauthenticated` or `--force-yes`, `[trusted=yes]` sources, `yum`/`dnf --nogpgcheck`, " +
			"`gpgcheck=0`, `rpm --nosignature`/`--nodigest` and `zypper --no-gpg-checks` turn that off: whoever " +
			"controls the download path can substitute any package, and it installs as root (CIS 4.11). " +
			"`GOSUMDB=off` does the same for Go modules' checksum database.",
		Impact: "Unsigned, possibly malicious packages installed as root",
		Fix: "Remove the switch and import the repository's signing key instead (`apt` `signed-by=`, `rpm --import`, " +
			"`apk` keys in /etc/apk/keys); for a local package you built, sign it or verify its checksum before installing.",
		Bad: Dockerfiles(
			"FROM alpine:3.20\nRUN apk add --no-cache --allow-untrusted /tmp/tool.apk\n",
			"FROM rockylinux:9\nRUN dnf install -y --nogpgcheck tool-1.2.3 && dnf clean all\n",
		),
		Good: Dockerfiles(
			"FROM rockylinux:9\nRUN rpm --import https://example.com/RPM-GPG-KEY && dnf install -y tool-1.2.3 && dnf clean all\n",
		),
		Refs: []string{"https://www.checkov.io/5.Policy%20Index/dockerfile.html"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindEnv, dockerfile.KindArg}, Check: checkPackageSignatureDisabled, History: true}},
}

func checkPackageSignatureDisabled(p *Pass, in dockerfile.Instruction) { checkInsecure(p, in, sigOff) }
