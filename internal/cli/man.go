package cli

import (
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes man pages for every command; hidden because only
// packagers need it (goreleaser runs it before archiving).
func newManCmd(g *globals, root *cobra.Command) *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write man pages (section 1) for every command into DIR",
		Hidden: true,
		Args:   cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(args[0], 0o755); err != nil {
				return &exitError{code: ExitError, err: err}
			}
			header := &doc.GenManHeader{Title: "DOCKSTRIDE", Section: "1", Source: "dockstride " + Version(), Manual: "dockstride manual"}
			// SOURCE_DATE_EPOCH keeps release archives reproducible.
			if epoch, err := strconv.ParseInt(g.io.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil {
				t := time.Unix(epoch, 0).UTC()
				header.Date = &t
			}
			root.DisableAutoGenTag = true
			if err := doc.GenManTree(root, header, args[0]); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("man pages: %w", err)}
			}
			return nil
		},
	}
}
