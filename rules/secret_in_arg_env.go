package rules

import (
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/linter"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	t "github.com/dockstride/dockstride/internal/threat"
)

// SecretInArgEnv: a credential in ARG or ENV, recognised by name or value.
var SecretInArgEnv = &Rule{
	ID:       "DKS5001",
	Name:     "secret-in-arg-env",
	Title:    "Secret stored in ARG or ENV",
	Severity: Error,
	Since:    "0.1.0",
	Aliases:  []string{"SecretsUsedInArgOrEnv", "DL3064", "DS-0031", "CIS-DI-0010"},
	BuildKit: &linter.RuleSecretsUsedInArgOrEnv,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Spoofing, t.InformationDisclosure},
		ATTACK:   []*t.Technique{t.T1552_001, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_10},
		CWE:      []*t.CWE{t.CWE798, t.CWE522, t.CWE312},
		Controls: []*t.Control{t.Top10_A07, t.ASVS_V6, t.NIST53_IA5, t.NIST190_4_1_4},
	},
	Doc: Doc{
		Rationale: "ENV values are stored in the image config and ARG values in its build history: anyone " +
			"who can pull the image (a registry mirror, a CI cache, a leaked tarball) can read them with " +
			"`docker history` or `docker inspect`. A password, token or key there is a hardcoded credential " +
			"that cannot be rotated without rebuilding every image that holds it.",
		Impact: "Unauthorized access with the leaked credential",
		Fix: "Pass build-time secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token " +
			"...`) and runtime secrets through the orchestrator (Docker/Kubernetes secrets, mounted files " +
			"read through `*_FILE` variables).",
		Bad: Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD=hunter2\n",
			"FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN echo building\n",
			"FROM alpine:3.20\nENV CONFIG_URL=https://deploy:s3cr3tpassw0rd@config.example.com/app\n",
		),
		Good: Dockerfiles(
			"FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db_password\n",
			"FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n",
			"FROM alpine:3.20\nRUN --mount=type=secret,id=token,env=TOKEN ./fetch.sh\n",
		),
		Refs: []string{"https://docs.docker.com/build/building/secrets/", "https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env/"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindArg, dockerfile.KindEnv}, Check: checkSecretInArgEnv, History: true},
		ImageConfigCheck{Check: checkSecretInArgEnvImage},
	},
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
		if why := secretVar(p.Secrets(), "ENV", name, value); why != "" {
			p.Reportf("%s", why)
		}
	}
}

// checkSecretVar reports one variable; messages name the variable and the
// kind of secret, never the value.
func checkSecretVar(p *Pass, in dockerfile.Instruction, kw, name, value string) {
	if why := secretVar(p.Secrets(), kw, name, value); why != "" {
		p.Reportf(in.Range(), "%s", why)
	}
}
