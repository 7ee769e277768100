package cli

import (
	"fmt"
	"runtime"

	"github.com/spf13/cobra"
)

// Set at release time with -ldflags "-X github.com/dockstride/dockstride/internal/cli.version=…".
var (
	version = "dev"
	commit  = "none"
	date    = "unknown"
)

// Version is the tool's version string, for reports.
func Version() string { return version }

func versionString() string {
	return fmt.Sprintf("dockstride %s (commit %s, built %s, %s %s/%s)", version, commit, date, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version, commit and build date",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			_, err := fmt.Fprintln(cmd.OutOrStdout(), versionString())
			return err
		},
	}
}
