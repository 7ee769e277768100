package image

import (
	"net"
	"net/http"
	"strings"
)

// httpsGuard upgrades plain-HTTP requests to HTTPS unless plain HTTP is
// allowed for that host.
//
// Why: go-containerregistry's name.Registry.Scheme() answers "http" not only
// for loopback hosts but also for RFC 1918 addresses (10/8, 172.16/12,
// 192.168/16) and *.localhost names, and the fetcher then builds manifest and
// blob URLs with plain http. DESIGN.md allows plain HTTP only for loopback or
// with --insecure, so a registry at 10.0.0.5:5000 must be spoken to over TLS.
// Rewriting the scheme in the transport (below ggcr's retry and auth layers)
// covers the ping, token fetches, manifests, blobs and redirects alike.
type httpsGuard struct {
	base      http.RoundTripper
	allowHTTP bool // Options.Insecure
}

func (g *httpsGuard) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme == "http" && !g.allowHTTP && !isLoopbackHost(req.URL.Hostname()) {
		r := req.Clone(req.Context())
		r.URL.Scheme = "https"
		return g.base.RoundTrip(r)
	}
	return g.base.RoundTrip(req)
}

// isLoopbackHost reports whether host (no port) is "localhost" or a loopback
// IP (127.0.0.0/8, ::1). Other names that merely look local, such as
// "registry.localhost", are not trusted: their resolution is up to the system
// resolver.
func isLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// registryHost strips the port from a registry "host[:port]" string.
func registryHost(reg string) string {
	if h, _, err := net.SplitHostPort(reg); err == nil {
		return h
	}
	return reg
}
