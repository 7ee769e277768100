package rules

import (
	"path"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RUN shell hygiene (DKS31xx): how commands are written in RUN, as opposed
// to what package managers do (DKS30xx). Checks read the parsed script, so
// commands inside `&&` chains, pipelines and heredocs are all seen; RUNs in
// a non-POSIX shell (PowerShell, cmd) have no script and are skipped.

// RunCd: cd in RUN instead of WORKDIR.
var RunCd = &Rule{
	ID:       "DKS3101",
	Name:     "run-cd",
	Title:    "RUN changes directory with cd instead of WORKDIR",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3003", "DS-0013"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("cd") {
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "use WORKDIR instead of cd to switch directories")
			return
		}
	}}},
	Threat: hygiene(),
	Doc: Doc{
		Rationale: "A `cd` lasts only for its RUN; the next instruction starts again in the WORKDIR. " +
			"Dockerfiles that navigate with cd are easy to misread (which directory does the COPY " +
			"after it use?) and break when a step is moved. WORKDIR states the directory once for " +
			"everything that follows.",
		Impact: "Commands and files land in a directory the reader does not expect",
		Fix:    "Use `WORKDIR /src` before the RUN, or an absolute path (`make -C /src`).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN cd /src && make\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nWORKDIR /src\nRUN make\n"),
		Refs:   []string{hadolintDoc("DL3003")},
	},
}

// pointlessCommands make no sense in an image build: interactive tools,
// process and service managers of a running system.
var pointlessCommands = []string{"free", "ifconfig", "kill", "mount", "ps", "service", "shutdown", "ssh", "top", "vim"}

// RunVMCommand: ssh, vim, service, shutdown … in RUN.
var RunVMCommand = &Rule{
	ID:       "DKS3102",
	Name:     "run-vm-command",
	Title:    "RUN uses a command meant for a running machine",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3001"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find(pointlessCommands...) {
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "%s makes no sense in an image build", c.Base())
		}
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM7},
	},
	Doc: Doc{
		Rationale: "`ssh`, `vim`, `service`, `shutdown`, `mount`, `ps`, `top`, `free`, `kill` and " +
			"`ifconfig` act on a running machine, not on an image being built: in a RUN they do " +
			"nothing useful, hang waiting for a terminal, or show the image is being treated like a " +
			"VM (services started at build time, SSH access) instead of one process per container.",
		Impact: "Build steps that do nothing or hang; VM-style images",
		Fix:    "Remove the command; configure services to start from the container's CMD, and use `docker exec` for interactive work.",
		Bad:    Dockerfiles("FROM debian:12\nRUN service nginx start\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-client\n"),
		Refs:   []string{hadolintDoc("DL3001")},
	},
}

// UseraddLargeUIDLastlog: useradd with a long UID and no -l.
var UseraddLargeUIDLastlog = &Rule{
	ID:       "DKS3103",
	Name:     "useradd-large-uid-lastlog",
	Title:    "useradd with a large UID and without -l",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3046"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("useradd") {
			uid, ok := c.FlagValue("-u", "--uid")
			if !ok || len(uid) <= 5 || strings.Trim(uid, "0123456789") != "" || c.HasFlag("-l", "--no-log-init") {
				continue
			}
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "useradd -u %s without -l writes a huge sparse lastlog into the layer", uid)
		}
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.DenialOfService},
		CWE:      []*t.CWE{t.CWE400},
		Controls: []*t.Control{t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "useradd records every user in /var/log/lastlog and /var/log/faillog, files indexed " +
			"by UID. A UID like 1000000 makes them sparse files hundreds of megabytes long; layer " +
			"tarballs do not keep them sparse, so the image grows by that much and pulls slow down or " +
			"fill disks.",
		Impact: "Bloated image layers",
		Fix:    "Pass `-l` (`--no-log-init`): `useradd -l -u 1000000 app`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN useradd -u 1000000 app\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN useradd -l -u 1000000 app\n", "FROM debian:12\nRUN useradd -u 10001 app\n"),
		Refs:   []string{hadolintDoc("DL3046")},
	},
}

// WgetProgressBar: wget without a progress or quiet option.
var WgetProgressBar = &Rule{
	ID:       "DKS3104",
	Name:     "wget-progress-bar",
	Title:    "wget without --progress or a quiet option",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3047"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("wget") {
			if c.HasFlag("--progress", "-q", "--quiet", "-nv", "--no-verbose", "-o", "--output-file", "-a", "--append-output") {
				continue
			}
			p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "wget without --progress or -q floods the build log")
		}
	}}},
	Threat: hygiene(),
	Doc: Doc{
		Rationale: "Without a terminal, wget's default progress output prints a line for every few " +
			"kilobytes, so one large download can add thousands of lines to the build log and bury " +
			"the output that matters.",
		Impact: "Build logs flooded",
		Fix:    "Use `wget --progress=dot:giga`, `-q`/`--quiet`, `-nv`, or send output to a file with `-o`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN wget https://example.com/app.tar.gz\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN wget --progress=dot:giga https://example.com/app.tar.gz\n"),
		Refs:   []string{hadolintDoc("DL3047")},
	},
}

// singleCommandRun reports whether a RUN is one plain command, the kind
// that could have joined its neighbour.
func singleCommandRun(in dockerfile.Instruction) bool {
	r, ok := in.(*dockerfile.Run)
	return ok && r.Script != nil && len(r.Script.Commands) == 1 && len(r.Node().Heredocs) == 0 && r.Parent() == nil
}

// RunConsecutive: two single-command RUNs in a row in the shipped image.
var RunConsecutive = &Rule{
	ID:       "DKS3105",
	Name:     "run-consecutive",
	Title:    "Consecutive RUN instructions could be one layer",
	Severity: Info,
	Since:    "0.1.0",
	Aliases:  []string{"DL3059"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.InformationDisclosure},
		CWE:      []*t.CWE{t.CWE710},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "Each RUN is a layer. Steps that belong together but run separately keep what the " +
			"first one leaves behind (downloaded archives, caches, temporary credentials) in a layer " +
			"of the image even when a later step deletes it. Only the stage that ships (and the stages " +
			"it builds on) is judged: layers of builder stages never reach the image, unlike hadolint, " +
			"which reports every stage.",
		Impact: "Larger images that keep deleted files in lower layers",
		Fix:    "Join related commands with `&&` in one RUN (a heredoc keeps long ones readable).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN ./fetch.sh\nRUN ./install.sh\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN ./fetch.sh && ./install.sh\n"),
		Refs:   []string{hadolintDoc("DL3059")},
	},
	Checks: []Check{StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
		if !shipsLayers(p, s) {
			return
		}
		var prev dockerfile.Instruction
		for _, in := range s.Instructions {
			if singleCommandRun(in) && prev != nil && singleCommandRun(prev) && slices.Equal(in.Flags(), prev.Flags()) {
				p.Reportf(in.Range(), "RUN directly after a RUN (line %d); combine them into one layer", prev.Range().StartLine)
			}
			prev = in
		}
	}}},
}

// BinShRelinked: ln … /bin/sh.
var BinShRelinked = &Rule{
	ID:       "DKS3106",
	Name:     "bin-sh-relinked",
	Title:    "RUN replaces /bin/sh with a link",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL4005"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("ln") {
			if pos := c.Positionals(); len(pos) > 0 && pos[len(pos)-1] == "/bin/sh" {
				p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "ln replaces /bin/sh; use the SHELL instruction to choose a shell")
			}
		}
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		CWE:      []*t.CWE{t.CWE1188},
		Controls: []*t.Control{t.NIST53_CM2},
	},
	Doc: Doc{
		Rationale: "Linking another shell over /bin/sh changes the interpreter of every later RUN and of " +
			"every script in the image that expects a POSIX sh, silently and for good. SHELL changes " +
			"the shell for the Dockerfile's own instructions only, which is usually what was wanted.",
		Impact: "Scripts in the image run under a shell they were not written for",
		Fix:    "Use `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` instead of relinking /bin/sh.",
		Bad:    Dockerfiles("FROM debian:12\nRUN ln -sf /bin/bash /bin/sh\n"),
		Good:   Dockerfiles("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\n"),
		Refs:   []string{hadolintDoc("DL4005")},
	},
}

// shellAt is the SHELL argv in force for an instruction: the last SHELL
// before it in its stage or in the stages it builds on.
func shellAt(in dockerfile.Instruction) []string {
	s := in.Stage()
	if s == nil {
		return nil
	}
	var chain []*dockerfile.Stage
	for c := s; c != nil; c = c.Parent {
		chain = append([]*dockerfile.Stage{c}, chain...)
	}
	var sh []string
	for _, c := range chain {
		for _, x := range c.Instructions {
			if x == in {
				return sh
			}
			if y, ok := x.(*dockerfile.Shell); ok {
				sh = y.Cmd.Shell
			}
		}
	}
	return sh
}

// pipefailShells are the shells whose `-o pipefail` works (busybox ash
// included); plain sh may be dash, which rejects it.
var pipefailShells = []string{"bash", "zsh", "ash", "ksh", "mksh"}

// hasPipefail reports whether a SHELL argv turns pipefail on.
func hasPipefail(argv []string) bool {
	if len(argv) == 0 || !slices.Contains(pipefailShells, path.Base(argv[0])) {
		return false
	}
	for i := 1; i+1 < len(argv); i++ {
		a := argv[i]
		if strings.HasPrefix(a, "-") && !strings.HasPrefix(a, "--") && strings.HasSuffix(a, "o") && argv[i+1] == "pipefail" {
			return true
		}
	}
	return slices.Contains(argv, "-opipefail")
}

// PipeWithoutPipefail: a pipeline in RUN without pipefail.
var PipeWithoutPipefail = &Rule{
	ID:       "DKS3107",
	Name:     "pipe-without-pipefail",
	Title:    "RUN pipeline without pipefail",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL4006", "DS-0032"},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		sc := runScript(in)
		if sc == nil || !sc.HasPipe || hasPipefail(shellAt(in)) {
			return
		}
		for _, c := range sc.Find("set") {
			if c.HasArg("pipefail") {
				return
			}
		}
		for _, c := range sc.Commands {
			if c.PipesTo != nil && !c.Is(trivialProducers...) {
				p.Reportf(dockerfile.LineRange(c.Line, c.EndLine), "pipeline from %s without pipefail: a failure before the last command is ignored", c.Base())
				return
			}
		}
	}}},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering},
		ATTACK:   []*t.Technique{t.T1195_002},
		CWE:      []*t.CWE{t.CWE754},
		Controls: []*t.Control{t.NIST53_SI7},
	},
	Doc: Doc{
		Rationale: "A pipeline's status is its last command's, so in `curl -fsSL $URL | tar -xz` a failed " +
			"download still lets the build succeed, with a half-extracted or missing tree, and " +
			"`curl … | sh` runs whatever part of the script arrived. `set -o pipefail` (or a SHELL " +
			"with `-o pipefail`) makes any failing stage fail the RUN. bash, zsh, ksh and busybox ash " +
			"support it; plain `/bin/sh` may be dash, which does not, so it does not count. " +
			"Pipelines fed only by echo, printf, yes or true cannot fail upstream and are not " +
			"reported.",
		Impact: "Build succeeds on a failed or truncated download",
		Fix:    "Add `SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` (or `/bin/ash` on Alpine) before the RUN, or start the RUN with `set -o pipefail &&`.",
		Bad:    Dockerfiles("FROM debian:12\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n"),
		Good:   Dockerfiles("FROM debian:12\nSHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]\nRUN curl -fsSL https://example.com/app.tar.gz | tar -xz\n", "FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://example.com/a.tgz | tar -xz\n"),
		Refs:   []string{hadolintDoc("DL4006")},
	},
}

// trivialProducers are commands that cannot meaningfully fail at the head
// of a pipeline (`echo "$SUM  file" | sha256sum -c`): pipefail would change
// nothing, so such pipelines are not reported (hadolint reports them).
var trivialProducers = []string{"echo", "printf", "yes", "true"}
