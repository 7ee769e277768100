// The parsed shell script of a RUN instruction.

package rules

import (
	"slices"

	"github.com/dockstride/dockstride/internal/dockerfile"
)

// scriptOf returns the commands a RUN runs: its parsed shell script, or for
// the exec form (`RUN ["apt-get", "install", "x"]`) the argv as one command
// (a `["sh", "-c", "…"]` argv is parsed like any shell string).
func scriptOf(in dockerfile.Instruction) *dockerfile.Script {
	r, ok := in.(*dockerfile.Run)
	if !ok {
		return nil
	}
	if r.Script != nil || !r.ExecForm() {
		return r.Script
	}
	return r.ExecScript()
}

// runScript returns the parsed script of a RUN (or the RUN inside an
// ONBUILD), or nil.
func runScript(in dockerfile.Instruction) *dockerfile.Script {
	if r, ok := in.(*dockerfile.Run); ok {
		return r.Script
	}
	return nil
}

// laterInStage is what follows in in its own stage, in source order: the
// instructions a later fix-up (a checkout, a stat, a chmod) would be in.
// It is nil when in belongs to no stage.
func laterInStage(in dockerfile.Instruction) []dockerfile.Instruction {
	s := in.Stage()
	if s == nil {
		return nil
	}
	if i := slices.Index(s.Instructions, in); i >= 0 {
		return s.Instructions[i+1:]
	}
	return nil
}
