package rules

import (
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// DaemonAPIUnauthenticated: a TCP `hosts` entry in daemon.json without
// `tlsverify`.
var DaemonAPIUnauthenticated = &Rule{
	ID:       "DKS6105",
	Name:     "daemon-api-unauthenticated",
	Title:    "Docker API listens on TCP without client certificates",
	Severity: Error,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.ElevationOfPrivilege, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1133, t.T1610, t.T1552_007},
		CIS:      []*t.CISItem{t.CIS2_7},
		CWE:      []*t.CWE{t.CWE306, t.CWE319},
		Controls: []*t.Control{t.NIST53_AC17, t.NIST53_SC8, t.NIST190_4_4_1},
	},
	Doc: Doc{
		Vulnerability: "Unauthenticated Docker API over TCP",
		Mitigation:    "Require TLS client certificates, or reach the engine over SSH.",

		Rationale: "The Docker API is root on the host: whoever reaches it starts a privileged container " +
			"that mounts `/`. On a TCP socket without `tlsverify` anyone who can connect is trusted (port 2375 " +
			"is scanned for constantly and mined within minutes); `tls` alone encrypts but still accepts any " +
			"client.",
		Impact: "Anyone on the network controls the host",
		Fix:    "Remove the TCP host, or set `\"tlsverify\": true` with `tlscacert`, `tlscert` and `tlskey`; reach a remote engine over SSH (`DOCKER_HOST=ssh://host`) instead.",
		Bad:    DaemonConfigs("{\n  \"hosts\": [\"unix:///var/run/docker.sock\", \"tcp://0.0.0.0:2375\"]\n}\n"),
		Good: DaemonConfigs(
			"{\n  \"hosts\": [\"tcp://0.0.0.0:2376\"],\n  \"tlsverify\": true,\n  \"tlscacert\": \"/etc/docker/ca.pem\",\n  \"tlscert\": \"/etc/docker/server.pem\",\n  \"tlskey\": \"/etc/docker/server-key.pem\"\n}\n",
			"{\n  \"hosts\": [\"unix:///var/run/docker.sock\"]\n}\n",
		),
		Refs: []string{"https://docs.docker.com/engine/security/protect-access/"},
	},
	Checks: []Check{DaemonCheck{Check: checkDaemonAPIUnauthenticated}},
}

func checkDaemonAPIUnauthenticated(p *DaemonPass, c *daemon.Config) {
	if c.TLSVerify.Set && c.TLSVerify.Value {
		return
	}
	for _, h := range c.Hosts.Items {
		if !strings.HasPrefix(strings.ToLower(strings.TrimSpace(h.Value)), "tcp://") {
			continue
		}
		how := "without TLS"
		if c.TLS.Set && c.TLS.Value {
			how = "with TLS but without tlsverify, so any client is accepted"
		}
		p.Reportf(h.Pos, "the Docker API listens on %s %s", strconv.Quote(h.Value), how)
	}
}
