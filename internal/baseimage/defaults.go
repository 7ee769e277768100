package baseimage

import (
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/lazyre"
)

// Fact is a default a source states; Known is false when none does.
type Fact[T any] struct {
	Value T
	Known bool
}

func known[T any](v T) Fact[T] { return Fact[T]{Value: v, Known: true} }

// Defaults is what a well-known base image runs with when the Dockerfile
// built on it says nothing: the user always; the shell, entrypoint and
// health check where a source says.
type Defaults struct {
	// Image names the family ("gcr.io/distroless :nonroot tags").
	Image string
	// User is the image config's user: a UID ("65532"), a name
	// ("ContainerUser"), or "" when the image leaves it unset (root).
	User string
	// NonRoot reports that User is not root (nor Windows'
	// ContainerAdministrator).
	NonRoot bool
	// Shell is the shell that runs shell-form instructions; a known nil
	// Value means the image has none (distroless), so shell form fails.
	Shell Fact[[]string]
	// Entrypoint is the image's ENTRYPOINT; a known empty Value means none.
	Entrypoint Fact[[]string]
	// Healthcheck reports whether the image defines a HEALTHCHECK.
	Healthcheck Fact[bool]
	// StepsDown is set when the image's entrypoint script, started as
	// root, switches to an unprivileged user before it runs the image's
	// own service (docker-library's postgres, mysql, mongo, rabbitmq,
	// redis); nil when no source says so.
	StepsDown *StepDown
	// Source says where these defaults come from.
	Source string
}

// StepDown is what an image's entrypoint script does as root: for the
// commands it recognises as its service, it runs them as User through
// Tool; any other command runs as root.
type StepDown struct {
	// Entrypoint is the script (the image's ENTRYPOINT).
	Entrypoint string
	// User is the account the service runs as; Tool what switches to it
	// (gosu, su-exec, setpriv).
	User, Tool string
	// Commands are the first words of the CMD the script treats as its
	// service; a trailing * matches any word with that prefix
	// ("mongo*"). A first word starting with "-" is taken as the
	// service's flags by every script listed.
	Commands []string
}

// Serves reports whether the script steps down for a container whose
// command (the CMD, or the image's own when the Dockerfile sets none)
// starts with word.
func (s *StepDown) Serves(word string) bool {
	if s == nil {
		return false
	}
	if strings.HasPrefix(word, "-") {
		return true
	}
	for _, c := range s.Commands {
		if p, ok := strings.CutSuffix(c, "*"); ok && strings.HasPrefix(word, p) || c == word {
			return true
		}
	}
	return false
}

// DefaultsOf returns the defaults of a well-known base image, and false
// when the reference is not one the table knows (or is too unresolved to
// tell: a tag that is only a variable).
func DefaultsOf(imageRef string) (Defaults, bool) {
	ref, err := ParseRef(imageRef)
	if err != nil {
		return Defaults{}, false
	}
	for _, k := range knownBases {
		if d, ok := k(ref); ok {
			return d, true
		}
	}
	return Defaults{}, false
}

// RunsAsNonRoot answers "does this base run as a non-root user by
// default?"; known is false when the table does not know the image.
func RunsAsNonRoot(imageRef string) (nonRoot, known bool) {
	d, ok := DefaultsOf(imageRef)
	return d.NonRoot, ok
}

// knownBases recognise the families, most specific first.
var knownBases = []func(Ref) (Defaults, bool){
	distroless, chainguardStatic, chainguard, bitnami, jenkins, selenium, jupyter, dotnet, windows, officialSwitchingUser,
	grafana, elasticsearch, officialSteppingDown,
}

var (
	shSh      = []string{"/bin/sh", "-c"}
	bashFail  = []string{"/bin/bash", "-o", "pipefail", "-c"}
	windowsSh = []string{"cmd", "/S", "/C"}
)

const srcDistroless = "GoogleContainerTools/distroless: README.md (no shell; debug tags add busybox; static, base and cc have the empty entrypoint) and common/variables.bzl (NONROOT = 65532)"

// distroless: gcr.io/distroless/<image>:<tag>, where the nonroot,
// nonroot-<arch>, debug-nonroot and debug-nonroot-<arch> tags run as
// nonroot (65532) and the others as root.
func distroless(r Ref) (Defaults, bool) {
	image, ok := strings.CutPrefix(r.Path, "distroless/")
	if r.Registry != "gcr.io" || !ok {
		return Defaults{}, false
	}
	tag := r.Tag
	if tag == "" {
		tag = "latest"
	}
	if strings.HasPrefix(tag, "$") {
		return Defaults{}, false
	}
	debug := tag == "debug" || strings.HasPrefix(tag, "debug-")
	rest := strings.TrimPrefix(strings.TrimPrefix(tag, "debug"), "-")
	d := Defaults{Source: srcDistroless}
	if rest == "nonroot" || strings.HasPrefix(rest, "nonroot-") {
		d.Image, d.User, d.NonRoot = "gcr.io/distroless :nonroot tags", "65532", true
	} else {
		d.Image = "gcr.io/distroless (root tags)"
	}
	if !debug {
		d.Shell = known[[]string](nil)
	}
	for _, plain := range []string{"static", "base", "base-nossl", "cc"} {
		if image == plain || strings.HasPrefix(image, plain+"-debian") {
			d.Entrypoint = known([]string{})
		}
	}
	return d, true
}

// chainguardStatic: cgr.dev/chainguard/static runs as nonroot (65532) and
// has no shell. Other Chainguard images "typically" run as non-root, which
// is not enough to say so.
func chainguardStatic(r Ref) (Defaults, bool) {
	if r.Registry != "cgr.dev" || r.Path != "chainguard/static" || (r.Tag != "" && r.Tag != "latest") {
		return Defaults{}, false
	}
	return Defaults{
		Image: "cgr.dev/chainguard/static", User: "65532", NonRoot: true, Shell: known[[]string](nil),
		Source: "https://edu.chainguard.dev/chainguard/chainguard-images/reference/static/overview/#users (nonroot, 65532); Chainguard's migration guide (no shell except in -dev variants)",
	}, true
}

// chainguardImage is what Chainguard documents of one image's latest and
// latest-dev variants.
type chainguardImage struct {
	user       string
	entrypoint []string
	// shell says the latest variant has /bin/sh; -dev variants always do.
	shell bool
	// devOnly: only the -dev variant is documented.
	devOnly bool
}

// chainguardImages are the Chainguard images whose reference page states
// the default user: some run as nonroot, some as root (go, wolfi-base),
// so only those listed are known.
var chainguardImages = map[string]chainguardImage{
	"python":        {user: "nonroot", entrypoint: []string{"/usr/bin/python"}},
	"node":          {user: "65532", entrypoint: []string{"/usr/bin/node"}, shell: true},
	"nginx":         {user: "nginx", entrypoint: []string{"/usr/sbin/nginx"}},
	"go":            {user: "", entrypoint: []string{"/usr/bin/go"}, shell: true},
	"wolfi-base":    {user: "", entrypoint: []string{}, shell: true},
	"glibc-dynamic": {user: "nonroot", entrypoint: []string{}, devOnly: true},
}

// chainguardTag matches the variant tags the reference pages describe, and
// the version tags of the same variants: latest, latest-dev, 3.12, 3.12-dev.
var chainguardTag = lazyre.New(`^(latest|\d+(\.\d+)*)(-dev)?$`)

// chainguard: cgr.dev/chainguard/<image> for the images of
// chainguardImages, with the user, entrypoint and shell their reference
// page gives.
func chainguard(r Ref) (Defaults, bool) {
	name, ok := strings.CutPrefix(r.Path, "chainguard/")
	img, listed := chainguardImages[name]
	tag := r.Tag
	if tag == "" {
		tag = "latest"
	}
	m := chainguardTag().FindStringSubmatch(tag)
	if r.Registry != "cgr.dev" || !ok || !listed || m == nil {
		return Defaults{}, false
	}
	dev := m[3] != ""
	if img.devOnly && !dev {
		return Defaults{}, false
	}
	d := Defaults{
		Image: "cgr.dev/chainguard/" + name, User: img.user, NonRoot: !rootUser(img.user),
		Entrypoint: known(slices.Clone(img.entrypoint)),
		Source:     "chainguard-dev/edu content/chainguard/chainguard-images/reference/" + name + "/image_specs.md (Default User, Entrypoint, Has a shell?)",
	}
	if img.shell || dev {
		d.Shell = known(shSh)
	} else {
		d.Shell = known[[]string](nil)
	}
	return d, true
}

// bitnamiNonRoot are the bitnami images whose Dockerfiles end with USER
// 1001, and bitnamiRoot those that set no user. keycloak and kubectl are
// from bitnami/containers (bitnami/keycloak/25/debian-12/Dockerfile,
// bitnami/kubectl's: USER 1001 before the ENTRYPOINT).
var (
	bitnamiNonRoot = []string{"apache", "elasticsearch", "jenkins", "kafka", "keycloak", "kubectl", "mariadb", "memcached",
		"mongodb", "mysql", "nginx", "postgresql", "rabbitmq", "redis", "tomcat", "wordpress", "zookeeper"}
	bitnamiRoot = []string{"node", "php-fpm", "python"}
)

func bitnami(r Ref) (Defaults, bool) {
	name, ok := strings.CutPrefix(r.Path, "bitnami/")
	if r.Registry != "docker.io" || !ok {
		return Defaults{}, false
	}
	src := "the image's own Dockerfile in bitnami/bitnami-docker-" + name + " (debian-10 variants)"
	switch {
	case slices.Contains(bitnamiNonRoot, name):
		entry := "/opt/bitnami/scripts/" + name + "/entrypoint.sh"
		switch name {
		case "wordpress":
			entry = "/app-entrypoint.sh"
		case "kubectl":
			entry = "kubectl"
		}
		return Defaults{Image: "bitnami/" + name, User: "1001", NonRoot: true, Shell: known(shSh),
			Entrypoint: known([]string{entry}), Healthcheck: known(false), Source: src}, true
	case slices.Contains(bitnamiRoot, name):
		return Defaults{Image: "bitnami/" + name, Shell: known(shSh), Entrypoint: known([]string{}),
			Healthcheck: known(false), Source: src}, true
	}
	return Defaults{}, false
}

// jenkins: jenkins/jenkins runs as jenkins (1000) through tini.
func jenkins(r Ref) (Defaults, bool) {
	if r.Registry != "docker.io" || r.Path != "jenkins/jenkins" || strings.Contains(r.Tag, "windows") {
		return Defaults{}, false
	}
	return Defaults{Image: "jenkins/jenkins", User: "jenkins", NonRoot: true,
		Entrypoint:  known([]string{"/usr/bin/tini", "--", "/usr/local/bin/jenkins.sh"}),
		Healthcheck: known(false), Source: "jenkinsci/docker debian/Dockerfile (ARG user=jenkins, uid 1000; USER ${user})"}, true
}

// selenium: every selenium/* image ends with USER ${SEL_UID} (1200).
func selenium(r Ref) (Defaults, bool) {
	if r.Registry != "docker.io" || !strings.HasPrefix(r.Path, "selenium/") {
		return Defaults{}, false
	}
	return Defaults{Image: "selenium/*", User: "1200", NonRoot: true,
		Source: "SeleniumHQ/docker-selenium Dockerfiles (ARG UID=1200 in Base; every image ends with USER ${SEL_UID})"}, true
}

// jupyterImages are the Jupyter Docker Stacks, which all end as jovyan.
var jupyterImages = []string{"docker-stacks-foundation", "base-notebook", "minimal-notebook", "scipy-notebook", "r-notebook",
	"julia-notebook", "tensorflow-notebook", "pytorch-notebook", "datascience-notebook", "pyspark-notebook", "all-spark-notebook"}

func jupyter(r Ref) (Defaults, bool) {
	name, ok := strings.CutPrefix(r.Path, "jupyter/")
	if !ok || (r.Registry != "quay.io" && r.Registry != "docker.io") || !slices.Contains(jupyterImages, name) {
		return Defaults{}, false
	}
	return Defaults{Image: r.Registry + "/jupyter/" + name, User: "1000", NonRoot: true, Shell: known(bashFail),
		Entrypoint: known([]string{"tini", "-g", "--", "start.sh"}),
		Source:     "jupyter/docker-stacks images/docker-stacks-foundation/Dockerfile (NB_UID=1000, USER ${NB_UID}, SHELL, ENTRYPOINT); every image ends as ${NB_UID}"}, true
}

// dotnet: mcr.microsoft.com/dotnet images on chiseled or distroless bases
// run as app (1654); nanoserver ones as ContainerUser.
func dotnet(r Ref) (Defaults, bool) {
	if r.Registry != "mcr.microsoft.com" || !strings.HasPrefix(r.Path, "dotnet/") {
		return Defaults{}, false
	}
	switch {
	case strings.Contains(r.Tag, "chiseled") || strings.Contains(r.Tag, "distroless"):
		return Defaults{Image: "mcr.microsoft.com/dotnet chiseled and distroless tags", User: "1654", NonRoot: true,
			Source: "dotnet/dotnet-docker src/runtime-deps/*/{*chiseled*,*distroless*}/Dockerfile (APP_UID=1654, USER $APP_UID)"}, true
	case strings.Contains(r.Tag, "nanoserver"):
		return windowsNano("mcr.microsoft.com/dotnet nanoserver tags"), true
	}
	return Defaults{}, false
}

// windows: the Windows base images. nanoserver runs as ContainerUser
// (images switch to ContainerAdministrator to run setx /M, then back);
// servercore as ContainerAdministrator (images run setx /M without a
// switch).
func windows(r Ref) (Defaults, bool) {
	if r.Registry != "mcr.microsoft.com" {
		return Defaults{}, false
	}
	switch r.Path {
	case "windows/nanoserver":
		return windowsNano("mcr.microsoft.com/windows/nanoserver"), true
	case "windows/servercore":
		return Defaults{Image: "mcr.microsoft.com/windows/servercore", User: "ContainerAdministrator", Shell: known(windowsSh),
			Source: "dotnet/dotnet-docker src/runtime/*/windowsservercore-*/Dockerfile (RUN setx /M PATH with no USER switch)"}, true
	}
	return Defaults{}, false
}

func windowsNano(image string) Defaults {
	return Defaults{Image: image, User: "ContainerUser", NonRoot: true, Shell: known(windowsSh),
		Source: "dotnet/dotnet-docker src/runtime/*/nanoserver-*/Dockerfile (USER ContainerAdministrator to run setx /M, then USER ContainerUser)"}
}

// officialSwitchingUser: Docker Official Images whose tags switch user.
func officialSwitchingUser(r Ref) (Defaults, bool) {
	name, ok := r.Official()
	if !ok {
		return Defaults{}, false
	}
	switch {
	case name == "docker" && strings.HasSuffix(r.Tag, "dind-rootless"):
		return Defaults{Image: "docker:*-dind-rootless", User: "rootless", NonRoot: true,
			Source: "docker-library/docker */dind-rootless/Dockerfile (USER rootless)"}, true
	case name == "wordpress" && strings.HasPrefix(r.Tag, "cli"):
		return Defaults{Image: "wordpress:cli*", User: "www-data", NonRoot: true,
			Source: "docker-library/wordpress cli/*/alpine/Dockerfile (USER www-data)"}, true
	case (name == "golang" || name == "openjdk") && strings.Contains(r.Tag, "nanoserver"):
		return windowsNano(name + " nanoserver tags"), true
	}
	return Defaults{}, false
}

// grafana: Grafana Labs' grafana and k6 images end with a USER of their
// own.
func grafana(r Ref) (Defaults, bool) {
	if r.Registry != "docker.io" {
		return Defaults{}, false
	}
	switch r.Path {
	case "grafana/grafana", "grafana/grafana-oss", "grafana/grafana-enterprise":
		return Defaults{Image: "grafana/grafana", User: "472", NonRoot: true, Entrypoint: known([]string{"/run.sh"}),
			Source: "grafana/grafana packaging/docker/Dockerfile (ARG GF_UID=\"472\"; USER \"$GF_UID\"; ENTRYPOINT [ \"/run.sh\" ])"}, true
	case "grafana/k6", "loadimpact/k6":
		return Defaults{Image: "grafana/k6", User: "12345", NonRoot: true, Entrypoint: known([]string{"k6"}),
			Source: "grafana/k6 Dockerfile (adduser -u 12345 k6; USER 12345; ENTRYPOINT [\"k6\"]); the with-browser target goes back to USER k6 after installing chromium"}, true
	}
	return Defaults{}, false
}

// elasticsearch: Elastic's image (also the Docker Official Image) runs as
// elasticsearch (1000, group 0) behind tini and its entrypoint script.
func elasticsearch(r Ref) (Defaults, bool) {
	name, official := r.Official()
	if !(official && name == "elasticsearch") && !(r.Registry == "docker.elastic.co" && r.Path == "elasticsearch/elasticsearch") {
		return Defaults{}, false
	}
	return Defaults{Image: "elasticsearch", User: "1000:0", NonRoot: true,
		Entrypoint: known([]string{"/bin/tini", "--", "/usr/local/bin/docker-entrypoint.sh"}),
		Source:     "docker-library/repo-info repos/elasticsearch/remote/8.17.10.md (the published config: USER 1000:0, ENTRYPOINT tini -- docker-entrypoint.sh, CMD eswrapper)"}, true
}

// steppingDown are the Docker Official Images that set no USER but whose
// docker-entrypoint.sh, run as root, switches to the service's user
// before exec'ing the service, as each script reads (docker-library/<name>
// and redis/docker-library-redis).
var steppingDown = map[string]StepDown{
	// `if [ "$1" = 'postgres' ] ...; exec gosu postgres "$BASH_SOURCE" "$@"`
	// (su-exec on Alpine); a first word starting with - becomes postgres.
	"postgres": {Entrypoint: "docker-entrypoint.sh", User: "postgres", Tool: "gosu or su-exec", Commands: []string{"postgres"}},
	// `if [ "$1" = 'mysqld' ] ...; exec gosu mysql "$BASH_SOURCE" "$@"`.
	"mysql": {Entrypoint: "docker-entrypoint.sh", User: "mysql", Tool: "gosu", Commands: []string{"mysqld"}},
	// `if [[ "$originalArgOne" == mongo* ]] && [ "$(id -u)" = '0' ]; then
	// ... exec gosu mongodb "$BASH_SOURCE" "$@"`.
	"mongo": {Entrypoint: "docker-entrypoint.sh", User: "mongodb", Tool: "gosu", Commands: []string{"mongo*"}},
	// `if [[ "$1" == rabbitmq* ]] && [ "$(id -u)" = '0' ]; then ... exec
	// gosu rabbitmq "$BASH_SOURCE" "$@"`.
	"rabbitmq": {Entrypoint: "docker-entrypoint.sh", User: "rabbitmq", Tool: "gosu", Commands: []string{"rabbitmq*"}},
	// debian/docker-entrypoint.sh: redis-server (or flags, or a *.conf,
	// which become redis-server's) runs through `setpriv --reuid redis
	// --regid redis`; older images used gosu redis.
	"redis": {Entrypoint: "docker-entrypoint.sh", User: "redis", Tool: "setpriv or gosu", Commands: []string{"redis-server", "/usr/local/bin/redis-server"}},
}

// officialSteppingDown: the official images of steppingDown, except their
// Windows variants, whose entrypoints are not these scripts.
func officialSteppingDown(r Ref) (Defaults, bool) {
	name, ok := r.Official()
	sd, listed := steppingDown[name]
	if !ok || !listed || strings.Contains(r.Tag, "windows") || strings.Contains(r.Tag, "nanoserver") {
		return Defaults{}, false
	}
	sd.Commands = slices.Clone(sd.Commands)
	return Defaults{Image: name + " (official)", Entrypoint: known([]string{sd.Entrypoint}), StepsDown: &sd,
		Source: "docker-library/" + name + " docker-entrypoint.sh (switches to " + sd.User + " with " + sd.Tool + " when run as root)"}, true
}
