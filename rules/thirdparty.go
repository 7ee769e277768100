// Paths of vendored third-party code, where secret-looking files are test
// fixtures rather than the image's own credentials.

package rules

import (
	"strings"
)

// thirdPartyDirs hold packages' own files (test fixtures with throwaway
// keys, vendored repositories): they are the packages' business, not the
// image author's, and would drown real findings.
var thirdPartyDirs = []string{
	"/usr/lib/", "/usr/share/", "/usr/include/", "/usr/src/", "/usr/local/lib/", "/usr/local/share/",
	"/usr/local/go/", "/lib/", "/lib64/", "/usr/lib64/", "/go/pkg/mod/", "/opt/conda/pkgs/",
}

// thirdPartySegments mark package trees wherever they are.
var thirdPartySegments = []string{
	"/node_modules/", "/site-packages/", "/dist-packages/", "/vendor/", "/.cargo/registry/",
	"/.m2/repository/", "/.gradle/caches/", "/.cache/", "/.npm/_cacache/",
}

func thirdParty(p string) bool {
	for _, d := range thirdPartyDirs {
		if strings.HasPrefix(p, d) {
			return true
		}
	}
	for _, s := range thirdPartySegments {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}
