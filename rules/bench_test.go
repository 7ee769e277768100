package rules_test

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/dockstride/dockstride/internal/dockerfile"
	"github.com/dockstride/dockstride/internal/testcorpus"
	"github.com/dockstride/dockstride/rules"
)

// benchFiles parses the shared corpus once (the rule fixtures when it is
// absent), so the benchmarks below time the rules alone.
func benchFiles(b *testing.B) []*dockerfile.File {
	b.Helper()
	var paths []string
	if dir, ok := testcorpus.Dir(); ok {
		all, err := testcorpus.Files(dir)
		if err != nil {
			b.Fatal(err)
		}
		paths = all
	} else {
		paths, _ = filepath.Glob(filepath.Join(fixtureRoot, "*", "*.Dockerfile"))
	}
	var files []*dockerfile.File
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		if f, err := dockerfile.Parse(p, src); err == nil {
			files = append(files, f)
		}
	}
	return files
}

// runRules dispatches the Dockerfile checks of rs over f as the engine does
// (instructions by kind, ONBUILD triggers, stages, the file), without the
// engine's suppressions, sorting and panic guard.
func runRules(rs []*rules.Rule, f *dockerfile.File, settings *rules.Settings) int {
	n := 0
	report := func(rules.Finding) { n++ }
	for _, r := range rs {
		p := &rules.Pass{Rule: r, File: f, Settings: settings, Report: report}
		for _, c := range r.Checks {
			switch c := c.(type) {
			case rules.InstructionCheck:
				for _, in := range f.Instructions {
					visit(c, p, in)
					if ob, ok := in.(*dockerfile.Onbuild); ok && ob.Inner != nil {
						visit(c, p, ob.Inner)
					}
				}
			case rules.StageCheck:
				for _, s := range f.Stages {
					c.Check(p, s)
				}
			case rules.FileCheck:
				c.Check(p, f)
			}
		}
	}
	return n
}

func visit(c rules.InstructionCheck, p *rules.Pass, in dockerfile.Instruction) {
	if slices.Contains(c.Kinds, in.Kind()) {
		c.Check(p, in)
	}
}

// family groups rules by the thousands digit of their ID, as DESIGN.md
// assigns them: 1xxx syntax and hygiene, 2xxx base image and supply chain,
// 3xxx package managers and RUN, 4xxx users, 5xxx secrets, 6xxx network
// and runtime.
func family(r *rules.Rule) string {
	names := map[byte]string{'1': "1xxx-syntax", '2': "2xxx-supplychain", '3': "3xxx-packages", '4': "4xxx-user", '5': "5xxx-secrets", '6': "6xxx-runtime"}
	if len(r.ID) > 3 {
		if n, ok := names[r.ID[3]]; ok {
			return n
		}
	}
	return "other"
}

// BenchmarkRuleFamily times each rule family over the parsed corpus (one op
// is one pass over every file), so a slow rule shows as a slow family;
// BenchmarkRule then names it. ShellCheck (DKS3900) runs an external
// program and is off here, as Settings.ShellCheck is empty.
func BenchmarkRuleFamily(b *testing.B) {
	files := benchFiles(b)
	byFamily := map[string][]*rules.Rule{}
	for _, r := range rules.All() {
		byFamily[family(r)] = append(byFamily[family(r)], r)
	}
	var names []string
	for n := range byFamily {
		names = append(names, n)
	}
	sort.Strings(names)
	names = append(names, "all")
	byFamily["all"] = rules.All()
	settings := &rules.Settings{}
	for _, name := range names {
		rs := byFamily[name]
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := testcorpus.CPUTime()
			for b.Loop() {
				for _, f := range files {
					runRules(rs, f, settings)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(files)*b.N), "ns/file")
			b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(len(files)*b.N), "cpu-ns/file")
			b.ReportMetric(float64(len(rs)), "rules")
		})
	}
}

// BenchmarkRule times each rule alone: go test -bench 'Rule/DKS3' ./rules.
func BenchmarkRule(b *testing.B) {
	files := benchFiles(b)
	settings := &rules.Settings{}
	for _, r := range rules.All() {
		rs := []*rules.Rule{r}
		b.Run(r.ID, func(b *testing.B) {
			b.ReportAllocs()
			cpu := testcorpus.CPUTime()
			for b.Loop() {
				for _, f := range files {
					runRules(rs, f, settings)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(len(files)*b.N), "ns/file")
			b.ReportMetric(float64((testcorpus.CPUTime()-cpu).Nanoseconds())/float64(len(files)*b.N), "cpu-ns/file")
		})
	}
}
