package rules

import (
	"maps"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// EnvSameInstructionReference: ENV a=1 b=$a, where $a is not the value just set.
var EnvSameInstructionReference = &Rule{
	ID:       "DKS1022",
	Name:     "env-same-instruction-reference",
	Title:    "ENV value refers to a variable set by the same ENV",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3044"},
	Checks:   []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindEnv}, Check: checkEnvSameInstructionReference}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Vulnerability: "ENV refers to itself",
		Mitigation:    "Set the variable in an earlier ENV.",

		Rationale: "All values of one ENV instruction are expanded before any is set, so in " +
			"`ENV APP=/opt/app BIN=$APP/bin` BIN gets the value APP had before the instruction " +
			"(usually nothing): `/bin`, not `/opt/app/bin`.",
		Impact:       "Variables set to values the author did not mean",
		Fix:          "Set the variable in an earlier ENV: `ENV APP=/opt/app` then `ENV BIN=$APP/bin`.",
		SeverityNote: "hadolint's DL3044 is an error; a variable that reads the value before the instruction is a correctness problem, not an exploitable one: warning.",
		Bad:          Dockerfiles("FROM alpine:3.20\nENV APP=/opt/app BIN=$APP/bin\n"),
		Good:         Dockerfiles("FROM alpine:3.20\nENV APP=/opt/app\nENV BIN=$APP/bin\n", "FROM alpine:3.20\nENV PATH=/opt/app/bin:$PATH\n"),
		Refs:         []string{hadolintDoc("DL3044")},
	},
}

func checkEnvSameInstructionReference(p *Pass, in dockerfile.Instruction) {
	env := in.(*dockerfile.Env)
	lex := p.File.Lex()
	earlier := newVarEnv()
	for _, kv := range env.Cmd.Env {
		if strings.Contains(kv.Value, "$") {
			if res, err := lex.ProcessWordWithMatches(kv.Value, earlier); err == nil {
				for _, name := range slices.Sorted(maps.Keys(res.Matched)) {
					p.Reportf(in.Range(), "ENV %s uses $%s, which this same ENV sets; it expands to the value from before the instruction", kv.Key, name)
				}
			}
		}
		if v := kv.Value; v == "$"+kv.Key || v == "${"+kv.Key+"}" {
			continue // X=${X} re-exports the value it had: later references see the same one
		}
		earlier.set(kv.Key, "")
	}
}
