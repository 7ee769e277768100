package cli

import (
	"bufio"
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/config"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/internal/lint"
	"github.com/dockstride/dockstride/internal/report"
	"github.com/spf13/cobra"
)

type imageFlags struct {
	formats   []string
	failLevel string
	ignore    []string
	only      []string
	enable    []string
	explain   bool
	platform  string
	insecure  bool
	timeout   time.Duration
	jobs      int
	refsFile  string
	shard     string
	baseHist  string
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
		Use:   "image REF...",
		Short: "Scan container images from a registry, a docker-archive or an OCI layout",
		Long: `Scan built container images: their config (user, environment, exposed
ports, entrypoint, health check, volumes), their history (each RUN, COPY and
ADD replayed through the Dockerfile rules) and every file of every layer,
streamed once and never unpacked to disk.

REF is a registry reference (alpine:3.20, host:5000/repo@sha256:...), or
docker-archive:PATH (a docker save tarball), oci-archive:PATH (a tar of an
OCI layout) or oci-dir:PATH (an OCI layout directory), each optionally
followed by :TAG or @sha256:DIGEST. An existing path without a prefix is
detected. docker-daemon:NAME reads from the local Docker engine in binaries
built with -tags daemon (the default build leaves the Docker client out). Credentials come from the Docker config and credential helpers;
plain HTTP is used only for loopback registries or with --insecure.

Each image is scanned under its own --timeout; up to --jobs are scanned at
once and reported in the order given. An image that cannot be read is
reported, the others are still scanned, and the exit code is 2.

History entries up to the last CMD or ENTRYPOINT before the image's last
layer-making step are guessed to be the base image's (as trivy guesses
them; a base without CMD, or an image setting CMD midway through its own
steps, moves the line). Their findings say "base image" and, with
--base-history info (the default, or image.base-history in the
configuration), are lowered to severity info, so the base's own steps,
which the image's Dockerfile cannot fix, do not fail the default
--fail-level; a severity set for the rule in the configuration still
applies. keep reports them at the rule's severity, skip leaves them out.
Config and layer findings are not affected.

--shard i/n keeps every n-th reference starting with the i-th (1-based), so
n CI jobs given the same list scan disjoint parts of it; from a Kubernetes
Indexed Job, pass $((JOB_COMPLETION_INDEX + 1))/N.`,
		Example: `  dockstride image registry.example.com/team/app:1.4.2
  dockstride image docker-archive:app.tar --format json
  dockstride image oci-dir:build/oci:1.4.2 --platform linux/arm64
  dockstride image --refs-file images.txt --shard 2/4 --jobs 8 --format sarif=image.sarif`,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runImage(cmd, g, fl, args)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&fl.formats, "format", "f", []string{"text"}, "output format F or F=FILE to write it to FILE (repeatable; at most one to stdout): "+strings.Join(report.Names(), ", "))
	f.StringVar(&fl.failLevel, "fail-level", "warning", "lowest severity that makes the exit code 1: error, warning, info, style or none")
	f.StringSliceVar(&fl.ignore, "ignore", nil, "rule IDs, names or peer aliases to skip (repeatable, comma-separated)")
	f.StringSliceVar(&fl.only, "only", nil, "run only these rules (IDs, names or peer aliases)")
	f.StringSliceVar(&fl.enable, "enable", nil, "turn on optional rules")
	f.BoolVar(&fl.explain, "explain", false, "print each rule's rationale and fix under its findings (text format)")
	f.StringVar(&fl.platform, "platform", "", "platform to pick from a multi-arch image, os/arch[/variant] (default linux/amd64)")
	f.BoolVar(&fl.insecure, "insecure", false, "allow plain HTTP to registries that are not on loopback")
	f.DurationVar(&fl.timeout, "timeout", defaultImageTimeout, "time limit for each image (download and scan)")
	f.IntVar(&fl.jobs, "jobs", 4, "images scanned at once")
	f.StringVar(&fl.refsFile, "refs-file", "", "read references from FILE, one per line (# starts a comment; - is standard input)")
	f.StringVar(&fl.shard, "shard", "", "scan only part i of n of the references (i/n, 1-based)")
	f.StringVar(&fl.baseHist, "base-history", "info", "findings of the base image's history entries: info (lowered to info), keep (the rule's severity) or skip (not reported)")
	return cmd
}

// imageConfigFlags passes on the flags the user gave; the others leave
// the configuration's values alone.
func imageConfigFlags(cmd *cobra.Command, fl *imageFlags) config.Flags {
	var f config.Flags
	changed := cmd.Flags().Changed
	if changed("fail-level") {
		f.FailLevel = &fl.failLevel
	}
	if changed("ignore") {
		f.Ignore = fl.ignore
	}
	if changed("only") {
		f.Only = fl.only
	}
	if changed("enable") {
		f.Enable = fl.enable
	}
	if changed("platform") {
		f.Platform = &fl.platform
	}
	if changed("insecure") {
		f.Insecure = &fl.insecure
	}
	if changed("timeout") {
		f.Timeout = &fl.timeout
	}
	if changed("base-history") {
		f.BaseHistory = &fl.baseHist
	}
	return f
}

func runImage(cmd *cobra.Command, g *globals, fl imageFlags, args []string) error {
	if fl.jobs < 1 {
		return usageErrorf("--jobs must be at least 1")
	}
	if fl.timeout <= 0 {
		return usageErrorf("--timeout must be positive")
	}
	resolver, err := g.resolver(imageConfigFlags(cmd, &fl))
	if err != nil {
		return err
	}
	// Images have no directory of their own: the configuration is the
	// working directory's (or --config's).
	run, err := resolver.Run()
	if err != nil {
		return usageErrorf("%v", err)
	}
	g.sayConfig(resolver)
	formats := fl.formats
	if !cmd.Flags().Changed("format") {
		formats = []string{run.Format}
	}
	outputs, err := parseOutputs(formats)
	if err != nil {
		return usageErrorf("--format: %v", err)
	}
	threshold, failOn := run.FailThreshold()

	refs := append([]string(nil), args...)
	if fl.refsFile != "" {
		more, err := readRefsFile(cmd.InOrStdin(), fl.refsFile)
		if err != nil {
			return usageErrorf("--refs-file: %v", err)
		}
		refs = append(refs, more...)
	}
	if fl.shard != "" {
		i, n, err := parseShard(fl.shard)
		if err != nil {
			return usageErrorf("--shard: %v", err)
		}
		refs = shardRefs(refs, i, n)
	} else if len(refs) == 0 {
		return usageErrorf("no image given: pass REF arguments or --refs-file")
	}
	if g.io.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(imageMemoryLimit))
	}

	engine := lint.New(run.LintOptions(g.now))
	sc := scanner{
		engine:  engine,
		opts:    image.Options{Platform: run.Image.Platform, Insecure: run.Image.Insecure, UserAgent: "dockstride/" + Version()},
		scan:    lint.ImageOptions{MaxFileBytes: run.Image.MaxFileBytes, BaseHistory: run.Image.BaseHistory},
		timeout: cmp.Or(run.Image.Timeout, defaultImageTimeout),
		jobs:    fl.jobs,
	}
	if g.io.IsTerminal != nil && g.io.IsTerminal(g.io.Err) {
		sc.prog = newProgress(g.io.Err, len(refs))
	}
	results := sc.scanRefs(cmd.Context(), refs)
	sc.prog.done()

	rep := &report.Report{Rules: engine.Rules()}
	for _, r := range results {
		rep.Problems = append(rep.Problems, r.problems...)
		for _, ir := range r.images {
			rep.Images++
			rep.Inputs = append(rep.Inputs, ir.Image)
			rep.Findings = append(rep.Findings, ir.Findings...)
			rep.Problems = append(rep.Problems, ir.Problems...)
		}
	}
	meta := report.Meta{ToolName: "dockstride", ToolVersion: Version(), Now: time.Now, Explain: fl.explain}
	stdoutText, err := writeOutputs(cmd.OutOrStdout(), g, outputs, rep, meta)
	if err != nil {
		return err
	}
	return exitFor(rep, threshold, failOn, g.io.Err, !stdoutText)
}

// scanner scans references with one engine and one set of options.
type scanner struct {
	engine  *lint.Engine
	opts    image.Options
	scan    lint.ImageOptions
	timeout time.Duration
	jobs    int
	prog    *progress
}

// refResult is what scanning one reference produced: one result per image
// it holds, or the problem that stopped it.
type refResult struct {
	images   []lint.ImageResult
	problems []lint.Problem
}

// scanRefs scans up to sc.jobs references at once and returns the results
// in the order of refs, so the output does not depend on timing.
func (sc *scanner) scanRefs(ctx context.Context, refs []string) []refResult {
	results := make([]refResult, len(refs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(sc.jobs, len(refs)) {
		wg.Go(func() {
			for i := range next {
				results[i] = sc.scanRef(ctx, refs[i])
				sc.prog.finished(refs[i])
			}
		})
	}
	for i := range refs {
		next <- i
	}
	close(next)
	wg.Wait()
	return results
}

// scanRef opens every image a reference holds and scans each, within the
// time limit; a failure is a problem of that reference.
func (sc *scanner) scanRef(ctx context.Context, ref string) refResult {
	ctx, cancel := context.WithTimeout(ctx, sc.timeout)
	defer cancel()
	sc.prog.started(ref)
	timedOut := func(msg string) string {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Sprintf("timed out after %s (--timeout): %s", sc.timeout, msg)
		}
		return msg
	}
	var res refResult
	imgs, err := image.OpenAll(ctx, ref, sc.opts)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), ref+": ")
		res.problems = append(res.problems, lint.Problem{File: ref, Message: timedOut(msg)})
		return res
	}
	for _, im := range imgs {
		opts := sc.scan
		opts.Progress = func(layer, layers int) { sc.prog.layer(ref, layer, layers) }
		ir := sc.engine.ScanImage(ctx, im, opts)
		for i := range ir.Problems {
			ir.Problems[i].Message = timedOut(ir.Problems[i].Message)
		}
		res.images = append(res.images, ir)
	}
	return res
}

// readRefsFile reads one reference per line; blank lines and # comments
// are skipped. "-" reads standard input.
func readRefsFile(stdin io.Reader, path string) ([]string, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	var refs []string
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			refs = append(refs, line)
		}
	}
	return refs, sc.Err()
}

// parseShard reads "i/n" with 1 <= i <= n.
func parseShard(s string) (int, int, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(strings.TrimSpace(a))
	n, err2 := strconv.Atoi(strings.TrimSpace(b))
	if !ok || err1 != nil || err2 != nil || n < 1 || i < 1 || i > n {
		return 0, 0, fmt.Errorf("%q: want i/n with 1 <= i <= n, e.g. 2/4", s)
	}
	return i, n, nil
}

// shardRefs keeps every n-th reference starting with the i-th: the same
// list split the same way in every job, with shards at most one apart in
// size.
func shardRefs(refs []string, i, n int) []string {
	var out []string
	for k := i - 1; k < len(refs); k += n {
		out = append(out, refs[k])
	}
	return out
}

// progress shows, on a terminal's stderr, how far a batch has got. A nil
// *progress shows nothing, so callers need no checks.
type progress struct {
	mu        sync.Mutex
	w         io.Writer
	total     int
	finishedN int
	current   map[string]string
	order     []string
}

func newProgress(w io.Writer, total int) *progress {
	return &progress{w: w, total: total, current: map[string]string{}}
}

func (p *progress) started(ref string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current[ref] = "opening"
	p.order = append(p.order, ref)
	p.draw()
}

func (p *progress) layer(ref string, layer, layers int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.current[ref] = fmt.Sprintf("layer %d/%d", layer+1, layers)
	p.draw()
}

func (p *progress) finished(ref string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.current, ref)
	for i, r := range p.order {
		if r == ref {
			p.order = append(p.order[:i], p.order[i+1:]...)
			break
		}
	}
	p.finishedN++
	p.draw()
}

// draw rewrites one status line: the count and the oldest scan running.
func (p *progress) draw() {
	line := fmt.Sprintf("dockstride: %d/%d images", p.finishedN, p.total)
	if len(p.order) > 0 {
		ref := p.order[0]
		line += fmt.Sprintf(", scanning %s (%s)", ref, p.current[ref])
		if len(p.order) > 1 {
			line += fmt.Sprintf(" and %d more", len(p.order)-1)
		}
	}
	if len(line) > 120 {
		line = line[:117] + "..."
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s", line)
}

// done clears the status line before the report is written.
func (p *progress) done() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprint(p.w, "\r\x1b[K")
}
