package rules

import (
	"fmt"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/baseimage"
	"github.com/dockstride/dockstride/internal/compose"
	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
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
		Vulnerability: "Container runs as root",
		Mitigation:    "Run as a non-root numeric user.",

		Rationale: "A process that runs as root inside the container is root on the host's kernel: one " +
			"vulnerability in the application, or a misconfigured mount or capability, and the attacker " +
			"escapes to the host with full privileges. Only the stage that ships matters: builder stages " +
			"may run as root. A stage without USER runs as its base image's user: dockstride knows the " +
			"well-known bases that run as non-root (distroless `:nonroot` tags, chiseled .NET, Jupyter, " +
			"Selenium, bitnami, Grafana and k6, Elasticsearch, nanoserver's ContainerUser) and reports nothing on them, and says " +
			"\"root unless that image sets one\" when it does not know the base. An exec-form ENTRYPOINT " +
			"(or CMD) that switches user before the service starts (`gosu`, `su-exec`, `s6-setuidgid`, " +
			"`setpriv --reuid`, `chpst -u`, `sudo -u`, `runuser -u`) is not reported either, nor is an " +
			"entrypoint script that does so, when the build context holds it, nor a stage on an official " +
			"image whose docker-entrypoint.sh switches to the service's user (postgres, mysql, mongo, rabbitmq, " +
			"redis) that keeps its entrypoint and runs its service. On Windows " +
			"the administrator is ContainerAdministrator. A stage that starts no process of its own " +
			"(no CMD or ENTRYPOINT: a base for other images, a builder's output) is reported at info: " +
			"the image built on it sets the user that runs.",
		SeverityNote: "Root in a shipped service is a warning. Root where the image is not deployed as a service is info: " +
			"a development container (a file under `.devcontainer/`, a stage named dev, development or dev-envs), an image " +
			"whose process is a shell, REPL or build tool with nothing to run (`CMD [\"node\"]`, `CMD [\"bash\", \"-i\"]`, " +
			"`CMD [\"mvn\"]`: a toolchain or toolbox image that another Dockerfile extends), an image that sets no USER " +
			"and whose process only prints and exits (`echo`, a checker's fixture), apache or php-fpm, which serve from workers running as the " +
			"user their configuration names, sslsplit, which drops root itself, and daemons that need root by design " +
			"(containerd, dockerd, buildkitd, kaniko's executor: a USER line breaks them; use their rootless modes). " +
			"An entrypoint script the build context does not hold, in an image that installs gosu or su-exec (the " +
			"tools such scripts switch user with), is info too: the message says the switch is likely, not confirmed.",
		Impact: "Unauthorized system-level access",
		Fix: "Create an unprivileged user and switch to it before CMD/ENTRYPOINT: " +
			"`RUN useradd --system --uid 10001 app` then `USER 10001` (a numeric UID also works with " +
			"Kubernetes' runAsNonRoot). In a compose file, `user: \"10001\"` sets it for the service (and a " +
			"Dockerfile's root finding for that service becomes info).",
		Bad: append(Dockerfiles("FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD [\"curl\", \"--version\"]\n", "FROM alpine:3.20\nUSER root\nCMD [\"sh\"]\n"),
			ComposeFiles("services:\n  app:\n    image: app:1.0\n    user: root\n")...),
		Good: append(Dockerfiles("FROM alpine:3.20\nRUN adduser -D -u 10001 app\nUSER 10001\nCMD [\"sh\"]\n", "FROM golang:1.23 AS build\nRUN go version\nFROM gcr.io/distroless/static:nonroot\nUSER nonroot:nonroot\n",
			"FROM postgres:16\nENTRYPOINT [\"gosu\", \"postgres\", \"postgres\"]\n"),
			ComposeFiles("services:\n  app:\n    image: app:1.0\n    user: \"10001:10001\"\n")...),
		Refs: []string{"https://docs.docker.com/build/building/best-practices/#user"},
	},
	// Unsafe: the application then runs without root's rights, and files
	// it writes where only root may (its own directory, a port below 1024)
	// fail until the image grants them.
	Fix: UnsafeFix,
	Checks: []Check{
		StageCheck{Check: checkRunsAsRootStage},
		ImageConfigCheck{Check: checkRunsAsRootImage},
		ComposeServiceCheck{Check: checkRunsAsRootService},
	},
}

// checkRunsAsRootService: `user: root` (or 0) on a compose service. A
// service that sets no user runs as its image's: the Dockerfile's finding,
// when dockstride lints it, says so.
func checkRunsAsRootService(p *ComposePass, s *compose.Service) {
	if s.User.Set && IsRootUser(s.User.Value) {
		p.Report(p.Finding(s, s.User.Pos, "runs as %q (root)", s.User.Raw))
	}
}

func checkRunsAsRootStage(p *Pass, s *dockerfile.Stage) {
	if !p.IsShipped(s) || (s.From != nil && s.From.IsScratch() && effectiveUser(s) == nil) {
		return
	}
	if argv, ok := finalProcess(s); ok && dropsPrivileges(argv) {
		return // the entrypoint switches to its user before the service starts
	}
	// The entrypoint script, when the build context has it: one that
	// switches user (docker-library's `exec gosu postgres "$BASH_SOURCE"`)
	// starts the service unprivileged.
	script, scriptText, read := entrypointScript(p, s)
	if read && scriptStepsDown(scriptText) {
		return
	}
	f := p.File
	p = p.WithFix(func() *Fix { return nonRootFix(f, s) })
	u := effectiveUser(s)
	why := notDeployed(p, s)
	if argv := containerArgv(s); why == "" && u == nil && len(argv) > 0 && onlyPrints[path.Base(argv[0])] {
		// Only for an inherited user: an explicit USER root is the
		// author's choice, reported as it stands even before a
		// placeholder process.
		why = "its process is " + path.Base(argv[0]) + ", which prints and exits: nothing runs as a service"
	}
	if why != "" && (u == nil || IsRootUser(u.Expanded)) {
		at := dockerfile.LineRange(s.Line(), s.Line())
		if u != nil {
			at = u.Range()
		}
		p.ReportAtf(Info, at, []string{"DL3002", "DS-0002", "CIS-DI-0001"}, "stage %s runs as root, but %s", s.Ref(), why)
		return
	}
	if u != nil {
		if IsRootUser(u.Expanded) {
			p.ReportAliasedf(u.Range(), []string{"DL3002", "DS-0002", "CIS-DI-0001", "CKV_DOCKER_8"},
				"last USER of the shipped stage is %q (%s)", u.Expanded, rootWord(u.Expanded))
		}
		return
	}
	aliases := []string{"DS-0002", "CIS-DI-0001", "CKV_DOCKER_3"}
	at := dockerfile.LineRange(s.Line(), s.Line())
	base := baseImageOf(s)
	// The offline table of well-known bases, else with --resolve-base the
	// base's own config.
	d, known := p.BaseDefaults(s)
	if known && d.NonRoot {
		return // inherits the base's non-root user (distroless :nonroot, chiseled .NET, nanoserver, a config's USER)
	}
	// A base whose entrypoint steps down (postgres, redis, …), kept by a
	// stage that sets no ENTRYPOINT of its own: the service runs as the
	// base's service user when the CMD is the service.
	stepNote := ""
	if known && d.StepsDown != nil && !setsEntrypoint(s) {
		cmd, ok := stageCmd(s)
		if !ok || (len(cmd) > 0 && d.StepsDown.Serves(cmd[0])) {
			return
		}
		stepNote = fmt.Sprintf(" (its base's %s switches to %s only for %s, and this CMD runs %s)",
			d.StepsDown.Entrypoint, d.StepsDown.User, strings.Join(d.StepsDown.Commands, ", "), argv0(cmd))
	}
	// This Dockerfile's own entrypoint script, unread, in an image that
	// installs gosu or su-exec: what the tool is for, but not confirmed.
	if script != "" && !read {
		if tool := installedStepDownTool(s); tool != "" {
			p.ReportAtf(Info, at, aliases, "stage %s sets no USER, so its entrypoint %s starts as root; the image installs %s, "+
				"which entrypoint scripts use to run the service as its own user, but the script is not in the build context to confirm it",
				s.Ref(), script, tool)
			return
		}
	}
	if _, ok := finalProcess(s); !ok {
		p.ReportAtf(Info, at, aliases, "stage %s sets no USER and starts no process of its own (no CMD or ENTRYPOINT): "+
			"an image built on it, or the command given to docker run, runs as the user of %s", s.Ref(), baseImageName(base))
		return
	}
	switch {
	case known && d.User != "":
		p.ReportAliasedf(at, aliases, "stage %s sets no USER, so the container runs as %s (%s), the user of its base %s", s.Ref(), d.User, rootWord(d.User), base)
	case known || isOfficialImage(base):
		p.ReportAliasedf(at, aliases, "stage %s sets no USER, so the container runs as root, as its base %s does%s", s.Ref(), base, stepNote)
	default:
		p.ReportAliasedf(at, aliases, "stage %s sets no USER, so the container inherits the user of its base %s: root unless that image sets one", s.Ref(), baseImageName(base))
	}
}

// devStageNames name a development-environment stage (awesome-compose's
// dev-envs, moby's dev), built to work in, not to deploy.
var devStageNames = map[string]bool{"dev": true, "devel": true, "develop": true, "development": true,
	"dev-env": true, "dev-envs": true, "devcontainer": true, "devenv": true}

// interactiveTools are shells, language REPLs and build tools: a container
// whose process is one of them with no program to run (CMD ["node"],
// ["bash", "--login", "-i"], ["mvn"]) is a toolchain or toolbox image,
// extended by another Dockerfile or run by hand.
var interactiveTools = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true, "zsh": true, "ksh": true,
	"fish": true, "pwsh": true, "powershell": true, "cmd": true, "node": true, "nodejs": true, "python": true,
	"python2": true, "python3": true, "ipython": true, "jshell": true, "irb": true, "ghci": true, "iex": true,
	"erl": true, "julia": true, "R": true, "lua": true, "tclsh": true, "groovysh": true, "mvn": true,
	"gradle": true, "sbt": true, "lein": true, "clojure": true}

// privilegeDroppingServers start as root and serve from workers running as
// the user their configuration names (apache's User, php-fpm's pool user),
// or drop root themselves once their sockets are open.
var privilegeDroppingServers = map[string]string{
	"apache2-foreground": workersDrop, "httpd-foreground": workersDrop, "apache2": workersDrop, "httpd": workersDrop,
	"apache2ctl": workersDrop, "apachectl": workersDrop, "php-fpm": workersDrop,
	// sslsplit(1): "If -u is not given, SSLsplit will drop privileges ...
	// to nobody if running with full root privileges".
	"sslsplit": "drops root itself once its sockets are open (to nobody unless -u names another user)",
}

const workersDrop = "serves from workers that run as the user its configuration names"

// rootByDesign are daemons that cannot do their work without root in the
// container: they create namespaces, mount filesystems or unpack images
// with every file's owner. Their projects ship rootless modes where there
// are any; a USER line alone breaks them.
var rootByDesign = map[string]string{
	"containerd": "it creates namespaces and mounts for the containers it runs",
	"dockerd":    "it creates namespaces and mounts for the containers it runs",
	"buildkitd":  "it creates namespaces and mounts for the builds it runs (buildkit ships a rootless image for the other case)",
	// kaniko's README: "kaniko ... must be run as root" to unpack the base
	// image's filesystem with its owners.
	"/kaniko/executor": "it unpacks image filesystems with their owners and modes, which needs root (kaniko's README)",
}

// onlyPrints are programs that print their arguments and exit: an image
// whose process is one of them (a checker's fixture) serves nothing.
var onlyPrints = map[string]bool{"echo": true, "printf": true, "true": true, "false": true}

// notDeployed says why a shipped stage's root user matters less than a
// service's ("" when it does not): a development environment, an image
// whose process is a shell, REPL or build tool with nothing to run, or a
// server that hands its requests to unprivileged workers.
func notDeployed(p *Pass, s *dockerfile.Stage) string {
	if why := devEnvironment(p, s); why != "" {
		return why
	}
	argv := containerArgv(s)
	if len(argv) == 0 {
		return ""
	}
	name := strings.TrimSuffix(path.Base(strings.ReplaceAll(argv[0], "\\", "/")), ".exe")
	if strings.HasPrefix(name, "python") && strings.Trim(name[len("python"):], "0123456789.") == "" {
		name = "python"
	}
	rest := argv[1:]
	if interactiveTools[name] && !slices.ContainsFunc(rest, func(a string) bool { return !strings.HasPrefix(a, "-") }) {
		return "its process is " + name + " with nothing to run: a toolchain or toolbox image, extended by another Dockerfile (which sets the user) or run by hand"
	}
	if strings.HasPrefix(name, "php-fpm") {
		return "its server (" + name + ") " + workersDrop
	}
	if why, ok := privilegeDroppingServers[name]; ok {
		return "its server (" + name + ") " + why
	}
	if why, ok := rootByDesign[name]; ok {
		return "its process (" + name + ") needs root by design: " + why
	}
	if why, ok := rootByDesign[argv[0]]; ok {
		return "its process (" + argv[0] + ") needs root by design: " + why
	}
	return ""
}

// devEnvironment says why s is a development environment ("" when it is
// not): a file under .devcontainer/, or a stage named dev, development,
// dev-envs and the like.
func devEnvironment(p *Pass, s *dockerfile.Stage) string {
	if name := p.File.Path; strings.Contains("/"+filepath.ToSlash(name), "/.devcontainer/") {
		return "the file is a development container's (.devcontainer), which is worked in, not deployed"
	}
	if s != nil && devStageNames[s.Name] {
		return "it is a development-environment stage (" + s.OrigName + "), which is worked in, not deployed"
	}
	return ""
}

// containerArgv is what the container runs as the stage's chain writes
// it: ENTRYPOINT then CMD, where an entrypoint script (docker-entrypoint.sh)
// only prepares and then runs the CMD, so the CMD is what runs.
func containerArgv(s *dockerfile.Stage) []string {
	var ep, cmd []string
	var hasEP, hasCmd bool
	for c := s; c != nil && !(hasEP && hasCmd); c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			switch x := c.Instructions[i].(type) {
			case *dockerfile.Entrypoint:
				if !hasEP {
					ep, hasEP = processArgv(x.Cmd.CmdLine, x.ExecForm()), true
				}
			case *dockerfile.Cmd:
				if !hasCmd {
					cmd, hasCmd = processArgv(x.Cmd.CmdLine, x.ExecForm()), true
				}
			}
		}
	}
	for len(ep) > 0 && (initWrappers[path.Base(ep[0])] || strings.HasPrefix(ep[0], "-")) {
		ep = ep[1:]
	}
	if len(ep) == 0 || strings.Contains(path.Base(ep[0]), "entrypoint") {
		return cmd
	}
	return append(slices.Clip(ep), cmd...)
}

// baseImageOf is the image the stage's chain of stages starts FROM, as
// far as ARGs tell ("" for a stage without FROM).
func baseImageOf(s *dockerfile.Stage) string {
	for s.Parent != nil {
		s = s.Parent
	}
	if s.From == nil {
		return ""
	}
	return s.From.Expanded
}

// baseImageName names the base for messages.
func baseImageName(base string) string {
	if base == "" {
		return "its base image"
	}
	return base
}

// isOfficialImage reports a Docker Official Image, which runs as root
// unless baseimage lists it as switching user.
func isOfficialImage(ref string) bool {
	r, err := baseimage.ParseRef(ref)
	if err != nil {
		return false
	}
	_, ok := r.Official()
	return ok
}

// rootWord names the root user's concept: Windows calls it
// ContainerAdministrator.
func rootWord(u string) string {
	if strings.EqualFold(u, "ContainerAdministrator") {
		return "Windows' administrator"
	}
	return "root"
}

// finalProcess is the argv the container starts with, as the stage's
// chain writes it: the last ENTRYPOINT, or else the last CMD. ok is false
// when the chain writes neither (the base image's is used).
func finalProcess(s *dockerfile.Stage) (argv []string, ok bool) {
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			switch x := c.Instructions[i].(type) {
			case *dockerfile.Entrypoint:
				return processArgv(x.Cmd.CmdLine, x.ExecForm()), true
			case *dockerfile.Cmd:
				if !hasEntrypoint(c, i) {
					return processArgv(x.Cmd.CmdLine, x.ExecForm()), true
				}
			}
		}
	}
	return nil, false
}

// hasEntrypoint reports an ENTRYPOINT before instruction i of s or in the
// stages s is built FROM, which a CMD then only feeds arguments to.
func hasEntrypoint(s *dockerfile.Stage, i int) bool {
	for c, n := s, i; c != nil; c = c.Parent {
		for _, in := range c.Instructions[:n] {
			if _, ok := in.(*dockerfile.Entrypoint); ok {
				return true
			}
		}
		if c.Parent != nil {
			n = len(c.Parent.Instructions)
		}
	}
	return false
}

// processArgv is the exec form's argv; a shell form is its words.
func processArgv(cmdLine []string, exec bool) []string {
	if exec {
		return cmdLine
	}
	return strings.Fields(strings.Join(cmdLine, " "))
}

// initWrappers start the real process in their arguments.
var initWrappers = map[string]bool{"tini": true, "tini-static": true, "dumb-init": true, "catatonit": true, "exec": true}

// dropsPrivileges reports an argv that runs its service as another user:
// gosu, su-exec, s6-setuidgid, setpriv with a new UID, chpst -u, sudo -u,
// runuser -u, behind an init (tini --) if any.
func dropsPrivileges(argv []string) bool {
	for len(argv) > 0 && (initWrappers[path.Base(argv[0])] || strings.HasPrefix(argv[0], "-")) {
		argv = argv[1:]
	}
	if len(argv) < 2 {
		return false
	}
	args := argv[1:]
	has := func(flags ...string) bool {
		return slices.ContainsFunc(args, func(a string) bool {
			return slices.ContainsFunc(flags, func(f string) bool { return a == f || strings.HasPrefix(a, f+"=") })
		})
	}
	switch path.Base(argv[0]) {
	case "gosu", "su-exec", "s6-setuidgid", "setuidgid":
		return true
	case "setpriv":
		return has("--reuid", "--ruid", "--euid")
	case "chpst", "sudo", "runuser":
		return has("-u", "--user")
	}
	return false
}

// dockleRoot is the peer ID of the image-side root check: dockle reads the
// config as this check does.
var dockleRoot = []string{"CIS-DI-0001"}

// checkRunsAsRootImage: User empty (root by default), root, 0, or root/0 with a
// group.
func checkRunsAsRootImage(p *ImagePass, img *image.Image) {
	u := strings.TrimSpace(img.Config.Config.User)
	switch {
	case u == "":
		p.ReportAliasedf(dockleRoot, "the image config sets no User, so the container runs as root")
	case IsRootUser(u):
		p.ReportAliasedf(dockleRoot, "the image config's User is %q (root)", u)
	}
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

// IsRootUser recognises root, 0, root:group and 0:group (a USER, an image
// config's User, a compose service's user:), and Windows'
// ContainerAdministrator.
func IsRootUser(u string) bool {
	name, _, _ := strings.Cut(strings.TrimSpace(u), ":")
	return name == "root" || name == "0" || strings.EqualFold(name, "ContainerAdministrator")
}

// nonRootUID is the user the fix creates: above the ranges distributions
// give system and login users, so it matches no account of the base image.
const nonRootUID = "10001"

// nonRootFix creates an unprivileged user and switches to it after the
// stage's last RUN and USER, before its CMD or ENTRYPOINT.
func nonRootFix(f *dockerfile.File, s *dockerfile.Stage) *Fix {
	os := stageOS(f, s)
	if addUserCommand(os, nonRootUID) == "" {
		return NoFixf("cannot tell how to create a user in this base image; add one and `USER %s` by hand", nonRootUID)
	}
	add := "RUN " + addUserCommand(os, nonRootUID)
	user := "USER " + nonRootUID
	if s.From != nil && s.From.Keyword() == strings.ToLower(s.From.Keyword()) {
		add, user = "run"+add[3:], "user"+user[4:]
	}
	e, ok := insertLines(f, beforeCommand(s), s, add, user)
	if !ok {
		return nil
	}
	return NewFix("create user "+nonRootUID+" and run as it", e)
}

// setsEntrypoint reports an ENTRYPOINT in s or the stages it is built
// FROM: the base image's entrypoint is then not the one that runs.
func setsEntrypoint(s *dockerfile.Stage) bool {
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			if _, ok := in.(*dockerfile.Entrypoint); ok {
				return true
			}
		}
	}
	return false
}

// stageCmd is the argv of the last CMD of s's chain; ok is false when the
// chain sets none (the base image's CMD runs).
func stageCmd(s *dockerfile.Stage) (argv []string, ok bool) {
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			if x, isCmd := c.Instructions[i].(*dockerfile.Cmd); isCmd {
				return processArgv(x.Cmd.CmdLine, x.ExecForm()), true
			}
		}
	}
	return nil, false
}

// argv0 is the command argv runs, for messages ("nothing" for an empty
// one).
func argv0(argv []string) string {
	if len(argv) == 0 {
		return "nothing"
	}
	return argv[0]
}

// scriptShells run the script their first argument names.
var scriptShells = map[string]bool{"sh": true, "bash": true, "ash": true, "dash": true}

// entrypointScript is the script the stage's ENTRYPOINT runs (behind an
// init such as tini, or a shell given its path), "" when the ENTRYPOINT
// is not a script (a binary, a privilege-dropping tool) or there is
// none. text is the script as the stage's COPY, ADD or RUN writes it,
// when the build context holds it (read reports that).
func entrypointScript(p *Pass, s *dockerfile.Stage) (script, text string, read bool) {
	var ep []string
	found := false
	for c := s; c != nil && !found; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0 && !found; i-- {
			if x, ok := c.Instructions[i].(*dockerfile.Entrypoint); ok {
				ep, found = processArgv(x.Cmd.CmdLine, x.ExecForm()), true
			}
		}
	}
	for len(ep) > 0 && (initWrappers[path.Base(ep[0])] || strings.HasPrefix(ep[0], "-")) {
		ep = ep[1:]
	}
	if len(ep) > 1 && scriptShells[path.Base(ep[0])] && !strings.HasPrefix(ep[1], "-") {
		ep = ep[1:]
	}
	if len(ep) == 0 || strings.Contains(ep[0], "$") || dropsPrivileges(ep) {
		return "", "", false
	}
	base := path.Base(ep[0])
	if !strings.HasSuffix(base, ".sh") && !strings.Contains(base, "entrypoint") {
		return "", "", false
	}
	want := func(f string) bool { return f == ep[0] || path.Base(f) == base }
	// The last write of the script in the chain is the one the image has.
	for c := s; c != nil; c = c.Parent {
		for i := len(c.Instructions) - 1; i >= 0; i-- {
			if ws := fileWrites(p, c.Instructions[i], want); len(ws) > 0 {
				return ep[0], ws[len(ws)-1].text, true
			}
		}
	}
	return ep[0], "", false
}

// scriptStepsDown reports a shell script that runs a command as another
// user: gosu, su-exec, s6-setuidgid, setpriv --reuid, chpst -u, runuser
// -u, sudo -u, also when the tool comes from a variable's value
// (SETPRIV="setpriv --reuid redis …"; exec $SETPRIV "$0").
func scriptStepsDown(text string) bool {
	sc, err := dockerfile.ParseScript(text, 1, dockerfile.ShellBash)
	if err != nil || sc == nil {
		return false
	}
	for _, c := range sc.Commands {
		if c.Name != "" && dropsPrivileges(append([]string{c.Name}, c.Args...)) {
			return true
		}
		for _, a := range c.Assigns {
			if _, v, ok := strings.Cut(a, "="); ok && dropsPrivileges(strings.Fields(strings.Trim(v, `"'`))) {
				return true
			}
		}
	}
	return false
}

// stepDownTools switch user for the command they run; images install
// them for their entrypoint scripts.
var stepDownTools = []string{"gosu", "su-exec"}

// installedStepDownTool names the step-down tool s's chain installs or
// runs ("" when none): a RUN that names it (apk add su-exec, wget -O
// /usr/local/bin/gosu, gosu nobody true) or a COPY or ADD of it.
func installedStepDownTool(s *dockerfile.Stage) string {
	named := func(words ...string) string {
		for _, w := range words {
			if b := path.Base(w); slices.Contains(stepDownTools, b) {
				return b
			}
		}
		return ""
	}
	for c := s; c != nil; c = c.Parent {
		for _, in := range c.Instructions {
			switch x := in.(type) {
			case *dockerfile.Run:
				if x.Script == nil {
					continue
				}
				for _, cmd := range x.Script.Commands {
					if t := named(append([]string{cmd.Name}, cmd.Args...)...); t != "" {
						return t
					}
				}
			case *dockerfile.Copy:
				if t := named(append(slices.Clone(x.Cmd.SourcePaths), x.Cmd.DestPath)...); t != "" {
					return t
				}
			case *dockerfile.Add:
				if t := named(append(slices.Clone(x.Cmd.SourcePaths), x.Cmd.DestPath)...); t != "" {
					return t
				}
			}
		}
	}
	return ""
}
