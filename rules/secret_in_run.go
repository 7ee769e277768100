package rules

import (
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/lazyre"
	"github.com/dockstride/dockstride/internal/secret"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SecretInRun: a credential written into a RUN command, or a RUN that
// stores credentials in the image.
var SecretInRun = &Rule{
	ID:       "DKS5002",
	Name:     "secret-in-run",
	Title:    "Secret written into a RUN command or stored by it",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0031"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1552_001, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE798, t.CWE259, t.CWE312},
		Controls: []*t.Control{t.Top10_A07, t.ASVS_V6, t.NIST53_IA5, t.NIST190_4_1_4},
	},
	Doc: Doc{
		Vulnerability: "Hardcoded secret in the build",
		Mitigation:    "Use BuildKit secret mounts or run-time secrets.",

		Rationale: "The text of every RUN is kept in the image history (`docker history --no-trunc`) and in the " +
			"Dockerfile's repository, so a password, token or key written into a command is readable by anyone " +
			"with the image or the source. Commands that log in (`aws configure set`, `gcloud auth " +
			"activate-service-account`, `az login`, `docker login`, `npm config set …_authToken`) also write " +
			"the credential into a file of the layer, whatever way it was passed. The rule reports credential " +
			"formats (cloud keys, tokens, URLs with passwords, Authorization headers), password options with a " +
			"literal value (`--password x`, `mysql -px`, `sshpass -p x`, `curl -u user:pass`), secret-named " +
			"variables assigned a literal, and those login commands when the RUN has no secret mount.",
		Impact: "Unauthorized access with the leaked credential",
		Fix: "Mount the secret for the one RUN that needs it, so it never reaches a layer or the history: " +
			"`RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci`, or " +
			"`--mount=type=secret,id=token,env=TOKEN`, and pass it with `docker build --secret id=token,src=…`.",
		Bad: Dockerfiles(
			"FROM node:22\nRUN npm config set //registry.npmjs.org/:_authToken=npm_0123456789abcdefghijklmnopqrstuvwxyz && npm ci\n",
			"FROM debian:12\nRUN mysql -uroot -ps3cr3tpass -e 'CREATE DATABASE app'\n",
			"FROM amazon/aws-cli:2.17.0\nARG AWS_KEY\nRUN aws configure set aws_secret_access_key \"$AWS_KEY\"\n",
		),
		Good: Dockerfiles(
			"FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n",
			"FROM debian:12\nRUN --mount=type=secret,id=db,env=MYSQL_PWD mysql -uroot -e 'CREATE DATABASE app'\n",
			"FROM debian:12\nRUN git clone https://github.com/acme/app.git /src\n",
		),
		Refs: []string{"https://docs.docker.com/build/building/secrets/"},
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: checkSecretInRun, History: true}},
}

func checkSecretInRun(p *Pass, in dockerfile.Instruction) {
	run := in.(*dockerfile.Run)
	if run.Script == nil {
		// Exec form or another shell: only credential formats can be told.
		for _, w := range run.Cmd.CmdLine {
			if m, ok := p.Secrets().FindValue(w); ok {
				p.Reportf(in.Range(), "RUN contains %s; it is recorded in the image history", withArticle(m.Kind))
				return
			}
		}
		return
	}
	mounted := hasSecretMount(run)
	// One search of the instruction's text tells whether any command
	// can hold a credential format, so most RUNs skip the per-command
	// search.
	pol := p.Secrets()
	_, formats := pol.FindValue(p.File.Source(in.Range()))
	if !formats {
		pol = nil
	}
	for _, c := range run.Script.Commands {
		if why := literalSecret(pol, formats, c); why != "" {
			p.ReportLinef(c.Line, "%s; it is recorded in the image history", why)
			continue
		}
		if !mounted {
			if where := storesCredential(c); where != "" {
				p.ReportLinef(c.Line, "%s stores a credential in %s inside the image layer", commandName(c), where)
			}
		}
	}
	reportSecretAssigns(p, run)
}

// knownSubcommands may be named in messages. Any other first argument may
// be a secret ("sshpass s3cret …"), so it is never printed.
var knownSubcommands = map[string]bool{"login": true, "configure": true, "auth": true, "config": true, "set": true, "registry": true, "adduser": true}

// commandName is "aws configure" or "docker login" for messages.
func commandName(c *dockerfile.Command) string {
	if sub := c.Subcommand(); knownSubcommands[sub] {
		return c.Base() + " " + sub
	}
	return c.Base()
}

// passwordFlags take a secret as their value on any command.
var passwordFlags = map[string]bool{
	"--password": true, "--passwd": true, "--pass": true, "--token": true, "--api-key": true, "--apikey": true,
	"--api-token": true, "--client-secret": true, "--auth-token": true, "--access-token": true, "--secret-key": true,
	"--secret-access-key": true, "--http-password": true, "--ftp-password": true, "--proxy-password": true,
	"--registry-password": true, "--docker-password": true,
}

// mysqlFamily take the password attached to -p ("-ps3cret").
var mysqlFamily = map[string]bool{"mysql": true, "mariadb": true, "mysqladmin": true, "mysqldump": true, "mysqlimport": true, "mysqlshow": true, "mysqlcheck": true}

// takesShortPassword reports whether -p means "password" for c: sshpass,
// and the login subcommands of registry and cloud clients (elsewhere -p is
// a port, as in `docker run -p`).
func takesShortPassword(c *dockerfile.Command) bool {
	switch c.Base() {
	case "sshpass":
		return true
	case "docker", "podman", "buildah", "skopeo", "oras", "az":
		return c.Subcommand() == "login"
	case "helm":
		return c.Subcommand() == "registry" && c.HasArg("login")
	}
	return false
}

// literalSecret says why c exposes a secret written in the text, or "".
// formats says whether the instruction's text holds a credential format at
// all; when it does not, only the option checks run.
func literalSecret(pol *secret.Policy, formats bool, c *dockerfile.Command) string {
	if formats {
		words := append([]string{c.Name}, c.Args...)
		for _, a := range c.Assigns {
			if _, v, ok := strings.Cut(a, "="); ok {
				words = append(words, v)
			}
		}
		// One search over the command finds what spans words too (netrc's
		// "machine … password …").
		if m, ok := pol.FindValue(strings.Join(words, " ")); ok {
			return c.Base() + " is passed " + withArticle(m.Kind)
		}
		if c.Stdin != "" {
			if m, ok := pol.FindValue(c.Stdin); ok {
				return c.Base() + " reads " + withArticle(m.Kind) + " from a heredoc"
			}
		}
	}
	for _, a := range c.Args {
		if strings.Contains(a, "@") && tokenInURL(a) {
			return c.Base() + " is passed a URL with a token as its user name"
		}
	}
	for i, a := range c.Args {
		if !strings.HasPrefix(a, "--") {
			continue
		}
		flag, v, hasValue := strings.Cut(a, "=")
		if !passwordFlags[flag] {
			continue
		}
		if !hasValue && i+1 < len(c.Args) {
			v = c.Args[i+1]
		}
		if secret.IsLiteralValue(v) {
			return c.Base() + " " + flag + " is given a literal value"
		}
	}
	for i, a := range c.Args {
		switch {
		case a == "-p" && takesShortPassword(c) && i+1 < len(c.Args) && secret.IsLiteralValue(c.Args[i+1]):
			return commandName(c) + " -p is given a literal password"
		case mysqlFamily[c.Base()] && strings.HasPrefix(a, "-p") && len(a) > 2 && secret.IsLiteralValue(a[2:]):
			return c.Base() + " -p is given a literal password"
		}
	}
	if c.Is("curl") {
		if v, ok := shortOrLong(c, "-u", "--user"); ok {
			if _, pw, found := strings.Cut(v, ":"); found && secret.IsLiteralValue(pw) {
				return "curl -u is given a literal password"
			}
		}
	}
	if c.Is("openssl") {
		for _, f := range []string{"-pass", "-passin", "-passout"} {
			if v, ok := c.FlagValue(f); ok && strings.HasPrefix(v, "pass:") && secret.IsLiteralValue(v[len("pass:"):]) {
				return "openssl " + f + " is given a literal password"
			}
		}
	}
	if c.Is("htpasswd") && c.HasFlag("-b") {
		if pos := c.Positionals(); len(pos) >= 3 && secret.IsLiteralValue(pos[len(pos)-1]) {
			return "htpasswd -b is given a literal password"
		}
	}
	return ""
}

// tokenUserRE matches a URL whose user part, with no password, looks like
// an access token (git clone https://ghp_x…@github.com/… or a 40-character
// hex token): long, and mixing letters and digits.
var tokenUserRE = lazyre.New(`^(?i:https?)://([A-Za-z0-9_-]{20,})@[^\s/]`)

func tokenInURL(w string) bool {
	m := tokenUserRE().FindStringSubmatch(w)
	if m == nil {
		return false
	}
	user := m[1]
	return strings.ContainsAny(user, "0123456789") && strings.IndexFunc(user, func(r rune) bool {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
	}) >= 0
}

// storesCredential says where a login command writes its credential, or
// "" when c is not one.
func storesCredential(c *dockerfile.Command) string {
	sub := c.Subcommand()
	switch c.Base() {
	case "aws":
		if sub == "configure" {
			for _, a := range c.Args {
				switch strings.ToLower(a) {
				case "aws_access_key_id", "aws_secret_access_key", "aws_session_token":
					return "~/.aws/credentials"
				}
			}
		}
	case "gcloud":
		if sub == "auth" && c.HasArg("activate-service-account", "login") {
			return "~/.config/gcloud"
		}
	case "az":
		if sub == "login" && (c.HasFlag("--service-principal", "-p", "--password", "--certificate")) {
			return "~/.azure"
		}
	case "docker", "podman", "buildah", "helm", "oras":
		if sub == "login" || (c.Base() == "helm" && sub == "registry" && c.HasArg("login")) {
			return "the registry auth file (~/.docker/config.json)"
		}
	case "npm", "yarn", "pnpm":
		if sub == "login" || sub == "adduser" {
			return "~/.npmrc"
		}
		if sub == "config" || sub == "set" {
			for _, a := range c.Args {
				l := strings.ToLower(a)
				if strings.Contains(l, "_authtoken") || strings.Contains(l, "_auth") || strings.Contains(l, "_password") || strings.Contains(l, "npmauthtoken") {
					return "~/.npmrc"
				}
			}
		}
	}
	return ""
}

// reportSecretAssigns reports secret-named variables assigned a literal in
// the script (`TOKEN=… ./deploy`, `export GITHUB_TOKEN=…`).
func reportSecretAssigns(p *Pass, run *dockerfile.Run) {
	for _, c := range run.Script.Commands {
		for _, a := range c.Assigns {
			if name, v, ok := strings.Cut(a, "="); ok {
				reportSecretAssign(p, c.Line, name, v)
			}
		}
	}
	// export/declare/readonly/local are not simple commands.
	line := run.Range().StartLine
	for _, d := range declAssigns(p.File, run, run.Script) {
		if v, lit := dockerfile.LiteralWord(d.value); lit {
			reportSecretAssign(p, line, d.name, v)
		}
	}
}

// reportSecretAssign reports one assignment of a literal to a
// secret-named variable; formats literalSecret recognises are left to it.
func reportSecretAssign(p *Pass, line int, name, v string) {
	if verdict, ok := p.Secrets().Assignment(name, v, secret.InScript); !ok || verdict.Kind != "" {
		// A recognised format is literalSecret's finding.
		return
	}
	p.ReportLinef(line, "RUN assigns a literal value to %s; it is recorded in the image history", name)
}
