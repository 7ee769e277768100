package cli

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
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
			escapeManMarkdown(root, map[*pflag.Flag]bool{})
			if err := doc.GenManTree(root, header, args[0]); err != nil {
				return &exitError{code: ExitError, err: fmt.Errorf("man pages: %w", err)}
			}
			return nil
		},
	}
}

// manEscaper escapes what cobra's man generator reads as Markdown in help
// texts, so "*.Dockerfile" stays a glob and JOB_COMPLETION_INDEX a name
// rather than turning into emphasis.
var manEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`)

// escapeManMarkdown escapes the short and long help and the flag usages
// of cmd and its subcommands, each flag once (inherited flags are shared).
func escapeManMarkdown(cmd *cobra.Command, seen map[*pflag.Flag]bool) {
	cmd.Short, cmd.Long = manEscaper.Replace(cmd.Short), manEscaper.Replace(cmd.Long)
	escape := func(f *pflag.Flag) {
		if !seen[f] {
			seen[f] = true
			f.Usage = manEscaper.Replace(f.Usage)
		}
	}
	cmd.Flags().VisitAll(escape)
	cmd.PersistentFlags().VisitAll(escape)
	for _, c := range cmd.Commands() {
		escapeManMarkdown(c, seen)
	}
}
