// HTTP client calls of Python code: requests' and httpx's functions.

package rules

import "strings"

// httpVerbs are the requests and httpx functions named after an HTTP
// method.
var httpVerbs = map[string]bool{"get": true, "options": true, "head": true, "post": true, "put": true, "patch": true, "delete": true}

// httpxAttrs are httpx's other request-making functions and clients.
var httpxAttrs = map[string]bool{"request": true, "stream": true, "Client": true, "AsyncClient": true}

// isHTTPClientCall reports whether a dotted name is a requests function
// that makes a request (requests.get, requests.request), or an httpx
// function or client.
func isHTTPClientCall(name string) bool {
	mod, fn, ok := strings.Cut(name, ".")
	if !ok || strings.Contains(fn, ".") {
		return false
	}
	switch mod {
	case "requests":
		return httpVerbs[fn] || fn == "request"
	case "httpx":
		return httpVerbs[fn] || httpxAttrs[fn]
	}
	return false
}
