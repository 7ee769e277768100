package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/python"
	"github.com/dockstride/dockstride/internal/secret"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SecretInArgEnv: a credential hardcoded where the image or the project
// carries it: in ARG or ENV, written literally in a compose service's
// environment or build arguments, or in the application code the image
// ships (a literal assigned to a secret's name, a token in a string or a
// configuration file), recognised by name or value.
var SecretInArgEnv = &Rule{
	ID:       "DKS5001",
	Name:     "secret-in-arg-env",
	Title:    "Secret hardcoded in ARG, ENV, compose environment or application code",
	Severity: Error,
	Since:    "0.1.0",
	Aliases: []string{
		"SecretsUsedInArgOrEnv", "DL3064", "DS-0031", "CIS-DI-0010",
		"B105", "hardcoded_password_string", "B106", "hardcoded_password_funcarg", "B107", "hardcoded_password_default",
	},
	// The peers judge Dockerfiles and images, bandit application code; no
	// peer rule reads compose environments.
	AliasesPerFinding: true,
	BuildKit:          &linter.RuleSecretsUsedInArgOrEnv,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1552_001, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE798, t.CWE259, t.CWE522, t.CWE312},
		Controls: []*t.Control{t.Top10_A07, t.ASVS_V6, t.NIST53_IA5, t.NIST190_4_1_4},
	},
	Doc: Doc{
		Vulnerability: "Hardcoded secret in the build",
		Mitigation:    "Use BuildKit secret mounts or run-time secrets.",

		Rationale: "ENV values are stored in the image config and ARG values in its build history: anyone " +
			"who can pull the image (a registry mirror, a CI cache, a leaked tarball) can read them with " +
			"`docker history` or `docker inspect`. A password, token or key there is a hardcoded credential " +
			"that cannot be rotated without rebuilding every image that holds it. A compose file is the same " +
			"credential in the repository (`POSTGRES_PASSWORD: password`): everyone with the source has it, " +
			"and `docker inspect` shows it on the host. `${VAR}` references and `env_file` are the fix, not " +
			"findings.\n\n" +
			"The same holds for the application code the image ships: a literal assigned to a secret's " +
			"name (`PASSWORD = \"…\"`, bandit's B105), passed as a secret keyword argument (B106), given as a " +
			"secret parameter's default (B107) or as the fallback of `os.environ.get(\"DB_PASSWORD\", \"…\")` " +
			"(which no peer checks), and a token of a known format (GitHub, AWS, Slack, private keys…) in a " +
			"string or in a shipped `.json`, `.yaml`, `.ini`, `.cfg`, `.toml`, `.env` or `.js` file. In code " +
			"a placeholder such as `\"changeme\"` is the password in use, so only empty strings, masks, " +
			"templates (`\"{password}\"`, `\"%s\"`), paths and flags are left alone, with the shapes a " +
			"library gives a secret-looking name for something else: a key's private name (Django's " +
			"`SESSION_KEY = \"_auth_user_id\"`), an OID or version, a regular expression, an authentication " +
			"scheme (`\"Bearer\"`), one character, a message or prefix (`REASON_BAD_TOKEN`, " +
			"`UNUSABLE_PASSWORD_PREFIX`), and a parser's token compared with a token type (`token == " +
			"\"lambda\"`, `token == \"COLLATE\"`).\n\n" +
			"Names are read by their words (split at `_` and at camelCase capitals): a credential word " +
			"anywhere (`PASSWORD`, `PASSPHRASE`, `SECRET`, `TOKEN`, `KEY`), an abbreviation only as the last " +
			"word (`DB_PASS`, `LDAP_ADMIN_PW`, `MYSQL_PWD`, `dbPass`) or run into an account's word " +
			"(`LDAP_ROOTPASS`), so `PASS_THROUGH`, `BYPASS`, `TESTS_PASSED` and the shell's `PWD` are not " +
			"secrets. A word that makes the value public wins (`PASSWORD_FILE`, `TOKEN_URL`, `PUBLIC_KEY`).",
		Impact: "Unauthorized access with the leaked credential",
		Fix: "Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token " +
			"...`) and runtime secrets through the orchestrator (Docker/Kubernetes secrets, mounted files " +
			"read through `*_FILE` variables). In compose, refer to a variable (`POSTGRES_PASSWORD: " +
			"${POSTGRES_PASSWORD}`) set in an uncommitted `.env` or `env_file`, or use `secrets:` and the " +
			"image's `*_FILE` variable. " +
			"In code, read them from the environment with no fallback (`os.environ[\"APP_PASSWORD\"]`) and " +
			"keep the values in a git-ignored `.env` that the `.dockerignore` keeps out of the image.",
		SeverityNote: "BuildKit's SecretsUsedInArgOrEnv is a warning; a credential baked into the image's config or history is readable by everyone who can pull the image, exploitable as shipped: error. " +
			"A secret's name with a stand-in value (`placeholder`, `dummy`, an ARG default of `changeme`) stores nothing secret: info (trivy's DS-0031 reports it); an empty value is not reported.",
		Bad: append(append(Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n",
			"FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN echo building\n",
			"FROM alpine:3.20\nENV CONFIG_URL=https://deploy:s3cr3tpassw0rd@config.example.com/app\n",
		), ComposeFiles("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: password\n")...), Code(
			"PASSWORD = \"Sup3rS3cr3t!\"\n",
			"import os\n\nDB_PASSWORD = os.environ.get(\"DB_PASSWORD\", \"hunter2\")\n",
			"import psycopg2\n\nconn = psycopg2.connect(host=\"db\", user=\"app\", password=\"hunter2\")\n",
		)...),
		Good: append(append(Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
			"FROM alpine:3.20\nRUN --mount=type=secret,id=token,env=TOKEN ./fetch.sh\n",
		), ComposeFiles(
			"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
			"services:\n  db:\n    image: postgres:16\n    env_file: [db.env]\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db\n      - API_TOKEN\n",
		)...), Code(
			"import os\n\nPASSWORD = os.environ[\"APP_PASSWORD\"]\n",
			"def login(password=None):\n    if password == \"\":\n        raise ValueError(\"no password\")\n",
		)...),
		Refs: []string{"https://docs.docker.com/build/building/secrets/", "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
	},
	// Only a compose service's environment gets a fix: the value moves to
	// the project's .env (secretToDotEnvFix). Unsafe: the service then
	// needs that .env wherever it is deployed.
	Fix: UnsafeFix,
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindArg, dockerfile.KindEnv}, Check: checkSecretInArgEnv, History: true},
		ImageConfigCheck{Check: checkSecretInArgEnvImage},
		ComposeServiceCheck{Check: checkSecretInArgEnvService},
		PythonCheck{Nodes: []PythonNode{PyString}, Check: checkSecretInCode, KeepRemoved: true},
		SourceTextCheck{Want: isConfigText, Check: checkSecretInText, KeepRemoved: true},
	},
}

// secretArgEnvPeers are the peer rules for ARG, ENV and an image's
// environment, which every Dockerfile and image finding answers to.
var secretArgEnvPeers = []string{"SecretsUsedInArgOrEnv", "DL3064", "DS-0031", "CIS-DI-0010"}

// checkSecretInArgEnvService: a secret written literally in a service's
// environment or build arguments. A reference (${VAR}) or a name alone
// (passed through from the host) holds no value in the file.
func checkSecretInArgEnvService(p *ComposePass, s *compose.Service) {
	report := func(vars []compose.Var, what, where string) {
		for _, v := range vars {
			if v.Kind != compose.ValueLiteral {
				continue
			}
			verdict, ok := p.Secrets().Assignment(v.Name, v.Raw, secret.InEnv)
			if !ok {
				continue
			}
			kind := "looks like a secret"
			if verdict.Kind != "" {
				kind = "holds " + withArticle(verdict.Kind)
			}
			q := p
			if what == "environment variable" {
				q = p.WithFix(func() *Fix { return secretToDotEnvFix(p, s, v) })
			}
			q.Reportf(s, v.Pos, "%s %s %s written in the compose file%s; refer to a variable (${%s}) or a secret instead",
				what, v.Name, kind, where, v.Name)
		}
	}
	report(s.Environment.Items, "environment variable", "")
	report(s.Build.Args.Items, "build argument", ", and build arguments are recorded in the image history")
}

func checkSecretInArgEnv(p *Pass, in dockerfile.Instruction) {
	switch x := in.(type) {
	case *dockerfile.Arg:
		for _, kv := range x.Cmd.Args {
			value := ""
			if kv.Value != nil {
				value = *kv.Value
			}
			checkSecretVar(p, in, "ARG", kv.Key, value)
		}
	case *dockerfile.Env:
		for _, kv := range x.Cmd.Env {
			checkSecretVar(p, in, "ENV", kv.Key, kv.Value)
		}
	}
}

// checkSecretInArgEnvImage: a credential in the config's Env, by name or value.
func checkSecretInArgEnvImage(p *ImagePass, img *image.Image) {
	for _, kv := range img.Config.Config.Env {
		name, value, _ := strings.Cut(kv, "=")
		if why := secretVar(p.Secrets(), "ENV", name, value, false); why != "" {
			p.ReportAliasedf(secretArgEnvPeers, "%s", why)
		}
	}
}

// checkSecretVar reports one variable; messages name the variable and the
// kind of secret, never the value.
func checkSecretVar(p *Pass, in dockerfile.Instruction, kw, name, value string) {
	if why := secretVar(p.Secrets(), kw, name, value, p.History); why != "" {
		p.ReportAliasedf(in.Range(), secretArgEnvPeers, "%s", why)
		return
	}
	if standInSecret(p.Secrets(), kw, name, value) {
		// Nothing secret is baked in, but a run that does not override
		// the variable runs with the stand-in (trivy's DS-0031 reports
		// it as a secret): hygiene.
		p.ReportAtf(Info, in.Range(), secretArgEnvPeers, "%s %s has a secret's name and a stand-in value baked into the image; nothing secret is stored, but a run that does not set it uses the stand-in", kw, name)
	}
}

// standInSecret reports a secret-named ENV or ARG whose literal value says
// it stands in for the real one (placeholder, dummy, an ARG default of
// changeme): not a secret, and not empty either.
func standInSecret(pol *secret.Policy, kw, name, value string) bool {
	v := strings.Trim(strings.TrimSpace(value), `"'`)
	if v == "" || strings.ContainsAny(v, "$`") || !pol.IsSecretName(name) || secret.IsPathValue(v) {
		return false
	}
	return secret.IsStandIn(v) || (kw == "ARG" && secret.IsPlaceholderValue(v))
}

// checkSecretInCode judges a string literal by where it is written: the
// name it is assigned to (B105), the keyword it is passed as (B106), the
// parameter it is the default of (B107), the variable it is compared
// with (B105), the environment variable it is the fallback of; anywhere
// else, a token of a known format.
func checkSecretInCode(p *CodePass, n python.Node) {
	c := n.(*python.Constant)
	if p.Secrets().AllowedPath(p.Where.Path) || p.Secrets().AllowedPath(p.Where.File) {
		return
	}
	name, how, aliases := secretContext(p, c)
	if name == "" {
		if m, ok := p.Secrets().FindValue(c.Value); ok {
			p.Reportf(c, "a string literal holds %s", withArticle(m.Kind))
		}
		return
	}
	v, ok := p.Secrets().Assignment(name, c.Value, secret.InCode)
	if !ok {
		return
	}
	what := "a hardcoded secret"
	if v.Kind != "" {
		what = withArticle(v.Kind)
	}
	p.ReportAliasedf(c, aliases, how, name, what)
}

// secretContext says which name a string literal is written for, how
// (a message format taking the name and what it holds) and the bandit
// test that reads that place; name is "" when none.
func secretContext(p *CodePass, c *python.Constant) (name, how string, aliases []string) {
	b105 := []string{"B105", "hardcoded_password_string"}
	switch x := p.Parent().(type) {
	case *python.Assign:
		if x.Value == python.Expr(c) {
			for _, t := range x.Targets {
				if n := targetName(t); n != "" {
					return n, "%s is assigned %s", b105
				}
			}
		}
	case *python.AnnAssign:
		if x.Value == python.Expr(c) {
			if n := targetName(x.Target); n != "" {
				return n, "%s is assigned %s", b105
			}
		}
	case *python.Compare:
		if len(x.Comparators) == 1 && (x.Ops[0] == python.Eq || x.Ops[0] == python.NotEq) {
			other := x.Left
			if x.Left == python.Expr(c) {
				other = x.Comparators[0]
			}
			if n := targetName(other); n != "" {
				return n, "%s is compared with %s", b105
			}
		}
	case *python.Dict:
		for i, v := range x.Values {
			if v == python.Expr(c) && x.Keys[i] != nil {
				if k, ok := python.StringValue(x.Keys[i]); ok {
					return k, "the key %q is given %s", b105
				}
			}
		}
	case *python.Keyword:
		if x.Arg != "" {
			return x.Arg, "%s= is passed %s", []string{"B106", "hardcoded_password_funcarg"}
		}
	case *python.Arg:
		if x.Default == python.Expr(c) {
			return x.Name, "parameter %s defaults to %s", []string{"B107", "hardcoded_password_default"}
		}
	case *python.Call:
		if len(x.Args) == 2 && x.Args[1] == python.Expr(c) && isEnvLookup(callName(p, x)) {
			if env, ok := python.StringValue(x.Args[0]); ok {
				return env, "%s falls back to %s when the environment does not set it", nil
			}
		}
	}
	return "", "", nil
}

// targetName is the name an assignment target or compared operand
// carries: a variable, an attribute, or a subscript's string key.
func targetName(e python.Expr) string {
	switch x := e.(type) {
	case *python.Name:
		return x.ID
	case *python.Attribute:
		return x.Attr
	case *python.Subscript:
		if k, ok := python.StringValue(x.Slice); ok {
			return k
		}
	}
	return ""
}

// isEnvLookup reports whether a function reads an environment variable
// with a fallback: os.environ.get, os.getenv, os.environ.setdefault.
func isEnvLookup(name string) bool {
	switch name {
	case "os.environ.get", "os.getenv", "os.environ.setdefault", "os.environb.get", "os.getenvb":
		return true
	}
	return false
}

// isConfigText reports whether a file is a configuration or script file
// (not Python, whose strings checkSecretInCode reads) to scan for tokens.
func isConfigText(name string) bool { return !strings.HasSuffix(strings.ToLower(name), ".py") }

// checkSecretInText reports each line of a configuration or JavaScript
// file that holds a token of a known format.
func checkSecretInText(p *CodePass, text []byte) {
	if p.Secrets().AllowedPath(p.Where.Path) || p.Secrets().AllowedPath(p.Where.File) {
		return
	}
	line := 1
	for rest := string(text); rest != ""; {
		l, more, _ := strings.Cut(rest, "\n")
		if m, ok := p.Secrets().FindValue(l); ok {
			p.ReportLinef(line, "line holds %s", withArticle(m.Kind))
		}
		rest = more
		line++
	}
}
