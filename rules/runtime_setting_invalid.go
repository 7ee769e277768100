package rules

import (
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/daemon"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RuntimeSettingInvalid: what docker compose or dockerd would refuse in a
// file the models read anyway (an unknown key, a value of the wrong kind,
// a repeated key, a required variable without a value).
var RuntimeSettingInvalid = &Rule{
	ID:       "DKS1034",
	Name:     "runtime-setting-invalid",
	Title:    "Setting that docker compose or dockerd would refuse",
	Severity: Info,
	Since:    "0.2.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Vulnerability: "Setting compose or dockerd would refuse",
		Mitigation:    "Correct the key or value the message names.",

		Rationale: "docker compose refuses a file with an unknown key, a setting of the wrong kind or a " +
			"value its parsers reject, and dockerd refuses to start on a daemon.json setting of the wrong " +
			"type. dockstride reads such files anyway and judges every other setting, but the one it reports " +
			"here was left out of the judgement: fix it, or the checks may miss what it was meant to say. A " +
			"required variable (`${VAR:?}`) without a value is reported too, since dockstride reads no " +
			"environment but the project's `.env`. These are info: the tool that runs the file says the same " +
			"first, and some files are written for others (Swarm stacks, podman-compose).",
		Impact: "The service or daemon does not start as written",
		Fix:    "Correct the key or value the message names; `docker compose config` shows how compose reads the file.",
		Bad: append(ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    privilegd: true\n"),
			DaemonConfigs("{\n  \"icc\": \"false\"\n}\n")...),
		Good: append(ComposeFiles("services:\n  web:\n    image: nginx:1.27\n    privileged: false\n"),
			DaemonConfigs("{\n  \"icc\": false\n}\n")...),
		Refs: []string{"https://docs.docker.com/reference/compose-file/", "https://docs.docker.com/reference/cli/dockerd/#daemon-configuration-file"},
	},
	Checks: []Check{
		ComposeProjectCheck{Check: func(p *ComposePass, proj *compose.Project) {
			for _, w := range proj.Warnings {
				p.Reportf(nil, w.Pos, "%s", w.Msg)
			}
		}},
		DaemonCheck{Check: func(p *DaemonPass, c *daemon.Config) {
			for _, w := range c.Warnings {
				p.Reportf(w.Pos, "%s", w.Msg)
			}
		}},
	},
}
