package dockerfile

import (
	"github.com/moby/buildkit/frontend/dockerfile/instructions"
	dockerspec "github.com/moby/docker-image-spec/specs-go/v1"
)

// The command types below are what each instruction says, field for field
// as BuildKit's instructions package reads it (same names, same values,
// same errors: TestLowerSameAsInstructions holds them to it). They are
// our own because BuildKit's carry builder state in unexported fields
// (source text, locations, per-instruction flag maps) that only its
// parser can fill and that cost an allocation or more per instruction;
// the plain-data parts (key/value pairs, sources, health config) are
// BuildKit's own types.

// RunCommand is what a RUN says.
type RunCommand struct {
	instructions.ShellDependantCmdLine
	// FlagsUsed names the --flags given, sorted.
	FlagsUsed []string
}

// CmdCommand is what a CMD says.
type CmdCommand struct {
	instructions.ShellDependantCmdLine
}

// EntrypointCommand is what an ENTRYPOINT says.
type EntrypointCommand struct {
	instructions.ShellDependantCmdLine
}

// CopyCommand is what a COPY says.
type CopyCommand struct {
	instructions.SourcesAndDest
	From            string
	Chown           string
	Chmod           string
	Link            bool
	ExcludePatterns []string
	Parents         bool // --parents: keep the sources' directory structure
}

// AddCommand is what an ADD says.
type AddCommand struct {
	instructions.SourcesAndDest
	Chown           string
	Chmod           string
	Link            bool
	ExcludePatterns []string
	KeepGitDir      *bool // --keep-git-dir, nil when not given
	Checksum        string
	Unpack          *bool // --unpack, nil when not given
}

// EnvCommand is what an ENV says.
type EnvCommand struct {
	Env instructions.KeyValuePairs
}

// ArgCommand is what an ARG says.
type ArgCommand struct {
	Args []instructions.KeyValuePairOptional
}

// LabelCommand is what a LABEL says.
type LabelCommand struct {
	Labels instructions.KeyValuePairs
}

// ExposeCommand is what an EXPOSE says; Ports are sorted, as BuildKit
// sorts them.
type ExposeCommand struct {
	Ports []string
}

// UserCommand is what a USER says, unexpanded.
type UserCommand struct {
	User string
}

// WorkdirCommand is what a WORKDIR says, unexpanded.
type WorkdirCommand struct {
	Path string
}

// VolumeCommand is what a VOLUME says.
type VolumeCommand struct {
	Volumes []string
}

// HealthCheckCommand is what a HEALTHCHECK says. Health.Test is ["NONE"],
// or "CMD" (exec form) or "CMD-SHELL" followed by the command.
type HealthCheckCommand struct {
	Health *dockerspec.HealthcheckConfig
}

// ShellCommand is what a SHELL says.
type ShellCommand struct {
	Shell []string
}

// StopSignalCommand is what a STOPSIGNAL says.
type StopSignalCommand struct {
	Signal string
}

// MaintainerCommand is what the deprecated MAINTAINER says.
type MaintainerCommand struct {
	Maintainer string
}

// OnbuildCommand is what an ONBUILD says: the trigger's source text.
type OnbuildCommand struct {
	Expression string
}

// stageCommand is what a FROM says.
type stageCommand struct {
	Name     string // the AS name, lower-cased
	BaseName string
	Platform string
}
