package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/spf13/cobra"
)

// resolver builds the configuration resolver from --config/--no-config,
// the environment and the flags the command was given; ignoreFile is
// --ignorefile ("" for ./.trivyignore when it exists).
func (g *globals) resolver(flags config.Flags, ignoreFile string) (*config.Resolver, error) {
	r, err := config.NewResolver(config.Options{
		ConfigPath: g.configPath, NoConfig: g.noConfig, Getenv: g.io.Getenv, Flags: flags, Now: g.now, IgnoreFile: ignoreFile,
	})
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	return r, nil
}

// now is the clock suppressions expire by.
func (g *globals) now() time.Time {
	if g.io.Now != nil {
		return g.io.Now()
	}
	return time.Now()
}

// sayConfig tells --verbose users which configuration files were read and
// what was made of them.
func (g *globals) sayConfig(r *config.Resolver) {
	if !g.isVerbose() {
		return
	}
	if f := r.IgnoreFile(); f != "" {
		fmt.Fprintf(g.io.Err, "dockstride: trivy ignore file %s\n", f)
	}
	for _, c := range r.Used() {
		if c.File == "" {
			fmt.Fprintln(g.io.Err, "dockstride: no configuration file; defaults, environment and flags")
		} else {
			fmt.Fprintf(g.io.Err, "dockstride: configuration %s (%s)\n", c.File, c.Dialect)
		}
		for _, n := range c.Notes {
			fmt.Fprintf(g.io.Err, "dockstride:   %s\n", n)
		}
	}
}

func newConfigCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "config",
		Short: "Create or inspect the configuration",
		Long: `dockstride reads .dockstride.yaml from the linted file's directory or the
nearest parent up to the repository root (the directory holding .git); in
each directory .dockstride.yaml, .dockstride.yml, .hadolint.yaml and
.hadolint.yml are tried in that order. --config FILE or DOCKSTRIDE_CONFIG
names one file for every input instead; --no-config reads none. Where no
file is found, the user's own hadolint.yaml applies, looked for where
hadolint looks: $XDG_CONFIG_HOME/hadolint.yaml (~/.config when unset),
~/.hadolint/hadolint.yaml or config.yaml, ~/.hadolint.yaml (or .yml).

hadolint's HADOLINT_* variables override the file, DOCKSTRIDE_* variables
override those, and flags override all. ignore, enable and severity
accumulate across the layers; every other key takes the highest layer's
value. trivy's ./.trivyignore (or --ignorefile) adds to ignore.

Environment variables:
` + envHelp(),
	}
	cmd.AddCommand(newConfigInitCmd(), newConfigShowCmd(g))
	return cmd
}

// envHelp lists the DOCKSTRIDE_* variables from the configuration's key
// table, so the help cannot drift from what is read.
func envHelp() string {
	var b strings.Builder
	for _, kv := range config.EnvVars() {
		fmt.Fprintf(&b, "  %-31s %s\n", kv[0], kv[1])
	}
	return b.String()
}

func newConfigInitCmd() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a commented starting .dockstride.yaml",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			path := ".dockstride.yaml"
			if len(args) == 1 {
				path = args[0]
			}
			if err := config.WriteTemplate(path, force); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			_, err := fmt.Fprintf(cmd.ErrOrStderr(), "dockstride: wrote %s\n", path)
			return err
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace an existing file")
	return cmd
}

func newConfigShowCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "show [DIR|FILE]",
		Short: "Print the effective configuration and where each value came from",
		Long: `Print the configuration that applies to files in DIR (default: the current
directory), or to FILE, as YAML that loads as a .dockstride.yaml: the file's
values with the DOCKSTRIDE_* environment and --config/--no-config applied.
Each key is commented with its origin: file:line, env VAR, or default.`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := g.resolver(config.Flags{}, "")
			if err != nil {
				return err
			}
			var c *config.Config
			switch {
			case len(args) == 0:
				c, err = r.Run()
			case isDir(args[0]):
				c, err = r.ForDir(args[0])
			default:
				c, err = r.ForDir(filepath.Dir(args[0]))
			}
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			g.sayConfig(r)
			out, err := c.Show()
			if err != nil {
				return &exitError{code: ExitError, err: err}
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
}

func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
