package rules

import (
	"archive/tar"
	"bufio"
	"bytes"
	"path"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/secret"
	t "github.com/dockstride/dockstride/internal/threat"
)

// CredentialFileInImage: a key, token or credentials file copied or
// written into an image that ships.
var CredentialFileInImage = &Rule{
	ID:       "DKS5003",
	Name:     "credential-file-in-image",
	Title:    "Credential file copied or written into the image",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0031", "CIS-DI-0010"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure, t.Spoofing},
		ATTACK:   []*t.Technique{t.T1552_001, t.T1552, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE538, t.CWE321, t.CWE260, t.CWE312},
		Controls: []*t.Control{t.Top10_A07, t.ASVS_V6, t.NIST53_IA5, t.NIST53_SC28, t.NIST190_4_1_4},
	},
	Doc: Doc{
		Vulnerability: "Credential file in the image",
		Mitigation:    "Keep credential files out of the image; mount them.",

		Rationale: "Every file of every layer is readable by whoever pulls the image, even if a later step " +
			"deletes it. A private SSH or TLS key, a `.env`, an `.npmrc` or `.pypirc` with a registry token, a " +
			"`.netrc`, `.git-credentials`, `.docker/config.json`, `~/.aws/credentials`, a kubeconfig or a cloud " +
			"`credentials.json` copied into the image hands that credential to every consumer of the image. The " +
			"rule looks at the stage that ships and the stages it is built FROM: COPY/ADD of such files or to " +
			"such paths, `GOOGLE_APPLICATION_CREDENTIALS`-style variables pointing into copied directories, and " +
			"RUN steps that write a credential from a build variable into such a file without removing it. " +
			"When the build context is there, a copied file is judged by its content, as the image-layer scan " +
			"judges a layer's: an `.npmrc` or `.yarnrc.yml` that only names a registry (or reads its token from " +
			"`${NPM_TOKEN}`) and a `.pem` holding a certificate are not reported. " +
			"The image-layer scan reports the same concept under the same ID.",
		Impact: "Credentials extracted from the image",
		Fix: "Keep credentials out of the build context (`.dockerignore`) and mount them only for the RUN that " +
			"needs them: `RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, " +
			"`RUN --mount=type=ssh git clone …`. Give runtime credentials to the container at run time " +
			"(orchestrator secrets, mounted files), never through the image.",
		Bad: Dockerfiles(
			"FROM debian:12\nCOPY id_rsa /root/.ssh/id_rsa\n",
			"FROM node:22\nCOPY .npmrc package.json ./\nRUN npm ci\n",
			"FROM python:3.12\nCOPY . /app\nENV GOOGLE_APPLICATION_CREDENTIALS=/app/service-account.json\n",
		),
		Good: Dockerfiles(
			"FROM node:22\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
			"FROM node:22 AS build\nCOPY .npmrc package.json ./\nRUN npm ci && npm run build\nFROM node:22-slim\nCOPY --from=build /dist /app\n",
			"FROM nginx:1.27\nCOPY certs/server.crt /etc/nginx/tls/\nCOPY nginx_signing.key /tmp/\n",
		),
		Refs: []string{"https://docs.docker.com/build/building/secrets/", "https://docs.docker.com/build/concepts/context/#dockerignore-files"},
	},
	// One pass over the stages in order, so each starts from its parent's
	// final WORKDIR: walking the FROM chain again for every stage is
	// quadratic in a long chain of stages.
	Checks: []Check{
		FileCheck{Check: checkCredentialFileInImageFile},
		LayerFileCheck{Want: wantCredentialFileInImageLayer, Check: checkCredentialFileInImageLayer},
	},
}

func checkCredentialFileInImageFile(p *Pass, f *dockerfile.File) {
	endWorkdir := map[*dockerfile.Stage]string{}
	for _, s := range f.Stages {
		wd := "/"
		if s.Parent != nil {
			wd = endWorkdir[s.Parent]
		}
		if p.ShipsLayers(s) {
			checkCredentialFiles(p, s, wd)
		}
		endWorkdir[s] = stageWorkdir(s, wd)
	}
}

// copied is a COPY/ADD destination, resolved against WORKDIR.
type copied struct {
	dir  string
	line int
}

func checkCredentialFiles(p *Pass, s *dockerfile.Stage, wd string) {
	var dests []copied
	for _, in := range s.Instructions {
		switch x := in.(type) {
		case *dockerfile.Workdir:
			wd = resolvePath(wd, expandWord(in, x.Cmd.Path))
		case *dockerfile.Copy:
			checkCopied(p, in, "COPY", x.Cmd.SourcePaths, len(x.Cmd.SourceContents) > 0, x.Cmd.DestPath)
			dests = append(dests, copied{dir: resolvePath(wd, expandWord(in, x.Cmd.DestPath)), line: in.Range().StartLine})
		case *dockerfile.Add:
			checkCopied(p, in, "ADD", x.Cmd.SourcePaths, len(x.Cmd.SourceContents) > 0, x.Cmd.DestPath)
			dests = append(dests, copied{dir: resolvePath(wd, expandWord(in, x.Cmd.DestPath)), line: in.Range().StartLine})
		case *dockerfile.Env:
			for _, kv := range x.Cmd.Env {
				checkCredentialVar(p, in, "ENV", kv.Key, kv.Value, wd, dests)
			}
		case *dockerfile.Arg:
			for _, kv := range x.Cmd.Args {
				if kv.Value != nil {
					checkCredentialVar(p, in, "ARG", kv.Key, *kv.Value, wd, dests)
				}
			}
		case *dockerfile.Run:
			checkCredentialWrites(p, x)
		}
	}
}

// checkCopied reports credential files among the sources of a COPY/ADD and
// destinations that are credential files.
func checkCopied(p *Pass, in dockerfile.Instruction, kw string, srcs []string, heredoc bool, dest string) {
	cleared := false // a source read in the build context showed no credential
	for _, src := range srcs {
		src = strings.Trim(src, `"'`)
		if IsRemoteSource(src) || p.Secrets().AllowedPath(src) {
			continue
		}
		what := credentialFile(src)
		if what == "" {
			what = credentialDirs[path.Base(strings.TrimSuffix(strings.ToLower(src), "/"))]
		}
		if what != "" {
			// When the build context is there, its file is judged by
			// content, as the image side does: an .npmrc or .yarnrc.yml
			// with only a registry URL, or a .pem holding a certificate,
			// puts no credential into the image (issue 16).
			if b, ok := p.ContextFile(src); ok {
				why, holds := "", hasPrivateKey(b) || serviceAccountKey(b)
				if !holds {
					why, holds = credentialIn(p.Secrets(), src, b)
				}
				if !holds {
					cleared = true
					continue
				}
				p.Reportf(in.Range(), "%s %s puts %s into the image (read in the build context%s)", kw, src, what, why)
				return
			}
			p.Reportf(in.Range(), "%s %s puts %s into the image", kw, src, what)
			return
		}
	}
	dest = strings.Trim(dest, `"'`)
	if v := credentialFileVarIn(dest); v != "" {
		p.Reportf(in.Range(), "%s writes to $%s, a credential file", kw, v)
		return
	}
	full := dest
	if strings.HasSuffix(dest, "/") && len(srcs) == 1 && !heredoc {
		full = dest + path.Base(strings.Trim(srcs[0], `"'/`))
	}
	// A lone source's content, read above, decides over the name it is
	// given at the destination.
	if what := credentialFile(full); what != "" && !(cleared && len(srcs) == 1) {
		p.Reportf(in.Range(), "%s writes %s to %s", kw, what, dest)
		return
	}
	if sshDir(dest) && !heredoc {
		for _, src := range srcs {
			if !sshPublicFile(path.Base(strings.Trim(src, `"'/`))) {
				p.Reportf(in.Range(), "%s copies %s into an SSH directory (%s)", kw, strings.Trim(src, `"'`), dest)
				return
			}
		}
	}
}

// credentialFileVarIn returns the credential-file variable a destination
// is written as ("$AWS_CONFIG_FILE", "${KUBECONFIG}"), or "".
func credentialFileVarIn(dest string) string {
	if !strings.HasPrefix(dest, "$") {
		return ""
	}
	name := strings.TrimPrefix(dest, "$")
	if strings.HasPrefix(name, "{") {
		name = strings.TrimPrefix(name, "{")
		if i := strings.IndexAny(name, "}:"); i >= 0 {
			name = name[:i]
		}
	}
	if secret.IsCredentialFileVar(name) {
		return name
	}
	return ""
}

// checkCredentialVar reports a credential-file variable (trivy's
// GOOGLE_APPLICATION_CREDENTIALS check) whose path lies in a directory
// copied into the image: the file it names was copied with it.
func checkCredentialVar(p *Pass, in dockerfile.Instruction, kw, name, value, wd string, dests []copied) {
	value = strings.Trim(strings.TrimSpace(value), `"'`)
	if !secret.IsCredentialFileVar(name) || value == "" || strings.Contains(value, "$") {
		return
	}
	file := resolvePath(wd, value)
	for _, d := range dests {
		if d.dir == "/" || file == d.dir || strings.HasPrefix(file, strings.TrimSuffix(d.dir, "/")+"/") {
			p.Reportf(in.Range(), "%s %s points to %s, inside %s copied into the image at line %d", kw, name, value, d.dir, d.line)
			return
		}
	}
}

// checkCredentialWrites reports a RUN that writes a credential taken from
// a variable into a credential file and leaves it in the layer. A literal
// credential is secret-in-run's; a RUN with a secret mount is trusted.
func checkCredentialWrites(p *Pass, r *dockerfile.Run) {
	if r.Script == nil || hasSecretMount(r) {
		return
	}
	cmds := r.Script.Commands
	for i, c := range cmds {
		if !c.Is("echo", "printf", "cat", "tee") {
			continue
		}
		var targets []string
		for _, rd := range c.Redirects {
			if rd.Op == ">" || rd.Op == ">>" || rd.Op == ">|" {
				targets = append(targets, rd.Target)
			}
		}
		if c.Is("tee") {
			targets = append(targets, c.Positionals()...)
		}
		content := strings.Join(c.Args, " ") + c.Stdin
		if c.PipedFrom != nil {
			content += " " + strings.Join(c.PipedFrom.Args, " ")
		}
		if !strings.Contains(content, "$") {
			continue
		}
		for _, target := range targets {
			what := credentialFile(target)
			if what == "" || removedLater(cmds[i+1:], target) {
				continue
			}
			p.ReportLinef(c.Line, "RUN writes a credential from a variable into %s (%s), which stays in the layer", target, what)
			break
		}
	}
}

// removedLater reports whether a later command of the RUN deletes file.
func removedLater(cmds []*dockerfile.Command, file string) bool {
	for _, c := range cmds {
		if c.Is("rm", "shred", "unlink") {
			for _, a := range c.Positionals() {
				if sameFile(a, file) {
					return true
				}
			}
		}
	}
	return false
}

// credentialFile says what kind of credential a path names ("a private
// SSH key"), or "" for anything else.
func credentialFile(p string) string {
	p = strings.TrimSpace(p)
	if p == "" || strings.Contains(p, "$") {
		return ""
	}
	clean := strings.TrimSuffix(p, "/")
	lower := strings.ToLower(clean)
	base := path.Base(lower)
	for suffix, what := range credentialSuffixes {
		if lower == suffix || strings.HasSuffix(lower, "/"+suffix) {
			return what
		}
	}
	if what, ok := credentialNames[base]; ok {
		return what
	}
	switch {
	case strings.HasPrefix(base, ".env.") && !envTemplate(base):
		return "a dotenv file"
	case strings.HasPrefix(base, "client_secret") && strings.HasSuffix(base, ".json"):
		return "an OAuth client secret"
	case strings.HasSuffix(base, ".pem") && !publicKeyName(lower, "cert", "crt", "chain", "bundle", "pub", "root", "trust"):
		return "a PEM private key"
	case strings.HasSuffix(base, ".key") && !publicKeyName(lower, "pub", "gpg", "pgp", "sign", "release", "archive", "keyring", "repo", "apt", "yum", "rpm"):
		return "a private key"
	case strings.HasSuffix(base, ".p12") || strings.HasSuffix(base, ".pfx"):
		return "a PKCS#12 key store"
	case (strings.HasSuffix(base, ".jks") || strings.HasSuffix(base, ".keystore")) && !strings.Contains(base, "trust") && !strings.Contains(base, "cacerts"):
		return "a Java key store"
	}
	return ""
}

// credentialNames are file and directory names that hold credentials.
var credentialNames = map[string]string{
	"id_rsa": "a private SSH key", "id_dsa": "a private SSH key", "id_ecdsa": "a private SSH key",
	"id_ed25519": "a private SSH key", "id_ecdsa_sk": "a private SSH key", "id_ed25519_sk": "a private SSH key",
	".env": "a dotenv file", ".npmrc": "an npm config, which holds registry tokens",
	".yarnrc.yml": "a Yarn config, which holds registry tokens", ".pypirc": "a PyPI config, which holds upload tokens",
	".netrc": "a netrc file", "_netrc": "a netrc file", ".git-credentials": "a git credential store",
	".dockercfg": "a Docker registry auth file", ".htpasswd": "an htpasswd file", ".vault-token": "a Vault token",
	"credentials.json": "a cloud credentials file", "service-account.json": "a cloud service-account key",
	"service_account.json": "a cloud service-account key", "serviceaccount.json": "a cloud service-account key",
	"kubeconfig": "a kubeconfig",
}

// credentialDirs are directories that hold credentials, reported when
// they are a COPY source (as a destination, what is copied into them
// decides).
var credentialDirs = map[string]string{
	".ssh": "an SSH directory", ".gnupg": "a GnuPG keyring", ".aws": "an AWS credentials directory",
	".azure": "Azure CLI credentials", ".kube": "a kubeconfig directory", ".docker": "a Docker config directory",
}

// credentialSuffixes are credential files known by their last two path
// components.
var credentialSuffixes = map[string]string{
	".aws/credentials":    "AWS credentials",
	".docker/config.json": "a Docker registry auth file",
	".kube/config":        "a kubeconfig",
}

// envTemplate recognises the committed templates of a dotenv file.
func envTemplate(base string) bool {
	for _, s := range []string{"example", "sample", "template", "dist", "defaults", "tmpl", "tpl"} {
		if strings.HasSuffix(base, "."+s) {
			return true
		}
	}
	return false
}

// publicKeyName reports whether a key-looking path is named as public
// material (certificates, signing keys).
func publicKeyName(lower string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(lower, w) {
			return true
		}
	}
	for _, tok := range strings.FieldsFunc(path.Base(lower), func(r rune) bool { return r == '.' || r == '-' || r == '_' }) {
		if tok == "ca" {
			return true
		}
	}
	return false
}

// sshDir reports whether dest is an .ssh directory.
func sshDir(dest string) bool {
	d := strings.TrimSuffix(dest, "/")
	return path.Base(d) == ".ssh"
}

// sshPublicFile names the files of ~/.ssh that hold no secret.
func sshPublicFile(base string) bool {
	return base == "known_hosts" || base == "config" || base == "authorized_keys" || strings.HasSuffix(base, ".pub")
}

// stageWorkdir is the working directory at the end of s, which started in
// wd: what a stage built FROM s starts in.
func stageWorkdir(s *dockerfile.Stage, wd string) string {
	for _, in := range s.Instructions {
		if w, ok := in.(*dockerfile.Workdir); ok {
			wd = resolvePath(wd, expandWord(in, w.Cmd.Path))
		}
	}
	return wd
}

// expandWord expands ARG/ENV variables in a word where they are known.
func expandWord(in dockerfile.Instruction, w string) string {
	w = strings.Trim(w, `"'`)
	if strings.Contains(w, "$") && in.Scope() != nil {
		if exp := in.Scope().Expand(w); exp.Resolved {
			return exp.Value
		}
	}
	return w
}

// resolvePath makes p absolute against the working directory wd.
func resolvePath(wd, p string) string {
	if strings.HasPrefix(p, "/") {
		return path.Clean(p)
	}
	return path.Join(wd, p)
}

// maxSniffBytes bounds the files read to look for a private key by
// content: keys, service-account JSON and tokens files are small.
const maxSniffBytes = 64 << 10

// wantCredentialFileInImageLayer selects the files DKS5003 reads: files named like
// credentials, and small files outside package trees, whose first bytes
// tell a private key.
func wantCredentialFileInImageLayer(p string, hdr *tar.Header) bool {
	if thirdParty(p) {
		return false
	}
	return credentialFile(p) != "" || hdr.Size <= maxSniffBytes
}

// privateKeyRE matches the armour of PEM, OpenSSH and PuTTY private keys.
var privateKeyRE = lazyre.New(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+:`)

// hasPrivateKey reports whether b holds private-key armour. A substring
// search (vectorised) rules out nearly every file before the regexp runs.
func hasPrivateKey(b []byte) bool {
	return (bytes.Contains(b, []byte("PRIVATE KEY")) || bytes.Contains(b, []byte("PuTTY-User-Key-File-"))) && privateKeyRE().Match(b)
}

// dockerAuthRE finds stored registry credentials in a Docker config (a
// config with only "credsStore" holds none).
var dockerAuthRE = lazyre.New(`"(?:auth|identitytoken|password)"\s*:\s*"[^"]+"`)

// serviceAccountKey recognises a Google Cloud service-account key file.
func serviceAccountKey(b []byte) bool {
	return bytes.Contains(b, []byte(`"private_key"`)) && bytes.Contains(b, []byte(`"service_account"`))
}

// checkCredentialFileInImageLayer: a private key anywhere outside package trees (by
// content), and credential files by name whose content holds the
// credential (an .npmrc with only a registry URL holds none).
func checkCredentialFileInImageLayer(p *ImagePass, f *image.Entry) {
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
		if why, ok := credentialIn(p.Secrets(), f.Path, f.Content); ok {
			p.ReportFilef(f, "%s is %s%s", f.Path, named, why)
		}
	}
}

// credentialIn says what credential a file named like a credential file
// holds (", with a registry token"), judged by its content, from an image
// layer or the build context; ok is false when its content shows none.
// Files whose format is not read (key stores, htpasswd) count by their
// name, with no detail.
func credentialIn(pol *secret.Policy, name string, content []byte) (why string, ok bool) {
	base := strings.ToLower(path.Base(name))
	lines := func(fn func(k, v string) string) string {
		sc := bufio.NewScanner(bytes.NewReader(content))
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
		if bytes.Contains(content, []byte("password")) {
			return ", with a password", true
		}
		return "", false
	case base == ".env" || strings.HasPrefix(base, ".env."):
		return found(lines(func(k, v string) string {
			if why := secretVar(pol, "ENV", k, v, false); why != "" {
				return ", with " + k + " set"
			}
			return ""
		}))
	case strings.HasSuffix(name, "/.docker/config.json") || base == ".dockercfg":
		if dockerAuthRE().Match(content) {
			return ", with registry credentials", true
		}
		return "", false
	case strings.HasSuffix(name, "/.aws/credentials"):
		return found(lines(has("aws_secret_access_key", "aws_session_token")))
	case strings.HasSuffix(name, "/.kube/config") || base == "kubeconfig":
		return found(lines(has("token", "client-key-data", "password")))
	case base == ".git-credentials":
		if bytes.Contains(content, []byte("@")) {
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
