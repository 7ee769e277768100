package rules

import (
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/python"
	t "github.com/dockstride/dockstride/internal/threat"
)

// TLSVerificationDisabled: a client told to accept any certificate.
var TLSVerificationDisabled = &Rule{
	ID:       "DKS3009",
	Name:     "tls-verification-disabled",
	Title:    "TLS certificate verification switched off",
	Severity: Error,
	Since:    "0.1.0",
	Aliases: []string{"B501", "request_with_no_cert_validation", "B323", "_create_unverified_context",
		"CKV2_DOCKER_2", "CKV2_DOCKER_3", "CKV2_DOCKER_4", "CKV2_DOCKER_5", "CKV2_DOCKER_6", "CKV2_DOCKER_12", "CKV2_DOCKER_13", "CKV2_DOCKER_14", "CKV2_DOCKER_15", "CKV2_DOCKER_16", "CKV2_DOCKER_18"},
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1557, t.T1195_002},
		CIS:      []*t.CISItem{t.CIS4_11},
		CWE:      []*t.CWE{t.CWE295},
		Controls: []*t.Control{t.Top10_A02, t.Top10_A08, t.NIST53_SC8, t.NIST53_SI7, t.NIST190_4_2_1},
	},
	Doc: Doc{
		Vulnerability: "TLS verification disabled",
		Mitigation:    "Keep TLS verification; trust a private CA instead.",

		Rationale: "`curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `npm config set strict-ssl false`, " +
			"`git config http.sslVerify false`, `sslverify=0` for yum and dnf, and environment variables such as " +
			"`NODE_TLS_REJECT_UNAUTHORIZED=0`, `PYTHONHTTPSVERIFY=0`, `GIT_SSL_NO_VERIFY` or `GOINSECURE` make the " +
			"client accept any certificate. Anyone on the network path (a compromised proxy or Wi-Fi, a hijacked " +
			"DNS answer) can then serve their own packages and scripts to the build, and read the credentials it " +
			"sends. Set with ENV, the variable also stays in the image and switches verification off for the " +
			"application at run time. In the application's own code, `requests.get(url, verify=False)` and " +
			"httpx's `verify=False` (bandit's B501) and `ssl._create_unverified_context()` (B323) do the same " +
			"to every call they make.",
		Impact: "Attacker-served code and data accepted as genuine",
		Fix: "Remove the switch. If a proxy or private registry uses its own CA, add that CA to the trust store " +
			"(`COPY corp-ca.crt /usr/local/share/ca-certificates/ && update-ca-certificates`) or point the tool at " +
			"it (`--cacert`, `PIP_CERT`, `NODE_EXTRA_CA_CERTS`, `GIT_SSL_CAINFO`); in Python, " +
			"`requests.get(url, verify=\"/etc/ssl/corp-ca.pem\")` or `ssl.create_default_context(cafile=…)`.",
		Bad: append(Dockerfiles(
			"FROM debian:12\nRUN curl -fsSLk https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n",
			"FROM node:20-slim\nENV NODE_TLS_REJECT_UNAUTHORIZED=0\n",
			"FROM python:3.12-slim\nRUN pip install --no-cache-dir --trusted-host pypi.example.com -r requirements.txt\n",
		), Code(
			"import requests\n\nresp = requests.get(\"https://api.example.com/v1/items\", timeout=10, verify=False)\n",
		)...),
		Good: append(Dockerfiles(
			"FROM debian:12\nRUN curl -fsSL --cacert /etc/ssl/corp-ca.pem https://example.com/tool.tar.gz -o /tmp/tool.tar.gz\n",
			"FROM node:20-slim\nENV NODE_EXTRA_CA_CERTS=/etc/ssl/corp-ca.pem\n",
		), Code(
			"import requests\n\nresp = requests.get(\"https://api.example.com/v1/items\", timeout=10, verify=\"/etc/ssl/corp-ca.pem\")\n",
		)...),
		Refs: []string{"https://www.checkov.io/5.Policy%20Index/dockerfile.html"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindEnv, dockerfile.KindArg}, Check: checkTLSVerificationDisabled, History: true},
		PythonCheck{Nodes: []PythonNode{PyCall}, Check: checkTLSVerificationDisabledCode},
	},
}

// checkTLSVerificationDisabledCode: an HTTP client call with verify=False
// (requests, httpx), or an SSL context made not to verify.
func checkTLSVerificationDisabledCode(p *CodePass, n python.Node) {
	c := n.(*python.Call)
	name := callName(p, c)
	if name == "ssl._create_unverified_context" {
		p.ReportAliasedf(c, []string{"B323", "_create_unverified_context"}, "ssl._create_unverified_context makes connections that accept any certificate")
		return
	}
	if !isHTTPClientCall(name) {
		return
	}
	if v := c.Keyword("verify"); v != nil && isConst(v, python.ConstFalse) {
		p.ReportAliasedf(c, []string{"B501", "request_with_no_cert_validation"}, "%s(verify=False) accepts any certificate", name)
	}
}

func checkTLSVerificationDisabled(p *Pass, in dockerfile.Instruction) { checkInsecure(p, in, tlsOff) }
