// Package compose is dockstride's typed model of a Docker Compose project:
// the services of one or more compose files (a base file and its overrides),
// with every setting a runtime check reads, each tied to the line of the
// YAML node it came from.
//
// The model is built from the YAML nodes of each file (go.yaml.in/yaml/v3),
// merged the way compose-spec/compose-go merges them: override files and
// `extends` follow compose-go's override rules (mappings merge key by key,
// sequences append and are made unique by compose-go's own keys, `command`,
// `entrypoint` and `healthcheck.test` are replaced, `!reset` and `!override`
// tags apply), YAML anchors and merge keys (`<<`) are followed, and values
// are interpolated with compose-go's template package from an explicit
// environment and the project's `.env` (parsed with compose-go's dotenv).
// Short port and volume syntax are read as compose-go reads them (docker's
// nat port parser, compose-go's format.ParseVolume), reimplemented without
// nat's range expansion and the packages behind them, and held to them by
// tests and fuzzing. Every service is modelled whatever its profiles.
//
// compose-go's full loader is not run when a project is loaded: it takes
// seconds on a thousand-service file, where a lint has 100 ms, and it stops
// at the first problem. Nor is the compose JSON schema, which costs as much
// as parsing. Instead the loader warns, at the offending line, of what
// docker compose would refuse and a check must know about: repeated keys,
// unknown top-level and service keys, settings of the wrong kind, values
// compose-go's parsers refuse, missing required variables, unresolvable
// `extends` and `include`. The model is built around them. Checks across
// services (a depends_on naming no service, an undefined network) are left
// to the rules. The tests hold the model to compose-go's loader on every
// file it accepts, and check that every file it refuses has a warning.
//
// A file that is not YAML, or whose top level is not a mapping, is an
// *Error with its file and line; nothing else stops a load.
//
// Interpolated values can hold secrets from the environment or `.env`:
// Field.Value and Var.Value must never reach output. No Warning or Error
// quotes a value, written or interpolated; they name keys and services,
// and point at the line.
package compose

import (
	"fmt"
	"strconv"
	"strings"
)

// Pos is a place in a compose file: the key (or list item) a setting was
// written at. Line and Col are 1-based; Col is 0 where only the line is
// known (an `.env` problem), Line is 0 for the whole file, and the zero Pos
// means "not written".
type Pos struct {
	File string
	Line int
	Col  int
}

// IsValid reports whether p points into a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

func (p Pos) String() string {
	if !p.IsValid() {
		return p.File
	}
	return p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Col)
}

// Error is a problem with a compose file at a place in it. Load returns one
// when a file cannot be modelled at all; Project.Warnings holds the
// problems docker compose would refuse a file for that the model tolerated.
// Msg never quotes a value from the file or the environment.
type Error struct {
	Pos
	Msg string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Key is a setting's presence: whether any file sets it, and where the last
// file (or `extends` base) that sets it wrote its key. Settings whose value
// is a mapping (deploy, deploy.resources, healthcheck, …) are a Key plus
// their fields.
type Key struct {
	Pos Pos
	Set bool
}

// Field is one scalar setting after merging and interpolation.
type Field[T any] struct {
	Key
	// Value is the setting converted to T after interpolation. When the
	// setting is not set it is T's zero value, or compose's default where
	// the field's comment names one ("tcp" for Port.Protocol); when it
	// cannot be converted, T's zero value and a Warning. It may hold a
	// secret from the environment: never print it.
	Value T
	// Raw is the scalar exactly as written, before interpolation.
	Raw string
	// Interpolated reports that Raw refers to a variable (`${VAR}`, `$VAR`).
	Interpolated bool
}

// List is a sequence setting after merging: the items of every file in
// compose-go's merge order, made unique the way compose-go does (a later
// item with the same key replaces an earlier one in place). Pos is the key
// of the last file that sets the list.
type List[T any] struct {
	Key
	Items []T
}

// ValueKind says where a variable's value comes from.
type ValueKind int

const (
	// ValueLiteral is a value written in the file (`PASSWORD: hunter2`,
	// `- MODE=prod`, `KEY: ""`).
	ValueLiteral ValueKind = iota
	// ValueInterpolated is a value that refers to a variable (`${DB_PASSWORD}`,
	// `$TOKEN`, `postgres://app:${PW}@db`), resolved from the environment or
	// `.env` at load time: the value is not in the file.
	ValueInterpolated
	// ValueFromHost is a name without a value (`- API_KEY`, `API_KEY:`):
	// docker compose passes the host's variable through to the container.
	ValueFromHost
)

func (k ValueKind) String() string {
	switch k {
	case ValueLiteral:
		return "literal"
	case ValueInterpolated:
		return "interpolated"
	case ValueFromHost:
		return "from host"
	}
	return "ValueKind(" + strconv.Itoa(int(k)) + ")"
}

// Var is a NAME=value pair: an `environment` entry, a build arg, a volume
// driver option.
type Var struct {
	Name string
	Pos  Pos // the entry's line: `- NAME=value` or `NAME: value`
	Kind ValueKind
	// Raw is the value as written (after the `=` in list form); empty for
	// ValueFromHost.
	Raw string
	// Value is Raw after interpolation, or for ValueFromHost the variable's
	// value in the environment the project was loaded with (empty when it
	// has none). It may be a secret from the environment or `.env`: never
	// print it.
	Value string
}

// Project is a loaded compose project: the merge of its files.
type Project struct {
	// Name is the top-level `name:` (interpolated), or empty.
	Name     string
	NamePos  Pos
	Dir      string   // project directory: where relative paths and `.env` are resolved
	Files    []string // every file read, in order: the given files, then `extends` and `include` files
	Services []*Service
	// Volumes are the top-level named volume definitions, in file order.
	Volumes []*NamedVolume
	// Secrets are the top-level secret definitions, in file order.
	Secrets []*SecretDef
	// Warnings are the problems docker compose would refuse the project for
	// (schema violations, unparsable values, unresolvable `extends`, a
	// missing required variable) or that the loader worked around, each at
	// its line. The model is complete apart from the values they name.
	Warnings []*Error
}

// Service returns the service named name, or nil.
func (p *Project) Service(name string) *Service {
	for _, s := range p.Services {
		if s.Name == name {
			return s
		}
	}
	return nil
}

// Volume returns the top-level volume named name, or nil.
func (p *Project) Volume(name string) *NamedVolume {
	for _, v := range p.Volumes {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Service is one service after merging its files and `extends` bases.
type Service struct {
	Name string
	// Pos is the service's name key in the first file that defines it: where
	// a finding about a missing setting points.
	Pos Pos
	// Keys holds every key set on the service, known to this model or not,
	// at the position of the last file that sets it.
	Keys map[string]Pos

	Profiles List[Field[string]]
	Image    Field[string]
	Build    Build
	User     Field[string]

	Privileged Field[bool]
	CapAdd     List[Field[string]]
	CapDrop    List[Field[string]]
	// SecurityOpt items as written: "no-new-privileges:true",
	// "seccomp:unconfined", "apparmor=unconfined", "label:disable".
	SecurityOpt List[Field[string]]
	ReadOnly    Field[bool]

	Volumes List[Volume]
	Tmpfs   List[Field[string]]
	Devices List[Device]
	Ports   List[Port]

	NetworkMode  Field[string] // "host", "none", "bridge", "service:x", "container:x"
	Pid          Field[string]
	Ipc          Field[string]
	Uts          Field[string]
	UsernsMode   Field[string]
	CgroupParent Field[string]

	MemLimit  Field[int64] // bytes
	Cpus      Field[float64]
	CPUQuota  Field[int64]
	CPUShares Field[int64]
	CPUPeriod Field[int64]
	PidsLimit Field[int64]

	Restart     Field[string] // "no", "always", "on-failure[:N]", "unless-stopped"
	Deploy      Deploy
	Healthcheck Healthcheck
	Command     Command
	Entrypoint  Command

	Environment List[Var]
	EnvFile     List[EnvFile]
	Secrets     List[SecretRef]
}

// Build is a service's `build:`, short (`build: ./dir`) or long syntax.
type Build struct {
	Key
	// Context is the build context as written and interpolated; "." when
	// build is set without one.
	Context Field[string]
	// ContextDir is Context resolved against the directory its file is
	// relative to (the project directory, or an `extends` file's own), or
	// empty for a remote context (git, http, a named context).
	ContextDir       string
	Dockerfile       Field[string] // "Dockerfile" when neither it nor DockerfileInline is set
	DockerfileInline Field[string]
	Target           Field[string]
	// Args are the build arguments as written. compose drops an argument
	// written without a value (ValueFromHost) when the environment has no
	// such variable; the model keeps it.
	Args List[Var]
}

// DockerfilePath is the Dockerfile the build reads: Dockerfile resolved
// against ContextDir. It is empty for a remote context or an inline
// Dockerfile.
func (b *Build) DockerfilePath() string {
	if !b.Set || b.ContextDir == "" || b.DockerfileInline.Set {
		return ""
	}
	return joinPath(b.ContextDir, b.Dockerfile.Value)
}

// Port is one `ports:` item. A short-syntax range ("8000-8010:80-90")
// stays one Port, pointing at its line; the Range methods read its bounds.
type Port struct {
	Pos Pos
	// Raw is the short-syntax item as written; empty for long syntax.
	Raw string
	// HostIP is the host address the port is published on; empty or
	// "0.0.0.0" or "::" mean every interface.
	HostIP Field[string]
	// Published is the host port or range ("8080", "8000-8010"); empty when
	// the port is not published on a fixed host port (docker picks one).
	Published Field[string]
	Target    Field[string] // container port or range
	Protocol  Field[string] // "tcp" when not set
	Mode      Field[string] // "ingress" or "host"; empty when not set
}

// AllInterfaces reports whether the port is published on every host
// interface: no host IP, or an unspecified address.
func (p *Port) AllInterfaces() bool {
	switch strings.Trim(p.HostIP.Value, "[]") {
	case "", "0.0.0.0", "::":
		return true
	}
	return false
}

// PublishedRange returns the host ports the item publishes, inclusive; ok
// is false when none is fixed or the text is not a port or range.
func (p *Port) PublishedRange() (lo, hi int, ok bool) { return natRange(p.Published.Value) }

// TargetRange returns the container ports of the item, inclusive.
func (p *Port) TargetRange() (lo, hi int, ok bool) { return natRange(p.Target.Value) }

// Volume is one `volumes:` item of a service, short or long syntax. For the
// short syntax every field points at the item's line.
type Volume struct {
	Pos Pos
	// Raw is the short-syntax item as written; empty for long syntax.
	Raw string
	// Type is "bind", "volume", "tmpfs", "npipe", "image" or "cluster"; for
	// the short syntax it is derived as compose-go derives it.
	Type Field[string]
	// Source is the host path (bind) or volume name; empty for an anonymous
	// volume.
	Source Field[string]
	// HostPath is a bind's Source resolved against the directory its file is
	// relative to; empty for other types.
	HostPath    string
	Target      Field[string]
	ReadOnly    Field[bool]
	Propagation Field[string] // bind propagation: "shared", "rslave", …
	SELinux     Field[string] // "z" or "Z"
}

// Device is one `devices:` item: "/dev/x[:/dev/y[:rwm]]", a CDI name, or
// the long syntax.
type Device struct {
	Pos         Pos
	Raw         string // short syntax as written; empty for long syntax
	Source      Field[string]
	Target      Field[string]
	Permissions Field[string]
}

// Deploy is a service's `deploy:` block.
type Deploy struct {
	Key
	Resources struct {
		Key
		Limits       Resources
		Reservations Resources
	}
	RestartPolicy RestartPolicy
	Mode          Field[string]
	Replicas      Field[int64]
}

// Resources is deploy.resources.limits or .reservations.
type Resources struct {
	Key
	Memory Field[int64] // bytes
	Cpus   Field[float64]
	Pids   Field[int64]
}

// RestartPolicy is deploy.restart_policy.
type RestartPolicy struct {
	Key
	Condition   Field[string] // "none", "on-failure", "any"
	MaxAttempts Field[int64]
	Delay       Field[string]
	Window      Field[string]
}

// Healthcheck is a service's `healthcheck:` block.
type Healthcheck struct {
	Key
	// Test is the check: exec form (["CMD", …], ["CMD-SHELL", "…"],
	// ["NONE"]) as written, or a string, which compose runs as CMD-SHELL.
	Test        Command
	Disable     Field[bool]
	Interval    Field[string]
	Timeout     Field[string]
	StartPeriod Field[string]
	Retries     Field[int64]
}

// Disabled reports whether the block turns the image's health check off
// (`disable: true`, or a test of NONE), and where it says so.
func (h *Healthcheck) Disabled() (Pos, bool) {
	if h.Disable.Set && h.Disable.Value {
		return h.Disable.Pos, true
	}
	if h.Test.Set && len(h.Test.Args) > 0 && h.Test.Args[0] == "NONE" {
		return h.Test.Pos, true
	}
	return Pos{}, false
}

// Command is `command:`, `entrypoint:` or `healthcheck.test:`.
type Command struct {
	Key
	// String reports the string form (`command: npm start`). Docker Compose
	// splits a command or entrypoint string into words (no shell runs it);
	// a healthcheck test string runs as CMD-SHELL.
	String bool
	// Raw is the string form as written; empty for the list form.
	Raw string
	// Args are the interpolated words: the list as written, or the string
	// split as docker compose splits it (a test string is ["CMD-SHELL", s]).
	// Empty for `command: []` or null, which clear the image's own.
	Args []string
}

// EnvFile is one `env_file:` item.
type EnvFile struct {
	Pos      Pos
	Path     Field[string]
	Required Field[bool] // true when not set
}

// SecretRef is one `secrets:` item of a service.
type SecretRef struct {
	Pos    Pos
	Source Field[string]
	Target Field[string] // "/run/secrets/<source>" when not set
}

// NamedVolume is a top-level `volumes:` definition.
type NamedVolume struct {
	Name       string
	Pos        Pos
	Driver     Field[string]
	DriverOpts List[Var] // `device`, `o`, `type`, `mountpoint`, …
	External   Field[bool]
}

// SecretDef is a top-level `secrets:` definition.
type SecretDef struct {
	Name        string
	Pos         Pos
	File        Field[string]
	Environment Field[string]
	External    Field[bool]
}
