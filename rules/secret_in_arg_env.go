package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/secret"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SecretInArgEnv: a credential in ARG or ENV, or written literally in a
// compose service's environment or build arguments, recognised by name or
// value.
var SecretInArgEnv = &Rule{
	ID:       "DKS5001",
	Name:     "secret-in-arg-env",
	Title:    "Secret stored in ARG, ENV or a compose environment",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  secretArgEnvPeers,
	// The peers judge Dockerfiles and images; no peer rule reads compose
	// environments.
	AliasesPerFinding: true,
	BuildKit:          &linter.RuleSecretsUsedInArgOrEnv,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1552_001, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE798, t.CWE522, t.CWE312},
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
			"findings.",
		Impact: "Unauthorized access with the leaked credential",
		Fix: "Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token " +
			"...`) and runtime secrets through the orchestrator (Docker/Kubernetes secrets, mounted files " +
			"read through `*_FILE` variables). In compose, refer to a variable (`POSTGRES_PASSWORD: " +
			"${POSTGRES_PASSWORD}`) set in an uncommitted `.env` or `env_file`, or use `secrets:` and the " +
			"image's `*_FILE` variable.",
		SeverityNote: "BuildKit's SecretsUsedInArgOrEnv is a warning; a credential baked into the image's config or history is readable by everyone who can pull the image, exploitable as shipped: error.",
		Bad: append(Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n",
			"FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN echo building\n",
			"FROM alpine:3.20\nENV CONFIG_URL=https://deploy:s3cr3tpassw0rd@config.example.com/app\n",
		), ComposeFiles("services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: password\n")...),
		Good: append(Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
			"FROM alpine:3.20\nRUN --mount=type=secret,id=token,env=TOKEN ./fetch.sh\n",
		), ComposeFiles(
			"services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}\n",
			"services:\n  db:\n    image: postgres:16\n    env_file: [db.env]\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db\n      - API_TOKEN\n",
		)...),
		Refs: []string{"https://docs.docker.com/build/building/secrets/", "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindArg, dockerfile.KindEnv}, Check: checkSecretInArgEnv, History: true},
		ImageConfigCheck{Check: checkSecretInArgEnvImage},
		ComposeServiceCheck{Check: checkSecretInArgEnvService},
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
			p.Reportf(s, v.Pos, "%s %s %s written in the compose file%s; refer to a variable (${%s}) or a secret instead",
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
	}
}
