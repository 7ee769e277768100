// Package secret recognises credentials by variable name and by value.
//
// It is shared by the Dockerfile rules (ARG, ENV, RUN) and the image rules
// (config Env, files in layers), so a secret is judged the same way wherever
// it is found. Nothing here ever returns the secret itself: callers get the
// kind of secret, which is safe to print.
package secret

import (
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/lazyre"
)

// Names are judged by their words, the parts between underscores (or
// the ends), ignoring case, so KEYBOARD or MONKEY hold no credential word.
// (These were three case-insensitive regular expressions; the word sets
// give the same answers, TestNameWordsMatchRegexps holds them to it, at a
// fraction of the cost: every ARG, ENV and RUN assignment is judged.)

// secretWords are words that say a variable holds a credential. Two-word
// names (API_KEY, CLIENT_SECRET) need no entry: their last word is here.
var secretWords = []string{
	"passwd", "password", "passphrase", "pass", "psw", "pw", "pwd", "pword", "secret", "secrets", "token",
	"apikey", "credential", "credentials", "auth", "authtoken", "privatekey", "key",
}

// publicWords are words that make a value public even when another word
// of the name looks secret: paths to secret files, public keys, key IDs,
// versions, URLs, hosts and users.
var publicWords = []string{
	"file", "files", "filename", "path", "dir", "directory", "public", "pub", "version", "ver", "url",
	"uri", "endpoint", "host", "hostname", "port", "user", "username", "id", "ids", "fingerprint",
	"keyring", "keyserver", "server", "name", "type", "length", "size", "ttl", "timeout", "expiry",
	"expires", "enabled", "enable", "disabled", "required", "allow", "allowed", "empty", "method",
	"mode", "header", "algorithm", "alg", "env", "location", "region", "publishable", "sha", "sha1",
	"sha256", "sha384", "sha512", "md5", "checksum", "digest",
}

// anyWordIn reports whether one of name's words is in set.
func anyWordIn(name string, set []string) bool {
	var buf [8]string
	for _, w := range splitName(buf[:0], name) {
		if wordIn(w, set) {
			return true
		}
	}
	return false
}

// splitName splits a name into its words: at underscores, and where a
// camelCase name (dbPass, adminPwd) starts a word with a capital after a
// lowercase letter or digit. The words are appended to out, which
// callers give a stack array's slice: a name rarely has more than eight
// words, and the rules ask about every variable name of every file.
func splitName(out []string, name string) []string {
	start := 0
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '_':
			out = append(out, name[start:i])
			start = i + 1
		case c >= 'A' && c <= 'Z' && i > start && (name[i-1] >= 'a' && name[i-1] <= 'z' || name[i-1] >= '0' && name[i-1] <= '9'):
			out = append(out, name[start:i])
			start = i
		}
	}
	return append(out, name[start:])
}

// abbreviatedWords are short forms of "password" that name one only as a
// name's last word (DB_PASS, ROOT_PW, MYSQL_PWD): first or in the middle
// they mean something else (PASS_THROUGH, PASS_MIN_DAYS), and PWD alone is
// the shell's working directory.
var abbreviatedWords = []string{"pass", "pw", "pwd", "psw", "pword"}

// hasSecretWord reports whether name has a secret word where it means
// one: anywhere for a full word, last for an abbreviation.
func hasSecretWord(name string) bool {
	var buf [8]string
	words := splitName(buf[:0], name)
	for i, w := range words {
		if !wordIn(w, secretWords) {
			continue
		}
		if !wordIn(w, abbreviatedWords) {
			return true
		}
		if i == len(words)-1 && !(len(words) == 1 && strings.EqualFold(w, "pwd")) {
			return true
		}
	}
	return false
}

func wordIn(w string, set []string) bool {
	for _, s := range set {
		if strings.EqualFold(w, s) {
			return true
		}
	}
	return false
}

// isGPGKeyName matches the names Docker official images use for the
// fingerprints of release signing keys (GPG_KEY, GPG_KEYS, NODE_GPG_KEYS,
// PGPKEY).
func isGPGKeyName(name string) bool {
	var buf [8]string
	words := splitName(buf[:0], name)
	for i, w := range words {
		if wordIn(w, []string{"gpgkey", "gpgkeys", "pgpkey", "pgpkeys"}) {
			return true
		}
		if i+1 < len(words) && wordIn(w, []string{"gpg", "pgp"}) && wordIn(words[i+1], []string{"key", "keys"}) {
			return true
		}
	}
	return false
}

// knownSecretNames are the variables cloud SDKs and services read
// credentials from, secret even where the generic rules would not say so
// (AWS_ACCESS_KEY_ID ends in _ID).
var knownSecretNames = map[string]bool{
	"AWS_ACCESS_KEY_ID": true, "AWS_SECRET_ACCESS_KEY": true, "AWS_SESSION_TOKEN": true,
	"AZURE_CLIENT_SECRET": true, "GITHUB_TOKEN": true, "GH_TOKEN": true, "GITLAB_TOKEN": true,
	"OPENAI_API_KEY": true, "ANTHROPIC_API_KEY": true, "HF_TOKEN": true, "NPM_TOKEN": true,
	"DOCKER_PASSWORD": true, "DOCKERHUB_TOKEN": true, "SENTRY_AUTH_TOKEN": true,
}

// clientPrefixes are the prefixes front-end build tools use to expose a
// variable to the browser bundle: VITE_AWS_ACCESS_KEY_ID is still an AWS key.
var clientPrefixes = []string{"VITE_", "REACT_APP_", "VUE_APP_"}

// credentialFileVars name the path of a credential file, not a credential:
// their values are paths, and the file they point to is the secret.
var credentialFileVars = map[string]bool{
	"GOOGLE_APPLICATION_CREDENTIALS": true, "AWS_CONFIG_FILE": true, "AWS_SHARED_CREDENTIALS_FILE": true,
	"AWS_WEB_IDENTITY_TOKEN_FILE": true, "HF_TOKEN_PATH": true, "KUBECONFIG": true, "DOCKER_CONFIG": true,
	"NETRC": true, "NPM_CONFIG_USERCONFIG": true, "AZURE_CLIENT_CERTIFICATE_PATH": true,
}

// IsCredentialFileVar reports whether a variable (any case) holds the path
// of a credential file (GOOGLE_APPLICATION_CREDENTIALS, AWS_CONFIG_FILE…).
func IsCredentialFileVar(name string) bool { return credentialFileVars[strings.ToUpper(name)] }

// knownPublicNames hold keys that are public by design (a reCAPTCHA site
// key is embedded in every page that uses it).
var knownPublicNames = map[string]bool{"SITE_KEY": true, "RECAPTCHA_SITE_KEY": true}

// IsSecretName reports whether an ARG/ENV name says it holds a credential.
func IsSecretName(name string) bool {
	if name == "" {
		return false
	}
	up := strings.ToUpper(name)
	if credentialFileVars[up] || knownPublicNames[up] {
		return false
	}
	if i := strings.LastIndex(up, "__"); i >= 0 && up[i+2:] == "KEY" {
		// .NET configuration paths (Filters__0__Key=ProcessId): the Key
		// of a key/value setting, not a key.
		return false
	}
	for _, p := range clientPrefixes {
		up = strings.TrimPrefix(up, p)
	}
	if knownSecretNames[up] {
		return true
	}
	if !hasSecretWord(name) && !hasSecretSuffix(up) {
		return false
	}
	if anyWordIn(name, publicWords) || isGPGKeyName(name) {
		return false
	}
	return true
}

// hasSecretSuffix matches names that run a secret word into the one before
// it (ROOTPASSWORD, GPGPASSPHRASE, DBPASS), which the word split misses.
// An abbreviation counts only after a word that names an account or a
// store: BYPASS, COMPASS and OLDPWD hold none.
func hasSecretSuffix(up string) bool {
	for _, w := range []string{"PASSWORD", "PASSPHRASE", "PASSWD"} {
		if strings.HasSuffix(up, w) {
			return true
		}
	}
	for _, w := range []string{"PASS", "PWD", "PW"} {
		if before, ok := strings.CutSuffix(up, w); ok && slices.Contains(accountWords, before[strings.LastIndexByte(before, '_')+1:]) {
			return true
		}
	}
	return false
}

// accountWords name what a password run into them belongs to (DBPASS,
// ROOTPW, KEYSTOREPASS).
var accountWords = []string{
	"DB", "ROOT", "ADMIN", "USER", "KEYSTORE", "TRUSTSTORE", "STORE", "SMTP", "MAIL", "EMAIL", "FTP", "LDAP",
	"SSH", "MYSQL", "PG", "POSTGRES", "REDIS", "MONGO", "RABBITMQ", "AMQP", "SA", "DEFAULT", "VNC", "PROXY",
}

// fingerprintRE matches OpenPGP v4 fingerprints once spaces are removed:
// 40 hex digits, with an optional 0x. (16-digit key IDs are left out: a
// 64-bit hex secret looks the same.)
var fingerprintRE = lazyre.New(`^(?:0x)?[0-9A-Fa-f]{40}$`)

// IsFingerprint reports whether a value is a public key's ID or
// fingerprint (what `key='B97B0AFC…'; gpg --recv-keys "$key"` holds), which
// identifies a key without revealing anything secret.
func IsFingerprint(v string) bool {
	return fingerprintRE().MatchString(strings.ReplaceAll(strings.Trim(strings.TrimSpace(v), `"'`), " ", ""))
}

// IsFlagValue reports whether a value is a boolean or on/off switch
// (ALLOW_EMPTY_PASSWORD=no): a setting about a secret, not one.
func IsFlagValue(v string) bool {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(v), `"'`)) {
	case "yes", "no", "true", "false", "on", "off", "0", "1", "y", "n", "enabled", "disabled":
		return true
	}
	return false
}

// IsPathValue reports whether a value is a file path (/run/secrets/db,
// ./key.json, ~/.netrc, assets/tls/root.key): a reference to where a
// secret lives, not the secret.
func IsPathValue(v string) bool {
	v = strings.Trim(strings.TrimSpace(v), `"'`)
	if v == "" || strings.ContainsAny(v, " \t\n") {
		return false
	}
	return strings.HasPrefix(v, "/") || strings.HasPrefix(v, "./") || strings.HasPrefix(v, "../") || strings.HasPrefix(v, "~/") ||
		isRelativeFilePath(v)
}

// isRelativeFilePath matches dir/…/name.ext: base64 and hex secrets may
// hold slashes but never a dot, so a last segment with a short alphabetic
// extension after a slash names a file.
func isRelativeFilePath(v string) bool {
	dir, file, ok := cutLast(v, "/")
	if !ok || dir == "" {
		return false
	}
	base, ext, ok := cutLast(file, ".")
	if !ok || base == "" || len(ext) == 0 || len(ext) > 5 {
		return false
	}
	for _, c := range ext {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	for _, c := range dir {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.ContainsRune("/._-", c)) {
			return false
		}
	}
	return true
}

// cutLast is strings.Cut at the last sep.
func cutLast(s, sep string) (before, after string, found bool) {
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[:i], s[i+len(sep):], true
	}
	return s, "", false
}

// standInWords are words a value holds when it says it is not a real
// secret.
var standInWords = []string{"placeholder", "dummy", "fake", "unused", "example", "sample", "redacted", "mock"}

// IsStandIn reports whether a value says it stands in for a secret:
// precompile_placeholder (Rails' asset build), dummy-key, example.
// Recognised credential formats are judged before this and still count.
func IsStandIn(v string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(v), func(r rune) bool {
		return !('a' <= r && r <= 'z' || '0' <= r && r <= '9')
	}) {
		if wordIn(w, standInWords) {
			return true
		}
	}
	return false
}

// valuePattern is one recognisable credential format.
type valuePattern struct {
	kind string
	// re is compiled on first use: the prefilter below keeps most
	// patterns from ever running, and compiling all fifteen for the first
	// text checked took 3 % of the CPU of a cold lint of a service folder.
	re func() *regexp.Regexp
	// need lists literals of which the text must contain at least one for
	// re to match (matched ignoring case when fold is set). Most patterns
	// start with \b, which defeats regexp's literal-prefix scan, and every
	// instruction and message is checked: the prefilter (literalSet) skips
	// ~all of them.
	need []string
	fold bool
	// also, when set, is a finer test the text must pass once need has
	// matched, cheaper than the regexp.
	also func(string) bool
}

// literalSet finds, in one pass over a text, which of the built-in
// patterns' required literals it contains. Checking each literal with
// strings.Contains scanned every instruction and message ~22 times; a
// table of the literals' first two bytes reads it once, and only the rare
// position whose two bytes start some literal is compared further.
type literalSet struct {
	// byPair maps a two-byte prefix to an index into cands (0: none).
	byPair [1 << 16]uint16
	cands  [][]literal
	// single holds the patterns whose literal is one byte long.
	single [256]uint32
}

// literal is one required literal of the pattern with bit index bit.
type literal struct {
	text string
	fold bool
	bit  uint32
}

func newLiteralSet(patterns []valuePattern) *literalSet {
	ls := &literalSet{cands: [][]literal{nil}}
	add := func(a, b byte, l literal) {
		k := uint16(a)<<8 | uint16(b)
		if ls.byPair[k] == 0 {
			ls.byPair[k] = uint16(len(ls.cands))
			ls.cands = append(ls.cands, nil)
		}
		ls.cands[ls.byPair[k]] = append(ls.cands[ls.byPair[k]], l)
	}
	for i, p := range patterns {
		for _, n := range p.need {
			l := literal{text: n, fold: p.fold, bit: 1 << i}
			switch {
			case len(n) == 1:
				ls.single[n[0]] |= l.bit
			case p.fold:
				for _, a := range caseVariants(n[0]) {
					for _, b := range caseVariants(n[1]) {
						add(a, b, l)
					}
				}
			default:
				add(n[0], n[1], l)
			}
		}
	}
	return ls
}

// caseVariants is c in both ASCII cases.
func caseVariants(c byte) []byte {
	if lc := c | 0x20; lc >= 'a' && lc <= 'z' {
		return []byte{lc, lc &^ 0x20}
	}
	return []byte{c}
}

// scan returns the set of patterns (bit i for patterns[i]) one of whose
// literals occurs in s. A pattern without literals is never set: the
// caller treats it as always possible.
func (ls *literalSet) scan(s string) uint32 {
	var found uint32
	for i := 0; i < len(s); i++ {
		found |= ls.single[s[i]]
		if i+1 == len(s) {
			break
		}
		k := ls.byPair[uint16(s[i])<<8|uint16(s[i+1])]
		if k == 0 {
			continue
		}
		for _, l := range ls.cands[k] {
			if found&l.bit != 0 || len(s)-i < len(l.text) {
				continue
			}
			if t := s[i : i+len(l.text)]; t == l.text || l.fold && strings.EqualFold(t, l.text) {
				found |= l.bit
			}
		}
	}
	return found
}

// hasURLUserinfo reports whether some "://" in s is followed by an "@"
// before the next "/", blank or quote: a URL that may carry credentials
// (what the credentials-in-URL pattern needs). Most RUNs have both a URL
// and an "@" (pkg@1.2), rarely in that shape.
func hasURLUserinfo(s string) bool {
	for {
		i := strings.Index(s, "://")
		if i < 0 {
			return false
		}
		s = s[i+3:]
		end := strings.IndexAny(s, "/ \t\n\r'\"")
		if end < 0 {
			end = len(s)
		}
		if strings.IndexByte(s[:end], '@') >= 0 {
			return true
		}
	}
}

// builtinLiterals is the literal set of valuePatterns.
var builtinLiterals = sync.OnceValue(func() *literalSet { return newLiteralSet(valuePatterns()) })

var valuePatterns = sync.OnceValue(func() []valuePattern {
	return []valuePattern{
		// The body up to the END line (or to the end of the base64 when the
		// text is cut short) belongs to the match, so Redact removes it.
		{kind: "private key", re: lazyre.New(`-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.-]*?-----END[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|[A-Za-z0-9+/=\s]*)`), need: []string{"-----BEGIN"}},
		{kind: "AWS access key ID", re: lazyre.New(`\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA)[A-Z0-9]{16}\b`), need: []string{"AKIA", "ASIA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA"}},
		{kind: "GitHub token", re: lazyre.New(`\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b`), need: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"}},
		{kind: "GitLab token", re: lazyre.New(`\bglpat-[A-Za-z0-9_-]{20,}\b`), need: []string{"glpat-"}},
		{kind: "Slack token", re: lazyre.New(`\bxox[abposr]-[A-Za-z0-9-]{10,}\b`), need: []string{"xox"}},
		{kind: "Slack webhook", re: lazyre.New(`https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+`), need: []string{"https://hooks.slack.com/services/T"}},
		{kind: "Google API key", re: lazyre.New(`\bAIza[0-9A-Za-z_-]{35}\b`), need: []string{"AIza"}},
		{kind: "Stripe secret key", re: lazyre.New(`\b[sr]k_live_[0-9A-Za-z]{20,}\b`), need: []string{"k_live_"}},
		{kind: "npm token", re: lazyre.New(`\bnpm_[A-Za-z0-9]{36}\b`), need: []string{"npm_"}},
		{kind: "PyPI token", re: lazyre.New(`\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}`), need: []string{"pypi-AgEIcHlwaS5vcmc"}},
		{kind: "password in a URL", re: lazyre.New(`\b[a-zA-Z][a-zA-Z0-9+.-]*://[^/\s:@'"\[]+:([^/\s@'"]+)@[^\s/'"]`), need: []string{"://"}, also: hasURLUserinfo},
		{kind: "npm auth token", re: lazyre.New(`(?:^|[\s:'"/])_auth(?:Token)?\s*=\s*["']?([^\s'"]{8,})`), need: []string{"_auth"}},
		{kind: "authorization header", re: lazyre.New(`(?i)\bauthorization:\s*(?:bearer|basic|token)\s+([A-Za-z0-9._~+/=$\{\}-]{12,})`), need: []string{"authorization"}, fold: true},
		{kind: "netrc password", re: lazyre.New(`\bmachine\s+\S+\s+(?:login\s+\S+\s+)?password\s+([^\s'"]{4,})`), need: []string{"machine"}},
		{kind: "JSON Web Token", re: lazyre.New(`\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}`), need: []string{"eyJ"}},
	}
})

// urlPasswordIsReference matches a URL password that is only a variable
// reference ("$TOKEN", "${TOKEN}"): the secret is not in the text.
var urlPasswordIsReference = lazyre.New(`^\$(?:\{[A-Za-z_][A-Za-z0-9_]*[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)$`)

// Match is a recognised secret: its kind, and where in the input it starts
// and ends (byte offsets), so callers can redact without printing it.
type Match struct {
	Kind       string
	Start, End int
}

// FindValue reports the first credential format recognised in s.
func FindValue(s string) (Match, bool) {
	if len(s) < 8 {
		return Match{}, false
	}
	may := builtinLiterals().scan(s)
	for i, p := range valuePatterns() {
		if len(p.need) > 0 && may&(1<<i) == 0 || p.also != nil && !p.also(s) {
			continue
		}
		for _, loc := range p.re().FindAllStringSubmatchIndex(s, 8) {
			// A pattern's first group, when it has one, is the secret
			// itself: a variable reference or a placeholder there means
			// this occurrence holds no secret.
			if len(loc) >= 4 && loc[2] >= 0 {
				v := s[loc[2]:loc[3]]
				if strings.Contains(v, "$") || isPlaceholder(v) {
					continue
				}
			}
			return Match{Kind: p.kind, Start: loc[0], End: loc[1]}, true
		}
	}
	return Match{}, false
}

// IsPlaceholderValue reports whether a value is clearly not a real secret:
// empty, a variable reference, or a conventional placeholder.
func IsPlaceholderValue(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" {
		return true
	}
	if urlPasswordIsReference().MatchString(v) {
		return true
	}
	return isPlaceholder(v)
}

func isPlaceholder(v string) bool {
	switch strings.ToLower(strings.Trim(v, `"'<>`)) {
	case "", "changeme", "change-me", "change_me", "xxx", "xxxx", "xxxxxx", "none", "null", "nil",
		"false", "true", "0", "1", "yes", "no", "dummy", "fake", "unused", "example", "sample", "placeholder", "redacted", "secret", "password", "token", "****", "*****", "******":
		return true
	}
	return false
}

// Redact replaces every recognised secret value in s with "[REDACTED]", for
// echoing source text (history lines, RUN snippets) safely.
func Redact(s string) string {
	for range 16 {
		m, ok := FindValue(s)
		if !ok {
			return s
		}
		s = s[:m.Start] + "[REDACTED]" + s[m.End:]
	}
	return s
}
