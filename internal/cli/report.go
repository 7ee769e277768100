package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dockstride/dockstride/internal/report"
	"github.com/spf13/cobra"
)

func newReportCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Work with the JSON reports of earlier runs",
		Args:  cobra.NoArgs,
	}
	cmd.AddCommand(newReportMergeCmd(g))
	return cmd
}

func newReportMergeCmd(g *globals) *cobra.Command {
	var fl outputFlags
	cmd := &cobra.Command{
		Use:     "merge REPORT...",
		Short:   "Merge JSON reports, such as a sharded scan's, into one report in any format",
		Long:    mergeLong,
		Example: mergeExample,
		Args:    cobra.MinimumNArgs(1),
		RunE:    func(cmd *cobra.Command, args []string) error { return runMerge(cmd, g, &fl, args) },
	}
	fl.register(cmd)
	return cmd
}

func runMerge(cmd *cobra.Command, g *globals, fl *outputFlags, args []string) error {
	files, err := reportFiles(args)
	if err != nil {
		return usageErrorf("%v", err)
	}
	reps := make([]*report.Report, len(files))
	metas := make([]report.Meta, len(files))
	for i, name := range files {
		if reps[i], metas[i], err = readReport(name); err != nil {
			return usageErrorf("%s: %v", name, err)
		}
	}
	merged, err := report.Merge(reps)
	if err != nil {
		return usageErrorf("%v", err)
	}
	resolver, err := g.resolver(fl.configFlags(cmd), "")
	if err != nil {
		return err
	}
	cfg, err := resolver.Run()
	if err != nil {
		return usageErrorf("%v", err)
	}
	oc, err := fl.outcome(cmd, cfg)
	if err != nil {
		return err
	}
	g.noColor = g.noColor || cfg.NoColor
	meta := report.Meta{ShowSuppressed: len(merged.Suppressed) > 0}
	// The tool that wrote the parts, when they agree, so the merge of a
	// sharded run is byte for byte the unsharded run's report.
	if !slices.ContainsFunc(metas, func(m report.Meta) bool {
		return m.ToolName != metas[0].ToolName || m.ToolVersion != metas[0].ToolVersion
	}) {
		meta.ToolName, meta.ToolVersion = metas[0].ToolName, metas[0].ToolVersion
	}
	return g.write(cmd, oc, merged, meta)
}

func readReport(name string) (*report.Report, report.Meta, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, report.Meta{}, err
	}
	defer f.Close()
	return report.ReadJSON(f)
}

// reportFiles expands the arguments: a folder stands for the *.json files
// in it, and a glob is expanded here, since the release image has no
// shell to do it.
func reportFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		if info, err := os.Stat(a); err == nil {
			if !info.IsDir() {
				out = append(out, a)
				continue
			}
			a = filepath.Join(a, "*.json")
		} else if !strings.ContainsAny(a, "*?[") {
			return nil, err
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s matches no file", a)
		}
		out = append(out, matches...)
	}
	return out, nil
}
