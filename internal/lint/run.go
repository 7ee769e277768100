package lint

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/image"
	"github.com/dockstride/dockstride/rules"
)

// Request is one run of dockstride: what to read and how to judge it.
type Request struct {
	// Paths are files and directories; "-" is Stdin, at most once. A file
	// is linted as a Dockerfile whatever its name, unless it is a .yml or
	// .yaml file (a compose project) or a daemon.json. Directories are
	// walked for Dockerfiles, compose files and daemon.json.
	Paths []string
	// Stdin is read for "-", and reported as StdinName.
	Stdin     io.Reader
	StdinName string
	// Skip leaves folders and files out of the directory walks.
	Skip Skip
	// Images are image references to scan (see image.Open), and Catalogs
	// registries whose listed images are scanned after them.
	Images   []string
	Catalogs []image.Catalog
	// Shard, when its Count is set, scans only its part of the images.
	Shard Shard
	// Policy gives each input its options.
	Policy Policy
	// Image says how images are opened and scanned.
	Image ImageRun
	// OnRead, when set, is told the size of each input read, before it is
	// linted (the CLI sizes the heap by the largest): Dockerfiles, compose
	// files and daemon.json alike.
	OnRead func(size int64)
	// DaemonConfigs are Docker daemon configuration files to check
	// (--daemon-config), besides the daemon.json files the directories
	// hold.
	DaemonConfigs []string
	// RequireInput makes a run that finds nothing to lint under its paths
	// (no Dockerfile nor any other input) fail with a *NothingToLintError,
	// so a mistyped directory does not pass CI as a clean run.
	RequireInput bool
	// Fix, when set, makes the fixes it allows in each file read (see
	// Engine.FixContext): the findings are then those of the fixed text,
	// and Results.Fixed holds what changed. Nothing is written.
	Fix *FixMode
	// ShowFixes builds the fixes of the findings (Finding.Fix) without
	// applying them, for formats that show them; building them costs
	// time, so a plain lint leaves them out.
	ShowFixes bool
}

// ImageRun says how a run opens and scans images.
type ImageRun struct {
	Open image.Options
	Scan ImageOptions
	// Timeout bounds each reference: opening, downloading and scanning.
	Timeout time.Duration
	// Jobs is how many references are scanned at once (default 4).
	Jobs int
	// Progress, when set, hears how far the scans have got.
	Progress Progress
}

// Progress hears how far a run's image scans have got. Its methods are
// called from several goroutines.
type Progress interface {
	// Listed says how many references will be scanned, once known.
	Listed(refs int)
	Started(ref string)
	Layer(ref string, layer, layers int)
	Finished(ref string)
}

// Policy gives each input the options it is judged with: the nearest
// configuration file's, with the environment and flags on top. Inputs given
// the same *Options share one engine.
type Policy interface {
	// Options returns the options for the input at path; "" asks for the
	// run's own (images, and standard input without a name).
	Options(path string) (*Options, error)
}

// Results are what a run found, in the order of its inputs.
type Results struct {
	Findings   []rules.Finding
	Suppressed []Suppressed
	// Problems are inputs that could not be read, parsed or scanned in
	// full, sorted by file and line.
	Problems []Problem
	// Rules are every rule that ran on some input, sorted by ID.
	Rules []*rules.Rule
	// Inputs name the files and images, in the order given.
	Inputs []string
	// Files and Images count them, those that could not be read included
	// (an image reference that could not be opened counts as one image).
	Files, Images int
	// Skipped are the files passed over, each with why (a file found by
	// its name that is not text); they do not fail the run.
	Skipped []Problem
	// Shard says which part of the images a sharded run scanned.
	Shard *ShardInfo
	// Fixed are the inputs a Request.Fix changed, in input order.
	Fixed []Fixed
}

// DefaultImageJobs is how many images a run scans at once unless told.
const DefaultImageJobs = 4

// Run discovers the inputs of req, lints and scans them with the options
// its Policy gives each, and returns every finding and problem in input
// order, whatever the parallelism: files GOMAXPROCS at a time, images
// Image.Jobs at a time. A cancelled ctx stops the run (ShellCheck
// processes included) and Run returns ctx's error. The error is otherwise
// a configuration error; unreadable or broken inputs are Problems.
func Run(ctx context.Context, req Request) (*Results, error) {
	inputs, runtimeFiles, problems, err := collectInputs(req)
	if err != nil {
		return nil, err
	}
	markFound(inputs, req)
	engines := engineCache{policy: req.Policy}
	// Runtime configuration (runtime.go): the compose projects are loaded
	// first, since their services name Dockerfiles to lint with their
	// build context.
	rt, err := loadRuntime(ctx, &engines, runtimeFiles, req.Fix, req.ShowFixes, req.OnRead)
	if err != nil {
		return nil, err
	}
	inputs, builds := rt.withBuilds(inputs)

	res := &Results{Problems: problems, Files: len(inputs)}
	perInput := make([]*Engine, len(inputs))
	for i, in := range inputs {
		res.Inputs = append(res.Inputs, in.Path)
		if perInput[i], err = engines.forPath(in.Path); err != nil {
			return nil, err
		}
		if builds[i] != nil {
			perInput[i] = rt.engineFor(perInput[i], builds[i])
		}
	}
	refs, listProblems, shard := req.imageRefs(ctx)
	res.Problems, res.Shard = append(res.Problems, listProblems...), shard
	var imageEngine *Engine
	if len(refs) > 0 || len(inputs) == 0 {
		// No input at all: the run's rules still say what would have run.
		if imageEngine, err = engines.forPath(""); err != nil {
			return nil, err
		}
	}
	if req.OnRead != nil {
		inputs = reportReads(inputs, req.OnRead)
	}
	results := make([]Result, len(inputs))
	models := make([]*dockerfile.File, len(inputs))
	fixed := make([]*Fixed, len(inputs))
	forEach(ctx, len(inputs), runtime.GOMAXPROCS(0), func(i int) {
		results[i], models[i], fixed[i] = perInput[i].lintInput(ctx, inputs[i], builds[i] != nil, req.Fix, req.ShowFixes)
	})
	if req.Fix != nil && ctx.Err() == nil {
		// The compose projects are fixed once their Dockerfiles are
		// (fix_run.go), and a Dockerfile whose context they changed is
		// linted again.
		rt.fixComposes(ctx, *req.Fix, fixedBuilds(fixed, builds))
		relintBuilds(ctx, rt, inputs, builds, perInput, results, models, fixed)
	}
	// Application code: what the Dockerfiles ship, directories without
	// one, Python files named (code_run.go).
	code, err := lintCode(ctx, req, inputs, results, perInput, &engines)
	if err != nil {
		return nil, err
	}
	for _, r := range code {
		res.Inputs = append(res.Inputs, r.File)
	}
	res.Files += len(code)
	results = append(results, code...)
	var scans []refScan
	if len(refs) > 0 {
		if req.Image.Progress != nil {
			req.Image.Progress.Listed(len(refs))
		}
		scans = scanRefs(ctx, imageEngine, refs, req.Image)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var built []builtDockerfile
	for i, bd := range builds {
		if bd != nil {
			built = append(built, builtDockerfile{&results[i], models[i], bd})
		}
	}
	correlate(built, rt.composes)
	runtimeResults, runtimeInputs := rt.results()
	res.Files += len(runtimeInputs)
	res.Inputs = append(res.Inputs, runtimeInputs...)
	all := append(results, runtimeResults...)
	// Sized once: appending 14,000 findings of 200 bytes grew the slice
	// (and copied it) a dozen times.
	var nf, ns, withFindings, only int
	for i, r := range all {
		nf += len(r.Findings)
		ns += len(r.Suppressed)
		if len(r.Findings) > 0 {
			withFindings, only = withFindings+1, i
		}
	}
	// When one file has all the findings (the 50,000-line one, say), its
	// slice is taken as it is rather than copied.
	handOver := withFindings == 1 && len(scans) == 0
	if nf > 0 && !handOver {
		res.Findings = make([]rules.Finding, 0, nf)
	}
	if ns > 0 {
		res.Suppressed = make([]Suppressed, 0, ns)
	}
	for i, r := range all {
		// The per-file slices are garbage once copied.
		all[i] = Result{}
		if i < len(fixed) && fixed[i] != nil {
			res.Fixed = append(res.Fixed, *fixed[i])
		}
		if handOver && i == only {
			res.Findings = r.Findings
		} else {
			res.Findings = append(res.Findings, r.Findings...)
		}
		res.Suppressed = append(res.Suppressed, r.Suppressed...)
		res.Problems = append(res.Problems, r.Problems...)
		if r.Skipped != nil {
			res.Skipped = append(res.Skipped, *r.Skipped)
			res.Files--
			res.Inputs = slices.DeleteFunc(res.Inputs, func(p string) bool { return p == r.File })
		}
	}
	res.Fixed = append(res.Fixed, rt.fixedFiles()...)
	for i, s := range scans {
		res.Problems = append(res.Problems, s.problems...)
		if len(s.images) == 0 {
			// A reference that could not be opened is still an image
			// input, as an unreadable file is a file input: the summary
			// of an image run speaks of images.
			res.Images++
			res.Inputs = append(res.Inputs, req.Images[i])
		}
		for _, ir := range s.images {
			res.Images++
			res.Inputs = append(res.Inputs, ir.Image)
			res.Findings = append(res.Findings, ir.Findings...)
			res.Problems = append(res.Problems, ir.Problems...)
		}
	}
	SortProblems(res.Problems)
	res.Rules = engines.rules()
	if req.RequireInput && len(res.Problems) == 0 && len(res.Inputs) == 0 {
		return nil, &NothingToLintError{Paths: req.Paths, Skipped: res.Skipped}
	}
	return res, nil
}

// NothingToLintError is a run that found nothing to lint under its paths
// when the request required some (Request.RequireInput).
type NothingToLintError struct {
	Paths []string
	// Skipped are the files found by name but passed over.
	Skipped []Problem
}

func (e *NothingToLintError) Error() string {
	msg := fmt.Sprintf("no Dockerfile or other input found under %s; pass a file, or --allow-empty to accept an empty run", strings.Join(e.Paths, ", "))
	if len(e.Skipped) > 0 {
		msg += fmt.Sprintf(" (%d skipped: %s)", len(e.Skipped), e.Skipped[0])
	}
	return msg
}

// markFound marks the inputs a directory walk picked by name: those that are
// neither one of the paths the request names nor its standard input.
func markFound(inputs []Input, req Request) {
	given := make(map[string]bool, len(req.Paths))
	for _, p := range req.Paths {
		given[p] = true
		if p == "-" {
			given[cmp.Or(req.StdinName, "-")] = true
		}
	}
	for i := range inputs {
		inputs[i].Found = !given[inputs[i].Path]
	}
}

// collectInputs turns the request's paths into inputs: standard input, the
// files named and the Dockerfiles found under the directories, and the
// runtime configuration beside them.
func collectInputs(req Request) ([]Input, runtimeFiles, []Problem, error) {
	var inputs []Input
	var paths []string
	stdinUsed := false
	for _, a := range req.Paths {
		if a != "-" {
			paths = append(paths, a)
			continue
		}
		if stdinUsed {
			return nil, runtimeFiles{}, nil, fmt.Errorf("standard input (-) given twice")
		}
		stdinUsed = true
		src, err := io.ReadAll(io.LimitReader(req.Stdin, MaxFileBytes+1))
		in := Input{Path: cmp.Or(req.StdinName, "-"), Src: src, Err: err, Stdin: true}
		if err == nil && len(src) > MaxFileBytes {
			in.Src, in.Err = nil, fmt.Errorf("standard input is larger than 32 MiB")
		}
		inputs = append(inputs, in)
	}
	// Python files named on the command line are application code
	// (code_run.go), not Dockerfiles.
	paths, _ = splitCodePaths(paths)
	found, problems := discover(paths, req.Skip)
	for _, p := range req.DaemonConfigs {
		found.runtime.addDaemon(p)
	}
	return append(inputs, openFiles(found.dockerfiles)...), found.runtime, problems, nil
}

// reportReads wraps each input's Load so onRead hears the size of every
// input read; inputs already in memory are told at once.
func reportReads(inputs []Input, onRead func(int64)) []Input {
	out := slices.Clone(inputs)
	for i := range out {
		if out[i].Src != nil {
			onRead(int64(len(out[i].Src)))
		}
		if load := out[i].Load; load != nil {
			out[i].Load = func() ([]byte, error) {
				src, err := load()
				onRead(int64(len(src)))
				return src, err
			}
		}
	}
	return out
}

// engineCache builds one engine per distinct *Options the policy hands out.
type engineCache struct {
	policy  Policy
	byOpts  map[*Options]*Engine
	ordered []*Engine
}

func (c *engineCache) forPath(path string) (*Engine, error) {
	opts, err := c.policy.Options(path)
	if err != nil {
		return nil, err
	}
	if e, ok := c.byOpts[opts]; ok {
		return e, nil
	}
	if c.byOpts == nil {
		c.byOpts = map[*Options]*Engine{}
	}
	e := New(*opts)
	c.byOpts[opts] = e
	c.ordered = append(c.ordered, e)
	return e, nil
}

// rules lists every rule some engine ran, sorted by ID.
func (c *engineCache) rules() []*rules.Rule {
	seen := map[*rules.Rule]bool{}
	var all []*rules.Rule
	for _, e := range c.ordered {
		for _, r := range e.Rules() {
			if !seen[r] {
				seen[r] = true
				all = append(all, r)
			}
		}
	}
	slices.SortFunc(all, func(a, b *rules.Rule) int { return strings.Compare(a.ID, b.ID) })
	return all
}

// forEach calls fn(0) … fn(n-1) on up to workers goroutines and returns
// when all calls have; once ctx is done no further call starts. Callers
// keep order by writing result i to slot i.
func forEach(ctx context.Context, n, workers int, fn func(i int)) {
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			if ctx.Err() != nil {
				return
			}
			fn(i)
		}
		return
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	defer func() {
		close(next)
		wg.Wait()
	}()
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			return
		}
	}
}

// refScan is what scanning one reference produced: one result per image
// it holds, or the problem that stopped it.
type refScan struct {
	images   []ImageResult
	problems []Problem
}

// scanRefs scans the references, run.Jobs at once, each within
// run.Timeout, in the order given.
func scanRefs(ctx context.Context, e *Engine, refs []string, run ImageRun) []refScan {
	out := make([]refScan, len(refs))
	jobs := cmp.Or(run.Jobs, DefaultImageJobs)
	forEach(ctx, len(refs), jobs, func(i int) {
		out[i] = e.scanRef(ctx, refs[i], run)
	})
	return out
}

// scanRef opens every image a reference holds and scans each, within the
// time limit; a failure is a problem of that reference.
func (e *Engine) scanRef(ctx context.Context, ref string, run ImageRun) refScan {
	if run.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, run.Timeout)
		defer cancel()
	}
	if run.Progress != nil {
		run.Progress.Started(ref)
		defer run.Progress.Finished(ref)
	}
	timedOut := func(msg string) string {
		if ctx.Err() == context.DeadlineExceeded {
			return fmt.Sprintf("timed out after %s (--timeout): %s", run.Timeout, msg)
		}
		return msg
	}
	var res refScan
	imgs, err := image.OpenAll(ctx, ref, run.Open)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), ref+": ")
		res.problems = append(res.problems, Problem{File: ref, Message: timedOut(msg)})
		return res
	}
	for _, im := range imgs {
		opts := run.Scan
		if run.Progress != nil {
			opts.Progress = func(layer, layers int) { run.Progress.Layer(ref, layer, layers) }
		}
		ir := e.ScanImage(ctx, im, opts)
		for i := range ir.Problems {
			ir.Problems[i].Message = timedOut(ir.Problems[i].Message)
		}
		res.images = append(res.images, ir)
	}
	return res
}

// FixedPolicy judges every input with the same options: for callers
// without configuration files (tests, benchmarks, library users).
func FixedPolicy(opts Options) Policy { return fixedPolicy{&opts} }

type fixedPolicy struct{ opts *Options }

func (p fixedPolicy) Options(string) (*Options, error) { return p.opts, nil }
