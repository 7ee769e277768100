package precision

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dockstride/dockstride/internal/cli"
	"github.com/dockstride/dockstride/internal/testcorpus"
)

var (
	closeFixed = flag.Bool("close-fixed", false, "TestPrecision: rewrite testdata/precision/verdicts.jsonl, marking fixed the open false positives no longer reported")
	runJSON    = flag.String("run-json", "", "TestPrecisionOfRun: a `--format json` report of a corpus run (file paths relative to the corpus folder)")
	runSARIF   = flag.String("run-sarif", "", "TestPrecisionOfRun: the SARIF report of the same run, for fingerprints (optional)")
	listRest   = flag.Bool("list-not-tp", false, "TestPrecision, TestPrecisionOfRun: list the judged noise and false positives still reported at warning or error, for planning the next fix")
)

// verdictsPath is verdicts.jsonl from this package's folder.
var verdictsPath = filepath.Join("..", "..", "testdata", "precision", "verdicts.jsonl")

// judgedShellCheck is the ShellCheck version the DKS3900 verdicts were
// judged with: another version reports other codes, so its run is not
// compared with them.
const judgedShellCheck = "version: 0.9.0"

func TestVerdictsFile(t *testing.T) {
	raw, err := os.ReadFile(verdictsPath)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := Load(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var canon bytes.Buffer
	if err := Encode(&canon, recs); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(canon.Bytes(), raw) {
		t.Errorf("%s is not in canonical form (one compact record a line, in Record's field order); rewrite it with -close-fixed", verdictsPath)
	}
	perRule := map[string]int{}
	for _, r := range recs {
		if r.Sample == SampleRandom {
			perRule[r.Rule]++
		}
		if !strings.HasPrefix(r.File, "dockerfiles/") {
			t.Errorf("%s: file is not relative to the corpus folder", r.File)
		}
	}
	t.Logf("%d verdicts, %d rules sampled", len(recs), len(perRule))
}

// TestPrecision lints the judged corpus files through the CLI, as the
// verdicts were judged, and compares.
func TestPrecision(t *testing.T) {
	dir, ok := testcorpus.Dir()
	if !ok {
		t.Skip("shared corpus not found (set " + testcorpus.EnvVar + ")")
	}
	recs, err := LoadFile(verdictsPath)
	if err != nil {
		t.Fatal(err)
	}
	verdicts, err := filepath.Abs(verdictsPath)
	if err != nil {
		t.Fatal(err)
	}
	checked := recs
	if raceEnabled {
		// The race detector adds nothing to a functional measure; keep
		// the guard on the false positives and leave the tables to runs
		// without it. Every record of those files is matched, so a
		// sibling finding whose occurrence index moved is claimed by its
		// own record, not taken for the false positive.
		guarded := map[string]bool{}
		for _, r := range recs {
			if r.Verdict == FP {
				guarded[r.File] = true
			}
		}
		checked = nil
		for _, r := range recs {
			if guarded[r.File] {
				checked = append(checked, r)
			}
		}
	}
	var plain, shell []Record
	for _, r := range checked {
		if r.Rule == "DKS3900" {
			shell = append(shell, r)
		} else {
			plain = append(plain, r)
		}
	}
	t.Chdir(dir)
	outcomes := Match(plain, lintFiles(t, filesOf(plain), "off"))
	if sc := shellCheckAsJudged(t); sc != "" {
		outcomes = append(outcomes, Match(shell, lintFiles(t, filesOf(shell), sc))...)
	} else {
		t.Logf("%d DKS3900 verdicts not checked", len(shell))
	}

	if !raceEnabled {
		report(t, recs, outcomes)
	}
	if *closeFixed {
		// The outcomes point into copies of recs: carry the change over.
		t.Logf("closed %d fixed false positives", CloseFixed(outcomes))
		closed := map[string]bool{}
		for _, o := range outcomes {
			if o.Record.Verdict == FP && !o.Record.Open {
				closed[o.Record.key()] = true
			}
		}
		for i := range recs {
			if closed[recs[i].key()] {
				recs[i].Open = false
			}
		}
		var b bytes.Buffer
		if err := Encode(&b, recs); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(verdicts, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range Check(outcomes) {
		t.Error(p)
	}
}

// TestPrecisionOfRun measures a run made elsewhere (-run-json, and
// -run-sarif for exact matching), for instance with another binary.
func TestPrecisionOfRun(t *testing.T) {
	if *runJSON == "" {
		t.Skip("no -run-json report given")
	}
	recs, err := LoadFile(verdictsPath)
	if err != nil {
		t.Fatal(err)
	}
	fs := readRunFiles(t, *runJSON, *runSARIF)
	report(t, recs, Match(recs, fs))
}

// report logs the tables before and now, and the open false positives
// still reported, grouped by shape.
func report(t *testing.T, recs []Record, outcomes []Outcome) {
	t.Helper()
	var b strings.Builder
	b.WriteString("precision as judged (random sample, severity when judged):\n")
	if err := AsJudged(recs).Write(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString("\nprecision now (the same findings, at this run's severity):\n")
	if err := Now(outcomes).Write(&b); err != nil {
		t.Fatal(err)
	}
	byShape := map[string][]string{}
	for _, o := range OpenFPs(outcomes) {
		r := o.Record
		byShape[r.Rule+" "+r.Shape] = append(byShape[r.Rule+" "+r.Shape], r.File+":"+strconv.Itoa(r.Line))
	}
	shapes := make([]string, 0, len(byShape))
	for s := range byShape {
		shapes = append(shapes, s)
	}
	slices.Sort(shapes)
	b.WriteString("\nknown false positives still reported (open), by rule and shape:\n")
	for _, s := range shapes {
		b.WriteString("  " + s + ": " + strconv.Itoa(len(byShape[s])) + ", e.g. " + byShape[s][0] + "\n")
	}
	if *listRest {
		b.WriteString("\nnoise and false positives still reported at warning or error:\n")
		for _, o := range outcomes {
			r := o.Record
			if r.Sample == SampleRandom && r.Verdict != TP && o.Finding != nil && isGate(o.Finding.Severity) {
				fmt.Fprintf(&b, "  %s %s %s %s:%d: %s | %s\n", r.Rule, o.Finding.Severity, r.Verdict, r.File, r.Line, o.Finding.Message, r.Reason)
			}
		}
	}
	t.Log("\n" + b.String())
}

// filesOf lists the distinct files the records judge, sorted.
func filesOf(recs []Record) []string {
	var fs []string
	for _, r := range recs {
		fs = append(fs, r.File)
	}
	slices.Sort(fs)
	return slices.Compact(fs)
}

// lintFiles runs `dockstride lint` in-process on files (relative to the
// working directory, the corpus folder) with shellcheck set as
// DOCKSTRIDE_SHELLCHECK, and reads its JSON and SARIF reports. Exit code
// 2 is expected: some judged files do not parse (they are fixtures of
// other tools), and the run goes on past them.
func lintFiles(t *testing.T, files []string, shellcheck string) []Finding {
	t.Helper()
	out := t.TempDir()
	jsonPath, sarifPath := filepath.Join(out, "run.json"), filepath.Join(out, "run.sarif")
	args := append([]string{"lint", "--no-config", "--format", "json=" + jsonPath, "--format", "sarif=" + sarifPath}, files...)
	var stderr bytes.Buffer
	code := cli.Execute(context.Background(), args, cli.IO{
		In: strings.NewReader(""), Out: io.Discard, Err: &stderr,
		Getenv:     func(k string) string { return map[string]string{"DOCKSTRIDE_SHELLCHECK": shellcheck}[k] },
		IsTerminal: func(io.Writer) bool { return false },
	})
	if code != cli.ExitFindings && code != cli.ExitError {
		t.Fatalf("dockstride lint exited %d on %d judged files:\n%s", code, len(files), stderr.String())
	}
	return readRunFiles(t, jsonPath, sarifPath)
}

func readRunFiles(t *testing.T, jsonPath, sarifPath string) []Finding {
	t.Helper()
	rep, err := os.Open(jsonPath)
	if err != nil {
		t.Fatal(err)
	}
	defer rep.Close()
	var sarif io.Reader
	if sarifPath != "" {
		f, err := os.Open(sarifPath)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		sarif = f
	}
	fs, err := ReadRun(rep, sarif)
	if err != nil {
		t.Fatal(err)
	}
	return fs
}

// shellCheckAsJudged returns the shellcheck binary when it is the version
// the DKS3900 verdicts were judged with, else "" (and says why).
func shellCheckAsJudged(t *testing.T) string {
	path, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Log("shellcheck is not on PATH")
		return ""
	}
	out, err := exec.Command(path, "--version").Output()
	if err != nil || !strings.Contains(string(out), judgedShellCheck) {
		t.Logf("shellcheck at %s is not %q (%v)", path, judgedShellCheck, err)
		return ""
	}
	return path
}
