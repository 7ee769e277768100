package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/spf13/cobra"
)

type lintFlags struct {
	policyFlags
	lintPeerFlags
	stdinFilename  string
	target         string
	code           string
	showSuppressed bool
	baseline       string
	writeBaseline  string
	contextDir     string
	buildArgs      []string
	buildContexts  []string
	daemonConfigs  []string
	resolveBase    bool
	allowEmpty     bool
	compare        bool
	fixFlags
}

func newLintCmd(g *globals) *cobra.Command {
	var fl lintFlags
	cmd := &cobra.Command{
		Use:   "lint [PATH...|-]",
		Short: "Lint Dockerfiles, compose files, daemon.json and the application code images ship",
		Long: `Lint Dockerfiles and Containerfiles, Docker Compose projects, Docker
daemon configurations and the application code the images ship.

PATH may be a file (a .py file is application code, a .yml or .yaml file a
compose project, a daemon.json a daemon configuration, anything else a
Dockerfile whatever its name), a directory (searched recursively for
Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile and Containerfile.*, the compose
files docker compose loads and their variants, and daemon.json, skipping
.git, vendor and node_modules), or - to read a Dockerfile from standard
input. With no PATH, ./Dockerfile is linted. A compose service's build:
names a Dockerfile and its context: it is linted with that context, and
the service's settings are weighed against its findings.

Application code (--code): by default, the source files (.py, and .js,
.json, .yaml, .ini, .cfg, .toml, .env for credentials) that a Dockerfile's
COPY and ADD bring from its build context into the stage that ships, after
.dockerignore; below a directory with no Dockerfile, every source file
(skipping .git, virtual environments, node_modules and site-packages).
--code all checks every source file of the build context, --code none
none.

A file that cannot be read or parsed is reported with its line, the other
files are still linted, and the exit code is 2. Directories that hold
nothing to lint are an error too (exit 2) unless --allow-empty; a file a
directory walk found by its name that is not text is skipped with a note.

--compare OLD NEW lints two versions of a project (two directories, two
files or two image references) and reports what the change closed, what
remains and what is new, per STRIDE category and ATT&CK technique; with
--baseline FILE, the before side is that baseline or an earlier
--format json report, and the one argument is the after side. Findings
match by fingerprint, not line. The exit code is 1 only when a new finding
is at or above --fail-level.`,
		Example: `  dockstride lint
  dockstride lint services/ --format json
  cat Dockerfile | dockstride lint - --stdin-filename api/Dockerfile
  dockstride lint --fail-level error --ignore DL3008 Dockerfile
  dockstride lint --format text --format sarif=dockstride.sarif --format threat-model=THREATS.md
  dockstride lint --compare insecure/ hardened/ --format html=compare.html
  dockstride lint --compare --baseline last-release.json .`,
		RunE: func(cmd *cobra.Command, args []string) error { return runLint(cmd, g, &fl, args) },
	}
	fl.policyFlags.register(cmd)
	fl.lintPeerFlags.register(cmd)
	f := cmd.Flags()
	f.StringVar(&fl.stdinFilename, "stdin-filename", "-", "name to report for a Dockerfile read from standard input")
	f.StringVar(&fl.target, "target", "", "stage that ships (as docker build --target); default: the last stage")
	f.StringVar(&fl.code, "code", "shipped", "application code to check: shipped (what the Dockerfiles COPY into the image), all or none")
	f.BoolVar(&fl.showSuppressed, "show-suppressed", false, "also list the findings that pragmas suppressed, and why")
	f.StringVar(&fl.baseline, "baseline", "", "report only findings that are not in this baseline file")
	f.StringVar(&fl.writeBaseline, "write-baseline", "", "record today's findings in this baseline file (exit 0 unless an input failed)")
	f.StringVar(&fl.contextDir, "context", "", "build context directory whose .dockerignore applies (default: each Dockerfile's directory)")
	f.StringArrayVar(&fl.buildArgs, "build-arg", nil, "NAME=VALUE as given to docker build (repeatable); BUILDKIT_DOCKERFILE_CHECK overrides the # check= directive")
	f.StringArrayVar(&fl.buildContexts, "build-context", nil, "NAME=VALUE named build context as given to docker buildx build (repeatable): COPY --from=NAME uses it, not an image")
	f.StringArrayVar(&fl.daemonConfigs, "daemon-config", nil, "also check this Docker daemon configuration (repeatable; the host's is /etc/docker/daemon.json)")
	f.BoolVar(&fl.resolveBase, "resolve-base", false, "read base images' configs from their registries, cached (user, shell, health check, platform a stage inherits)")
	f.BoolVar(&fl.allowEmpty, "allow-empty", false, "exit 0 when the paths hold nothing to lint (by default a run that finds no input exits 2)")
	f.BoolVar(&fl.compare, "compare", false, "compare OLD NEW (directories, files or image references), or --baseline FILE with NEW: what was closed, remains, is new")
	fl.fixFlags.register(cmd)
	return cmd
}

func runLint(cmd *cobra.Command, g *globals, fl *lintFlags, args []string) error {
	flags := fl.configFlags(cmd)
	skip := fl.lintPeerFlags.apply(cmd, &flags)
	if cmd.Flags().Changed("target") {
		flags.Target = &fl.target
	}
	if cmd.Flags().Changed("code") {
		flags.Code = &fl.code
	}
	flags.Context = fl.contextDir
	if cmd.Flags().Changed("resolve-base") {
		flags.ResolveBase = &fl.resolveBase
	}
	var err error
	if flags.BuildArgs, err = nameValues("--build-arg", fl.buildArgs); err != nil {
		return err
	}
	if flags.BuildContexts, err = nameValues("--build-context", fl.buildContexts); err != nil {
		return err
	}
	fixMode, err := fl.mode()
	if err != nil {
		return err
	}
	r, err := g.startRun(cmd, &fl.policyFlags, flags)
	if err != nil {
		return err
	}
	r.resolver.SetShellCheck(g.shellCheck())
	r.resolver.SetBaseConfigs(g.baseResolver(r.cfg))
	if fl.compare {
		return runCompare(cmd, g, fl, r, args)
	}
	r.resolver.SetDigestResolver(fl.digestResolver(g.io.Err))
	if len(args) == 0 {
		args = []string{"Dockerfile"}
	}
	meta := report.Meta{Explain: fl.explain, ShowSuppressed: fl.showSuppressed}
	res, err := g.execute(cmd.Context(), lint.Request{
		Paths: args, Stdin: cmd.InOrStdin(), StdinName: fl.stdinFilename, Skip: skip, Policy: r.resolver, OnRead: g.heapSizer(),
		DaemonConfigs: fl.daemonConfigs,
		RequireInput:  !fl.allowEmpty,
		Fix:           fixMode,
		ShowFixes:     showsFixes(r.outputs, meta),
	})
	if err != nil {
		return err
	}
	for _, p := range res.Skipped {
		fmt.Fprintf(g.io.Err, "dockstride: note: %s\n", p)
	}
	g.sayConfig(r.resolver)
	if fl.diff {
		return g.writeDiff(cmd.OutOrStdout(), res)
	}
	if fl.fix {
		stdoutUsed, err := g.writeFixed(cmd.OutOrStdout(), res)
		if err != nil {
			return err
		}
		if stdoutUsed {
			// Standard output holds the fixed file: the report goes to
			// standard error.
			cmd.SetOut(g.io.Err)
		}
	}
	rep := toReport(res)
	if err := applyBaseline(g, fl.baseline, fl.writeBaseline, rep); err != nil {
		return err
	}
	// After --write-baseline everything found is accepted: only broken
	// inputs fail.
	return g.finish(cmd, r, rep, meta, fl.writeBaseline == "")
}

// runCompare lints the two sides of --compare and reports the after side
// with what changed since the before side.
func runCompare(cmd *cobra.Command, g *globals, fl *lintFlags, r *runConfig, args []string) error {
	base := lint.Request{Stdin: cmd.InOrStdin(), StdinName: fl.stdinFilename, Policy: r.resolver, OnRead: g.heapSizer(), Image: imageRun(r.cfg, lint.DefaultImageJobs, nil)}
	if fl.writeBaseline != "" {
		return usageErrorf("--compare and --write-baseline do not go together")
	}
	var prior *lint.Prior
	switch {
	case fl.baseline != "" && len(args) <= 1:
		f, err := os.Open(fl.baseline)
		if err != nil {
			return usageErrorf("--baseline: %v", err)
		}
		prior, err = lint.ReadPrior(f, fl.baseline, filepath.Dir(fl.baseline))
		f.Close()
		if err != nil {
			return usageErrorf("--baseline %s: %v", fl.baseline, err)
		}
		if len(args) == 0 {
			args = []string{"Dockerfile"}
		}
	case fl.baseline == "" && len(args) == 2:
	default:
		return usageErrorf("--compare takes OLD and NEW, or --baseline FILE and NEW")
	}
	after, afterRoot := lint.SideRequest(args[len(args)-1], base)
	res, err := g.execute(cmd.Context(), after)
	if err != nil {
		return err
	}
	rep := toReport(res)
	label := args[len(args)-1]
	if prior != nil {
		rep.Compare = prior.Compare(label, res.Findings)
	} else {
		before, beforeRoot := lint.SideRequest(args[0], base)
		old, err := g.execute(cmd.Context(), before)
		if err != nil {
			return err
		}
		rep.Problems = append(old.Problems, rep.Problems...)
		rep.Compare = lint.Compare(lint.RunSnapshot(args[0], beforeRoot, old.Findings), lint.RunSnapshot(label, afterRoot, res.Findings))
	}
	g.sayConfig(r.resolver)
	return g.finish(cmd, r, rep, report.Meta{Explain: fl.explain, ShowSuppressed: fl.showSuppressed}, true)
}

// heapSizer tells IO.SizeHeap the largest input read so far: at once (0),
// then each time a file larger than any before is read.
func (g *globals) heapSizer() func(int64) {
	size := g.io.SizeHeap
	if size == nil {
		return nil
	}
	var mu sync.Mutex
	var largest int64
	size(0)
	return func(n int64) {
		mu.Lock()
		defer mu.Unlock()
		if n > largest {
			largest = n
			size(n)
		}
	}
}

// nameValues reads repeated NAME=VALUE flags into a map, nil when there
// are none. The error names the flag and the NAME, never the value: a
// --build-arg value is often a token.
func nameValues(flag string, kvs []string) (map[string]string, error) {
	var m map[string]string
	for _, kv := range kvs {
		k, v, ok := strings.Cut(kv, "=")
		switch {
		case !ok:
			return nil, usageErrorf("%s %q: want NAME=VALUE", flag, kv)
		case k == "":
			return nil, usageErrorf("%s: an empty NAME before '=': want NAME=VALUE", flag)
		}
		if m == nil {
			m = map[string]string{}
		}
		m[k] = v
	}
	return m, nil
}
