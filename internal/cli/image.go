package cli

import (
	"cmp"
	"runtime/debug"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/spf13/cobra"
)

type imageFlags struct {
	policyFlags
	selectFlags
	platform string
	insecure bool
	timeout  time.Duration
	jobs     int
	baseHist string
	code     string
}

// defaultImageTimeout bounds one image when neither --timeout nor the
// configuration's image.timeout says otherwise.
const defaultImageTimeout = 5 * time.Minute

// imageMemoryLimit is the soft memory limit of an image scan (the Go
// runtime collects harder as the heap approaches it), so a scan keeps a
// small footprint on a shared CI runner whatever the image's size. The walk
// itself needs a few MiB; GOMEMLIMIT overrides.
const imageMemoryLimit = 40 << 20

func newImageCmd(g *globals) *cobra.Command {
	var fl imageFlags
	cmd := &cobra.Command{
		Use:     "image REF...",
		Short:   "Scan container images from a registry, a docker-archive or an OCI layout",
		Long:    imageLong,
		Example: imageExample,
		RunE:    func(cmd *cobra.Command, args []string) error { return runImage(cmd, g, &fl, args) },
	}
	fl.policyFlags.register(cmd)
	fl.selectFlags.register(cmd)
	f := cmd.Flags()
	f.StringVar(&fl.platform, "platform", "", "platform to pick from a multi-arch image, os/arch[/variant] (default linux/amd64)")
	f.BoolVar(&fl.insecure, "insecure", false, "allow plain HTTP to registries that are not on loopback")
	f.DurationVar(&fl.timeout, "timeout", defaultImageTimeout, "time limit for each image (download and scan)")
	f.IntVar(&fl.jobs, "jobs", lint.DefaultImageJobs, "images scanned at once")
	f.StringVar(&fl.code, "code", "shipped", "application code in the layers to check: shipped (outside the interpreters' trees and installed packages; all is the same) or none")
	f.StringVar(&fl.baseHist, "base-history", "info", "findings of the base image's history entries: info (lowered to info), keep (the rule's severity) or skip (not reported)")
	return cmd
}

func runImage(cmd *cobra.Command, g *globals, fl *imageFlags, args []string) error {
	if fl.jobs < 1 {
		return usageErrorf("--jobs must be at least 1")
	}
	if fl.timeout <= 0 {
		return usageErrorf("--timeout must be positive")
	}
	flags := fl.configFlags(cmd)
	changed := cmd.Flags().Changed
	if changed("platform") {
		flags.Platform = &fl.platform
	}
	if changed("insecure") {
		flags.Insecure = &fl.insecure
	}
	if changed("timeout") {
		flags.Timeout = &fl.timeout
	}
	if changed("base-history") {
		flags.BaseHistory = &fl.baseHist
	}
	if changed("code") {
		flags.Code = &fl.code
	}
	// Images have no directory of their own: the configuration is the
	// working directory's (or --config's).
	r, err := g.startRun(cmd, &fl.policyFlags, flags)
	if err != nil {
		return err
	}
	g.sayConfig(r.resolver)
	req := lint.Request{Policy: r.resolver}
	if err := fl.selectFlags.request(cmd, g, args, &req); err != nil {
		return err
	}
	if g.io.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(imageMemoryLimit))
	}
	var prog *progress
	if !g.quiet && g.io.IsTerminal != nil && g.io.IsTerminal(g.io.Err) {
		prog = newProgress(g.io.Err)
	}
	req.Image = imageRun(r.cfg, fl.jobs, prog)
	res, err := g.execute(cmd.Context(), req)
	prog.done()
	if err != nil {
		return err
	}
	return g.finish(cmd, r, toReport(res), report.Meta{Explain: fl.explain}, true)
}

// imageRun is how a run opens and scans images: the configuration's image
// options, jobs at once, progress told when not nil.
func imageRun(cfg *config.Config, jobs int, prog *progress) lint.ImageRun {
	img := cfg.Image
	run := lint.ImageRun{
		Open:    image.Options{Platform: img.Platform, Insecure: img.Insecure, UserAgent: "dockstride/" + Version()},
		Scan:    lint.ImageOptions{MaxFileBytes: img.MaxFileBytes, BaseHistory: img.BaseHistory},
		Timeout: cmp.Or(img.Timeout, defaultImageTimeout),
		Jobs:    jobs,
	}
	if prog != nil {
		run.Progress = prog
	}
	return run
}
