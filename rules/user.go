package rules

import (
	"path"
	"strconv"
	"strings"

	"github.com/dockstride/dockstride/internal/dockerfile"
	t "github.com/dockstride/dockstride/internal/threat"
)

// RunsAsRoot: the shipped stage has no USER, or its last USER is root.
var RunsAsRoot = &Rule{
	ID:       "DKS4001",
	Name:     "runs-as-root",
	Title:    "Container runs as root",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3002", "DS-0002", "CIS-DI-0001", "CKV_DOCKER_3", "CKV_DOCKER_8"},
	// hadolint's DL3002 and checkov's CKV_DOCKER_8 judge an explicit USER
	// root; CKV_DOCKER_3 a missing USER; trivy and dockle both.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1609, t.T1078},
		CIS:      []*t.CISItem{t.CIS4_1},
		CWE:      []*t.CWE{t.CWE250},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Rationale: "A process that runs as root inside the container is root on the host's kernel: one " +
			"vulnerability in the application, or a misconfigured mount or capability, and the attacker " +
			"escapes to the host with full privileges. Only the stage that ships matters: builder stages " +
			"may run as root.",
		Impact: "Unauthorized system-level access",
		Fix: "Create an unprivileged user and switch to it before CMD/ENTRYPOINT: " +
			"`RUN useradd --system --uid 10001 app` then `USER 10001` (a numeric UID also works with " +
			"Kubernetes' runAsNonRoot).",
		Bad:  Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD [\"curl\", \"--version\"]\n", "FROM alpine:3.20\nUSER root\nCMD [\"sh\"]\n"),
		Good: Dockerfiles("FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"sh\"]\n", "FROM golang:1.23 AS build\nRUN go version\nFROM gcr.io/distroless/static:nonroot\nUSER nonroot:nonroot\n"),
		Refs: []string{"https://docs.docker.com/build/building/best-practices/#user"},
	},
	Checks: []Check{
		StageCheck{Check: func(p *Pass, s *dockerfile.Stage) {
			if !p.IsShipped(s) || (s.From != nil && s.From.IsScratch() && effectiveUser(s) == nil) {
				return
			}
			u := effectiveUser(s)
			switch {
			case u == nil:
				p.ReportAliasedf(dockerfile.LineRange(s.Line(), s.Line()), []string{"DS-0002", "CIS-DI-0001", "CKV_DOCKER_3"},
					"stage %s sets no USER, so the container runs as root", s.Ref())
			case isRootUser(u.Expanded):
				p.ReportAliasedf(u.Range(), []string{"DL3002", "DS-0002", "CIS-DI-0001", "CKV_DOCKER_8"},
					"last USER of the shipped stage is %q (root)", u.Expanded)
			}
		}},
		ImageConfigCheck{Check: imageRunsAsRoot},
	},
}

// effectiveUser is the last USER in force at the end of s, following the
// stages it is built FROM.
func effectiveUser(s *dockerfile.Stage) *dockerfile.User {
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			if u, ok := c.Instructions[i].(*dockerfile.User); ok {
				return u
			}
		}
	}
	return nil
}

// isRootUser recognises root, 0, root:group and 0:group.
func isRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0"
}

// SudoInRun: sudo inside RUN.
var SudoInRun = &Rule{
	ID:       "DKS4002",
	Name:     "sudo-in-run",
	Title:    "sudo used in RUN",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DL3004", "DS-0010", "CKV2_DOCKER_1", "DKL-DI-0001"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1548_001, t.T1068},
		CWE:      []*t.CWE{t.CWE250, t.CWE269},
		Controls: []*t.Control{t.NIST53_AC6},
	},
	Doc: Doc{
		Rationale: "sudo in a build step means sudo (and a sudoers policy) ships in the image, giving any " +
			"process that compromises the unprivileged user an easy path back to root. Its TTY and signal " +
			"handling is also unpredictable in a build.",
		Impact: "Privilege escalation inside the container",
		Fix:    "Run the privileged steps before `USER`, as root, and drop privileges afterwards; use `gosu` or `su-exec` only in an entrypoint that must step down.",
		Bad:    Dockerfiles("FROM debian:12\nUSER app\nRUN sudo apt-get update\n"),
		Good:   Dockerfiles("FROM debian:12\nRUN apt-get update\nUSER app\n"),
	},
	Checks: []Check{InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun}, Check: func(p *Pass, in dockerfile.Instruction) {
		for _, c := range runScript(in).Find("sudo") {
			p.ReportLinef(c.Line, "sudo runs in a build step; run as root before USER instead")
		}
	}, History: true}},
}

// WorldWritablePermissions: chmod 777 / o+w.
var WorldWritablePermissions = &Rule{
	ID:       "DKS4003",
	Name:     "world-writable-permissions",
	Title:    "Files made world-writable",
	Severity: Warning,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.Tampering, t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1222},
		CWE:      []*t.CWE{t.CWE732},
		Controls: []*t.Control{t.NIST53_AC3, t.NIST53_CM6},
	},
	Doc: Doc{
		Rationale: "A world-writable file or directory (mode 777, o+w) can be replaced by any user in the " +
			"container. If it is a binary, a script or a config read by a more privileged process, that is " +
			"a path to code execution as that process.",
		Impact: "Any process can alter the application's files",
		Fix:    "Give ownership to the user that needs to write (`COPY --chown=app`, `chown app`) and use 755/644 (or 775/664 with a shared group).",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN chmod -R 777 /app\n", "FROM alpine:3.20\nCOPY --chmod=777 app /app\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN chmod -R 755 /app\n", "FROM alpine:3.20\nRUN chmod 1777 /tmp/cache\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
			checkModes(p, in, worldWritableMode, "makes files world-writable")
		}, History: true},
		LayerFileCheck{Check: layerWorldWritable, LiveOnly: true},
	},
}

// chmodMode is the mode argument of a chmod command.
func chmodMode(c *dockerfile.Command) string {
	for _, a := range c.Args {
		if strings.HasPrefix(a, "--") || a == "-R" || a == "-v" || a == "-f" || a == "-c" || a == "-Rf" || a == "-fR" {
			continue
		}
		return a
	}
	return ""
}

// worldWritableMode reports whether a chmod mode grants write to others,
// leaving out sticky directories (1777, like /tmp), which are safe.
func worldWritableMode(mode string) bool {
	if mode == "" {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 3 {
		if n&0o1000 != 0 {
			return false
		}
		return n&0o002 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		who, perm, ok := cutAny(clause, "+=")
		if !ok || strings.Contains(perm, "t") {
			continue
		}
		if (who == "" || strings.ContainsAny(who, "oa")) && strings.Contains(perm, "w") {
			return true
		}
	}
	return false
}

func cutAny(s, seps string) (before, after string, ok bool) {
	if i := strings.IndexAny(s, seps); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// SetuidSetgidFile: chmod u+s / g+s / 4755 in RUN or COPY --chmod.
var SetuidSetgidFile = &Rule{
	ID:       "DKS4004",
	Name:     "setuid-setgid-file",
	Title:    "setuid or setgid bit set on a file",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"CIS-DI-0008"},
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1548_001},
		CIS:      []*t.CISItem{t.CIS4_8},
		CWE:      []*t.CWE{t.CWE250, t.CWE732},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_1_2},
	},
	Doc: Doc{
		Rationale: "A setuid or setgid executable runs with its owner's (usually root's) privileges whatever " +
			"user starts it. Each one is a privilege-escalation path for an attacker who gets a shell as the " +
			"unprivileged user, which is why CIS 4.8 asks for them to be removed.",
		Impact: "Unprivileged user becomes root",
		Fix:    "Do not set the bit; if a binary needs one capability, grant just that with `setcap` or at run time (`--cap-add`), and strip existing bits with `find / -perm /6000 -type f -exec chmod a-s {} +`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nRUN chmod u+s /usr/local/bin/helper\n", "FROM alpine:3.20\nRUN chmod 4755 /usr/local/bin/helper\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nRUN chmod 0755 /usr/local/bin/helper\n", "FROM alpine:3.20\nRUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindRun, dockerfile.KindCopy, dockerfile.KindAdd}, Check: func(p *Pass, in dockerfile.Instruction) {
			checkModes(p, in, setuidMode, "sets the setuid/setgid bit")
		}, History: true},
		LayerFileCheck{Check: layerSetuid, LiveOnly: true},
	},
}

// checkModes reports the file modes matching bad that a COPY/ADD --chmod
// or a chmod in RUN sets.
func checkModes(p *Pass, in dockerfile.Instruction, bad func(string) bool, what string) {
	switch x := in.(type) {
	case *dockerfile.Copy:
		if bad(x.Cmd.Chmod) {
			p.Reportf(in.Range(), "COPY --chmod=%s %s", x.Cmd.Chmod, what)
		}
	case *dockerfile.Add:
		if bad(x.Cmd.Chmod) {
			p.Reportf(in.Range(), "ADD --chmod=%s %s", x.Cmd.Chmod, what)
		}
	case *dockerfile.Run:
		for _, c := range x.Script.Find("chmod") {
			if mode := chmodMode(c); bad(mode) {
				p.ReportLinef(c.Line, "chmod %s %s", mode, what)
			}
		}
	}
}

func setuidMode(mode string) bool {
	if mode == "" {
		return false
	}
	if n, err := strconv.ParseUint(mode, 8, 32); err == nil && len(mode) >= 4 {
		return n&0o6000 != 0
	}
	for _, clause := range strings.Split(mode, ",") {
		_, perm, ok := cutAny(clause, "+=")
		if ok && strings.Contains(perm, "s") {
			return true
		}
	}
	return false
}

// DockerSocketVolume: VOLUME on the Docker socket.
var DockerSocketVolume = &Rule{
	ID:       "DKS4005",
	Name:     "docker-socket-volume",
	Title:    "Docker socket declared as a volume",
	Severity: Error,
	Since:    "0.1.0",
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege},
		ATTACK:   []*t.Technique{t.T1611, t.T1552_007, t.T1610},
		CIS:      []*t.CISItem{t.CIS5_32},
		CWE:      []*t.CWE{t.CWE250, t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Rationale: "Whoever can talk to the Docker socket controls the Docker daemon, and so the host: " +
			"they can start a privileged container that mounts `/`. An image that declares the socket as a " +
			"volume invites operators to mount it.",
		Impact: "Full control of the host through the Docker API",
		Fix:    "Remove the VOLUME; if the workload truly needs to build or run containers, use a rootless builder (BuildKit rootless, kaniko) or a socket proxy that allows only the calls it needs.",
		Bad:    Dockerfiles("FROM alpine:3.20\nVOLUME /var/run/docker.sock\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nVOLUME /data\n"),
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindVolume}, Check: func(p *Pass, in dockerfile.Instruction) {
			for _, v := range in.(*dockerfile.Volume).Cmd.Volumes {
				if IsDockerSocketPath(v) {
					p.Reportf(in.Range(), "VOLUME %s exposes the Docker daemon's socket", v)
				}
			}
		}},
		ImageConfigCheck{Check: imageDockerSocketVolume},
	},
}

// IsDockerSocketPath recognises the Docker (and containerd/Podman) API
// sockets, wherever they are mounted from.
func IsDockerSocketPath(p string) bool {
	p = strings.TrimRight(strings.TrimSpace(p), "/")
	for _, s := range []string{"/var/run/docker.sock", "/run/docker.sock", "/var/run/docker", "/run/containerd/containerd.sock", "/run/podman/podman.sock"} {
		if p == s {
			return true
		}
	}
	return false
}

// runScript returns the parsed script of a RUN (or the RUN inside an
// ONBUILD), or nil.
func runScript(in dockerfile.Instruction) *dockerfile.Script {
	if r, ok := in.(*dockerfile.Run); ok {
		return r.Script
	}
	return nil
}

// systemDirs are kernel pseudo-filesystems and boot or recovery
// directories that no application should work in or declare as a volume.
var systemDirs = []string{"/proc", "/sys", "/dev", "/boot", "/initrd", "/lost+found"}

// SystemDirectoryMount: WORKDIR or VOLUME on /proc, /sys, /dev or /boot.
var SystemDirectoryMount = &Rule{
	ID:       "DKS4006",
	Name:     "system-directory-mount",
	Title:    "WORKDIR or VOLUME inside a kernel or system directory",
	Severity: Warning,
	Since:    "0.1.0",
	Aliases:  []string{"DS-0030", "DKL-DI-0002"},
	// trivy judges WORKDIR, dockle VOLUME.
	AliasesPerFinding: true,
	Threat: t.Ref{
		STRIDE:   []t.STRIDE{t.ElevationOfPrivilege, t.Tampering},
		ATTACK:   []*t.Technique{t.T1611},
		CIS:      []*t.CISItem{t.CIS5_6},
		CWE:      []*t.CWE{t.CWE668},
		Controls: []*t.Control{t.NIST53_AC6, t.NIST190_4_4_4},
	},
	Doc: Doc{
		Rationale: "/proc, /sys and /dev are the kernel's interfaces into the container, and /boot holds the " +
			"host's kernel when it is mounted. A VOLUME there invites operators to bind-mount the host's own " +
			"directory (the classic escape: a writable host /proc or /sys), and a WORKDIR there makes the " +
			"application read and write kernel files by relative path.",
		Impact: "Container escape through host kernel interfaces",
		Fix:    "Work in and declare volumes under an application directory such as `/app` or `/var/lib/app`.",
		Bad:    Dockerfiles("FROM alpine:3.20\nWORKDIR /proc/self/fd/1\n", "FROM alpine:3.20\nVOLUME [\"/sys\"]\n"),
		Good:   Dockerfiles("FROM alpine:3.20\nWORKDIR /app\nVOLUME /var/lib/app\n", "FROM alpine:3.20\nWORKDIR /development\n"),
		Refs:   []string{"https://github.com/goodwithtech/dockle/blob/master/CHECKPOINT.md#dkl-di-0002-avoid-sensitive-directory-mounting"},
	},
	Checks: []Check{
		InstructionCheck{Kinds: []dockerfile.Kind{dockerfile.KindWorkdir, dockerfile.KindVolume}, Check: func(p *Pass, in dockerfile.Instruction) {
			var dirs []string
			switch x := in.(type) {
			case *dockerfile.Workdir:
				dirs = []string{x.Cmd.Path}
			case *dockerfile.Volume:
				dirs = x.Cmd.Volumes
			}
			for _, d := range dirs {
				if sys := systemDirOf(in.Scope(), d); sys != "" {
					peer := "DS-0030"
					if in.Kind() == dockerfile.KindVolume {
						peer = "DKL-DI-0002"
					}
					p.ReportAliasedf(in.Range(), []string{peer}, "%s %s is inside %s", in.Kind(), d, sys)
				}
			}
		}},
		ImageConfigCheck{Check: imageSystemDirectory},
	},
}

// systemDirOf returns the system directory dir is in (after variable
// expansion), or "".
func systemDirOf(sc *dockerfile.Scope, dir string) string {
	dir = strings.Trim(strings.TrimSpace(dir), `"'`)
	if strings.Contains(dir, "$") && sc != nil {
		dir = sc.Expand(dir).Value
	}
	if !strings.HasPrefix(dir, "/") {
		return ""
	}
	dir = path.Clean(dir)
	for _, s := range systemDirs {
		if dir == s || strings.HasPrefix(dir, s+"/") {
			return s
		}
	}
	return ""
}
