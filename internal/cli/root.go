// Package cli holds dockstride's cobra commands, one file each. Commands are
// thin: they read flags, make one call into the packages that do the work,
// and write the output. Nothing below this package prints or exits.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/mattn/go-isatty"
	"github.com/spf13/cobra"
)

// Exit codes, as DESIGN.md fixes them.
const (
	ExitOK       = 0 // nothing at or above the failure threshold
	ExitFindings = 1 // findings at or above the threshold
	ExitError    = 2 // usage error, unreadable or unparsable input, internal error
)

// exitError carries an exit code out of a command without printing twice.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// IO is the process environment a command runs against; tests inject
// buffers and a fake environment.
type IO struct {
	In     io.Reader
	Out    io.Writer
	Err    io.Writer
	Getenv func(string) string
	// IsTerminal reports whether w is an interactive terminal.
	IsTerminal func(w io.Writer) bool
	// Now is the clock suppressions expire by; nil means time.Now.
	Now func() time.Time
	// SizeHeap, when set, is told the size of the largest input read so
	// far, before linting and again whenever a larger input is read (files
	// are read as they are linted), so the process can bound its heap to
	// what they need (SystemIO's does; tests leave it nil and keep their
	// GC as is). Calls do not overlap.
	SizeHeap func(largestInput int64)
}

// SystemIO is the real process's IO.
func SystemIO() IO {
	return IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, IsTerminal: isTerminal, SizeHeap: sizeHeap}
}

// sizeHeap sets the garbage collector for a lint run unless GOGC or
// GOMEMLIMIT say otherwise: a soft memory limit of 40 MiB plus 128 bytes
// for each byte of the largest input (two files are linted at once, and
// a file's model and findings take up to ~60 times its size), and GOGC
// 200 below it. Linting the 2,513-file corpus peaks at ~51 MB of RSS
// instead of ~60-66 MB for the same CPU; a 10 MiB Dockerfile still gets
// the heap it needs rather than a GC running flat out under a fixed limit.
//
// From an input of bigInput bytes on, GOGC is off and the limit alone
// paces the collector: such a file's model (~30 times its size) lives
// until its findings are out, so each GOGC cycle marked the growing model
// again and freed little. The 50,000-line synthetic Dockerfile (3 MiB)
// took 1.56 s of CPU instead of 1.84 s that way (medians of five runs)
// for a peak RSS of 198 MB instead of 180 MB.
func sizeHeap(largest int64) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	gcPercent := 200
	if largest >= bigInput {
		gcPercent = -1
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(40<<20 + 128*largest)
}

// bigInput is the input size from which sizeHeap leaves the collector to
// the memory limit: far above any real Dockerfile (the corpus's largest
// is 25 KB), so a folder of ordinary files keeps GOGC's small heap.
const bigInput = 1 << 20

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// globals are the flags every command shares.
type globals struct {
	io      IO
	noColor bool
	verbose bool
	// quiet is -q (trivy): no progress display and no --verbose notes.
	quiet bool
	// configPath is --config, noConfig --no-config.
	configPath string
	noConfig   bool
}

// isVerbose reports whether to say more on stderr: --verbose or
// hadolint's HADOLINT_VERBOSE, unless -q.
func (g *globals) isVerbose() bool {
	return !g.quiet && (g.verbose || config.Truthy(g.io.Getenv("HADOLINT_VERBOSE")))
}

// useColor decides colour for w: a terminal, no NO_COLOR, no --no-color.
func (g *globals) useColor(w io.Writer) bool {
	if g.noColor || g.io.Getenv("NO_COLOR") != "" || g.io.Getenv("TERM") == "dumb" {
		return false
	}
	return g.io.IsTerminal != nil && g.io.IsTerminal(w)
}

// NewRoot builds the command tree.
func NewRoot(sys IO) *cobra.Command {
	g := &globals{io: sys}
	root := &cobra.Command{
		Use:   "dockstride",
		Short: "Lint Dockerfiles and container images, with every finding tied to a threat",
		Long: `dockstride checks Dockerfiles and container images for security and hygiene
problems, and ties every finding to the threat it opens: a STRIDE category, a
MITRE ATT&CK technique, a CIS Docker Benchmark item, a CWE and controls.

Exit codes: 0 nothing at or above --fail-level, 1 findings at or above it,
2 usage error, unreadable or unparsable input, or an internal error.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Version:       versionString(),
	}
	root.SetIn(sys.In)
	root.SetOut(sys.Out)
	root.SetErr(sys.Err)
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentFlags().BoolVar(&g.noColor, "no-color", false, "disable colour (also: NO_COLOR environment variable)")
	root.PersistentFlags().BoolVarP(&g.verbose, "verbose", "v", false, "say more about what is done on stderr (also HADOLINT_VERBOSE)")
	root.PersistentFlags().BoolVarP(&g.quiet, "quiet", "q", false, "no progress display and no --verbose notes; findings and errors are still written")
	root.PersistentFlags().StringVarP(&g.configPath, "config", "c", "", "configuration file for every input (default: the nearest .dockstride.yaml or .hadolint.yaml; also DOCKSTRIDE_CONFIG)")
	root.PersistentFlags().BoolVar(&g.noConfig, "no-config", false, "read no configuration file")
	root.SetGlobalNormalizationFunc(normalizeFlag)
	root.AddCommand(newLintCmd(g), newImageCmd(g), newReportCmd(g), newRulesCmd(), newExplainCmd(), newConfigCmd(g), newVersionCmd())
	root.AddCommand(newManCmd(g, root))
	return root
}

// Execute runs the CLI with args and returns the process exit code.
func Execute(ctx context.Context, args []string, sys IO) int {
	root := NewRoot(sys)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.err != nil {
			fmt.Fprintf(sys.Err, "dockstride: %v\n", ee.err)
		}
		return ee.code
	}
	// Anything else is cobra's own usage error (unknown flag, bad args).
	fmt.Fprintf(sys.Err, "dockstride: %v\nRun 'dockstride --help' for usage.\n", err)
	return ExitError
}

// usageErrorf is a user mistake in flags or arguments: exit 2.
func usageErrorf(format string, args ...any) error {
	return &exitError{code: ExitError, err: fmt.Errorf(format, args...)}
}
