package rules

import (
	"archive/tar"
	"bufio"
	"bytes"
	"github.com/dockstride/dockstride/internal/image"
	"path"
	"regexp"
	"strings"
	"sync"
)

// Layer checks for credential files (DKS5003) and build-context leftovers
// (DKS5004). Unlike the account and permission checks they are not
// LiveFilesOnly: a key that a later layer deletes is still in the lower
// layer's blob, which anyone who pulls the image can extract.

// maxSniffBytes bounds the files read to look for a private key by
// content: keys, service-account JSON and tokens files are small.
const maxSniffBytes = 64 << 10

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

// wantCredential selects the files DKS5003 reads: files named like
// credentials, and small files outside package trees, whose first bytes
// tell a private key.
func wantCredential(p string, hdr *tar.Header) bool {
	if thirdParty(p) {
		return false
	}
	return credentialFile(p) != "" || hdr.Size <= maxSniffBytes
}

// privateKeyRE matches the armour of PEM, OpenSSH and PuTTY private keys.
var privateKeyRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+:`)
})

// hasPrivateKey reports whether b holds private-key armour. A substring
// search (vectorised) rules out nearly every file before the regexp runs.
func hasPrivateKey(b []byte) bool {
	return (bytes.Contains(b, []byte("PRIVATE KEY")) || bytes.Contains(b, []byte("PuTTY-User-Key-File-"))) && privateKeyRE().Match(b)
}

// dockerAuthRE finds stored registry credentials in a Docker config (a
// config with only "credsStore" holds none).
var dockerAuthRE = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`"(?:auth|identitytoken|password)"\s*:\s*"[^"]+"`)
})

// serviceAccountKey recognises a Google Cloud service-account key file.
func serviceAccountKey(b []byte) bool {
	return bytes.Contains(b, []byte(`"private_key"`)) && bytes.Contains(b, []byte(`"service_account"`))
}

// layerCredentialFile: a private key anywhere outside package trees (by
// content), and credential files by name whose content holds the
// credential (an .npmrc with only a registry URL holds none).
func layerCredentialFile(p *ImagePass, f *image.Entry) {
	if !f.IsRegular() || f.Header.Size == 0 || thirdParty(f.Path) || p.Secrets().AllowedPath(f.Path) {
		return
	}
	named := credentialFile(f.Path)
	switch {
	case hasPrivateKey(f.Content):
		p.ReportFilef(f, "%s holds a private key", f.Path)
	case serviceAccountKey(f.Content):
		p.ReportFilef(f, "%s is a cloud service-account key with its private key", f.Path)
	case named != "":
		if why, ok := credentialIn(p, f); ok {
			p.ReportFilef(f, "%s is %s%s", f.Path, named, why)
		}
	}
}

// credentialIn says what credential a file named like a credential file
// holds (", with a registry token"); ok is false when its content shows
// none. Files whose format is not read (key stores, htpasswd) count by
// their name, with no detail.
func credentialIn(p *ImagePass, f *image.Entry) (why string, ok bool) {
	base := strings.ToLower(path.Base(f.Path))
	lines := func(fn func(k, v string) string) string {
		sc := bufio.NewScanner(bytes.NewReader(f.Content))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || line[0] == '#' || line[0] == ';' {
				continue
			}
			k, v, ok := strings.Cut(line, "=")
			if !ok {
				k, v, _ = strings.Cut(line, ":")
			}
			k = strings.TrimSpace(strings.TrimPrefix(k, "export "))
			v = strings.Trim(strings.TrimSpace(v), `"'`)
			if v == "" || isReference(v) {
				continue
			}
			if why := fn(k, v); why != "" {
				return why
			}
		}
		return ""
	}
	has := func(words ...string) func(k, v string) string {
		return func(k, v string) string {
			lk := strings.ToLower(k)
			for _, w := range words {
				if strings.HasSuffix(lk, w) {
					return ", with a " + strings.TrimPrefix(w, "_") + " set"
				}
			}
			return ""
		}
	}
	found := func(why string) (string, bool) { return why, why != "" }
	switch {
	case base == ".npmrc" || base == ".yarnrc.yml":
		return found(lines(has("_authtoken", "_auth", "_password", "npmauthtoken", "npmauthident")))
	case base == ".pypirc":
		return found(lines(has("password")))
	case base == ".netrc" || base == "_netrc":
		if bytes.Contains(f.Content, []byte("password")) {
			return ", with a password", true
		}
		return "", false
	case base == ".env" || strings.HasPrefix(base, ".env."):
		return found(lines(func(k, v string) string {
			if why := secretVar(p.Secrets(), "ENV", k, v); why != "" {
				return ", with " + k + " set"
			}
			return ""
		}))
	case strings.HasSuffix(f.Path, "/.docker/config.json") || base == ".dockercfg":
		if dockerAuthRE().Match(f.Content) {
			return ", with registry credentials", true
		}
		return "", false
	case strings.HasSuffix(f.Path, "/.aws/credentials"):
		return found(lines(has("aws_secret_access_key", "aws_session_token")))
	case strings.HasSuffix(f.Path, "/.kube/config") || base == "kubeconfig":
		return found(lines(has("token", "client-key-data", "password")))
	case base == ".git-credentials":
		if bytes.Contains(f.Content, []byte("@")) {
			return ", with a stored password or token", true
		}
		return "", false
	case strings.HasPrefix(base, "id_") || strings.HasSuffix(base, ".pem") || strings.HasSuffix(base, ".key"):
		// Named like a key but holding none (a certificate, a public key):
		// the content was read and showed no private key.
		return "", false
	}
	return "", true
}

// isReference reports whether a value only names where the secret comes
// from ("${NPM_TOKEN}", "$TOKEN").
func isReference(v string) bool { return strings.HasPrefix(v, "$") }

// contextLeftovers are directories a whole-context COPY brings along that
// no running image needs.
var contextLeftovers = map[string]string{
	".git": "a git repository (its whole history, remotes and any credentials in its config)",
	".svn": "a Subversion working copy", ".hg": "a Mercurial repository", ".bzr": "a Bazaar repository",
	".idea": "IDE settings", ".vscode": "editor settings",
}

// layerContextLeftover: a version-control or editor directory in the
// image, reported once per directory and layer.
func layerContextLeftover(p *ImagePass, f *image.Entry) {
	if thirdParty(f.Path + "/") {
		return
	}
	parts := strings.Split(strings.TrimPrefix(f.Path, "/"), "/")
	for i, part := range parts {
		what, ok := contextLeftovers[part]
		if !ok {
			continue
		}
		dir := "/" + strings.Join(parts[:i+1], "/")
		if !p.Seen(f.LayerDigest + dir) {
			d := *f
			d.Path = dir
			p.ReportFilef(&d, "%s: %s ships in the image", dir, what)
		}
		return
	}
}
