package rules

import (
	"archive/tar"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
)

// Input is a kind of thing dockstride reads: what a user points it at.
type Input int

// Inputs.
const (
	InputDockerfile Input = iota + 1
	InputImage
	// InputCompose and InputDaemon are runtime configuration: a Docker
	// Compose project and a daemon.json (target_compose.go).
	InputCompose
	InputDaemon
	// InputCode is application source code (target_code.go).
	InputCode
)

var inputNames = [...]string{InputDockerfile: "dockerfile", InputImage: "image", InputCompose: "compose", InputDaemon: "daemon", InputCode: "code"}

// String is the input's name as `rules --target` and JSON spell it.
func (in Input) String() string {
	if in > 0 && int(in) < len(inputNames) {
		return inputNames[in]
	}
	return "unknown"
}

// ParseInput reads an input's name as String spells it.
func ParseInput(name string) (Input, bool) {
	for in, n := range inputNames {
		if n != "" && n == name {
			return Input(in), true
		}
	}
	return 0, false
}

// Target is the part of an input a check reads, and where its findings
// point: the typed location kind of a Finding.
type Target int

// Targets.
const (
	// TargetDockerfile is a Dockerfile: its instructions, stages or the
	// whole file. Findings have a file and lines.
	TargetDockerfile Target = iota + 1
	// TargetImageConfig is a built image's config (user, environment,
	// ports, entrypoint, health check, volumes, labels).
	TargetImageConfig
	// TargetImageHistory is an image's history, replayed as Dockerfile
	// instructions. Findings name the history entry.
	TargetImageHistory
	// TargetImageLayer is a file in one of an image's layers. Findings
	// name the layer and the path.
	TargetImageLayer
	// TargetCompose is a compose project: its services and top-level
	// definitions. Findings have a file, lines and the service's name.
	TargetCompose
	// TargetDaemon is a daemon.json. Findings have a file and a line.
	TargetDaemon
	// TargetCode is an application source file (target_code.go).
	// Findings have a file, lines and a column.
	TargetCode
	numTargets
)

var targetOrigins = [...]string{TargetImageConfig: "config", TargetImageHistory: "history", TargetImageLayer: "layer"}

var targetInputs = [...]Input{
	TargetDockerfile: InputDockerfile, TargetImageConfig: InputImage, TargetImageHistory: InputImage, TargetImageLayer: InputImage,
	TargetCompose: InputCompose, TargetDaemon: InputDaemon, TargetCode: InputCode,
}

// Input is the kind of input the target is part of.
func (t Target) Input() Input {
	if t > 0 && t < numTargets {
		return targetInputs[t]
	}
	return 0
}

// Origin names the part of an image a finding came from ("config",
// "history", "layer"); "" for other inputs.
func (t Target) Origin() string {
	if t > 0 && int(t) < len(targetOrigins) {
		return targetOrigins[t]
	}
	return ""
}

// ParseTarget reads a target as JSON spells it: an input's name and, for
// an image, the origin ("config", "history", "layer").
func ParseTarget(input, origin string) (Target, bool) {
	in, ok := ParseInput(input)
	if !ok {
		return 0, false
	}
	for t := Target(1); t < numTargets; t++ {
		if t.Input() == in && t.Origin() == origin {
			return t, true
		}
	}
	return 0, false
}

// Check is one detection of a rule, for the targets its type names:
// InstructionCheck, StageCheck and FileCheck read Dockerfiles (and with
// History, an image's replayed history), ImageConfigCheck an image's config,
// LayerFileCheck the files of its layers, PragmaCheck stands for the
// findings the engine reports from suppression pragmas; the runtime
// configuration checks are in target_compose.go.
type Check interface {
	// Targets lists what the check reads.
	Targets() []Target
}

// HistoryKinds are the instructions the engine replays from an image's
// history through the instruction checks. The others (USER, EXPOSE, CMD,
// HEALTHCHECK, VOLUME…) leave their final value in the config, where the
// config checks see it once.
var HistoryKinds = []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindAdd, dockerfile.KindCopy, dockerfile.KindArg, dockerfile.KindEnv}

// InstructionCheck inspects each instruction of the listed kinds.
type InstructionCheck struct {
	Kinds []dockerfile.Kind
	Check func(p *Pass, in dockerfile.Instruction)
	// History also runs the check on an image's history, replayed as a
	// Dockerfile (only HistoryKinds are replayed). Leave it off for checks
	// about how a Dockerfile is written: the history records what ran, not
	// how its author wrote it.
	History bool
}

// Targets implements Check.
func (c InstructionCheck) Targets() []Target { return historyTargets(c.History) }

// StageCheck inspects a whole stage (e.g. "the last USER is root").
type StageCheck struct {
	Check func(p *Pass, s *dockerfile.Stage)
}

// Targets implements Check.
func (StageCheck) Targets() []Target { return []Target{TargetDockerfile} }

// FileCheck inspects a whole Dockerfile (e.g. duplicate stage names).
type FileCheck struct {
	Check func(p *Pass, f *dockerfile.File)
	// History also runs the check on an image's history replayed as a
	// Dockerfile, for a check that reads only what HistoryKinds hold
	// (ShellCheck checks every RUN in one process).
	History bool
}

// Targets implements Check.
func (c FileCheck) Targets() []Target { return historyTargets(c.History) }

func historyTargets(history bool) []Target {
	if history {
		return []Target{TargetDockerfile, TargetImageHistory}
	}
	return []Target{TargetDockerfile}
}

// ImageConfigCheck inspects a built image's config, img.Config (never
// nil). What the history shows (each RUN, COPY, ADD, ARG and ENV) reaches
// the instruction checks that set History instead.
type ImageConfigCheck struct {
	Check func(p *ImagePass, img *image.Image)
}

// Targets implements Check.
func (ImageConfigCheck) Targets() []Target { return []Target{TargetImageConfig} }

// LayerFileCheck inspects each entry (file, directory, link) of an image's
// layers, bottom layer first; whiteout markers are the engine's. The
// engine walks the layers once for all rules.
type LayerFileCheck struct {
	// Want selects the files whose content Check needs (read up to a
	// cap); nil means the header (mode, owner, size) is enough.
	Want  func(path string, hdr *tar.Header) bool
	Check func(p *ImagePass, f *image.Entry)
	// LiveOnly says the findings are about the running container's file
	// system (a setuid binary, an account database): those about a file
	// that a later layer deleted or replaced are dropped. Otherwise
	// (secrets) they stay, saying which layer still ships the file.
	LiveOnly bool
}

// Targets implements Check.
func (LayerFileCheck) Targets() []Target { return []Target{TargetImageLayer} }

// PragmaCheck marks a rule whose findings the engine reports itself from
// the suppression pragmas it reads (a pragma that silenced nothing): no
// single check can see them.
type PragmaCheck struct{}

// Targets implements Check.
func (PragmaCheck) Targets() []Target { return []Target{TargetDockerfile, TargetCode} }
