package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/dockstride/dockstride/internal/udiff"
	"github.com/spf13/cobra"
)

// fixFlags are lint's --fix, --unsafe-fixes, --diff and --resolve-digests
// (once --resolve, which read too much like --resolve-base: that one
// reads base images' configs for the rules, this one lets a fix look up
// digests).
type fixFlags struct {
	fix, unsafe, diff, resolve, resolveOld bool
}

func (ff *fixFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.BoolVar(&ff.fix, "fix", false, "apply the safe fixes and write the files (standard input: print the fixed file); the remaining findings are reported")
	f.BoolVar(&ff.unsafe, "unsafe-fixes", false, "with --fix or --diff, also apply the unsafe fixes (they may change behaviour: review them)")
	f.BoolVar(&ff.diff, "diff", false, "print the fixes as a unified diff and write nothing; exit 1 when there is something to fix")
	f.BoolVar(&ff.resolve, "resolve-digests", false, "let fixes ask registries for digests (to pin base images); credentials from the Docker config")
	// The old name stays, hidden; cobra's MarkDeprecated would print its
	// notice on standard output, where a fixed standard input goes.
	f.BoolVar(&ff.resolveOld, "resolve", false, "deprecated name of --resolve-digests")
	_ = f.MarkHidden("resolve") // the flag exists: never an error
}

// resolveTimeout bounds one digest look-up.
const resolveTimeout = 30 * time.Second

// digestResolver asks the registry for a reference's digest, when
// --resolve-digests allows it.
func (ff *fixFlags) digestResolver(stderr io.Writer) func(ctx context.Context, ref string) (string, error) {
	if ff.resolveOld {
		fmt.Fprintln(stderr, "dockstride: --resolve is deprecated; use --resolve-digests")
	}
	if !ff.resolve && !ff.resolveOld {
		return nil
	}
	// Each reference is asked once per run: a file is linted again after
	// every round of fixes.
	var mu sync.Mutex
	type answer struct {
		digest string
		err    error
	}
	seen := map[string]answer{}
	return func(ctx context.Context, ref string) (string, error) {
		mu.Lock()
		a, ok := seen[ref]
		mu.Unlock()
		if ok {
			return a.digest, a.err
		}
		ctx, cancel := context.WithTimeout(ctx, resolveTimeout)
		defer cancel()
		a.digest, a.err = image.Digest(ctx, ref, image.Options{UserAgent: "dockstride/" + Version()})
		mu.Lock()
		seen[ref] = a
		mu.Unlock()
		return a.digest, a.err
	}
}

// mode is the run's fix mode, nil when nothing is to be fixed.
func (ff *fixFlags) mode() (*lint.FixMode, error) {
	if !ff.fix && !ff.diff {
		if ff.unsafe {
			return nil, usageErrorf("--unsafe-fixes needs --fix or --diff")
		}
		return nil, nil
	}
	return &lint.FixMode{Unsafe: ff.unsafe}, nil
}

// showsFixes reports whether one of the outputs shows the fixes findings
// carry: only then does a run without --fix or --diff build them.
func showsFixes(outputs []output, meta report.Meta) bool {
	for _, o := range outputs {
		if report.ShowsFixes(o.name, meta) {
			return true
		}
	}
	return false
}

// fixesMade counts the fixes applied and the files they changed.
func fixesMade(res *lint.Results) (fixes, files int) {
	for _, f := range res.Fixed {
		switch {
		case f.Companion:
			files++
		case len(f.Applied) > 0:
			fixes += len(f.Applied)
			files++
		}
	}
	return fixes, files
}

// writeDiff prints the fixes as one unified diff and returns the exit
// status: 2 for broken inputs, 1 when something would change, else 0.
func (g *globals) writeDiff(stdout io.Writer, res *lint.Results) error {
	for _, f := range res.Fixed {
		// git's a/ and b/ prefixes for a relative path, so that `git
		// apply` and `patch -p1` take the diff; an absolute path as is.
		from, to := "a/"+filepath.ToSlash(f.Path), "b/"+filepath.ToSlash(f.Path)
		if filepath.IsAbs(f.Path) {
			from, to = f.Path, f.Path
		}
		if f.Created {
			from = "/dev/null"
		}
		before, after := f.Before, f.After
		if f.Secret {
			// The values .env holds never reach output: the diff shows
			// which names change, --fix writes the values.
			before, after = lint.RedactDotEnv(before), lint.RedactDotEnv(after)
		}
		if d := udiff.Unified(from, to, before, after); d != "" {
			fmt.Fprint(stdout, d)
		}
	}
	g.writeNotes(res)
	fixes, files := fixesMade(res)
	if fixes > 0 {
		fmt.Fprintf(g.io.Err, "dockstride: would fix %s in %s%s\n", plural(fixes, "finding"), plural(files, "file"), g.hiddenHint(res))
	} else {
		fmt.Fprintf(g.io.Err, "dockstride: nothing to fix%s\n", g.hiddenHint(res))
	}
	for _, p := range res.Problems {
		fmt.Fprintf(g.io.Err, "dockstride: %s\n", p)
	}
	switch {
	case len(res.Problems) > 0:
		return &exitError{code: ExitError}
	case fixes > 0:
		return &exitError{code: ExitFindings}
	}
	return nil
}

// writeFixed writes each fixed file in place (keeping its mode) and the
// fixed standard input to stdout; it reports whether stdout got a file,
// so the report must go elsewhere.
func (g *globals) writeFixed(stdout io.Writer, res *lint.Results) (stdoutUsed bool, err error) {
	for _, f := range res.Fixed {
		if f.Stdin {
			if _, err := stdout.Write(f.After); err != nil {
				return true, &exitError{code: ExitError, err: fmt.Errorf("writing the fixed standard input: %w", err)}
			}
			stdoutUsed = true
			continue
		}
		if len(f.Applied) == 0 && !f.Companion {
			continue
		}
		var err error
		if f.Created {
			err = writeNew(f.Path, f.After, f.Secret)
		} else {
			err = writeInPlace(f.Path, f.After)
		}
		if err != nil {
			return stdoutUsed, &exitError{code: ExitError, err: err}
		}
	}
	g.writeNotes(res)
	fixes, files := fixesMade(res)
	if fixes > 0 || g.hiddenHint(res) != "" {
		fmt.Fprintf(g.io.Err, "dockstride: fixed %s in %s%s\n", plural(fixes, "finding"), plural(files, "file"), g.hiddenHint(res))
	}
	return stdoutUsed, nil
}

// writeInPlace replaces a file's content, keeping its permissions.
func writeInPlace(path string, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("writing the fixed %s: %w", path, err)
	}
	if err := os.WriteFile(path, data, st.Mode().Perm()); err != nil {
		return fmt.Errorf("writing the fixed %s: %w", path, err)
	}
	return nil
}

// writeNew creates a file a fix wrote beside a compose project: readable
// by its owner alone when it holds secrets (.env). It never replaces a
// file that appeared since the run read the directory.
func writeNew(path string, data []byte, secret bool) error {
	perm := os.FileMode(0o644)
	if secret {
		perm = 0o600
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
	if err != nil {
		return fmt.Errorf("writing the new %s: %w", path, err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("writing the new %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("writing the new %s: %w", path, err)
	}
	return nil
}

// writeNotes prints what the user must do that no fix did.
func (g *globals) writeNotes(res *lint.Results) {
	for _, f := range res.Fixed {
		for _, n := range f.Notes {
			fmt.Fprintf(g.io.Err, "dockstride: %s\n", n)
		}
	}
}

// hiddenHint mentions the unsafe fixes left for --unsafe-fixes, as ruff
// does.
func (g *globals) hiddenHint(res *lint.Results) string {
	if n := lint.HiddenFixes(res.Findings); n > 0 {
		return fmt.Sprintf(" (%s more with --unsafe-fixes)", plural(n, "fix"))
	}
	return ""
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if noun == "fix" {
		return fmt.Sprintf("%d fixes", n)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
