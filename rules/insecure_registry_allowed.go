package rules

import (
	"net"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// InsecureRegistryAllowed: daemon.json `insecure-registries`.
var InsecureRegistryAllowed = &Rule{
	ID:       "DKS2007",
	Name:     "insecure-registry-allowed",
	Title:    "Daemon pulls from registries without TLS verification",
	Severity: Warning,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1557, t.T1195_002},
		CIS:      []*t.CISItem{t.CIS2_5},
		CWE:      []*t.CWE{t.CWE295, t.CWE319},
		Controls: []*t.Control{t.Top10_A08, t.NIST53_SC8, t.NIST190_4_2_1},
	},
	Doc: Doc{
		Vulnerability: "Registry pulls without TLS verification",
		Mitigation:    "Serve the registry over TLS and drop insecure-registries.",

		Rationale: "A registry listed in `insecure-registries` is reached over plain HTTP, or over HTTPS " +
			"without checking its certificate: anyone on the path can serve their own image for any tag the " +
			"host pulls, and read the credentials it sends.",
		Impact: "Images replaced in transit; registry credentials exposed",
		Fix:    "Serve the registry over TLS with a certificate the host trusts (`/etc/docker/certs.d/<registry>/ca.crt`) and remove it from `insecure-registries`.",
		Bad:    DaemonConfigs("{\n  \"insecure-registries\": [\"registry.internal:5000\"]\n}\n"),
		Good:   DaemonConfigs("{\n  \"registry-mirrors\": [\"https://mirror.internal\"]\n}\n", "{\n  \"insecure-registries\": [\"localhost:5000\", \"127.0.0.0/8\"]\n}\n"),
		Refs:   []string{"https://docs.docker.com/engine/daemon/insecure-registries/"},
	},
	Checks: []Check{DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
		for _, r := range c.InsecureRegistries.Items {
			if !isLoopbackRegistry(r.Value) {
				p.Reportf(r.Pos, "the daemon reaches %s without TLS verification", strconv.Quote(r.Value))
			}
		}
	}}},
}

// isLoopbackRegistry recognises a registry on the host itself (Docker
// already treats 127.0.0.0/8 as insecure): only the host can sit between.
func isLoopbackRegistry(r string) bool {
	r = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(r), "http://"), "https://")
	host := r
	if h, _, err := net.SplitHostPort(r); err == nil {
		host = h
	} else if p, _, ok := strings.Cut(r, "/"); ok {
		host = p // a CIDR: 127.0.0.0/8
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}
